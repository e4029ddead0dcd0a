package dev.workersim.core.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workersim.core.Simulator;
import dev.workersim.core.TestProjects;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two trigger routes over HTTP, against what wrangler dev answered (the goldens under
 * test resources conformance/scheduled). The worker keeps the last controller it saw.
 */
class ScheduledRoutesTest {
    static final String WORKER = """
            let last = null;
            export default {
              async scheduled(controller, env, ctx) {
                last = controller.cron + "|" + controller.scheduledTime;
                if (controller.cron === "throw") throw new Error("boom");
                if (controller.cron === "wu-reject") ctx.waitUntil(Promise.reject(new Error("later")));
              },
              async fetch(request) {
                const url = new URL(request.url);
                return new Response(url.pathname === "/last" ? String(last) : "fetch " + url.pathname + url.search);
              },
            };
            """;
    static Simulator sim;
    static Simulator withoutTestRoute;

    @BeforeAll
    static void start() {
        sim = Simulator.builder().script(WORKER).testScheduled(true).build().start();
        withoutTestRoute = Simulator.builder().script(WORKER).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
        withoutTestRoute.close();
    }

    private static String call(Simulator s, String path, int status, String body) {
        HttpResponse<String> r = TestProjects.get(s.url(), path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        assertEquals(body, r.body(), path);
        return TestProjects.get(s.url(), "/last").body();
    }

    private static long now() {
        return sim.clock().millis();
    }

    private static void assertNearNow(String last, String cron) {
        String[] parts = last.split("\\|");
        assertEquals(cron, parts[0]);
        long t = (long) Double.parseDouble(parts[1]);
        assertEquals(true, Math.abs(t - now()) < 60_000, last);
    }

    @Test
    void cdnCgiRouteTakesCronAndTime() {
        HttpResponse<String> r = TestProjects.get(sim.url(), "/cdn-cgi/handler/scheduled?cron=*+*+*+*+*&time=1745856238");
        assertEquals("text/plain;charset=UTF-8", r.headers().firstValue("content-type").orElse(""));
        assertEquals("ok", r.body());
        // the time goes through as given: no unit conversion
        assertEquals("* * * * *|1745856238", TestProjects.get(sim.url(), "/last").body());
        assertEquals("1 2 3 4 5|1700000000000", call(sim, "/cdn-cgi/handler/scheduled?cron=1%202%203%204%205&time=1700000000000", 200, "ok"));
        assertEquals("pct+plus|0", call(sim, "/cdn-cgi/handler/scheduled?cron=pct%2Bplus&time=0", 200, "ok"));
    }

    @Test
    void cdnCgiTimeIsReadLikeParseInt() {
        assertEquals("a|1", call(sim, "/cdn-cgi/handler/scheduled?cron=a&time=1.5", 200, "ok"));
        assertEquals("a|-5", call(sim, "/cdn-cgi/handler/scheduled?cron=a&time=-5", 200, "ok"));
        assertEquals("a|1", call(sim, "/cdn-cgi/handler/scheduled?cron=a&time=1e3", 200, "ok"));
        assertEquals("a|12", call(sim, "/cdn-cgi/handler/scheduled?cron=a&time=12abc", 200, "ok"));
        assertNearNow(call(sim, "/cdn-cgi/handler/scheduled?cron=empty&time=", 200, "ok"), "empty");
        String invalid = "TypeError: The value cannot be converted because it is not a valid Date.";
        call(sim, "/cdn-cgi/handler/scheduled?cron=x&time=abc", 500, invalid);
        call(sim, "/cdn-cgi/handler/scheduled?cron=x&time=99999999999999999999", 500, invalid);
    }

    @Test
    void cdnCgiDefaultsAndFailures() {
        assertNearNow(call(sim, "/cdn-cgi/handler/scheduled", 200, "ok"), "");
        assertNearNow(call(sim, "/cdn-cgi/handler/scheduled?cron=a+b&cron=second", 200, "ok"), "a b");
        call(sim, "/cdn-cgi/handler/scheduled?cron=throw", 500, "exception");
        call(sim, "/cdn-cgi/handler/scheduled?cron=wu-reject", 500, "exception");
    }

    @Test
    void testRouteIgnoresTimeAndReportsOnlyTheHandlersError() {
        HttpResponse<String> r = TestProjects.get(sim.url(), "/__scheduled?cron=*%2F3+*+*+*+*");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain;charset=UTF-8", r.headers().firstValue("content-type").orElse(""));
        assertEquals("Ran scheduled event", r.body());
        assertNearNow(TestProjects.get(sim.url(), "/last").body(), "*/3 * * * *");
        assertNearNow(call(sim, "/__scheduled?cron=b&time=1700000000000", 200, "Ran scheduled event"), "b");
        assertNearNow(call(sim, "/__scheduled", 200, "Ran scheduled event"), "");
        assertNearNow(call(sim, "/__scheduled?cron=0++12+*+*+MON", 200, "Ran scheduled event"), "0  12 * * MON");
        call(sim, "/__scheduled?cron=throw", 500, "Error: boom");
        call(sim, "/__scheduled?cron=wu-reject", 200, "Ran scheduled event");
    }

    @Test
    void otherMethodsWork() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(sim.url().resolve("/__scheduled?cron=post"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(20)).build();
        assertEquals("Ran scheduled event", TestProjects.HTTP.send(post, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void nearbyPathsGoToTheWorker() {
        assertEquals("fetch /__scheduled/?cron=slash", TestProjects.get(sim.url(), "/__scheduled/?cron=slash").body());
        assertEquals("fetch /CDN-CGI/handler/scheduled", TestProjects.get(sim.url(), "/CDN-CGI/handler/scheduled").body());
    }

    @Test
    void withoutTestScheduledOnlyTheCdnCgiRouteIsServed() {
        URI base = withoutTestRoute.url();
        assertEquals("fetch /__scheduled?cron=*+*+*+*+*", TestProjects.get(base, "/__scheduled?cron=*+*+*+*+*").body());
        assertEquals("ok", TestProjects.get(base, "/cdn-cgi/handler/scheduled?cron=z&time=7").body());
        assertEquals("z|7", TestProjects.get(base, "/last").body());
    }

    @Test
    void parseIntLikeJs() {
        assertEquals(16.0, ScheduledRoutes.parseIntLikeJs("0x10"));
        assertEquals(-5.0, ScheduledRoutes.parseIntLikeJs(" -5"));
        assertEquals(true, Double.isNaN(ScheduledRoutes.parseIntLikeJs("-")));
        assertEquals(Instant.EPOCH.toEpochMilli(), (long) ScheduledRoutes.parseIntLikeJs("0"));
    }
}
