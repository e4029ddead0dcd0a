package dev.workersim.core.runtime.ops;

import dev.workersim.core.runtime.ops.html.HtmlTokenizer;
import org.graalvm.polyglot.HostAccess;

/** The tokenizing half of {@code HTMLRewriter} (web/html-rewriter.js): one tokenizer per transformed body. */
public final class HtmlOps {
    public HtmlOps() {
    }

    @HostAccess.Export
    public HtmlTokenizer tokenizer() {
        return new HtmlTokenizer();
    }
}
