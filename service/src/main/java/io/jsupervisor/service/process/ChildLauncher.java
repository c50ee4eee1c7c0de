package io.jsupervisor.service.process;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import io.jsupervisor.config.host.Account;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.SocketHandoff;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.config.syntax.PythonText;
import io.jsupervisor.config.syntax.ShellWords;
import io.jsupervisor.config.syntax.SyntaxException;
import io.jsupervisor.service.control.ControlLoop;
import io.jsupervisor.service.io.IoLoop;
import io.jsupervisor.service.io.OutputSink;
import io.jsupervisor.service.platform.Errno;
import io.jsupervisor.service.platform.NativeException;
import io.jsupervisor.service.platform.Pipe;
import io.jsupervisor.service.platform.Platform;
import io.jsupervisor.service.platform.SpawnRequest;
import io.jsupervisor.service.platform.WaitStatus;

/**
 * Starts real children for supervised processes. Resolves the command as supervisord does (split
 * like a shell, looked up on the program's own {@code PATH} when its environment sets one, else the
 * daemon's), builds supervisord's child environment, wires stdout and stderr to the I/O thread and
 * stdin to a pipe kept open for the child's life (a FastCGI worker gets its group's listening socket
 * as fd 0 instead, or as fd 3 beside the pipe), and watches the child's pidfd so its exit is reaped
 * on the control thread as soon as it happens.
 *
 * <p>{@code user=} runs the program through {@code setpriv} (uid, gid and the user's groups; the
 * pid stays the same), and {@code umask=} and {@code LISTEN_PID} through a {@code sh} step before exec.
 *
 * <p>{@link #launch} and {@link #kill} run on the control thread.
 */
public final class ChildLauncher implements ProcessLauncher {
    private static final List<String> DEFAULT_PATH = List.of("/bin", "/usr/bin", "/usr/local/bin");
    private static final int EPIPE = 32;

    private final Platform platform;
    private final IoLoop io;
    private final ControlLoop control;
    private final Map<String, String> daemonEnvironment;
    private final Optional<String> serverUrl;
    private final int daemonUid;
    private final SupervisorLog log;
    private final boolean reapOrphans;
    /** The parent's end of each running child's stdin, by pid; none for a worker whose fd 0 is its socket. */
    private final Map<Integer, OptionalInt> stdinByPid = new HashMap<>();

    /**
     * @param reapOrphans whether this process adopts orphans (it is PID 1 or a subreaper) and must reap them
     */
    public ChildLauncher(Platform platform, IoLoop io, ControlLoop control,
                         Map<String, String> daemonEnvironment, Optional<String> serverUrl, int daemonUid,
                         SupervisorLog log, boolean reapOrphans) {
        this.platform = platform;
        this.io = io;
        this.control = control;
        this.daemonEnvironment = Map.copyOf(daemonEnvironment);
        this.serverUrl = serverUrl;
        this.daemonUid = daemonUid;
        this.log = log;
        this.reapOrphans = reapOrphans;
    }

    @Override
    public int launch(ProcessConfig config, String groupName, Optional<InheritedSocket> socket, ProcessOutput output,
                      ExitHandler onExit) throws LaunchException {
        List<String> argv = commandWords(config);
        Path filename = resolve(argv.get(0), config);
        OutputSink errors = config.redirectStderr() ? output.stdout(0) : output.stderr(0);
        childSideChecks(config, errors);
        OptionalInt socketAsStdin = handedOver(socket, SocketHandoff.STDIN);
        OptionalInt socketAsFd3 = handedOver(socket, SocketHandoff.SYSTEMD);
        Invocation invocation = invocation(config, filename, argv, socketAsFd3.isPresent());
        Pipe stdin = null;
        Pipe stdout = null;
        Pipe stderr = null;
        int pid;
        try {
            stdin = socketAsStdin.isPresent() ? null : platform.inputPipe();
            stdout = platform.pipe();
            stderr = config.redirectStderr() ? null : platform.pipe();
            pid = platform.spawn(new SpawnRequest(invocation.executable(), invocation.argv(),
                    environment(config, groupName, socketAsFd3.isPresent()), config.directory().map(Path::of),
                    stdin == null ? socketAsStdin.getAsInt() : stdin.read(), stdout.write(),
                    stderr == null ? stdout.write() : stderr.write(), socketAsFd3));
        } catch (NativeException e) {
            closeAll(stdin, stdout, stderr);
            throw new LaunchException(e.errno() == 24 ? "too many open files to spawn '" + config.name() + "'"
                    : "couldn't exec " + argv.get(0) + ": " + Errno.name(e.errno()));
        }
        if (stdin != null) {
            platform.close(stdin.read());
        }
        platform.close(stdout.write());
        stdinByPid.put(pid, stdin == null ? OptionalInt.empty() : OptionalInt.of(stdin.write()));
        io.readInto(stdout.read(), output.stdout(pid));
        if (stderr != null) {
            platform.close(stderr.write());
            io.readInto(stderr.read(), output.stderr(pid));
        }
        watchExit(pid, onExit);
        return pid;
    }

