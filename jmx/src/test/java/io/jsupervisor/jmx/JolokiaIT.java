package io.jsupervisor.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jolokia in a real daemon, over real HTTP: read, exec, search and bulk requests against the
 * process MBeans with Basic auth ({@code {SHA}} password), 401 without or with wrong credentials,
 * and the read-only {@code docs/jolokia-access.xml} policy, which refuses exec.
 */
class JolokiaIT {
    private static final String SLEEPER = "jsupervisor:type=Process,group=sleeper,name=sleeper";

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jolokia/" + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jolokia/"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:test".getBytes(
                        StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private TestDaemon start(int port, String extra) throws Exception {
        return TestDaemon.start(dir, "[jolokia]\nport=" + port + "\nusername=ops\n"
                + "password={SHA}a94a8fe5ccb19ba61c4c0873d391e987982fbbd3\n" + extra
                + "\n[program:sleeper]\ncommand=sleep 1000\n")
                .awaitLog("Jolokia listening on http://127.0.0.1:" + port + "/jolokia")
                .awaitLog("success: sleeper entered RUNNING state");
    }

    @Test
    void readExecSearchAndBulkWithBasicAuth() throws Exception {
        int port = TestDaemon.freePort();
        try (TestDaemon daemon = start(port, "")) {
            HttpResponse<String> state = get(port, "read/" + SLEEPER + "/State", "ops", "test");
            assertEquals(200, state.statusCode());
            assertTrue(state.body().contains("\"value\":\"RUNNING\""), state.body());
            String pids = get(port, "read/" + SLEEPER + "/State,Pid", "ops", "test").body();
            assertTrue(pids.matches(".*\"Pid\":[1-9][0-9]*.*"), pids);

            String stopped = get(port, "exec/" + SLEEPER + "/stop()", "ops", "test").body();
            assertTrue(stopped.contains("\"value\":\"STOPPED\""), stopped);
            assertTrue(get(port, "read/" + SLEEPER + "/State", "ops", "test").body().contains("\"STOPPED\""));
            String started = get(port, "exec/" + SLEEPER + "/start()", "ops", "test").body();
            assertTrue(started.contains("\"value\":\"RUNNING\""), started);

            String search = get(port, "search/jsupervisor:type=Process,*", "ops", "test").body();
            assertTrue(search.contains(SLEEPER), search);

            String bulk = post(port, "[{\"type\":\"read\",\"mbean\":\"" + SLEEPER + "\",\"attribute\":\"State\"},"
                    + "{\"type\":\"read\",\"mbean\":\"jsupervisor:type=Supervisor\",\"attribute\":\"State\"}]").body();
            assertTrue(bulk.startsWith("[") && bulk.split("\"status\":200", -1).length == 3, bulk);

            assertEquals(401, get(port, "read/" + SLEEPER + "/State", "ops", "wrong").statusCode());
            assertEquals(401, get(port, "read/" + SLEEPER + "/State", null, null).statusCode());
            assertTrue(!daemon.log().contains("a94a8fe5"), "the password is never logged");
        }
    }

    @Test
    void aReadOnlyPolicyRefusesExec() throws Exception {
        int port = TestDaemon.freePort();
        // the read-only policy shipped for users
        Path policy = Path.of(System.getProperty("jsupervisor.home"), "docs", "jolokia-access.xml");
        try (TestDaemon daemon = start(port, "policy_file=" + policy)) {
            assertTrue(get(port, "read/" + SLEEPER + "/State", "ops", "test").body().contains("\"RUNNING\""));
            String refused = get(port, "exec/" + SLEEPER + "/stop()", "ops", "test").body();
            assertTrue(refused.contains("\"status\":403"), refused);
            assertTrue(get(port, "read/" + SLEEPER + "/State", "ops", "test").body().contains("\"RUNNING\""));
        }
    }

    @Test
    void stateNotificationsArePulledOverHttp() throws Exception {
        int port = TestDaemon.freePort();
        try (TestDaemon daemon = start(port, "")) {
            Map<?, ?> client = (Map<?, ?>) value(post(port, "{\"type\":\"notification\",\"command\":\"register\"}"));
            String id = (String) client.get("id");
            String store = (String) ((Map<?, ?>) ((Map<?, ?>) client.get("backend")).get("pull")).get("store");
            Object handle = value(post(port, "{\"type\":\"notification\",\"command\":\"add\",\"client\":\"" + id
                    + "\",\"mode\":\"pull\",\"mbean\":\"" + SLEEPER + "\"}"));
            assertTrue(get(port, "exec/" + SLEEPER + "/stop()", "ops", "test").body().contains("STOPPED"));
            String pulled = post(port, "{\"type\":\"exec\",\"mbean\":\"" + store + "\",\"operation\":\"pull\","
                    + "\"arguments\":[\"" + id + "\",\"" + handle + "\"]}").body();
            assertTrue(pulled.contains("sleeper:sleeper RUNNING -> STOPPING")
                    && pulled.contains("sleeper:sleeper STOPPING -> STOPPED"), pulled);
        }
    }

    private static Object value(HttpResponse<String> response) throws Exception {
        Map<?, ?> answer = (Map<?, ?>) new JSONParser().parse(response.body());
        assertEquals(200L, ((Number) answer.get("status")).longValue(), response.body());
        return answer.get("value");
    }
}
