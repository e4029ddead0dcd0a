package dev.workersim.core.dispatch;

import dev.workersim.core.spi.HostLoop;
import org.graalvm.polyglot.HostAccess;

/** The Java half of one dispatch namespace binding in one isolate: one {@link UserWorkerCall} per {@code get()}. */
public final class DispatchOps {
    private final HostLoop loop;
    private final DispatchNamespaceBinding binding;

    DispatchOps(HostLoop loop, DispatchNamespaceBinding binding) {
        this.loop = loop;
        this.binding = binding;
    }

    /**
     * What {@code get(script, args, {limits})} returns the Fetcher of. A limit below 0 is none. The
     * outbound parameters follow with {@link UserWorkerCall#params}.
     */
    @HostAccess.Export
    public UserWorkerCall get(String script, double cpuMs, double subRequests) {
        return new UserWorkerCall(loop, binding, script, (long) Math.ceil(cpuMs), (long) Math.floor(subRequests));
    }
}
