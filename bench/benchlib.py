#!/usr/bin/env python3
"""Helpers for bench/run.sh and bench/soak.sh: /proc sampling, wrk parsing, summaries, tables.

Subcommands (all output on stdout):
  pids ROOT                   live (non-zombie) pids of ROOT's process tree, ROOT first
  rss ROOT                    "TOTAL_KIB name:kib,name:kib" summed over the tree (VmRSS)
  cpu ROOT                    CPU ticks (utime+stime, 1/CLK_TCK s) summed over the live tree
  alive PID...                exit 0 when at least one PID is alive and not a zombie
  owns-port ROOT PORT         exit 0 when ROOT's tree holds the socket listening on PORT
  busy [PID]                  machine-wide CPU busy % over one second (/proc/stat), minus PID's tree
  sample ROOT INTERVAL FILE [OWN_ROOT]
                              append "epoch_ms total_kib [foreign_busy_pct]" every INTERVAL s until
                              SIGTERM or ROOT exits (foreign = CPU not used by OWN_ROOT's tree)
  report RUN_DIR [JSONL]      summarise a run directory, print markdown, append JSON lines
  soak-report DIR [JSONL]     summarise a soak directory, print markdown, append a JSON line
"""
import json
import os
import re
import signal
import statistics
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- /proc
def proc_table():
    """pid -> (ppid, state, comm) for every process currently in /proc."""
    table = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
        except OSError:
            continue
        # comm may contain spaces and parentheses: split at the last ')'
        lp, rp = s.index("("), s.rindex(")")
        comm = s[lp + 1:rp]
        rest = s[rp + 2:].split()
        table[int(d)] = (int(rest[1]), rest[0], comm)
    return table


def tree_pids(root):
    table = proc_table()
    if root not in table:
        return []
    children = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    out, stack = [], [root]
    while stack:
        p = stack.pop()
        if table.get(p, (0, "Z", ""))[1] != "Z":
            out.append(p)
        stack.extend(sorted(children.get(p, []), reverse=True))
    return out


