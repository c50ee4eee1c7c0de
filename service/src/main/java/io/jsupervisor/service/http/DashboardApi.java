package io.jsupervisor.service.http;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.platform.linux.ProcStats;
import io.jsupervisor.service.process.SupervisorLog;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /api/...}: the dashboard's JSON API (docs/dashboard.md), which other tools may use too.
 * Every answer comes from the XML-RPC methods called in-process, so it does and refuses exactly
 * what the same XML-RPC calls would. Reads are GET; actions are POST and must carry the page's
 * {@code X-CSRF-Token} header, which a page of another site cannot read or send.
 *
 * <p>Thread-safe; never blocks an HTTP thread: answers are written when the calls complete, on the
 * server's executor (where {@code /proc} is read for CPU and memory).
 */
final class DashboardApi implements Request.Handler {
    static final String PREFIX = "/api/";
    static final String TOKEN_HEADER = "X-CSRF-Token";
    /** How much of a log the first look at it shows. */
    private static final int TAIL_BYTES = 16 * 1024;

    private final RpcCalls calls;
    private final String token;
    private final SupervisorLog log;
    /** The last CPU time sample of each pid, for the CPU use since the previous look. */
    private final Map<Integer, CpuSample> cpuSamples = new ConcurrentHashMap<>();

    private record CpuSample(double cpuSeconds, long nanos) {
    }

    /** An answer other than 200, with its message. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    DashboardApi(RpcCalls calls, String token, SupervisorLog log) {
        this.calls = calls;
        this.token = token;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        CompletableFuture<Object> answer;
        try {
            answer = answer(request);
        } catch (Refusal refusal) {
            answer = CompletableFuture.failedFuture(refusal);
        }
        Executor executor = request.getComponents().getExecutor();
        answer.whenCompleteAsync((value, failure) -> send(value, failure, response, callback), executor);
        return true;
    }

    private CompletableFuture<Object> answer(Request request) {
        String path = Request.getPathInContext(request).substring(PREFIX.length());
        boolean post = HttpMethod.POST.is(request.getMethod());
        if (!post && !HttpMethod.GET.is(request.getMethod())) {
            throw new Refusal(HttpStatus.METHOD_NOT_ALLOWED_405, "GET or POST only");
        }
        if (post && !token.equals(request.getHeaders().get(TOKEN_HEADER))) {
            throw new Refusal(HttpStatus.FORBIDDEN_403, "missing or wrong " + TOKEN_HEADER + " header");
        }
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        return switch ((post ? "POST " : "GET ") + path) {
            case "GET state" -> state();
            case "GET log" -> log(required(query, "name"), query.getValue("channel"), query.getValue("offset"));
            case "POST process" -> processAction(required(query, "name"), required(query, "action"));
            case "POST group" -> groupAction(required(query, "name"), required(query, "action"));
            case "POST reread" -> call("supervisor.reloadConfig").thenApply(DashboardApi::diff);
            case "POST update" -> update();
            default -> throw new Refusal(HttpStatus.NOT_FOUND_404, "no such API call: " + request.getMethod()
                    + " " + PREFIX + path);
        };
    }

    private static String required(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null || value.isEmpty()) {
            throw new Refusal(HttpStatus.BAD_REQUEST_400, "the '" + name + "' parameter is missing");
        }
        return value;
    }

    private CompletableFuture<Object> call(String method, Object... params) {
        return calls.call(method, List.of(params));
    }

    /** The supervisor and every process, with CPU and memory use of the running ones. */
    private CompletableFuture<Object> state() {
        CompletableFuture<Object> version = call("supervisor.getSupervisorVersion");
        CompletableFuture<Object> identification = call("supervisor.getIdentification");
        CompletableFuture<Object> pid = call("supervisor.getPID");
        CompletableFuture<Object> supervisorState = call("supervisor.getState");
        CompletableFuture<Object> processes = call("supervisor.getAllProcessInfo");
        return CompletableFuture.allOf(version, identification, pid, supervisorState, processes).thenApply(done -> {
            Map<String, Object> supervisor = new LinkedHashMap<>();
            supervisor.put("version", version.join());
            supervisor.put("identification", identification.join());
            supervisor.put("pid", pid.join());
            supervisor.put("statename", ((Map<?, ?>) supervisorState.join()).get("statename"));
            supervisor.put("started", ManagementFactory.getRuntimeMXBean().getStartTime() / 1000);
            List<Object> rows = new ArrayList<>();
            for (Object info : (List<?>) processes.join()) {
                Map<String, Object> row = new LinkedHashMap<>();
                ((Map<?, ?>) info).forEach((key, value) -> row.put(key.toString(), value));
                int processPid = (Integer) row.get("pid");
                row.put("cpu", cpuPercent(processPid));
                row.put("rss", processPid > 0 ? ProcStats.rssBytes(processPid) : null);
                rows.add(row);
            }
            cpuSamples.keySet().retainAll(rows.stream().map(r -> ((Map<?, ?>) r).get("pid")).toList());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("supervisor", supervisor);
            state.put("processes", rows);
            return state;
        });
    }

    /** Percent of one CPU used since the previous look at this pid; null on the first look. */
    private Double cpuPercent(int pid) {
        if (pid <= 0) {
            return null;
        }
        CpuSample now = new CpuSample(ProcStats.cpuSeconds(pid), System.nanoTime());
        CpuSample before = cpuSamples.put(pid, now);
        if (before == null || now.nanos() <= before.nanos()) {
            return null;
        }
        double percent = 100.0 * (now.cpuSeconds() - before.cpuSeconds()) / ((now.nanos() - before.nanos()) / 1e9);
        return Math.round(Math.max(0, percent) * 10) / 10.0;
    }

