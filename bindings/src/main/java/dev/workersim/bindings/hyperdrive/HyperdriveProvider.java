package dev.workersim.bindings.hyperdrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workersim.core.config.ConfigException;
import dev.workersim.core.spi.Binding;
import dev.workersim.core.spi.BindingKind;
import dev.workersim.core.spi.BindingContext;
import dev.workersim.core.spi.BindingEntries;
import dev.workersim.core.spi.BindingProvider;
import dev.workersim.core.spi.HostLoop;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code [[hyperdrive]]}: each entry {@code { binding, id, localConnectionString }} gives
 * {@code env[binding]}, a Hyperdrive whose connection fields describe the local database. As in
 * wrangler dev, the variable {@code CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_<BINDING>} wins
 * over {@code localConnectionString}, and one of them is required.
 *
 * <p>wrangler dev puts a proxy in between and shows its made-up address (a random
 * {@code <hex>.hyperdrive.local} host, the scheme's default port). There is no proxy here, so the
 * fields give the database's own host and port: a driver the worker brings can reach it directly.
 */
public final class HyperdriveProvider implements BindingProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENV_PREFIX = "CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_";
    // Per scheme: the default port and the parameter wrangler dev adds to turn TLS off.
    private static final Map<String, Object[]> SCHEMES = Map.of(
            "postgres", new Object[] {5432, "sslmode=disable"},
            "postgresql", new Object[] {5432, "sslmode=disable"},
            "mysql", new Object[] {3306, "ssl-mode=disabled"});

    @Override
    public String configKey() {
        return "hyperdrive";
    }

    @Override
    public List<Binding> create(JsonNode section, BindingContext context) {
        List<Binding> out = new ArrayList<>();
        for (BindingEntries.Entry entry : BindingEntries.of(section, configKey(), context)) {
            String local = System.getenv(ENV_PREFIX + entry.binding());
            if (local == null || local.isEmpty()) local = entry.text("localConnectionString");
            if (local == null || local.isEmpty()) {
                // wrangler dev's words (recorded).
                throw new ConfigException(context.configFile(), "When developing locally, you should use a local Postgres "
                        + "connection string to emulate Hyperdrive functionality. Please setup Postgres locally and set the value of the '"
                        + ENV_PREFIX + entry.binding() + "' variable or \"" + entry.binding()
                        + "\"'s \"localConnectionString\" to the Postgres connection string.");
            }
            out.add(new Hyperdrive(entry.binding(), fields(local, entry.where(), context).toString()));
        }
        return out;
    }

    /** The binding's fields, in workerd's order: connectionString, port, ip, host, password, user, database. */
    private static ObjectNode fields(String connection, String where, BindingContext context) {
        URI uri;
        try {
            uri = new URI(connection);
        } catch (URISyntaxException e) {
            throw new ConfigException(context.configFile(), where + ": the local connection string is not a URL: " + e.getMessage());
        }
        Object[] scheme = uri.getScheme() == null ? null : SCHEMES.get(uri.getScheme());
        if (scheme == null || uri.getHost() == null) {
            throw new ConfigException(context.configFile(), where + ": the local connection string must be "
                    + "postgres://user:password@host:port/database (or mysql://...)");
        }
        String userInfo = uri.getRawUserInfo();
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        if (colon < 0) {
            // wrangler dev's words (recorded).
            throw new ConfigException(context.configFile(), where + ": You must provide a password - e.g. "
                    + "'user:password@database.example.com:port/databasename'");
        }
        String user = decode(userInfo.substring(0, colon));
        String password = decode(userInfo.substring(colon + 1));
        int port = uri.getPort() < 0 ? (int) scheme[0] : uri.getPort();
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        // As wrangler dev writes it: decoded credentials, no other query parameters, TLS off.
        String rebuilt = uri.getScheme() + "://" + user + ":" + password + "@" + uri.getHost() + ":" + port + "/" + database
                + "?" + scheme[1];
        return JSON.createObjectNode().put("connectionString", rebuilt).put("port", port).put("ip", uri.getHost())
                .put("host", uri.getHost()).put("password", password).put("user", user).put("database", database);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private record Hyperdrive(String name, String configJson) implements Binding {
        static final BindingKind KIND = new BindingKind("hyperdrive", "/dev/workersim/bindings/hyperdrive/hyperdrive.js");

        @Override
        public BindingKind kind() {
            return KIND;
        }

        @Override
        public Object opsFor(HostLoop loop) {
            return null;
        }
    }
}
