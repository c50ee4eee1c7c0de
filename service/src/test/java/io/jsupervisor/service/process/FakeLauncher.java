package io.jsupervisor.service.process;

import java.util.Optional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.service.platform.NativeException;
import io.jsupervisor.service.platform.WaitStatus;

/** A launcher that starts nothing: it hands out pids, records signals, and lets tests end children. */
final class FakeLauncher implements ProcessLauncher {
    private final FakeTime time;
    private final Map<Integer, ExitHandler> children = new HashMap<>();
    final List<Double> launchTimes = new ArrayList<>();
    final List<String> kills = new ArrayList<>();
    final List<String> stdin = new ArrayList<>();
    String failNextLaunch;
    boolean failKills;
    boolean childrenGone;
    /** Whether children have closed their stdin, so that writes fail with EPIPE. */
    boolean stdinClosed;
    private int nextPid = 1000;

    FakeLauncher(FakeTime time) {
        this.time = time;
    }

    @Override
    public int launch(ProcessConfig config, String groupName, Optional<InheritedSocket> socket, ProcessOutput output,
                      ExitHandler onExit)
            throws LaunchException {
        launchTimes.add(time.seconds());
        if (failNextLaunch != null) {
            String message = failNextLaunch;
            throw new LaunchException(message);
        }
        int pid = nextPid++;
        children.put(pid, onExit);
        return pid;
    }

    @Override
    public boolean kill(int pid, int signal, boolean group) throws NativeException {
        kills.add((group ? "-" : "") + pid + ":" + signal);
        if (failKills) {
            throw new NativeException("kill", 1, "Operation not permitted");
        }
        return !childrenGone;
    }

    @Override
    public void checkCommand(ProcessConfig config) {
        // every command is taken to exist
    }

    @Override
    public CompletableFuture<Void> writeStdin(int pid, byte[] data) {
        if (stdinClosed) {
            return CompletableFuture.failedFuture(new NativeException("write", 32, "Broken pipe"));
        }
        stdin.add(pid + ":" + new String(data, StandardCharsets.UTF_8));
        return CompletableFuture.completedFuture(null);
    }

    /** Ends the child {@code pid} now. */
    void exit(int pid, WaitStatus status) {
        children.remove(pid).exited(status, time.nanoTime());
    }
}
