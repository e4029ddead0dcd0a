package dev.workersim.core.assets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workersim.core.outbound.OutboundBody;
import dev.workersim.core.outbound.OutboundResponse;
import dev.workersim.core.services.ServiceBinding;
import dev.workersim.core.web.fetch.FetchOps;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingProvider;
import dev.workersim.core.spi.HostLoop;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * {@code assets.binding}: {@code env.ASSETS} is a Fetcher (the service binding's JS class) whose
 * fetch() is answered by the {@link AssetRouter} instead of another worker. It has no RPC methods.
 */
public final class AssetsBinding implements Binding {
    private final String name;
    private final AssetRouter router;

    private AssetsBinding(String name, AssetRouter router) {
        this.name = name;
        this.router = router;
    }

    /** Reads {@code assets} (found through META-INF/services). */
    public static final class Provider implements BindingProvider {
        @Override
        public String configKey() {
            return "assets";
        }

        @Override
        public List<Binding> create(JsonNode section, BindingContext context) {
            Path configFile = context.configFile();
            Path dir = configFile != null && configFile.getParent() != null
                    ? configFile.getParent() : Path.of("").toAbsolutePath();
            AssetsConfig config = AssetsConfig.from(context.config(), dir, configFile);
            if (config == null || config.binding() == null) return List.of();
            return List.of(new AssetsBinding(config.binding(), new AssetRouter(config, false)));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BindingKind kind() {
        return ServiceBinding.KIND;
    }

    @Override
    public Object opsFor(HostLoop loop) {
        return new Ops(loop, router);
    }

    /** The Java half of env.ASSETS in one isolate: the service binding's shape, fetch only. */
    public static final class Ops {
        @HostAccess.Export
        public final FetchOps http;

        Ops(HostLoop loop, AssetRouter router) {
            this.http = new FetchOps(loop, request -> CompletableFuture.supplyAsync(() -> {
                AssetResponse r = router.fetch(request.method(), request.url(), request.headers());
                byte[] body;
                try {
                    body = r.body();
                } catch (java.io.IOException e) {
                    return new OutboundResponse(404, null, List.of(), null); // removed since it was found
                }
                return new OutboundResponse(r.status(), null, r.headers(), body == null ? null : OutboundBody.of(body));
            }));
        }

        /** An RPC call on env.ASSETS: the asset worker has no such method. */
        @HostAccess.Export
        public void call(String method, String argsWire, Value resolve, Value reject) {
            reject.execute("TypeError", "The RPC receiver does not implement the method \"" + method + "\".", null);
        }
    }
}
