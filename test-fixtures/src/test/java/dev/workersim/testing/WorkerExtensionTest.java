package dev.workersim.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.FetchRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension serves the repository's hello example, directly and over HTTP. */
class WorkerExtensionTest {
    @RegisterExtension
    static WorkerExtension hello = WorkerExtension.forConfig(Path.of("../examples/hello/wrangler.toml"))
            .configure(b -> b.var("GREETING", "Howdy"));

    @Test
    void answersWithoutASocket() {
        assertEquals("Howdy World!\n", hello.fetch("/").text());
        assertEquals("{\"message\":\"Howdy JSON!\",\"method\":\"GET\"}", hello.fetch("/json").text());
    }

    @Test
    void echoesABodyOverHttp() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(hello.url().resolve("/echo")).header("content-type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("round trip")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("round trip", r.body());
        assertEquals("text/plain", r.headers().firstValue("content-type").orElse(null));
    }

    @Test
    void postsThroughDispatchFetch() {
        assertEquals("abc", hello.fetch(FetchRequest.post("/echo", "abc")).text());
    }
}
