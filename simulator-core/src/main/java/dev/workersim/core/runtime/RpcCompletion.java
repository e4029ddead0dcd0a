package dev.workersim.core.runtime;

import org.graalvm.polyglot.HostAccess;

/**
 * Where the callee's runtime (services/rpc.js) reports the end of one RPC call, on the callee's loop.
 * The result and the arguments cross between the two isolates as wire text (rpc.js's encoding),
 * since JS values of one Context cannot enter another.
 */
public final class RpcCompletion {
    /** The caller's side: runs on the callee's loop thread, so it should only post onwards. */
    public interface Listener {
        void resolved(String resultWire);

        void rejected(String name, String message, String stack);
    }

    private final Listener listener;

    public RpcCompletion(Listener listener) {
        this.listener = listener;
    }

    @HostAccess.Export
    public void resolve(String resultWire) {
        listener.resolved(resultWire);
    }

    @HostAccess.Export
    public void reject(String name, String message, String stack) {
        listener.rejected(name, message, stack);
    }
}
