package dev.workersim.bindings.secretsstore;

import dev.workersim.core.spi.HostLoop;
import dev.workersim.core.spi.Pending;
import java.util.concurrent.ForkJoinPool;
import org.graalvm.polyglot.HostAccess;

/** The Java half of a Secrets Store secret: reads its value off the loop (a small file read). */
public final class SecretsStoreOps {
    private final SecretsStoreFile file;
    private final String secretName;
    private final HostLoop loop;

    SecretsStoreOps(SecretsStoreFile file, String secretName, HostLoop loop) {
        this.file = file;
        this.secretName = secretName;
        this.loop = loop;
    }

    /** {@code resolve(value)}, or {@code reject(message)} with wrangler dev's words for a missing secret. */
    @HostAccess.Export
    public Pending get() {
        return loop.complete(ForkJoinPool.commonPool(), () -> {
            String value = file.read(secretName);
            if (value == null) throw new IllegalStateException("Secret \"" + secretName + "\" not found");
            return value;
        });
    }
}
