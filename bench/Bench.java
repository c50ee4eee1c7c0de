import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures jsupervisord and, when Debian's supervisord is installed, supervisord side by side on the
 * same generated configurations, talking to each only through its configuration file, XML-RPC and
 * /proc:
 *
 * <ul>
 *   <li>time from starting the daemon until N programs with startsecs=0 are all running;</li>
 *   <li>the daemon's CPU use while those N programs run and nothing happens (idle);</li>
 *   <li>the daemon's resident memory with N programs;</li>
 *   <li>{@code getAllProcessInfo} over XML-RPC with N programs, and {@code status} through the stock
 *       {@code supervisorctl} and through {@code bin/jsupervisorctl} when it exists;</li>
 *   <li>restart latency: from SIGKILL of a running program to its replacement existing;</li>
 *   <li>capture speed: bytes through one child's stdout into its log file, against
 *       {@code head -c SIZE /dev/zero | cat > file};</li>
 *   <li>with Debian's nginx, fcgiwrap and wrk installed: requests that fail while wrk loads nginx in
 *       front of an fcgi-program pool of fcgiwrap workers (examples/fcgi), and workers are killed or
 *       restarted.</li>
 * </ul>
 *
 * Run from the repository root after a build: {@code java bench/Bench.java} (full) or
 * {@code java bench/Bench.java --quick} (small sizes, as CI runs it); {@code --fastcgi} runs only
 * the FastCGI measures. Figures are printed, not judged. Every file goes to a temporary directory
 * that is removed at the end.
 */
public final class Bench {
    private static final long DEADLINE_MILLIS = 120_000;

    private final boolean quick;
    /** Only the FastCGI measures ({@code --fastcgi}). */
    private final boolean onlyFastCgi;
    private final int programs;
    private final int restarts;
    private final long captureBytes;
    private final int idleSeconds;
    private final int loadSeconds;
    private final boolean fastCgi;
    private final Path work;

    private Bench(boolean quick, boolean onlyFastCgi) throws IOException {
        this.quick = quick;
        this.onlyFastCgi = onlyFastCgi;
        this.programs = quick ? 50 : 500;
        this.restarts = quick ? 5 : 25;
        this.captureBytes = quick ? 64L << 20 : 1L << 30;
        this.idleSeconds = quick ? 3 : 20;
        this.loadSeconds = quick ? 2 : 10;
        this.fastCgi = FASTCGI_TOOLS.stream().allMatch(tool -> Files.isExecutable(Path.of(tool)));
        this.work = Files.createTempDirectory("jsupervisor-bench");
    }

    /**
     * A daemon under test: its name, how to start it on a configuration file, and the jsupervisorctl
     * command that restarts a group's workers one at a time, if the daemon has one (otherwise the
     * bench restarts one worker after another with supervisorctl, as an operator of supervisord would).
     */
    private record Daemon(String name, List<String> command, Optional<String> rollingRestart) {
        Process start(Path config, Path dir) throws IOException {
            List<String> argv = new ArrayList<>(command);
            argv.addAll(List.of("-n", "-c", config.toString()));
            return new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("daemon.out").toFile()).start();
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Bench bench = new Bench(quick, Arrays.asList(args).contains("--fastcgi"));
        List<Daemon> daemons = new ArrayList<>();
        daemons.add(new Daemon("jsupervisord", List.of(Path.of("bin/jsupervisord").toAbsolutePath().toString()),
                Optional.of("rolling_restart")));
        if (Files.isExecutable(Path.of("/usr/bin/supervisord"))) {
            daemons.add(new Daemon("supervisord", List.of("/usr/bin/supervisord"), Optional.empty()));
        } else {
            System.out.println("supervisord is not installed (apt-get install supervisor): measuring jsupervisord only");
        }
        if (!bench.fastCgi) {
            System.out.println("nginx, fcgiwrap or wrk is not installed (apt-get install nginx-light fcgiwrap wrk): "
                    + "no FastCGI measures");
        }
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        try {
            for (Daemon daemon : daemons) {
                results.put(daemon.name(), bench.measure(daemon));
            }
            bench.print(results);
        } finally {
            bench.deleteWork();
        }
    }

