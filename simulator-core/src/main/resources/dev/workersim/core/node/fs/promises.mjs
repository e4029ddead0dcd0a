// node:fs/promises (nodejs_compat): workerd's names and constants. workerd backs them with a virtual
// file system (/bundle, /tmp); workersim has none yet, so each call rejects with an error that says
// so (README "Known differences").
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:fs/promises was loaded outside the workersim runtime");
const { nodeError } = node;

const unavailable = (name) => async function () {
  throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The fs.promises.${name} method is not implemented in workersim`);
};
export const constants = {"COPYFILE_EXCL": 1, "COPYFILE_FICLONE": 2, "COPYFILE_FICLONE_FORCE": 4, "EXTENSIONLESS_FORMAT_JAVASCRIPT": 0, "EXTENSIONLESS_FORMAT_WASM": 1, "F_OK": 0, "O_APPEND": 1024, "O_CREAT": 64, "O_DIRECT": 16384, "O_DIRECTORY": 65536, "O_DSYNC": 4096, "O_EXCL": 128, "O_NOATIME": 262144, "O_NOCTTY": 256, "O_NOFOLLOW": 131072, "O_NONBLOCK": 2048, "O_RDONLY": 0, "O_RDWR": 2, "O_SYNC": 1052672, "O_TRUNC": 512, "O_WRONLY": 1, "R_OK": 4, "S_IFBLK": 24576, "S_IFCHR": 8192, "S_IFDIR": 16384, "S_IFIFO": 4096, "S_IFLNK": 40960, "S_IFMT": 61440, "S_IFREG": 32768, "S_IFSOCK": 49152, "S_IRGRP": 32, "S_IROTH": 4, "S_IRUSR": 256, "S_IRWXG": 56, "S_IRWXO": 7, "S_IRWXU": 448, "S_IWGRP": 16, "S_IWOTH": 2, "S_IWUSR": 128, "S_IXGRP": 8, "S_IXOTH": 1, "S_IXUSR": 64, "UV_DIRENT_BLOCK": 7, "UV_DIRENT_CHAR": 6, "UV_DIRENT_DIR": 2, "UV_DIRENT_FIFO": 4, "UV_DIRENT_FILE": 1, "UV_DIRENT_LINK": 3, "UV_DIRENT_SOCKET": 5, "UV_DIRENT_UNKNOWN": 0, "UV_FS_COPYFILE_EXCL": 1, "UV_FS_COPYFILE_FICLONE": 2, "UV_FS_COPYFILE_FICLONE_FORCE": 4, "UV_FS_O_FILEMAP": 0, "UV_FS_SYMLINK_DIR": 1, "UV_FS_SYMLINK_JUNCTION": 2, "W_OK": 2, "X_OK": 1};
export class FileHandle {}
export const access = unavailable("access");
export const appendFile = unavailable("appendFile");
export const chmod = unavailable("chmod");
export const chown = unavailable("chown");
export const copyFile = unavailable("copyFile");
export const cp = unavailable("cp");
export const glob = unavailable("glob");
export const lchmod = unavailable("lchmod");
export const lchown = unavailable("lchown");
export const link = unavailable("link");
export const lstat = unavailable("lstat");
export const lutimes = unavailable("lutimes");
export const mkdir = unavailable("mkdir");
export const mkdtemp = unavailable("mkdtemp");
export const open = unavailable("open");
export const opendir = unavailable("opendir");
export const readFile = unavailable("readFile");
export const readdir = unavailable("readdir");
export const readlink = unavailable("readlink");
export const realpath = unavailable("realpath");
export const rename = unavailable("rename");
export const rm = unavailable("rm");
export const rmdir = unavailable("rmdir");
export const stat = unavailable("stat");
export const statfs = unavailable("statfs");
export const symlink = unavailable("symlink");
export const truncate = unavailable("truncate");
export const unlink = unavailable("unlink");
export const utimes = unavailable("utimes");
export const watch = unavailable("watch");
export const writeFile = unavailable("writeFile");
export default { FileHandle, constants, access, appendFile, chmod, chown, copyFile, cp, glob, lchmod, lchown, link, lstat, lutimes, mkdir, mkdtemp, open, opendir, readFile, readdir, readlink, realpath, rename, rm, rmdir, stat, statfs, symlink, truncate, unlink, utimes, watch, writeFile };
