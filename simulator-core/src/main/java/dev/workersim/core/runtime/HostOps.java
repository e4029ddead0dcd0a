package dev.workersim.core.runtime;

import dev.workersim.core.web.url.UrlOps;
import dev.workersim.core.web.timers.TimerOps;
import dev.workersim.core.web.html.HtmlOps;
import dev.workersim.core.web.fetch.FetchOps;
import dev.workersim.core.web.encoding.TextOps;
import dev.workersim.core.web.crypto.CryptoOps;
import dev.workersim.core.web.console.ConsoleOps;
import dev.workersim.core.web.compression.CompressionOps;
import dev.workersim.core.web.codegen.CodeGenerationOps;
import dev.workersim.core.node.NodeZlibOps;
import dev.workersim.core.node.NodeCryptoOps;
import dev.workersim.core.node.NodeBufferOps;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java operations the runtime's own JS files may call, grouped by concern. It is handed to the
 * prelude only, as a function argument, and never reaches user code.
 */
public final class HostOps {
    @HostAccess.Export
    public final ConsoleOps console;
    @HostAccess.Export
    public final TimerOps timers;
    @HostAccess.Export
    public final UrlOps url = new UrlOps();
    @HostAccess.Export
    public final CompressionOps compression = new CompressionOps();
    @HostAccess.Export
    public final TextOps text = new TextOps();
    @HostAccess.Export
    public final CryptoOps crypto = new CryptoOps();
    @HostAccess.Export
    public final HtmlOps html = new HtmlOps();
    @HostAccess.Export
    public final NodeCryptoOps nodeCrypto = new NodeCryptoOps(); // node:crypto hashes (nodejs_compat)
    @HostAccess.Export
    public final NodeZlibOps nodeZlib = new NodeZlibOps();       // node:zlib one-shot codecs
    @HostAccess.Export
    public final NodeBufferOps nodeBuffer = new NodeBufferOps(); // node:buffer's hex, base64, latin1
    @HostAccess.Export
    public final CodeGenerationOps codeGeneration = new CodeGenerationOps(); // which wasm bytes are the project's

    @HostAccess.Export
    public final FetchOps fetch;
    @HostAccess.Export
    public final StackOps stacks; // error stacks mapped through the worker's source maps

    public HostOps(ConsoleOps console, TimerOps timers, FetchOps fetch, StackOps stacks) {
        this.stacks = stacks;
        this.console = console;
        this.timers = timers;
        this.fetch = fetch;
    }
}
