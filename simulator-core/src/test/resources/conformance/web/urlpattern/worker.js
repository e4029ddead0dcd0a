// URLPattern as workerd ships it: each probe's value (or its error) in one JSON report, plus routing
// on the request URL.
const routes = [
  ["user", new URLPattern({ pathname: "/users/:id(\\d+)" })],
  ["files", new URLPattern({ pathname: "/files/*" })],
  ["api", new URLPattern({ pathname: "/api/:version/:rest*" })],
];

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/probes") return Response.json(probes());
    for (const [name, pattern] of routes) {
      const match = pattern.exec(request.url);
      if (match) return Response.json({ name, groups: match.pathname.groups, search: match.search, inputs: match.inputs.length });
    }
    return new Response("no route", { status: 404 });
  },
};

const components = (p) => [p.protocol, p.username, p.password, p.hostname, p.port, p.pathname, p.search, p.hash];
const inputsOf = (r) => r && components(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "inputs" ? v : v.input])));

function probes() {
  const out = {};
  const probe = (name, fn) => {
    try {
      out[name] = fn();
    } catch (e) {
      out[name] = `threw ${e.name}: ${e.message}`;
    }
  };
  probe("prototype keys", () => Object.keys(URLPattern.prototype));
  probe("own names", () => Object.getOwnPropertyNames(URLPattern.prototype));
  probe("statics", () => [URLPattern.length, Object.getOwnPropertyNames(URLPattern)]);
  probe("tag", () => [Object.prototype.toString.call(new URLPattern()), String(new URLPattern()), JSON.stringify(new URLPattern())]);
  probe("exec result keys", () => [Object.keys(new URLPattern({}).exec({})), Object.keys(new URLPattern({}).exec({}).hash)]);
  probe("defaults", () => components(new URLPattern()));
  probe("string pattern", () => components(new URLPattern("https://example.com/:id(\\d+)/*")));
  probe("string pattern with base", () => components(new URLPattern("../admin/*", "https://discussion.example/forum/?page=2")));
  probe("credentials and port", () => components(new URLPattern("https://:user@example.com:8080/x?q=1#top")));
  probe("escaped and canonical", () => components(new URLPattern({ protocol: "HTTP", hostname: "B\u00fccher.example", pathname: "/a b/{c}?/:d\\.e" })));
  probe("default port dropped", () => new URLPattern({ protocol: "https", port: "443" }).port);
  probe("hasRegExpGroups", () => [new URLPattern({ pathname: "/:id(\\d+)" }).hasRegExpGroups, new URLPattern({ pathname: "/:id/*" }).hasRegExpGroups]);
  probe("test", () => {
    const p = new URLPattern({ hostname: "{*.}?example.com", pathname: "/shop/:item" });
    return [p.test("https://a.b.example.com/shop/hat"), p.test("https://example.com/shop/hat"), p.test("https://example.org/shop/hat"),
      p.test({ hostname: "example.com", pathname: "/shop/x" }), p.test({ pathname: "/shop/x", baseURL: "https://www.example.com/" })];
  });
  probe("exec groups", () => new URLPattern({ pathname: "/:z/:m/:a/(.*)" }).exec({ pathname: "/1/2/3/4" }).pathname.groups);
  probe("optional and repeated groups", () => {
    const p = new URLPattern({ pathname: "/foo/:bar?/:baz+" });
    return [p.exec({ pathname: "/foo/x" }).pathname.groups, p.exec({ pathname: "/foo/a/b/c" }).pathname.groups, p.test({ pathname: "/foo" })];
  });
  probe("named capture inside a regexp group", () => new URLPattern({ pathname: "/:foo((?<x>a))/:bar" }).exec({ pathname: "/a/b" }).pathname.groups);
  probe("inputs echo", () => [
    new URLPattern({}).exec({ search: "a", pathname: "/x", protocol: "http", baseURL: "http://a" }).inputs,
    new URLPattern({}).exec("/x", "http://a/").inputs,
  ]);
  probe("ignoreCase", () => [new URLPattern({ pathname: "/Caf\u00e9" }, { ignoreCase: true }).test("https://x/CAF%C3%A9"),
    new URLPattern("https://a/b", { ignoreCase: true }).test("https://A/B"), new URLPattern({ pathname: "/a" }).test({ pathname: "/A" })]);
  probe("relative string inputs without a base", () =>
    ["nope?x#y", "//h/p", "1x:y", "a\\b", "./a/./b/../c", "", "http:foo", "http://[bad/x"].map((s) => inputsOf(new URLPattern({}).exec(s))));
  probe("no match", () => [new URLPattern({ pathname: "/a" }).exec({ pathname: "/b" }), new URLPattern({}).exec("x", "nope"), new URLPattern({}).exec({ port: "x" })]);
  const errors = {
    "relative without base": () => new URLPattern("/foo"),
    "unterminated regexp": () => new URLPattern({ pathname: "/(\\d+" }),
    "bad regexp": () => new URLPattern({ pathname: "/([a-)" }),
    "duplicate name": () => new URLPattern({ pathname: "/:a/:a" }),
    "bad hostname": () => new URLPattern({ hostname: "bad hostname" }),
    "bad port": () => new URLPattern({ port: "abc" }),
    "bad protocol": () => new URLPattern({ protocol: "ht/tp" }),
    "bad base": () => new URLPattern("/foo", "nope"),
    "init with base": () => new URLPattern({ pathname: "/foo" }, "https://example.com"),
    "options not an object": () => new URLPattern("/foo", "https://a", "x"),
    "test init with base": () => new URLPattern({}).test({ pathname: "/foo" }, "https://example.com"),
    "exec init with base": () => new URLPattern({}).exec({ pathname: "/foo" }, "https://example.com"),
    "method brand check": () => URLPattern.prototype.test.call({}, "http://a"),
    "getter brand check": () => Object.getOwnPropertyDescriptor(URLPattern.prototype, "pathname").get.call({}),
  };
  for (const [name, fn] of Object.entries(errors)) probe("error: " + name, () => (fn(), "no error"));
  return out;
}