    /** The socket's descriptor if it is handed over {@code way}. */
    private static OptionalInt handedOver(Optional<InheritedSocket> socket, SocketHandoff way) {
        return socket.filter(s -> s.handoff() == way).map(s -> OptionalInt.of(s.fd())).orElse(OptionalInt.empty());
    }

    private void watchExit(int pid, ExitHandler onExit) {
        OptionalInt pidfd = platform.pidfd(pid);
        if (pidfd.isEmpty()) {
            throw new IllegalStateException("pidfd_open failed for pid " + pid + "; jsupervisor needs Linux 5.3 or later");
        }
        io.watchExit(pidfd.getAsInt(), observedAt -> control.execute(() -> reap(pid, observedAt, onExit)));
    }

    @Override
    public CompletableFuture<Void> writeStdin(int pid, byte[] data) {
        OptionalInt fd = stdinByPid.getOrDefault(pid, OptionalInt.empty());
        if (fd.isEmpty()) {
            return CompletableFuture.failedFuture(new NativeException("write", EPIPE, "Process has no stdin channel"));
        }
        return io.writeInput(fd.getAsInt(), data);
    }

    @Override
    public void checkCommand(ProcessConfig config) throws LaunchException {
        resolve(commandWords(config).get(0), config);
    }

    @Override
    public boolean kill(int pid, int signal, boolean group) throws NativeException {
        return platform.kill(pid, signal, group);
    }

    /** Whether {@code pid} is a child this launcher started and has not reaped yet. */
    private boolean isOurs(int pid) {
        return stdinByPid.containsKey(pid);
    }

    /**
     * Reaps exited children that are not ours (orphans adopted as PID 1), logging each as supervisord
     * does. Stops at the first exited child of ours, which its pidfd watch reaps; that reaping sweeps
     * again.
     */
    public void reapOrphans() {
        if (!reapOrphans) {
            return;
        }
        try {
            Optional<Platform.Reaped> reaped;
            while ((reaped = platform.reapOrphan(this::isOurs)).isPresent()) {
                log.log(LogLevel.INFO, "reaped unknown pid " + reaped.get().pid() + " ("
                        + reaped.get().status().describe() + ")");
            }
        } catch (NativeException e) {
            log.log(LogLevel.CRITICAL, "cannot reap orphans: " + e.getMessage());
        }
    }

    /**
     * Living children of this process that it did not start: descendants it adopted as PID 1 or as a
     * subreaper. Read from every thread's {@code /proc} children list.
     */
    public List<Integer> adoptedOrphans() {
        List<Integer> orphans = new ArrayList<>();
        File[] tasks = new File("/proc/" + platform.pid() + "/task").listFiles();
        for (File task : tasks == null ? new File[0] : tasks) {
            try {
                for (String child : Files.readString(task.toPath().resolve("children")).trim().split(" ")) {
                    if (!child.isEmpty() && !isOurs(Integer.parseInt(child)) && !isZombie(child)) {
                        orphans.add(Integer.parseInt(child));
                    }
                }
            } catch (IOException threadEnded) {
                // that thread's list went with it
            }
        }
        return orphans;
    }

    private static boolean isZombie(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    private void reap(int pid, long observedAt, ExitHandler onExit) {
        Optional<WaitStatus> status;
        try {
            status = platform.reap(pid);
        } catch (NativeException e) {
            throw new IllegalStateException("cannot reap pid " + pid + ": " + e.getMessage(), e);
        }
        if (status.isEmpty()) {
            // Not reapable yet: watch for the exit again rather than poll for it.
            watchExit(pid, onExit);
            return;
        }
        OptionalInt stdin = stdinByPid.remove(pid);
        if (stdin != null && stdin.isPresent()) {
            io.closeInput(stdin.getAsInt());
        }
        onExit.exited(status.get(), observedAt);
        reapOrphans();
    }

    private static List<String> commandWords(ProcessConfig config) throws LaunchException {
        List<String> words;
        try {
            words = ShellWords.split(config.command());
        } catch (SyntaxException e) {
            throw new LaunchException("can't parse command " + PythonText.repr(config.command()) + ": "
                    + e.getMessage());
        }
        if (words.isEmpty()) {
            throw new LaunchException("command is empty");
        }
        return words;
    }

    /** The executable, found as supervisord finds it, with supervisord's errors. */
    private Path resolve(String program, ProcessConfig config) throws LaunchException {
        Path filename = Path.of(program);
        if (!program.contains("/")) {
            filename = null;
            for (String dir : searchPath(config)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.exists(candidate)) {
                    filename = candidate;
                    break;
                }
            }
            if (filename == null) {
                throw LaunchException.notFound("can't find command " + PythonText.repr(program));
            }
        }
        String shown = PythonText.repr(filename.toString());
        if (!Files.exists(filename)) {
            throw LaunchException.notFound("can't find command " + shown);
        }
        if (Files.isDirectory(filename)) {
            throw new LaunchException("command at " + shown + " is a directory");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(filename);
            if (!mode.contains(PosixFilePermission.OWNER_EXECUTE) && !mode.contains(PosixFilePermission.GROUP_EXECUTE)
                    && !mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new LaunchException("command at " + shown + " is not executable");
            }
        } catch (IOException e) {
            throw LaunchException.notFound("can't find command " + shown);
        }
        if (!Files.isExecutable(filename)) {
            throw new LaunchException("no permission to run command " + shown);
        }
        return filename;
    }