    private Map<String, String> measure(Daemon daemon) throws Exception {
        Map<String, String> figures = new LinkedHashMap<>();
        if (!onlyFastCgi) {
            manyPrograms(daemon, figures);
            if (daemon.rollingRestart().isPresent()) {
                jolokia(daemon, figures);
            }
            restartLatency(daemon, figures);
            capture(daemon, figures);
        }
        if (fastCgi) {
            fastCgi(daemon, figures);
        }
        return figures;
    }

    private void manyPrograms(Daemon daemon, Map<String, String> figures) throws Exception {
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < programs; i++) {
            config.append("[program:p").append(i).append("]\ncommand=/bin/sleep 100000\nstartsecs=0\n")
                    .append("stdout_logfile=NONE\nstderr_logfile=NONE\n");
        }
        config.append(CONTROL_SECTIONS);
        Path dir = dir(daemon, "many");
        long started = System.nanoTime();
        Path file = writeConfig(dir, "minfds=4096\n", config.toString());
        Process process = daemon.start(file, dir);
        try {
            waitUntil(programs + " programs running", () -> children(process.pid()).size() >= programs);
            figures.put(programs + " programs running after", millis(System.nanoTime() - started));
            Thread.sleep(2000); // let start-up work finish before measuring idleness
            long cpuBefore = cpuTicks(process.pid());
            long wallBefore = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            double cpuSeconds = (cpuTicks(process.pid()) - cpuBefore) / 100.0;
            double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
            figures.put("idle CPU with " + programs + " programs", String.format("%.3f %% of a core",
                    100 * cpuSeconds / wallSeconds));
            figures.put("RSS with " + programs + " programs", rssMegabytes(process.pid()));
            controlPlane(dir, file, figures);
        } finally {
            stop(process);
        }
    }

    /** The supervisorctl-facing sections: a unix socket server with supervisord's standard interface. */
    private static final String CONTROL_SECTIONS = "[unix_http_server]\nfile=%(here)s/s.sock\n"
            + "[supervisorctl]\nserverurl=unix://%(here)s/s.sock\n[rpcinterface:supervisor]\n"
            + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n";

    private static final byte[] GET_ALL_PROCESS_INFO = ("<?xml version='1.0'?>\n<methodCall>\n"
            + "<methodName>supervisor.getAllProcessInfo</methodName>\n<params>\n</params>\n</methodCall>\n")
            .getBytes(StandardCharsets.UTF_8);

    /** getAllProcessInfo over XML-RPC, and `status` through the stock client and ours, while N programs run. */
    private void controlPlane(Path dir, Path config, Map<String, String> figures) throws Exception {
        Path socket = dir.resolve("s.sock");
        int calls = quick ? 10 : 50;
        double[] rpc = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            String answer = post(socket, GET_ALL_PROCESS_INFO);
            rpc[i] = (System.nanoTime() - t) / 1e6;
            if (!answer.contains("<name>statename</name>")) {
                throw new IllegalStateException("getAllProcessInfo failed: " + answer);
            }
        }
        figures.put("getAllProcessInfo, " + programs + " processes (median of " + calls + ")", median(rpc));
        int runs = quick ? 3 : 10;
        for (String client : List.of("/usr/bin/supervisorctl", Path.of("bin/jsupervisorctl").toAbsolutePath().toString())) {
            if (!Files.isExecutable(Path.of(client))) {
                continue;
            }
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                Process p = new ProcessBuilder(client, "-c", config.toString(), "status")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
                p.waitFor();
                times[i] = (System.nanoTime() - t) / 1e6;
            }
            figures.put(Path.of(client).getFileName() + " status, " + programs + " processes (median of " + runs + ")",
                    median(times));
        }
    }

    /**
     * jsupervisord only: with {@code [jolokia]} on and N programs running, the daemon's RSS, and the
     * latency of one bulk request reading State of every process MBean and of one search for them.
     */
    private void jolokia(Daemon daemon, Map<String, String> figures) throws Exception {
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < programs; i++) {
            config.append("[program:p").append(i).append("]\ncommand=/bin/sleep 100000\nstartsecs=0\n")
                    .append("stdout_logfile=NONE\nstderr_logfile=NONE\n");
        }
        int port = freePort();
        config.append(CONTROL_SECTIONS).append("[jolokia]\nport=").append(port).append("\n");
        Path dir = dir(daemon, "jolokia");
        Process process = daemon.start(writeConfig(dir, "minfds=4096\n", config.toString()), dir);
        try {
            waitUntil(programs + " programs running", () -> children(process.pid()).size() >= programs);
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port + "/jolokia/");
            HttpRequest bulk = HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofString(
                    "[{\"type\":\"read\",\"mbean\":\"jsupervisor:type=Process,*\",\"attribute\":\"State\"}]")).build();
            HttpRequest search = HttpRequest.newBuilder(base.resolve("search/jsupervisor:type=Process,*")).build();
            waitUntil("Jolokia answers", () -> {
                try {
                    return http.send(search, HttpResponse.BodyHandlers.ofString()).body().contains("\"status\":200");
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            int calls = quick ? 5 : 20;
            for (var measure : List.of(Map.entry("Jolokia bulk read of State, ", bulk),
                    Map.entry("Jolokia search, ", search))) {
                double[] times = new double[calls];
                for (int i = 0; i < calls; i++) {
                    long t = System.nanoTime();
                    String body = http.send(measure.getValue(), HttpResponse.BodyHandlers.ofString()).body();
                    times[i] = (System.nanoTime() - t) / 1e6;
                    if (body.split("jsupervisor:", -1).length <= programs) {
                        throw new IllegalStateException(measure.getKey() + "answered too few MBeans: " + body);
                    }
                }
                figures.put(measure.getKey() + programs + " processes (median of " + calls + ")", median(times));
            }
            figures.put("RSS with " + programs + " programs and Jolokia", rssMegabytes(process.pid()));
        } finally {
            stop(process);
        }
    }

    /** One XML-RPC call over a unix socket (HTTP/1.0, so the answer ends with the connection). */
    private static String post(Path socket, byte[] body) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] head = ("POST /RPC2 HTTP/1.0\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            channel.write(ByteBuffer.wrap(head));
            channel.write(ByteBuffer.wrap(body));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer.clear()) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String median(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format("%.1f ms", sorted[sorted.length / 2]);
    }

    private void restartLatency(Daemon daemon, Map<String, String> figures) throws Exception {
        Path dir = dir(daemon, "restart");
        Process process = daemon.start(writeConfig(dir, "", "[program:victim]\ncommand=/bin/sleep 100000\n"
                + "startsecs=0\nautorestart=true\nstdout_logfile=NONE\nstderr_logfile=NONE\n"), dir);
        try {
            double[] latencies = new double[restarts];
            for (int i = 0; i < restarts; i++) {
                waitUntil("the program runs", () -> children(process.pid()).size() == 1);
                long victim = children(process.pid()).get(0);
                Thread.sleep(300); // not measuring a restart that is still in progress
                long killed = System.nanoTime();
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL, no helper process
                waitUntil("a replacement runs", () -> {
                    List<Long> now = children(process.pid());
                    return now.size() == 1 && now.get(0) != victim;
                }, 0);
                latencies[i] = (System.nanoTime() - killed) / 1e6;
            }
            Arrays.sort(latencies);
            figures.put("restart after SIGKILL (median of " + restarts + ")",
                    String.format("%.1f ms", latencies[restarts / 2]));
        } finally {
            stop(process);
        }
    }

    private void capture(Daemon daemon, Map<String, String> figures) throws Exception {
        Path dir = dir(daemon, "capture");
        Path log = dir.resolve("big.log");
        Process process = daemon.start(writeConfig(dir, "", "[program:big]\ncommand=/usr/bin/head -c "
                + captureBytes + " /dev/zero\nstdout_logfile=%(here)s/big.log\nstdout_logfile_maxbytes=0\n"
                + "autorestart=false\nstartsecs=0\n"), dir);
        try {
            waitUntil("the writer starts", () -> size(log) > 0);
            long started = System.nanoTime();
            waitUntil("the whole output is in the log", () -> size(log) >= captureBytes, 1);
            double seconds = (System.nanoTime() - started) / 1e9;
            double baseline = baseline(dir);
            figures.put("capture of " + (captureBytes >> 20) + " MiB", String.format("%.0f MiB/s (%.2f of head | cat)",
                    (captureBytes >> 20) / seconds, baseline / seconds));
        } finally {
            stop(process);
        }
    }

    private double baseline(Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("baseline");
        long started = System.nanoTime();
        new ProcessBuilder("/bin/sh", "-c", "head -c " + captureBytes + " /dev/zero | cat > " + out).start().waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.delete(out);
        return seconds;
    }

    /** The FastCGI measures need these Debian packages: nginx-light, fcgiwrap, wrk. */
    private static final List<String> FASTCGI_TOOLS = List.of("/usr/sbin/nginx", "/usr/sbin/fcgiwrap", "/usr/bin/wrk");
    private static final Path FASTCGI_EXAMPLE = Path.of("examples/fcgi");
    private static final Pattern PID = Pattern.compile("<name>pid</name>\\s*<value><(?:int|i4)>(\\d+)<");
    private static final Pattern RUNNING = Pattern.compile("<name>statename</name>\\s*<value><string>RUNNING<");

    /**
     * wrk loads nginx in front of examples/fcgi's pool of fcgiwrap workers while the pool is disturbed;
     * each figure says how many of wrk's requests failed, and its slowest answer.
     */
    private void fastCgi(Daemon daemon, Map<String, String> figures) throws Exception {
        try (FastCgiPool pool = new FastCgiPool(daemon, dir(daemon, "fcgi4"), 4)) {
            if (!quick) { // where neither daemon fails a request: not worth CI's time
                figures.put("fcgi, 4 workers: SIGKILL every 0.5 s", pool.underLoad(pool::killWorkers));
                figures.put("fcgi, 4 workers: rolling restart", pool.underLoad(end -> pool.rollingRestart()));
            }
            figures.put("fcgi, 4 workers: restart cgi:*", pool.underLoad(end -> pool.ctl("restart", "cgi:*")));
        }
        try (FastCgiPool pool = new FastCgiPool(daemon, dir(daemon, "fcgi1"), 1)) {
            figures.put("fcgi, 1 worker: SIGKILL once RUNNING", pool.underLoad(pool::killWorkers));
        }
    }

    /** What disturbs a pool while wrk runs; {@code endNanos} is when the load window closes. */
    private interface Disturbance {
        void run(long endNanos) throws Exception;
    }

    /**
     * A daemon running examples/fcgi's {@code [fcgi-program:cgi]} pool of fcgiwrap workers (its port
     * and numprocs replaced) and Debian's nginx with examples/fcgi/nginx.conf in front of it, both
     * with every file in {@code dir}.
     */
    private final class FastCgiPool implements AutoCloseable {
        private final Path dir;
        private final Path config;
        private final int workers;
        private final int httpPort;
        private final Optional<String> ownRollingRestart;
        private final HttpClient http = HttpClient.newHttpClient();
        private final Random random = new Random();
        private Process supervisor;
        private Process nginx;
        private int kills;

        FastCgiPool(Daemon daemon, Path dir, int workers) throws Exception {
            this.dir = dir;
            this.workers = workers;
            this.ownRollingRestart = daemon.rollingRestart();
            // nginx's workers run as nobody when the bench runs as root: they must reach the prefix
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            String poolAddress = "127.0.0.1:" + freePort();
            this.httpPort = freePort();
            String example = Files.readString(FASTCGI_EXAMPLE.resolve("supervisord.conf"));
            String section = example.substring(example.indexOf("[fcgi-program:cgi]"));
            section = section.substring(0, section.indexOf("\n\n") + 1);
            this.config = writeConfig(dir, "", CONTROL_SECTIONS + replace(section,
                    Map.of("127.0.0.1:9100", poolAddress, "numprocs=4", "numprocs=" + workers)));
            String nginxConf = Files.readString(FASTCGI_EXAMPLE.resolve("nginx.conf"));
            Files.writeString(dir.resolve("nginx.conf"), replace(nginxConf,
                    Map.of("127.0.0.1:8080", "127.0.0.1:" + httpPort, "127.0.0.1:9100", poolAddress)));
            Files.createDirectories(dir.resolve("cgi-bin"));
            Files.createDirectories(dir.resolve("logs"));
            Files.copy(FASTCGI_EXAMPLE.resolve("cgi-bin/hello.cgi"), dir.resolve("cgi-bin/hello.cgi"),
                    StandardCopyOption.COPY_ATTRIBUTES);
            try {
                this.supervisor = daemon.start(config, dir);
                this.nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", dir + "/", "-c", "nginx.conf", "-g",
                        "daemon off;").directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("nginx.out").toFile()).start();
                waitUntil("nginx answers through the pool", () -> status("/cgi/") == 200);
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        /** Runs {@code disturbance} under wrk's load; returns what wrk saw. */
        String underLoad(Disturbance disturbance) throws Exception {
            waitUntil("all " + workers + " workers run", () -> running().size() == workers);
            kills = 0;
            Path out = dir.resolve("wrk.out");
            Process wrk = new ProcessBuilder("/usr/bin/wrk", "-t2", "-c8", "-d600s",
                    "http://127.0.0.1:" + httpPort + "/cgi/").redirectErrorStream(true).redirectOutput(out.toFile())
                    .start();
            Thread.sleep(500); // the load runs before the disturbance starts
            long end = System.nanoTime() + loadSeconds * 1_000_000_000L;
            disturbance.run(end);
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000) + 500); // and goes on after it
            new ProcessBuilder("kill", "-INT", Long.toString(wrk.pid())).start().waitFor(); // wrk reports on SIGINT
            if (!wrk.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
                wrk.destroyForcibly();
                throw new IllegalStateException("wrk did not stop on SIGINT");
            }
            return wrkSummary(Files.readString(out)) + (kills > 0 ? " (" + kills + " kills)" : "");
        }

        /**
         * Until {@code endNanos}, every 0.5 s: SIGKILL of a random worker of those the daemon reports
         * RUNNING (one still starting is left alone, so no worker is driven into FATAL); autorestart
         * brings each back.
         */
        void killWorkers(long endNanos) throws InterruptedException {
            while (System.nanoTime() < endNanos) {
                List<Long> running = running();
                if (!running.isEmpty()) {
                    long victim = running.get(random.nextInt(running.size()));
                    ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                    kills++;
                }
                Thread.sleep(500);
            }
        }

        /**
         * Restarts the workers one at a time, each RUNNING again before the next stops: with the daemon's
         * own command if it has one, else with one supervisorctl restart after another.
         */
        void rollingRestart() throws IOException, InterruptedException {
            if (ownRollingRestart.isPresent()) {
                run(Path.of("bin/jsupervisorctl").toAbsolutePath().toString(), ownRollingRestart.get(), "cgi");
                return;
            }
            for (int i = 0; i < workers; i++) {
                ctl("restart", "cgi:cgi_" + i);
            }
        }

        /** Runs supervisorctl (jsupervisorctl when supervisor is not installed) on the pool's daemon. */
        void ctl(String... args) throws IOException, InterruptedException {
            run(Files.isExecutable(Path.of("/usr/bin/supervisorctl")) ? "/usr/bin/supervisorctl"
                    : Path.of("bin/jsupervisorctl").toAbsolutePath().toString(), args);
        }

        private void run(String client, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(client, "-c", config.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        }

        /** Pids of the workers the daemon reports RUNNING (getAllProcessInfo over XML-RPC). */
        private List<Long> running() {
            List<Long> pids = new ArrayList<>();
            try {
                for (String info : post(dir.resolve("s.sock"), GET_ALL_PROCESS_INFO).split("<struct>")) {
                    Matcher pid = PID.matcher(info);
                    if (RUNNING.matcher(info).find() && pid.find()) {
                        pids.add(Long.parseLong(pid.group(1)));
                    }
                }
            } catch (IOException notYet) {
                // the daemon is not listening yet
            }
            return pids;
        }

        private int status(String path) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }

        @Override
        public void close() throws InterruptedException {
            for (Process process : new Process[] {nginx, supervisor}) {
                if (process != null) {
                    stop(process);
                }
            }
        }
    }

    /**
     * wrk's report in one line: requests that failed (answered other than 2xx or 3xx — nginx answers
     * 502 when it cannot reach a worker — or ended by a socket error) of all it made, and its slowest.
     */
    private static String wrkSummary(String report) {
        Matcher requests = Pattern.compile("(\\d+) requests in").matcher(report);
        Matcher latency = Pattern.compile("Latency\\s+\\S+\\s+\\S+\\s+(\\S+)").matcher(report);
        if (!requests.find() || !latency.find()) {
            throw new IllegalStateException("unexpected wrk report:\n" + report);
        }
        long failed = 0;
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(report);
        if (non2xx.find()) {
            failed += Long.parseLong(non2xx.group(1));
        }
        Matcher errors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(report);
        if (errors.find()) {
            for (int i = 1; i <= 4; i++) {
                failed += Long.parseLong(errors.group(i));
            }
        }
        return failed + " of " + requests.group(1) + " failed, max " + latency.group(1);
    }

    /** {@code text} with each key replaced by its value; every key must occur. */
    private static String replace(String text, Map<String, String> replacements) {
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            if (!text.contains(r.getKey())) {
                throw new IllegalStateException("the example no longer contains " + r.getKey());
            }
            text = text.replace(r.getKey(), r.getValue());
        }
        return text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private void print(Map<String, Map<String, String>> results) {
        List<String> names = new ArrayList<>(results.keySet());
        List<String> measures = new ArrayList<>(results.get(names.get(0)).keySet());
        int width = measures.stream().mapToInt(String::length).max().orElse(10) + 2;
        StringBuilder header = new StringBuilder(String.format("%-" + width + "s", quick ? "measure (--quick)" : "measure"));
        names.forEach(n -> header.append(String.format("%-44s", n)));
        System.out.println(header.toString().stripTrailing());
        for (String measure : measures) {
            StringBuilder row = new StringBuilder(String.format("%-" + width + "s", measure));
            names.forEach(n -> row.append(String.format("%-44s", results.get(n).getOrDefault(measure, "-"))));
            System.out.println(row.toString().stripTrailing());
        }
    }

    private Path dir(Daemon daemon, String name) throws IOException {
        return Files.createDirectories(work.resolve(daemon.name() + "-" + name));
    }

    private static Path writeConfig(Path dir, String options, String programs) throws IOException {
        Path config = dir.resolve("supervisord.conf");
        Files.writeString(config, "[supervisord]\nnodaemon=true\nlogfile=%(here)s/supervisord.log\n"
                + "pidfile=%(here)s/supervisord.pid\nchildlogdir=%(here)s\n" + options + "\n" + programs);
        return config;
    }

    /** The live children of {@code pid}, from every thread's /proc children list. */
    private static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        if (tasks == null) {
            return children;
        }
        for (File task : tasks) {
            try {
                String list = Files.readString(task.toPath().resolve("children")).strip();
                for (String child : list.isEmpty() ? new String[0] : list.split(" ")) {
                    long childPid = Long.parseLong(child);
                    if (!isZombie(childPid)) {
                        children.add(childPid);
                    }
                }
            } catch (IOException gone) {
                // the thread ended while being read
            }
        }
        return children;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return String.format("%.1f MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
            }
        }
        return "?";
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String millis(long nanos) {
        return String.format("%.0f ms", nanos / 1e6);
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        waitUntil(what, condition, 10);
    }

    /** Polls {@code condition} every {@code pollMillis} (0: as fast as possible) until it holds. */
    private static void waitUntil(String what, BooleanSupplier condition, long pollMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            if (pollMillis > 0) {
                Thread.sleep(pollMillis);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: both daemons stop their programs and exit
        if (!process.waitFor(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
    }

    private void deleteWork() throws IOException {
        try (var paths = Files.walk(work)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }
}