def status_kib(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def comm_of(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def tree_rss(root):
    total, by = 0, {}
    for p in tree_pids(root):
        r = status_kib(p, "VmRSS")
        if not r:
            continue
        total += r
        c = comm_of(p)
        by[c] = by.get(c, 0) + r
    return total, by


def tree_cpu(root, with_children=False):
    """utime+stime of the live tree; with_children also adds cutime+cstime (reaped descendants)."""
    ticks = 0
    for p in tree_pids(root):
        try:
            with open(f"/proc/{p}/stat") as f:
                s = f.read()
            rest = s[s.rindex(")") + 2:].split()
            ticks += int(rest[11]) + int(rest[12])  # utime, stime
            if with_children:
                ticks += int(rest[13]) + int(rest[14])  # cutime, cstime
        except (OSError, ValueError, IndexError):
            pass
    return ticks


def machine_ticks():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return sum(v), v[3] + v[4]


def listen_inodes(port):
    """inodes of the sockets listening on TCP `port` (IPv4 and IPv6)."""
    out = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(name) as f:
                next(f)
                for line in f:
                    p = line.split()
                    if p[3] == "0A" and int(p[1].rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                        out.add(p[9])
        except OSError:
            pass
    return out


def owns_port(root, port):
    """True when a process in root's tree holds the socket listening on `port`."""
    inodes = listen_inodes(port)
    if not inodes:
        return False
    for pid in tree_pids(root):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    link = os.readlink(f"/proc/{pid}/fd/{fd}")
                except OSError:
                    continue
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return True
        except OSError:
            pass
    return False


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
        return s[s.rindex(")") + 2] != "Z"
    except OSError:
        return False


def cpu_busy(interval=1.0, exclude_root=None):
    """Machine-wide CPU busy % over `interval`, not counting the process tree of exclude_root."""
    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:9]]
        own = tree_cpu(exclude_root) if exclude_root else 0
        return sum(v), v[3] + v[4], own
    t0, i0, o0 = snap()
    time.sleep(interval)
    t1, i1, o1 = snap()
    tot = t1 - t0
    busy = (tot - (i1 - i0)) - max(0, o1 - o0) * 100 / CLK_TCK  # /proc/stat is in USER_HZ (100)
    return max(0, round(100.0 * busy / tot)) if tot > 0 else 0


def sample(root, interval, path, own_root=None):
    """Every `interval` s: "epoch_ms rss_kib [foreign_pct]". foreign_pct is the machine's CPU busy %
    since the previous sample that does not belong to own_root's tree (the benchmark script, its
    wrk and its servers): load from other processes that may skew the measurement."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    nxt = time.time()
    prev = None
    with open(path, "a") as f:
        while not stop and alive(root):
            total, _ = tree_rss(root)
            extra = ""
            if own_root:
                tot, idle = machine_ticks()
                own = tree_cpu(own_root, with_children=True) * 100 / CLK_TCK
                if prev:
                    dt = tot - prev[0]
                    busy = dt - (idle - prev[1]) - (own - prev[2])
                    extra = f" {max(0, round(100.0 * busy / dt)) if dt > 0 else 0}"
                prev = (tot, idle, own)
            f.write(f"{int(time.time() * 1000)} {total}{extra}\n")
            f.flush()
            nxt += interval  # fixed rate: a slow /proc scan does not stretch the period
            time.sleep(max(0.0, nxt - time.time()))


# ---------------------------------------------------------------- wrk
def to_ms(v):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", v)
    if not m:
        return None
    n, u = float(m.group(1)), m.group(2)
    return {"us": n / 1000, "ms": n, "s": n * 1000, "m": n * 60000}[u]


def parse_wrk(path):
    r = {"file": os.path.basename(path), "rps": None, "p50_ms": None, "p99_ms": None,
         "requests": 0, "non2xx": 0, "socket_errors": 0, "timeouts": 0}
    try:
        text = open(path).read()
    except OSError:
        return r
    for line in text.splitlines():
        s = line.split()
        if line.startswith("Requests/sec:"):
            r["rps"] = float(s[1])
        elif s[:1] == ["50%"]:
            r["p50_ms"] = to_ms(s[1])
        elif s[:1] == ["99%"]:
            r["p99_ms"] = to_ms(s[1])
        elif "requests in" in line:
            r["requests"] = int(s[0])
        elif "Non-2xx or 3xx responses:" in line:
            r["non2xx"] = int(s[-1])
        elif line.strip().startswith("Socket errors:"):
            nums = [int(x) for x in re.findall(r"(\d+)", line)]
            r["socket_errors"] = sum(nums)
            r["timeouts"] = nums[3] if len(nums) > 3 else 0
    return r


# ---------------------------------------------------------------- run summaries
def read_env(path):
    d = {}
    try:
        for line in open(path):
            line = line.rstrip("\n")
            if "=" in line and not line.startswith("#"):
                k, v = line.split("=", 1)
                d[k] = v
    except OSError:
        pass
    return d


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def summarise_target(tdir):
    meta = read_env(os.path.join(tdir, "meta.env"))
    s = {"label": meta.get("label", os.path.basename(tdir)), "meta": meta}
    if os.path.exists(os.path.join(tdir, "skipped.txt")):
        s["skipped"] = open(os.path.join(tdir, "skipped.txt")).read().strip()
    # cold start
    cold, cold_fail = [], []
    try:
        for line in open(os.path.join(tdir, "cold.txt")):
            line = line.strip()
            if re.fullmatch(r"\d+", line):
                cold.append(int(line))
            elif line:
                cold_fail.append(line)
    except OSError:
        pass
    s["cold_ms_runs"] = cold
    s["cold_failures"] = cold_fail
    s["cold_ms"] = med(cold)
    prime = read_env(os.path.join(tdir, "prime.env"))
    s["first_start_ms"] = int(prime["ms"]) if prime.get("ms", "").isdigit() else None
    # throughput
    runs = []
    i = 1
    while os.path.exists(os.path.join(tdir, f"wrk.run{i}.txt")):
        runs.append(parse_wrk(os.path.join(tdir, f"wrk.run{i}.txt")))
        i += 1
    s["runs"] = runs
    s["warmup"] = parse_wrk(os.path.join(tdir, "wrk.warmup.txt")) if os.path.exists(
        os.path.join(tdir, "wrk.warmup.txt")) else None
    s["rps"] = med([r["rps"] for r in runs])
    s["p50_ms"] = med([r["p50_ms"] for r in runs])
    s["p99_ms"] = med([r["p99_ms"] for r in runs])
    s["requests"] = sum(r["requests"] for r in runs)
    s["non2xx"] = sum(r["non2xx"] for r in runs) + (s["warmup"]["non2xx"] if s["warmup"] else 0)
    s["socket_errors"] = sum(r["socket_errors"] for r in runs) + (
        s["warmup"]["socket_errors"] if s["warmup"] else 0)
    idle = read_env(os.path.join(tdir, "idle.env"))
    s["idle_rss_mib"] = round(int(idle["total_kib"]) / 1024, 1) if idle.get("total_kib") else None
    s["idle_rss_by"] = idle.get("by")
    peak = None
    s["foreign_busy_pct_during_runs"] = None
    try:
        rows = [l.split() for l in open(os.path.join(tdir, "samples.txt")) if l.strip()]
        vals = [int(r[1]) for r in rows]
        peak = max(vals) if vals else None
        s["rss_samples"] = len(vals)
        fb = [int(r[2]) for r in rows if len(r) > 2]
        s["foreign_busy_pct_during_runs"] = round(statistics.mean(fb), 1) if fb else None
    except OSError:
        pass
    s["peak_rss_mib"] = round(peak / 1024, 1) if peak else None
    cpu = read_env(os.path.join(tdir, "cpu.env"))
    if cpu.get("before") and cpu.get("after") and s["requests"]:
        ms = (int(cpu["after"]) - int(cpu["before"])) * 1000.0 / CLK_TCK
        s["cpu_ms_per_req"] = round(ms / s["requests"], 4)
    else:
        s["cpu_ms_per_req"] = None
    try:
        ex = [int(l) for l in open(os.path.join(tdir, "exec_java_ms.txt")) if l.strip().isdigit()]
        s["exec_java_ms"] = med(ex)
    except OSError:
        s["exec_java_ms"] = None
    busy = read_env(os.path.join(tdir, "busy.env"))
    s["machine_busy_pct_before"] = busy
    return s


# display order of targets: sim modes first, then references
def order_key(s):
    k = s["meta"].get("kind", "")
    return ({"sim": 0, "miniflare": 1, "wrangler": 2}.get(k, 3), s["label"])


METRICS = [  # key, title, better, format
    ("cold_ms", "cold start, spawn → first 200 (ms, median)", "lower", "{:,.0f}"),
    ("rps", "throughput (req/s, median)", "higher", "{:,.0f}"),
    ("p50_ms", "latency p50 (ms, median)", "lower", "{:,.2f}"),
    ("p99_ms", "latency p99 (ms, median)", "lower", "{:,.2f}"),
    ("idle_rss_mib", "idle RSS after warm-up (MiB)", "lower", "{:,.0f}"),
    ("peak_rss_mib", "peak RSS under load (MiB)", "lower", "{:,.0f}"),
    ("cpu_ms_per_req", "server CPU per request (ms)", "lower", "{:,.3f}"),
]


def fmt(v, f):
    return "–" if v is None else f.format(v)


def ratio(a, b):
    if a is None or b in (None, 0):
        return "–"
    r = a / b
    return f"{r:.2f}×" if r < 100 else f"{r:,.0f}×"


def report(run_dir, jsonl=None):
    run = read_env(os.path.join(run_dir, "run.env"))
    targets = []
    for name in sorted(os.listdir(run_dir)):
        p = os.path.join(run_dir, name)
        if os.path.isdir(p) and os.path.exists(os.path.join(p, "meta.env")):
            targets.append(summarise_target(p))
    targets.sort(key=order_key)
    measured = [t for t in targets if "skipped" not in t]
    sims = [t for t in measured if t["meta"].get("kind") == "sim"]
    refs = [t for t in measured if t["meta"].get("kind") in ("miniflare", "wrangler")]

    out = []
    out.append(f"### workload `{run.get('workload')}`: {run.get('date')}")
    out.append("")
    out.append(f"Machine: {run.get('nproc')} CPUs ({run.get('cpu_model')}), {run.get('mem_total_mib')} MiB RAM, "
               f"kernel {run.get('kernel')}. Load: `wrk -t{run.get('threads')} -c{run.get('conns')} "
               f"-d{run.get('dur')} --latency` on 127.0.0.1, {run.get('warmup_dur')} warm-up then "
               f"{run.get('runs')} runs; cold start median of {run.get('cold_runs')}. "
               f"Repo: {run.get('git_rev')}.")
    out.append("")
    for t in targets:
        m = t["meta"]
        if t.get("skipped"):
            out.append(f"- **{t['label']}**: skipped ({t['skipped']})")
        else:
            out.append(f"- **{t['label']}**: {m.get('desc', '')}")
    out.append("")
    header = ["metric", "better"] + [t["label"] for t in measured]
    for s in sims:
        for r in refs:
            header.append(f"{s['label']} ÷ {r['label']}")
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    for key, title, better, f in METRICS:
        row = [title, better] + [fmt(t.get(key), f) for t in measured]
        for s in sims:
            for r in refs:
                row.append(ratio(s.get(key), r.get(key)))
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    out.append("Ratios are sim ÷ reference: above 1× is better for req/s, below 1× is better for the others.")
    out.append("")
    # details
    out.append("| target | first start ms | cold start runs (ms) | spawn → java exec ms | req/s per run | warm-up req/s | requests | non-2xx | socket errors | idle RSS by process (KiB) | other processes' CPU % before each step | … during the runs (mean) |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for t in measured:
        runs = " / ".join(fmt(r["rps"], "{:,.0f}") for r in t["runs"]) or "–"
        cold = " / ".join(str(x) for x in t["cold_ms_runs"]) or "–"
        if t["cold_failures"]:
            cold += f" ({len(t['cold_failures'])} failed)"
        wu = fmt(t["warmup"]["rps"], "{:,.0f}") if t.get("warmup") else "–"
        busy = " ".join(f"{k}:{v}" for k, v in t["machine_busy_pct_before"].items()) or "–"
        out.append(f"| {t['label']} | {fmt(t['first_start_ms'], '{:,}')} | {cold} | {fmt(t['exec_java_ms'], '{:,.0f}')} | {runs} | {wu} | {t['requests']:,} | {t['non2xx']} | "
                   f"{t['socket_errors']} | {t.get('idle_rss_by') or '–'} | {busy} | "
                   f"{fmt(t['foreign_busy_pct_during_runs'], '{:.0f}')} |")
    notes = []
    for t in measured:
        if t["non2xx"] or t["socket_errors"]:
            notes.append(f"- {t['label']}: {t['non2xx']} non-2xx responses, {t['socket_errors']} socket errors "
                         "(see wrk.*.txt in the run directory).")
        if t["cold_failures"]:
            notes.append(f"- {t['label']}: cold start failures: {'; '.join(t['cold_failures'])}")
        if t["meta"].get("mode_note"):
            notes.append(f"- {t['label']}: {t['meta']['mode_note']}")
        qp = int(run.get("quiet_pct") or 15)
        busy = [k for k, v in t["machine_busy_pct_before"].items()
                if v.startswith("BUSY") or (v.isdigit() and int(v) >= qp)]
        if busy:
            notes.append(f"- {t['label']}: other processes kept the machine busy (≥{qp}% CPU) before "
                         f"{', '.join(busy)}; those numbers may be skewed.")
        fb = t.get("foreign_busy_pct_during_runs")
        if fb is not None and fb >= qp / 2:
            notes.append(f"- {t['label']}: other processes used {fb:.0f}% of the machine's CPU on average "
                         "during the wrk runs; throughput and latency are probably understated.")
    if notes:
        out.append("")
        out.append("Notes:")
        out.extend(notes)
    out.append("")
    out.append(f"Raw data: `{os.path.relpath(run_dir, run.get('repo', '.'))}`")
    text = "\n".join(out)
    with open(os.path.join(run_dir, "results.md"), "w") as f:
        f.write(text + "\n")
    if jsonl:
        with open(jsonl, "a") as f:
            for t in targets:
                rec = {
                    "type": "bench", "run_id": run.get("run_id"), "date": run.get("date"),
                    "workload": run.get("workload"), "target": t["label"],
                    "kind": t["meta"].get("kind"), "mode": t["meta"].get("mode"),
                    "requested_mode": t["meta"].get("requested_mode"),
                    "jdk": t["meta"].get("jdk"), "version": t["meta"].get("version"),
                    "machine": {"nproc": run.get("nproc"), "mem_total_mib": run.get("mem_total_mib"),
                                "cpu_model": run.get("cpu_model"), "kernel": run.get("kernel")},
                    "wrk": {"threads": run.get("threads"), "conns": run.get("conns"), "dur": run.get("dur"),
                            "runs": run.get("runs"), "warmup_dur": run.get("warmup_dur")},
                    "git_rev": run.get("git_rev"),
                }
                if t.get("skipped"):
                    rec["skipped"] = t["skipped"]
                else:
                    for k in ("cold_ms", "cold_ms_runs", "cold_failures", "first_start_ms", "exec_java_ms", "rps", "p50_ms",
                              "p99_ms", "idle_rss_mib", "peak_rss_mib", "cpu_ms_per_req", "requests",
                              "non2xx", "socket_errors", "foreign_busy_pct_during_runs"):
                        rec[k] = t.get(k)
                    rec["rps_runs"] = [r["rps"] for r in t["runs"]]
                    rec["p50_ms_runs"] = [r["p50_ms"] for r in t["runs"]]
                    rec["p99_ms_runs"] = [r["p99_ms"] for r in t["runs"]]
                    rec["warmup_rps"] = t["warmup"]["rps"] if t.get("warmup") else None
                    rec["machine_busy_pct_before"] = t["machine_busy_pct_before"]
                rec["raw_dir"] = os.path.relpath(os.path.join(run_dir, t["meta"].get("dir", "")), run.get("repo", "."))
                f.write(json.dumps(rec) + "\n")
    print(text)


def soak_report(sdir, jsonl=None):
    meta = read_env(os.path.join(sdir, "meta.env"))
    samples = []  # (t_s from load start, kib, phase)
    foreign = []  # other processes' CPU % during the load, one value per sample
    ls, le = int(meta["load_start_ms"]), int(meta["load_end_ms"])
    with open(os.path.join(sdir, "soak.tsv"), "w") as out:
        out.write("t_s total_kib phase\n")
        for line in open(os.path.join(sdir, "samples.txt")):
            p = line.split()
            if len(p) < 2:
                continue
            ms, kib = int(p[0]), int(p[1])
            phase = "start" if ms < ls else ("load" if ms <= le else "after")
            if len(p) > 2 and phase == "load":
                foreign.append(int(p[2]))
            samples.append(((ms - ls) / 1000, kib, phase))
            out.write(f"{(ms - ls) / 1000:.1f} {kib} {phase}\n")
    if samples and samples[0][2] != "start":
        samples.insert(0, (0.0, samples[0][1], "start"))
    load = [s for s in samples if s[2] == "load"]
    after = [s for s in samples if s[2] == "after"]
    starts = [s for s in samples if s[2] == "start"]
    start = starts[-1][1] if starts else None
    peak = max((s[1] for s in load), default=None)
    end = load[-1][1] if load else None
    idle_end = after[-1][1] if after else None
    # growth over the second half of the load phase (MiB per minute): ~0 means bounded
    slope = None
    half = [s for s in load if load and s[0] >= load[0][0] + (load[-1][0] - load[0][0]) / 2]
    if len(half) >= 3:
        xs = [s[0] for s in half]
        ys = [s[1] / 1024 for s in half]
        mx, my = statistics.mean(xs), statistics.mean(ys)
        den = sum((x - mx) ** 2 for x in xs)
        slope = round(60 * sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den, 1) if den else None
    chunks = []
    i = 1
    while os.path.exists(os.path.join(sdir, f"wrk.chunk{i}.txt")):
        chunks.append(parse_wrk(os.path.join(sdir, f"wrk.chunk{i}.txt")))
        i += 1
    load_s = (le - ls) / 1000
    w = {"rps": round(sum(c["requests"] for c in chunks) / load_s, 1) if chunks and load_s > 0 else None,
         "p99_ms": max((c["p99_ms"] for c in chunks if c["p99_ms"] is not None), default=None),
         "requests": sum(c["requests"] for c in chunks),
         "non2xx": sum(c["non2xx"] for c in chunks),
         "socket_errors": sum(c["socket_errors"] for c in chunks)}
    chunk_rps = [c["rps"] for c in chunks]
    mib = lambda k: None if k is None else round(k / 1024, 1)
    res = {"type": "soak", "run_id": meta.get("run_id"), "date": meta.get("date"),
           "workload": meta.get("workload"), "target": meta.get("label"), "kind": meta.get("kind"),
           "mode": meta.get("mode"), "jdk": meta.get("jdk"), "duration": meta.get("dur"),
           "machine": {"nproc": meta.get("nproc"), "mem_total_mib": meta.get("mem_total_mib")},
           "start_rss_mib": mib(start), "peak_rss_mib": mib(peak), "end_rss_mib": mib(end),
           "after_idle_rss_mib": mib(idle_end), "growth_2nd_half_mib_per_min": slope,
           "rps": w["rps"], "p99_ms": w["p99_ms"], "requests": w["requests"], "non2xx": w["non2xx"],
           "socket_errors": w["socket_errors"], "samples": len(samples), "rps_per_chunk": chunk_rps,
           "p99_ms_per_chunk": [c["p99_ms"] for c in chunks], "busy_before": meta.get("busy_before"),
           "foreign_busy_pct_during_load": round(statistics.mean(foreign), 1) if foreign else None,
           "raw_dir": os.path.relpath(sdir, meta.get("repo", "."))}
    lines = [
        f"| target | load | start RSS MiB | peak RSS MiB | end-of-load RSS MiB | RSS {meta.get('after')} s after load MiB | growth, 2nd half of load (MiB/min) | req/s (overall) | req/s per chunk | worst chunk p99 ms | non-2xx / socket errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {meta.get('label')} | {meta.get('dur')} `wrk -t{meta.get('threads')} -c{meta.get('conns')}` | "
        f"{fmt(res['start_rss_mib'], '{:,.0f}')} | {fmt(res['peak_rss_mib'], '{:,.0f}')} | "
        f"{fmt(res['end_rss_mib'], '{:,.0f}')} | {fmt(res['after_idle_rss_mib'], '{:,.0f}')} | "
        f"{fmt(slope, '{:+.1f}')} | {fmt(w['rps'], '{:,.0f}')} | "
        f"{' / '.join(fmt(x, '{:,.0f}') for x in chunk_rps) or '–'} | {fmt(w['p99_ms'], '{:,.2f}')} | "
        f"{w['non2xx']} / {w['socket_errors']} |",
    ]
    b = meta.get("busy_before", "")
    if b.startswith("BUSY"):
        lines.append(f"\nNote: other processes kept the machine busy before the soak ({b} % CPU).")
    if foreign:
        lines.append(f"\nOther processes used {statistics.mean(foreign):.0f}% of the machine's CPU on average during the "
                     f"load (max {max(foreign)}% in one second).")
    if jsonl:
        with open(jsonl, "a") as f:
            f.write(json.dumps(res) + "\n")
    print("\n".join(lines))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd, a = argv[1], argv[2:]
    if cmd == "pids":
        print(" ".join(str(p) for p in tree_pids(int(a[0]))))
    elif cmd == "rss":
        total, by = tree_rss(int(a[0]))
        print(total, ",".join(f"{k}:{v}" for k, v in sorted(by.items(), key=lambda kv: -kv[1])) or "-")
    elif cmd == "cpu":
        print(tree_cpu(int(a[0])))
    elif cmd == "owns-port":
        return 0 if owns_port(int(a[0]), int(a[1])) else 1
    elif cmd == "alive":
        return 0 if any(alive(int(p)) for p in a) else 1
    elif cmd == "busy":
        print(cpu_busy(1.0, int(a[0]) if a else None))
    elif cmd == "sample":
        sample(int(a[0]), float(a[1]), a[2], int(a[3]) if len(a) > 3 else None)
    elif cmd == "report":
        report(a[0], a[1] if len(a) > 1 else None)
    elif cmd == "soak-report":
        soak_report(a[0], a[1] if len(a) > 1 else None)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