    private List<String> searchPath(ProcessConfig config) {
        String path = config.environment().get("PATH");
        if (path == null) {
            path = daemonEnvironment.get("PATH");
        }
        return path == null || path.isEmpty() ? DEFAULT_PATH : List.of(path.split(":", -1));
    }

    /**
     * What supervisord's child would fail at before exec (switching user, changing directory): the
     * failure is written to the child's stderr log in supervisord's words, and nothing is started.
     */
    private void childSideChecks(ProcessConfig config, OutputSink errors) throws LaunchException {
        Optional<Account> user = config.user();
        if (user.isPresent() && user.get().uid() != daemonUid && daemonUid != 0) {
            throw childFailure(errors, "couldn't setuid to " + user.get().uid() + ": Can't drop privilege as nonroot user");
        }
        if (config.directory().isPresent()) {
            Path dir = Path.of(config.directory().get());
            String problem = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir) ? "ENOENT"
                    : !Files.isDirectory(dir) ? "ENOTDIR" : !Files.isExecutable(dir) ? "EACCES" : null;
            if (problem != null) {
                throw childFailure(errors, "couldn't chdir to " + dir + ": " + problem);
            }
        }
    }

    private LaunchException childFailure(OutputSink errors, String message) {
        byte[] text = ("supervisor: " + message + "\nsupervisor: child process was not spawned\n")
                .getBytes(StandardCharsets.UTF_8);
        io.execute(() -> errors.write(ByteBuffer.wrap(text)));
        return new LaunchException(message);
    }

    /** What posix_spawn runs: an executable and its argv. */
    private record Invocation(Path executable, List<String> argv) {
    }

    /**
     * The program itself (argv[0] as the command wrote it), or the program behind {@code setpriv}
     * for {@code user=} and a {@code sh} step for {@code umask=} and for {@code LISTEN_PID}, which
     * only the child knows; both steps exec, so the pid stays the program's.
     */
    private Invocation invocation(ProcessConfig config, Path filename, List<String> argv, boolean listenPid) {
        Optional<Account> user = config.user().filter(u -> u.uid() != daemonUid);
        List<String> shellSteps = new ArrayList<>();
        config.umask().ifPresent(umask -> shellSteps.add(String.format("umask %03o", umask)));
        if (listenPid) {
            shellSteps.add("export LISTEN_PID=$$");
        }
        if (user.isEmpty() && shellSteps.isEmpty()) {
            return new Invocation(filename, argv);
        }
        List<String> command = new ArrayList<>();
        user.ifPresent(u -> command.addAll(List.of(setpriv(), "--reuid=" + u.uid(), "--regid=" + u.gid(),
                "--init-groups", "--")));
        if (!shellSteps.isEmpty()) {
            command.addAll(List.of("/bin/sh", "-c", String.join(" && ", shellSteps) + " && exec \"$0\" \"$@\""));
        }
        command.add(filename.toString());
        command.addAll(argv.subList(1, argv.size()));
        return new Invocation(Path.of(command.get(0)), command);
    }

    private static String setpriv() {
        return Files.isExecutable(Path.of("/usr/bin/setpriv")) ? "/usr/bin/setpriv" : "/bin/setpriv";
    }

    /**
     * supervisord's child environment: the daemon's, SUPERVISOR_* variables, then the program's own;
     * last, for a socket handed over systemd's way, the count and name of the sockets.
     */
    private List<String> environment(ProcessConfig config, String groupName, boolean listenFds) {
        Map<String, String> env = new LinkedHashMap<>(daemonEnvironment);
        env.put("SUPERVISOR_ENABLED", "1");
        config.serverurl().or(() -> serverUrl).ifPresent(url -> env.put("SUPERVISOR_SERVER_URL", url));
        env.put("SUPERVISOR_PROCESS_NAME", config.name());
        env.put("SUPERVISOR_GROUP_NAME", groupName);
        env.putAll(config.environment());
        if (listenFds) {
            env.put("LISTEN_FDS", "1");
            env.put("LISTEN_FDNAMES", groupName);
        }
        List<String> entries = new ArrayList<>();
        env.forEach((k, v) -> entries.add(k + "=" + v));
        return entries;
    }

    private void closeAll(Pipe... pipes) {
        for (Pipe pipe : pipes) {
            if (pipe != null) {
                platform.close(pipe.read());
                platform.close(pipe.write());
            }
        }
    }
}
