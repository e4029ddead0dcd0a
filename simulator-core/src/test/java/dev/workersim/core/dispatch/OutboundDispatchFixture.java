package dev.workersim.core.dispatch;

import dev.workersim.core.testing.WorkerFixture;

/**
 * The set-up the outbound tests share: a dispatcher Worker with the namespace "customers" bound
 * twice, as DISPATCHER (outbound Worker "egress") and as DIRECT (none), its user Worker "customer",
 * and the outbound Worker.
 */
final class OutboundDispatchFixture {
    private OutboundDispatchFixture() {
    }

    /** {@code extraToml}: more of the dispatcher's config (e.g. a service binding to the egress Worker). */
    static WorkerFixture of(String dispatcher, String extraToml, String user, String egress) {
        return WorkerFixture.script(dispatcher).toml("""
                        compatibility_date = "2025-09-01"
                        """ + extraToml + """
                        [[dispatch_namespaces]]
                        binding = "DISPATCHER"
                        namespace = "customers"
                        outbound = { service = "egress" }
                        [[dispatch_namespaces]]
                        binding = "DIRECT"
                        namespace = "customers"
                        """)
                .configure(b -> b.name("dispatcher")
                        .auxiliaryScript("customer", user, "dispatch_namespace = \"customers\"\n")
                        .auxiliaryScript("egress", egress, "compatibility_date = \"2025-09-01\"\n"));
    }
}
