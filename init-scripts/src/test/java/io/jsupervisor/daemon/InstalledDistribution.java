package io.jsupervisor.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution archive the build made, unpacked and installed with its own {@code install.sh
 * --no-enable} into a temporary root, the way a user installs it but away from {@code /opt} and
 * {@code /etc}; and commands run against that installation.
 */
final class InstalledDistribution {
    static final Path ARCHIVE = Path.of(System.getProperty("jsupervisor.dist",
            "target/jsupervisor-" + System.getProperty("jsupervisor.version", "0.1.0-SNAPSHOT") + ".tar.gz"));
    private static final long COMMAND_MILLIS = 180_000;

    final Path root;
    final Path unpacked;
    final Path prefix;
    final Path confDir;
    final Path defaults;
    final Path initScript;
    final Path unit;
    final Path logDir;

    /** What a command printed and how it exited. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private InstalledDistribution(Path root) {
        this.root = root;
        this.unpacked = root.resolve("unpacked");
        this.prefix = root.resolve("opt/jsupervisor");
        this.confDir = root.resolve("etc/jsupervisor");
        this.defaults = root.resolve("etc/default/jsupervisor");
        this.initScript = root.resolve("etc/init.d/jsupervisor");
        this.unit = root.resolve("etc/systemd/system/jsupervisor.service");
        this.logDir = root.resolve("var/log/jsupervisor");
    }

    /** Unpacks the archive under {@code root} and runs its install.sh with every directory under {@code root}. */
    static InstalledDistribution install(Path root) throws IOException, InterruptedException {
        if (!Files.isRegularFile(ARCHIVE)) {
            throw new AssertionError("no distribution archive at " + ARCHIVE.toAbsolutePath() + "; run mvn package");
        }
        InstalledDistribution d = new InstalledDistribution(root);
        Files.createDirectories(d.unpacked);
        check(d.run(Map.of(), "tar", "-xzf", ARCHIVE.toAbsolutePath().toString(), "-C", d.unpacked.toString()));
        Path top;
        try (var entries = Files.list(d.unpacked)) {
            top = entries.findFirst().orElseThrow();
        }
        check(d.run(Map.of(), top.resolve("install.sh").toString(), "--prefix", d.prefix.toString(),
                "--conf-dir", d.confDir.toString(), "--defaults", d.defaults.toString(),
                "--init-dir", d.initScript.getParent().toString(), "--unit-dir", d.unit.getParent().toString(),
                "--log-dir", d.logDir.toString(), "--no-enable"));
        return d;
    }

    /** The top directory of the unpacked archive, {@code jsupervisor-<version>}. */
    Path archiveTop() throws IOException {
        try (var entries = Files.list(unpacked)) {
            return entries.findFirst().orElseThrow();
        }
    }

    /** Runs {@code command} with {@code env} added to this JVM's environment, in {@code root}. */
    Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().putAll(env);
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(COMMAND_MILLIS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(List.of(command) + " did not finish within " + COMMAND_MILLIS + " ms");
        }
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** The installed client with the installed configuration and {@code args}. */
    Result ctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(prefix.resolve("bin/jsupervisorctl").toString(), "-c",
                confDir.resolve("jsupervisord.conf").toString()));
        command.addAll(List.of(args));
        return run(Map.of("JAVA_HOME", System.getProperty("java.home")), command.toArray(String[]::new));
    }

    /**
     * Points the installed configuration's sockets and pidfile at {@code root}/run instead of the
     * system's /run, so a test never meets a real installation.
     */
    void keepRunFilesInRoot() throws IOException {
        Path conf = confDir.resolve("jsupervisord.conf");
        Path run = Files.createDirectories(root.resolve("run"));
        Files.writeString(conf, Files.readString(conf).replace("/run/", run + "/"));
    }

    static Result check(Result result) {
        if (result.exit() != 0) {
            throw new AssertionError(result.toString());
        }
        return result;
    }
}
