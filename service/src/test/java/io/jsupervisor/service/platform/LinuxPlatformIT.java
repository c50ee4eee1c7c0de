package io.jsupervisor.service.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import io.jsupervisor.service.platform.linux.LinuxPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Linux platform layer against real children. */
class LinuxPlatformIT {
    private static final long DEADLINE_NANOS = 30_000_000_000L;
    private final Platform platform = new LinuxPlatform();
    private final List<Integer> toClose = new ArrayList<>();

    /** A child started with its stdout and stderr on pipes of ours. */
    record Child(int pid, int stdout, int stderr) {
    }

    Child start(Optional<Path> directory, List<String> env, String... argv) throws NativeException {
        Pipe in = platform.pipe();
        Pipe out = platform.pipe();
        Pipe err = platform.pipe();
        try {
            int pid = platform.spawn(new SpawnRequest(Path.of(argv[0]), List.of(argv), env, directory, in.read(),
                    out.write(), err.write(), OptionalInt.empty()));
            return new Child(pid, out.read(), err.read());
        } finally {
            platform.close(in.read());
            platform.close(out.write());
            platform.close(err.write());
            platform.close(in.write());
            toClose.add(out.read());
            toClose.add(err.read());
        }
    }

    Child sh(String script) throws NativeException {
        return start(Optional.empty(), List.of("PATH=/usr/bin:/bin"), "/bin/sh", "-c", script);
    }

    @AfterEach
    void closeFds() {
        toClose.forEach(platform::close);
    }

    /** One attempt, made each time the watched descriptor is ready; empty means "not yet". */
    interface Attempt<T> {
        Optional<T> make() throws NativeException;
    }

