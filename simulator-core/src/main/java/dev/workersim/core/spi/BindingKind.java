package dev.workersim.core.spi;

/**
 * What one kind of binding is, declared once (a constant of its package): the type name its env
 * entries carry, and the JS script that makes their values. The script (same file convention as the
 * runtime's, see the core resources README.md) returns its exports, and its export named
 * {@link #type()} is the factory {@code (ops, config, name) => value}. One script may serve several
 * kinds (a namespace and its host), one export each. The runtime checks the pair when it loads the
 * script: a missing factory stops the start with a message naming the script, the type and what the
 * script does export.
 *
 * @param type the type name, e.g. "kv" (also the factory's export name)
 * @param jsResource the script, an absolute classpath resource, e.g. "/dev/workersim/bindings/kv/kv.js"
 */
public record BindingKind(String type, String jsResource) {
    public BindingKind {
        if (type == null || !type.matches("[A-Za-z_$][A-Za-z0-9_$-]*")) {
            throw new IllegalArgumentException("binding type \"" + type + "\" is not a name a JS script can export");
        }
        if (jsResource == null || !jsResource.startsWith("/") || !jsResource.endsWith(".js")) {
            throw new IllegalArgumentException("binding type \"" + type + "\": its JS script \"" + jsResource
                    + "\" is not an absolute classpath resource ending in .js");
        }
    }
}
