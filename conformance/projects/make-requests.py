#!/usr/bin/env python3
# Writes every <case>/requests.json of the projects corpus (edit the steps here, then run it:
#   python3 conformance/projects/make-requests.py ; then re-record the goldens, see README.md).
import json, os
P = os.path.dirname(os.path.abspath(__file__))
CT = ["content-type"]
def step(name, path, method="GET", headers=None, body=None, exp_headers=CT, mode="exact", normalize=None, json_only=None):
    s = {"name": name, "method": method, "path": path}
    if headers: s["headers"] = headers
    if body is not None: s["body"] = body
    e = {"status": True, "headers": exp_headers, "body": mode}
    if normalize: e["normalize"] = normalize
    if json_only: e["json_only"] = json_only
    s["expect"] = e
    return s
def write(case, steps, configs=("wrangler.jsonc",), runner_args=None, ready=None):
    spec = {"configs": list(configs)}
    if runner_args: spec["runner_args"] = runner_args
    if ready: spec["ready_path"] = ready
    spec["steps"] = steps
    with open(os.path.join(P, case, "requests.json"), "w") as f:
        json.dump(spec, f, indent=2); f.write("\n")

# --- hello world -----------------------------------------------------------------------------
hw = [
  step("root", "/"),
  step("any path and query", "/some/deep/path?x=1&y=%20two"),
  step("POST with a body", "/submit", "POST", body={"hello": "world"}),
  step("PUT", "/item/1", "PUT", body="plain text"),
  step("DELETE", "/item/1", "DELETE"),
  step("PATCH", "/", "PATCH", body="x"),
  step("HEAD has no body", "/", "HEAD", exp_headers=["content-type", "content-length"]),
  step("OPTIONS", "/", "OPTIONS"),
  step("favicon", "/favicon.ico"),
]
write("hello-world-js", hw)
write("hello-world-ts", hw + [step("unicode path", "/%E2%9C%93/caf%C3%A9")])

# --- worker + assets (hello-world-with-assets) ------------------------------------------------
UUID = [["[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", "UUID"]]
AH = ["content-type", "etag", "cache-control", "location"]
# wrangler dev's asset ETag is sha256(absolute path + mtime) (miniflare's dev manifest), so it differs
# per folder and per copy: keep only its shape.
ET = [['"[0-9a-f]{32}"', '"ETAG"']]
write("assets-ts", [
  step("index.html served at /", "/", exp_headers=AH, normalize=ET),
  step("/index.html redirects to /", "/index.html", exp_headers=AH, normalize=ET),
  step("/index redirects to /", "/index", exp_headers=AH, normalize=ET),
  step("query string kept on the asset", "/?v=2", exp_headers=AH, normalize=ET),
  step("worker route /message", "/message"),
  step("worker route /random is a UUID", "/random", normalize=UUID),
  step("no asset, worker 404", "/nope"),
  step("trailing slash reaches the worker", "/message/"),
  step("POST / where an asset exists -> 405 from the asset server", "/", "POST", body="x", exp_headers=AH, normalize=ET),
  step("POST /message reaches the worker", "/message", "POST", body="x"),
  step("HEAD / (asset)", "/", "HEAD", exp_headers=AH + ["content-length"], normalize=ET),
  step("conditional GET: If-None-Match *", "/", headers={"If-None-Match": "*"}, exp_headers=AH, normalize=ET),
  step("conditional GET: other etag -> 200", "/", headers={"If-None-Match": '"0000"'}, exp_headers=AH, normalize=ET),
])

# --- assets only (static site) ----------------------------------------------------------------
write("static-site", [
  step("index.html served at /", "/", exp_headers=AH, normalize=ET),
  step("/index.html redirects to /", "/index.html", exp_headers=AH, normalize=ET),
  step("query string kept", "/?utm=1", exp_headers=AH, normalize=ET),
  step("missing file", "/missing.css", exp_headers=AH, normalize=ET),
  step("missing page", "/about/", exp_headers=AH, normalize=ET),
  step("POST to an assets-only worker", "/", "POST", body="x", exp_headers=AH, normalize=ET),
  step("HEAD /", "/", "HEAD", exp_headers=AH + ["content-length"], normalize=ET),
  step("conditional GET: If-None-Match *", "/", headers={"If-None-Match": "*"}, exp_headers=AH, normalize=ET),
  step("conditional GET: other etag -> 200", "/", headers={"If-None-Match": '"0000"'}, exp_headers=AH, normalize=ET),
  step("path traversal attempt", "/../wrangler.jsonc", exp_headers=AH, normalize=ET),
])

# --- Durable Objects ---------------------------------------------------------------------------
write("durable-object-ts", [
  step("RPC sayHello through the DO", "/"),
  step("any path", "/greet?name=ignored"),
  step("POST", "/", "POST", body={"a": 1}),
  step("second call, same object", "/again"),
  step("DELETE", "/x", "DELETE"),
  step("HEAD", "/", "HEAD", exp_headers=["content-type", "content-length"]),
])
write("durable-object-assets-ts", [
  step("index.html asset at /", "/", exp_headers=AH, normalize=ET),
  step("worker + DO at /message", "/message"),
  step("worker + DO at any missing path", "/api/anything"),
  step("POST / where an asset exists -> 405", "/", "POST", body="x"),
  step("POST /message reaches the worker + DO", "/message", "POST", body="x"),
  step("/index.html redirects to /", "/index.html", exp_headers=AH, normalize=ET),
  step("HEAD /message", "/message", "HEAD", exp_headers=["content-type", "content-length"]),
])

