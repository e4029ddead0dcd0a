// node:os (enable_nodejs_os_module, on with nodejs_compat from 2025-09-15): workerd's fixed answers
// for a machine a worker cannot see (no CPUs, no memory figures, an empty release), as measured under
// wrangler dev.
const node = globalThis.__workersimBuiltins?.node;
if (node === undefined) throw new Error("node:os was loaded outside the workersim runtime");
const { invalidArgType } = node;

export const constants = {"UV_UDP_REUSEADDR": 4, "dlopen": {"RTLD_LAZY": 1, "RTLD_NOW": 2, "RTLD_GLOBAL": 256, "RTLD_LOCAL": 0, "RTLD_DEEPBIND": 8}, "errno": {"E2BIG": 7, "EACCES": 13, "EADDRINUSE": 98, "EADDRNOTAVAIL": 99, "EAFNOSUPPORT": 97, "EAGAIN": 11, "EALREADY": 114, "EBADF": 9, "EBADMSG": 74, "EBUSY": 16, "ECANCELED": 125, "ECHILD": 10, "ECONNABORTED": 103, "ECONNREFUSED": 111, "ECONNRESET": 104, "EDEADLK": 35, "EDESTADDRREQ": 89, "EDOM": 33, "EDQUOT": 122, "EEXIST": 17, "EFAULT": 14, "EFBIG": 27, "EHOSTUNREACH": 113, "EIDRM": 43, "EILSEQ": 84, "EINPROGRESS": 115, "EINTR": 4, "EINVAL": 22, "EIO": 5, "EISCONN": 106, "EISDIR": 21, "ELOOP": 40, "EMFILE": 24, "EMLINK": 31, "EMSGSIZE": 90, "EMULTIHOP": 72, "ENAMETOOLONG": 36, "ENETDOWN": 100, "ENETRESET": 102, "ENETUNREACH": 101, "ENFILE": 23, "ENOBUFS": 105, "ENODATA": 61, "ENODEV": 19, "ENOENT": 2, "ENOEXEC": 8, "ENOLCK": 37, "ENOLINK": 67, "ENOMEM": 12, "ENOMSG": 42, "ENOPROTOOPT": 92, "ENOSPC": 28, "ENOSR": 63, "ENOSTR": 60, "ENOSYS": 38, "ENOTCONN": 107, "ENOTDIR": 20, "ENOTEMPTY": 39, "ENOTSOCK": 88, "ENOTSUP": 95, "ENOTTY": 25, "ENXIO": 6, "EOPNOTSUPP": 95, "EOVERFLOW": 75, "EPERM": 1, "EPIPE": 32, "EPROTO": 71, "EPROTONOSUPPORT": 93, "EPROTOTYPE": 91, "ERANGE": 34, "EROFS": 30, "ESPIPE": 29, "ESRCH": 3, "ESTALE": 116, "ETIME": 62, "ETIMEDOUT": 110, "ETXTBSY": 26, "EWOULDBLOCK": 11, "EXDEV": 18}, "signals": {"SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6, "SIGIOT": 6, "SIGBUS": 7, "SIGFPE": 8, "SIGKILL": 9, "SIGUSR1": 10, "SIGSEGV": 11, "SIGUSR2": 12, "SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15, "SIGCHLD": 17, "SIGSTKFLT": 16, "SIGCONT": 18, "SIGSTOP": 19, "SIGTSTP": 20, "SIGTTIN": 21, "SIGTTOU": 22, "SIGURG": 23, "SIGXCPU": 24, "SIGXFSZ": 25, "SIGVTALRM": 26, "SIGPROF": 27, "SIGWINCH": 28, "SIGIO": 29, "SIGPOLL": 29, "SIGPWR": 30, "SIGSYS": 31}, "priority": {"PRIORITY_LOW": 19, "PRIORITY_BELOW_NORMAL": 10, "PRIORITY_NORMAL": 0, "PRIORITY_ABOVE_NORMAL": -7, "PRIORITY_HIGH": -14, "PRIORITY_HIGHEST": -20}};
export const EOL = "\n";
export const devNull = "/dev/null";
export function availableParallelism() { return 1; }
export function arch() { return "x64"; }
export function cpus() { return []; }
export function endianness() { return "LE"; }
export function freemem() { return 0; }
export function totalmem() { return 0; }
export function getPriority() { return 0; }
export function setPriority(pid, priority) {
  // workerd checks both arguments and changes nothing (there is no process priority to set).
  if (typeof pid !== "number") throw invalidArgType("pid", "of type number", pid);
  if (typeof priority !== "number") throw invalidArgType("priority", "of type number", priority);
}
export function homedir() { return "/tmp/"; }
export function tmpdir() { return "/tmp/"; }
export function hostname() { return "localhost"; }
export function loadavg() { return [0, 0, 0]; }
export function machine() { return "x86_64"; }
export function networkInterfaces() { return {}; }
export function platform() { return "linux"; }
export function release() { return ""; }
export function version() { return ""; }
export function type() { return "Linux"; }
export function uptime() { return 0; }
export function userInfo() { return {}; }
export default { EOL, devNull, constants, availableParallelism, arch, cpus, endianness, freemem, getPriority, homedir,
  hostname, loadavg, machine, networkInterfaces, platform, release, setPriority, tmpdir, totalmem, type, uptime,
  userInfo, version };