    /** New output of a process's log from {@code offset}, or its last part when there is none. */
    private CompletableFuture<Object> log(String name, String channel, String offset) {
        String method = channel == null || channel.equals("stdout") ? "supervisor.tailProcessStdoutLog"
                : channel.equals("stderr") ? "supervisor.tailProcessStderrLog" : null;
        if (method == null) {
            throw new Refusal(HttpStatus.BAD_REQUEST_400, "channel is stdout or stderr");
        }
        int from;
        try {
            from = offset == null ? 0 : Integer.parseInt(offset);
        } catch (NumberFormatException e) {
            throw new Refusal(HttpStatus.BAD_REQUEST_400, "offset is a whole number");
        }
        // tailProcess*Log answers what follows offset, at most TAIL_BYTES, skipping to the last
        // TAIL_BYTES (overflow) when more: a first look (offset 0) gets the tail, later looks from
        // the offset they were given get what is new.
        return call(method, name, from, TAIL_BYTES).thenApply(answer -> {
            List<?> parts = (List<?>) answer;
            Map<String, Object> tail = new LinkedHashMap<>();
            tail.put("text", parts.get(0));
            tail.put("offset", parts.get(1));
            tail.put("overflow", parts.get(2));
            return tail;
        });
    }

    private CompletableFuture<Object> processAction(String name, String action) {
        return switch (action) {
            case "start" -> call("supervisor.startProcess", name, true);
            case "stop" -> call("supervisor.stopProcess", name, true);
            case "restart" -> unlessFault(call("supervisor.stopProcess", name, true), "NOT_RUNNING")
                    .thenCompose(stopped -> call("supervisor.startProcess", name, true));
            case "clear" -> call("supervisor.clearProcessLogs", name);
            default -> throw new Refusal(HttpStatus.BAD_REQUEST_400, "action is start, stop, restart or clear");
        };
    }

    private CompletableFuture<Object> groupAction(String name, String action) {
        return switch (action) {
            case "start" -> call("supervisor.startProcessGroup", name, true);
            case "stop" -> call("supervisor.stopProcessGroup", name, true);
            case "restart" -> call("supervisor.stopProcessGroup", name, true)
                    .thenCompose(stopped -> call("supervisor.startProcessGroup", name, true));
            case "rolling-restart" -> call("jsupervisor.rollingRestart", name);
            default -> throw new Refusal(HttpStatus.BAD_REQUEST_400,
                    "action is start, stop, restart or rolling-restart");
        };
    }

    /** {@code future}, with the fault named {@code fault} taken as success. */
    private static CompletableFuture<Object> unlessFault(CompletableFuture<Object> future, String fault) {
        return future.handle((value, failure) -> {
            if (failure != null && !String.valueOf(cause(failure).getMessage()).startsWith(fault)) {
                throw new CompletionException(cause(failure));
            }
            return value;
        });
    }

    /**
     * reloadConfig, then what {@code supervisorctl update} does with its answer: removed groups are
     * stopped and removed, changed ones stopped, removed and added again, new ones added.
     */
    private CompletableFuture<Object> update() {
        return call("supervisor.reloadConfig").thenCompose(answer -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> diff = (Map<String, Object>) diff(answer);
            List<String> done = new ArrayList<>();
            CompletableFuture<Object> chain = CompletableFuture.completedFuture(null);
            for (Object group : (List<?>) diff.get("removed")) {
                chain = chain.thenCompose(x -> call("supervisor.stopProcessGroup", group, true))
                        .thenCompose(x -> call("supervisor.removeProcessGroup", group))
                        .thenApply(x -> done.add(group + ": stopped and removed"));
            }
            for (Object group : (List<?>) diff.get("changed")) {
                chain = chain.thenCompose(x -> call("supervisor.stopProcessGroup", group, true))
                        .thenCompose(x -> call("supervisor.removeProcessGroup", group))
                        .thenCompose(x -> call("supervisor.addProcessGroup", group))
                        .thenApply(x -> done.add(group + ": updated process group"));
            }
            for (Object group : (List<?>) diff.get("added")) {
                chain = chain.thenCompose(x -> call("supervisor.addProcessGroup", group))
                        .thenApply(x -> done.add(group + ": added process group"));
            }
            return chain.thenApply(x -> {
                diff.put("done", done);
                return diff;
            });
        });
    }

    /** reloadConfig's {@code [[added, changed, removed]]} as named lists. */
    private static Object diff(Object answer) {
        List<?> lists = (List<?>) ((List<?>) answer).get(0);
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("added", lists.get(0));
        diff.put("changed", lists.get(1));
        diff.put("removed", lists.get(2));
        return diff;
    }

    private void send(Object value, Throwable failure, Response response, Callback callback) {
        int status = HttpStatus.OK_200;
        Object body = value;
        if (failure != null) {
            Throwable cause = cause(failure);
            if (cause instanceof Refusal refusal) {
                status = refusal.status;
            } else if (cause instanceof RpcCalls.Fault) {
                // a fault of the XML-RPC method: the request was understood, the state refused it
                status = cause.getMessage().startsWith("BAD_NAME") ? HttpStatus.NOT_FOUND_404 : HttpStatus.CONFLICT_409;
            } else {
                status = HttpStatus.INTERNAL_SERVER_ERROR_500;
                log.log(LogLevel.CRITICAL, "Server Error: dashboard API: " + cause);
            }
            body = Map.of("error", String.valueOf(cause.getMessage()));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        WholeBody.send(JsonText.of(body).getBytes(StandardCharsets.UTF_8), "application/json;charset=utf-8",
                response, callback);
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
