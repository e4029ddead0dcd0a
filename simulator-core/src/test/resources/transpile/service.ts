// A ~300-line TypeScript module for timing the transpiler: the kinds of code a Worker has.
import type { ExecutionContext } from "./types";

export enum Method { Get = "GET", Post = "POST", Put = "PUT", Delete = "DELETE" }

export interface Route<E> {
  method: Method;
  pattern: RegExp;
  handler: (req: Request, env: E, params: Record<string, string>) => Promise<Response> | Response;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export class Service0<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 10) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service1<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 11) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service2<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 12) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service3<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 13) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service4<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 14) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service5<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 15) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service6<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 16) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service7<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 17) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service8<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 18) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service9<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 19) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service10<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 20) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Service11<T extends { id: number }> {
  private readonly items = new Map<number, T>();
  constructor(private readonly name: string, protected limit: number = 21) {}

  add(item: T): this {
    if (this.items.size >= this.limit) throw new RangeError(`${this.name} is full`);
    this.items.set(item.id, item);
    return this;
  }

  find(id: number): T | undefined {
    return this.items.get(id) satisfies T | undefined;
  }

  list(filter?: (t: T) => boolean): T[] {
    const all = [...this.items.values()];
    return filter ? all.filter(filter) : all;
  }

  toJSON(): Json {
    return { name: this.name, size: this.items.size, ids: this.list().map((t) => t.id) };
  }
}

export class Router<E> {
  private routes: Route<E>[] = [];
  on(method: Method, path: string, handler: Route<E>["handler"]): this {
    const pattern = new RegExp("^" + path.replace(/:(\w+)/g, "(?<$1>[^/]+)") + "$");
    this.routes.push({ method, pattern, handler });
    return this;
  }
  async handle(req: Request, env: E): Promise<Response> {
    const url = new URL(req.url);
    for (const r of this.routes) {
      const m = r.method === req.method ? r.pattern.exec(url.pathname) : null;
      if (m) return r.handler(req, env, (m.groups ?? {}) as Record<string, string>);
    }
    return new Response("not found", { status: 404 });
  }
}

export default {
  async fetch(req: Request, env: { NAME: string }, ctx: ExecutionContext): Promise<Response> {
    const router = new Router<{ NAME: string }>()
      .on(Method.Get, "/items/:id", (_r, e, p) => Response.json({ id: Number(p.id), by: e.NAME }))
      .on(Method.Post, "/items", async (r) => Response.json(await r.json<Json>()));
    return router.handle(req, env);
  },
};
