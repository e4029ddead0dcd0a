package dev.workersim.core.web.codegen;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * What web/codegen/code-generation.js asks the host: whether bytes given to WebAssembly after startup
 * are a {@code .wasm} module of the project. workerd refuses to compile WebAssembly from bytes once
 * the worker has started, but its CompiledWasm modules were compiled up front; ours are compiled by
 * their generated module when first imported, which may be a dynamic import() in a handler.
 */
public final class CodeGenerationOps {
    private final Set<String> projectWasm = ConcurrentHashMap.newKeySet();

    /** Called by the module loader for each CompiledWasm module it serves. */
    public void projectWasm(byte[] content) {
        projectWasm.add(digest(content));
    }

    @HostAccess.Export
    public boolean isProjectWasm(Value arrayBuffer, int offset, int length) {
        if (projectWasm.isEmpty()) return false;
        byte[] bytes = new byte[length];
        if (length > 0) arrayBuffer.readBuffer(offset, bytes, 0, length);
        return projectWasm.contains(digest(bytes));
    }

    private static String digest(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
