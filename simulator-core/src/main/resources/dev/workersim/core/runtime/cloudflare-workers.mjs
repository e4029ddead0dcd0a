// The `cloudflare:workers` module. Its values come from the runtime prelude (runtime/entrypoints.js).
const builtins = globalThis.__workersimBuiltins;
if (builtins === undefined) throw new Error("cloudflare:workers was loaded outside the workersim runtime");

export const WorkerEntrypoint = builtins.WorkerEntrypoint;
export const DurableObject = builtins.DurableObject;
export const WorkflowEntrypoint = builtins.WorkflowEntrypoint;
export const RpcTarget = builtins.RpcTarget;
export const env = builtins.env;
export default { WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget, env };
