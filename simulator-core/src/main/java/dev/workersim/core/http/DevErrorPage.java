package dev.workersim.core.http;

import dev.workersim.core.runtime.WorkerError;

/** The page a browser sees when the worker threw or failed to load: the error and its JS stack. */
final class DevErrorPage {
    private DevErrorPage() {
    }

    static String html(WorkerError error, String request) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>
                  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1f; }
                  h1 { font-size: 1.4rem; color: #b3261e; margin-bottom: .25rem; word-break: break-word; }
                  .req { color: #666; margin-top: 0; }
                  pre { background: #f6f6f8; border: 1px solid #e3e3e8; border-radius: 6px; padding: 1rem; overflow-x: auto; font-size: 13px; }
                  footer { color: #888; font-size: 12px; }
                </style></head>
                <body>
                <h1>%s</h1>
                <p class="req">while handling <code>%s</code></p>
                <pre>%s</pre>
                <footer>workersim dev server: this page is shown only locally; in production the client would get a bare 500.</footer>
                </body></html>
                """.formatted(escape(error.headline()), escape(error.headline()), escape(request), escape(error.describe()));
    }

    static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
