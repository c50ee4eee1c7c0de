package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.jsupervisor.config.testing.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's JSON API (docs/dashboard.md) over real HTTP against a real daemon: the same
 * Basic auth as XML-RPC, the CSRF token on actions, the answers and the faults, the log tail, and
 * reread/update of an edited configuration.
 */
class DashboardApiIT {
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private final HttpClient client = HttpClient.newHttpClient();
    private String base;

    private HttpResponse<String> send(String method, String path, String token, boolean authenticated)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authenticated) {
            request.header("Authorization", AUTH);
        }
        if (token != null) {
            request.header("X-CSRF-Token", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, true);
    }

    private String body(String path) {
        try {
            return get(path).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsActsAndRefusesAsTheXmlRpcMethodsDo() throws Exception {
        int port = Ports.freePort();
        base = "http://127.0.0.1:" + port;
        String server = "[inet_http_server]\nport=127.0.0.1:" + port + "\nusername=alice\npassword=secret\n\n";
        String programs = "[program:web]\ncommand=/bin/sh -c 'echo first line; exec sleep 31701'\nstartsecs=0\n";
        try (DaemonHarness d = DaemonHarness.start(dir, "", server + programs)) {
            d.await("success: web entered RUNNING state, .*");
            assertEquals(401, send("GET", "/api/state", null, false).statusCode());
            assertEquals(401, send("GET", "/", null, false).statusCode());

            HttpResponse<String> page = get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
            Matcher meta = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">").matcher(page.body());
            assertTrue(meta.find(), page.body());
            String token = meta.group(1);
            assertEquals(200, get("/static/dashboard.js").statusCode());
            assertEquals(404, get("/static/nothing.js").statusCode());

            HttpResponse<String> state = get("/api/state");
            assertEquals(200, state.statusCode());
            assertEquals("application/json;charset=utf-8", state.headers().firstValue("Content-Type").orElse(""));
            assertTrue(state.body().matches("(?s).*\"name\":\"web\",\"group\":\"web\".*\"statename\":\"RUNNING\".*\"rss\":\\d+.*"),
                    state.body());

            assertEquals(403, send("POST", "/api/process?name=web&action=stop", null, true).statusCode());
            assertEquals(403, send("POST", "/api/process?name=web&action=stop", "wrong", true).statusCode());
            assertEquals(405, send("PUT", "/api/state", token, true).statusCode());
            assertEquals(404, get("/api/nothing").statusCode());
            assertEquals(400, send("POST", "/api/process?name=web", token, true).statusCode());

            assertEquals("true", send("POST", "/api/process?name=web&action=stop", token, true).body());
            HttpResponse<String> again = send("POST", "/api/process?name=web&action=stop", token, true);
            assertEquals(409, again.statusCode());
            assertEquals("{\"error\":\"NOT_RUNNING: web\"}", again.body());
            HttpResponse<String> unknown = send("POST", "/api/process?name=nosuch&action=start", token, true);
            assertEquals(404, unknown.statusCode());
            assertEquals("{\"error\":\"BAD_NAME: nosuch\"}", unknown.body());
            assertEquals(200, send("POST", "/api/process?name=web&action=restart", token, true).statusCode());
            assertTrue(get("/api/state").body().contains("\"statename\":\"RUNNING\""));

            until("both runs' output in the log", () -> body("/api/log?name=web").contains("first line\\nfirst line\\n"));
            HttpResponse<String> tail = get("/api/log?name=web&channel=stdout");
            assertEquals(200, tail.statusCode());
            Matcher tailed = Pattern.compile("\\{\"text\":\"first line\\\\nfirst line\\\\n\",\"offset\":(\\d+),\"overflow\":false}")
                    .matcher(tail.body());
            assertTrue(tailed.matches(), tail.body());
            assertEquals("{\"text\":\"\",\"offset\":" + tailed.group(1) + ",\"overflow\":false}",
                    get("/api/log?name=web&offset=" + tailed.group(1)).body(), "nothing new after the offset");
            assertEquals(400, get("/api/log?name=web&channel=stdin").statusCode());

            assertEquals("[{\"name\":\"web\",\"group\":\"web\",\"status\":80,\"description\":\"OK\"}]",
                    send("POST", "/api/group?name=web&action=rolling-restart", token, true).body());

            Files.writeString(dir.resolve("supervisord.conf"), Files.readString(dir.resolve("supervisord.conf"))
                    + "\n[program:added]\ncommand=sleep 31702\nstartsecs=0\n");
            assertEquals("{\"added\":[\"added\"],\"changed\":[],\"removed\":[]}",
                    send("POST", "/api/reread", token, true).body());
            assertEquals("{\"added\":[\"added\"],\"changed\":[],\"removed\":[],\"done\":[\"added: added process group\"]}",
                    send("POST", "/api/update", token, true).body());
            until("the added program to run",
                    () -> body("/api/state").matches("(?s).*\"name\":\"added\".*?\"statename\":\"RUNNING\".*"));
            d.stopCleanly();
        }
    }
}