# The scheduled handler fetches https://api.cloudflare.com/client/v4/ips: offline (as here and in CI)
# the fetch throws and /__scheduled answers 500 with the error's message and a stack of miniflare's
# own files: drop the stack lines, keep the message.
ERR = [["\\n +at [^\\n]*", ""]]
# --- scheduled -----------------------------------------------------------------------------------
write("scheduled-ts", [
  step("fetch handler explains how to test", "/"),
  step("fetch handler keeps path and query", "/foo?bar=1"),
  step("__scheduled with the template's cron (its fetch fails offline)", "/__scheduled?cron=*+*+*+*+*", normalize=ERR),
  step("__scheduled without cron", "/__scheduled", normalize=ERR),
  step("cdn-cgi scheduled handler", "/cdn-cgi/handler/scheduled?cron=*+*+*+*+*"),
  step("cdn-cgi scheduled with another cron", "/cdn-cgi/handler/scheduled?cron=0+*+*+*+*"),
  step("POST __scheduled", "/__scheduled?cron=*+*+*+*+*", "POST", normalize=ERR),
], runner_args=["--test-scheduled"])

# --- queues --------------------------------------------------------------------------------------
write("queues-ts", [
  step("send on GET /", "/"),
  step("send on POST with JSON", "/jobs", "POST", body={"job": 1, "payload": "abc"}),
  step("send on PUT with custom headers", "/jobs/2", "PUT", headers={"X-Trace": "t-1"}, body="text body"),
  step("send on DELETE", "/jobs/2", "DELETE"),
  step("send again", "/?n=5"),
  {"sleep_ms": 1500},
  step("still sending after the consumer ran", "/after"),
])

# --- OpenAPI (chanfana + zod + hono) -------------------------------------------------------------
TODAY = [["\\d{4}-\\d{2}-\\d{2}", "DATE"]]
J = ["content-type"]
write("openapi-ts", [
  step("docs (swagger UI) at /", "/", exp_headers=J),
  step("openapi.json", "/openapi.json", exp_headers=J, mode="json"),
  step("redoc", "/redocs", exp_headers=J),
  step("list tasks", "/api/tasks", exp_headers=J, mode="json"),
  step("list tasks with valid query", "/api/tasks?page=2&isCompleted=true", exp_headers=J, mode="json"),
  step("list tasks: page not a number -> 400", "/api/tasks?page=abc", exp_headers=J, mode="json"),
  step("list tasks: isCompleted not a boolean -> 400", "/api/tasks?isCompleted=maybe", exp_headers=J, mode="json"),
  step("create task -> 201", "/api/tasks", "POST", body={"name": "Write tests", "slug": "write-tests", "description": "for the simulator", "due_date": "2026-12-31"}, exp_headers=J, mode="json"),
  step("create task: completed defaults to false, description optional", "/api/tasks", "POST", body={"name": "n", "slug": "s", "due_date": "2026-01-02", "completed": True}, exp_headers=J, mode="json"),
  step("create task: missing fields -> 400", "/api/tasks", "POST", body={"name": "only a name"}, exp_headers=J, mode="json"),
  step("create task: bad date -> 400", "/api/tasks", "POST", body={"name": "n", "slug": "s", "due_date": "31/12/2026"}, exp_headers=J, mode="json"),
  step("create task: not JSON -> 400", "/api/tasks", "POST", headers={"content-type": "application/json"}, body="{not json", exp_headers=J, mode="json"),
  step("fetch one task (today's date normalised)", "/api/tasks/my-task", exp_headers=J, mode="json", normalize=TODAY),
  step("delete a task", "/api/tasks/old-task", "DELETE", exp_headers=J, mode="json"),
  step("unknown route -> hono 404", "/api/nope", exp_headers=J),
  step("wrong method -> 404", "/api/tasks", "PUT", body={"x": 1}, exp_headers=J),
])

# --- Hono (workers) ------------------------------------------------------------------------------
write("hono", [
  step("index.html asset at /", "/", exp_headers=AH, normalize=ET),
  step("hono route /message", "/message"),
  step("strict trailing slash -> 404", "/message/"),
  step("POST /message -> 404", "/message", "POST", body="x"),
  step("unknown route -> 404", "/missing"),
  step("HEAD /message (hono runs the GET route)", "/message", "HEAD", exp_headers=["content-type", "content-length"]),
  step("query string ignored by the router", "/message?x=1"),
  step("/index.html redirects to /", "/index.html", exp_headers=AH, normalize=ET),
])

# --- Hono JSX ------------------------------------------------------------------------------------
write("hono-jsx", [
  step("JSX page rendered by hono/jsx-renderer", "/"),
  step("query string", "/?name=x"),
  step("unknown route -> 404", "/missing"),
  step("POST / -> 404", "/", "POST", body="x"),
  step("HEAD /", "/", "HEAD", exp_headers=["content-type", "content-length"]),
  step("static css (no assets configured in the Worker)", "/static/style.css"),
])
