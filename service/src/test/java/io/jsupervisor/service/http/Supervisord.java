package io.jsupervisor.service.http;

import io.jsupervisor.config.testing.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.jsupervisor.config.testing.RequiredTools;
import io.jsupervisor.config.testing.TextFiles;

/**
 * Test helper: supervisord 4.2 itself (Debian's package), run in the foreground on a configuration
 * in a directory, for comparing its HTTP servers with ours. Its output and main log stay in that
 * directory.
 */
final class Supervisord implements AutoCloseable {
    static final String COMMAND = "/usr/bin/supervisord";

    private final ToolProcess process;
    private final Path dir;

    private Supervisord(ToolProcess process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static void require() {
        RequiredTools.require(RequiredTools.runs(COMMAND, "--version"), "supervisord", "apt-get install supervisor");
    }

    /** Starts supervisord with {@code sections} after a [supervisord] section that keeps its files in {@code dir}. */
    static Supervisord start(Path dir, String sections) throws IOException {
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, "[supervisord]\nnodaemon=true\nlogfile=%(here)s/supervisord.log\n"
                + "pidfile=%(here)s/supervisord.pid\nchildlogdir=%(here)s\nuser=root\n\n"
                + "[rpcinterface:supervisor]\n"
                + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n" + sections);
        return new Supervisord(ToolProcess.start(List.of(COMMAND, "-n", "-c", conf.toString())), dir);
    }

    /** Waits until supervisord has started its servers (its log says it started). */
    Supervisord awaitStarted() throws InterruptedException {
        Poll.until("supervisord starts", () -> log().contains("supervisord started with pid"));
        return this;
    }

    String log() {
        return TextFiles.readIfPresent(dir.resolve("supervisord.log"));
    }

    ToolProcess process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