    /** Polls {@code fd} with a deadline, making {@code attempt} whenever it is ready, until it succeeds. */
    <T> T pollUntil(int fd, String what, Attempt<T> attempt) throws NativeException {
        PollSet set = platform.newPollSet();
        set.add(fd);
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() < deadline) {
            platform.poll(set, 1000);
            if (set.ready(0)) {
                Optional<T> result = attempt.make();
                if (result.isPresent()) {
                    return result.get();
                }
            }
        }
        throw new AssertionError(what + " did not happen in time");
    }

    /** Reads a pipe to its end. */
    String readAll(int fd) throws NativeException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        return pollUntil(fd, "end of file on pipe " + fd, () -> platform.read(fd, buffer) < 0
                ? Optional.of(StandardCharsets.UTF_8.decode(buffer.flip()).toString()) : Optional.empty());
    }

    /** Waits for the child to exit, woken by its pidfd. */
    WaitStatus waitFor(int pid) throws NativeException {
        OptionalInt pidfd = platform.pidfd(pid);
        assertTrue(pidfd.isPresent(), "pidfd_open needs Linux 5.3 or later");
        toClose.add(pidfd.getAsInt());
        return pollUntil(pidfd.getAsInt(), "exit of child " + pid, () -> Optional.of(platform.reap(pid)
                .orElseThrow(() -> new AssertionError("pidfd ready but not reapable"))));
    }

    @Test
    void stdoutAndStderrArriveOnTheirOwnPipesAndTheExitCodeIsDecoded() throws Exception {
        Child child = sh("echo to-stdout; echo to-stderr >&2; exit 3");
        assertEquals("to-stdout\n", readAll(child.stdout()));
        assertEquals("to-stderr\n", readAll(child.stderr()));
        WaitStatus status = waitFor(child.pid());
        assertEquals("exit status 3", status.describe());
        assertEquals(3, status.supervisordExitStatus());
    }

    @Test
    void theChildHasOnlyDescriptorsZeroOneAndTwo() throws Exception {
        Child child = sh("ls /proc/$$/fd");
        assertEquals("0\n1\n2\n", readAll(child.stdout()));
        waitFor(child.pid());
    }

    @Test
    void theChildHasAnEmptySignalMaskAndNoIgnoredSignals() throws Exception {
        // exec, so the process examined is the spawned one itself, not a shell in the middle of a fork.
        Child child = sh("exec grep -E '^Sig(Blk|Ign)' /proc/self/status");
        String[] lines = readAll(child.stdout()).split("\n");
        assertEquals("SigBlk:\t0000000000000000", lines[0]);
        // glibc keeps its two internal real-time signals (32, 33) ignored; every other disposition is default.
        assertTrue(lines[1].equals("SigIgn:\t0000000000000000") || lines[1].equals("SigIgn:\t0000000180000000"),
                lines[1]);
        waitFor(child.pid());
    }

    @Test
    void theChildLeadsItsOwnProcessGroup() throws Exception {
        Child child = sh("exec cut -d' ' -f1,5 /proc/self/stat");
        assertEquals(child.pid() + " " + child.pid() + "\n", readAll(child.stdout()));
        waitFor(child.pid());
    }

    @Test
    void theEnvironmentAndWorkingDirectoryAreExactlyAsRequested() throws Exception {
        Child child = start(Optional.of(Path.of("/usr/share")), List.of("ONLY=this", "PATH=/bin"),
                "/bin/sh", "-c", "pwd; env | sort");
        assertEquals("/usr/share\nONLY=this\nPATH=/bin\nPWD=/usr/share\n", readAll(child.stdout()));
        waitFor(child.pid());
    }

    @Test
    void deathBySignalIsNeverAnExpectedExitStatus() throws Exception {
        Child child = sh("kill -KILL $$");
        WaitStatus status = waitFor(child.pid());
        assertEquals("terminated by SIGKILL", status.describe());
        assertEquals(-1, status.supervisordExitStatus());
    }

    @Test
    void signallingTheGroupReachesGrandchildren() throws Exception {
        Child child = sh("sleep 300 & echo $!; wait");
        String grandchild = readLine(child.stdout());
        assertTrue(platform.kill(child.pid(), 15, true));
        assertEquals("terminated by SIGTERM", waitFor(child.pid()).describe());
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (Path.of("/proc", grandchild).toFile().exists() && !isZombie(grandchild)) {
            assertTrue(System.nanoTime() < deadline, "grandchild " + grandchild + " survived the group signal");
            Thread.sleep(10); // poll interval, bounded by the deadline above
        }
    }

    @Test
    void signallingAGoneProcessSaysSo() throws Exception {
        Child child = sh("exit 0");
        waitFor(child.pid());
        assertFalse(platform.kill(child.pid(), 15, false));
    }

    @Test
    void spawnFailuresCarryTheRealErrnoText() {
        NativeException missing = assertThrows(NativeException.class,
                () -> start(Optional.empty(), List.of(), "/no/such/program"));
        assertEquals("posix_spawn: No such file or directory", missing.getMessage());
        NativeException noDirectory = assertThrows(NativeException.class,
                () -> start(Optional.of(Path.of("/no/such/dir")), List.of(), "/bin/true"));
        assertEquals(2, noDirectory.errno());
    }

    @Test
    void reapingAChildThatIsStillRunningReturnsNothing() throws Exception {
        Child child = sh("exec sleep 300");
        assertEquals(Optional.empty(), platform.reap(child.pid()));
        platform.kill(child.pid(), 9, false);
        waitFor(child.pid());
    }

    private String readLine(int fd) throws NativeException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256);
        return pollUntil(fd, "a line on pipe " + fd, () -> {
            platform.read(fd, buffer);
            String text = StandardCharsets.UTF_8.decode(buffer.duplicate().flip()).toString();
            return text.contains("\n") ? Optional.of(text.substring(0, text.indexOf('\n'))) : Optional.empty();
        });
    }

    private static boolean isZombie(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "stat")).contains(") Z ");
        } catch (IOException gone) {
            return true;
        }
    }
}
