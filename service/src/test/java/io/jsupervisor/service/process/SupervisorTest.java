package io.jsupervisor.service.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.jsupervisor.config.ConfigLoader;
import io.jsupervisor.config.testing.Goldens;
import io.jsupervisor.service.event.EventBus;
import io.jsupervisor.service.io.IoLoop;
import io.jsupervisor.service.platform.WaitStatus;
import io.jsupervisor.service.platform.linux.LinuxPlatform;
import io.jsupervisor.service.state.ProcessState;
import io.jsupervisor.service.state.SupervisorState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The supervisor's shutdown, with a fake clock and a fake launcher: groups stop one after the other,
 * and a process of an {@code on_fatal=shutdown} program that enters FATAL while the supervisor runs
 * shuts it down as SIGTERM does, asking for exit status 1.
 */
class SupervisorTest {
    private static final String CRIT = "CRIT shutting down: web entered FATAL state and has on_fatal=shutdown";
    /** Started first (lower priority number), so it has pid 1000 and is stopped last. */
    private static final String DB = "[program:db]\ncommand=/bin/db\npriority=1\n";
    private static final int DB_PID = 1000;
    private static final int SIGTERM = 15;

    @TempDir
    Path dir;
    final FakeTime time = new FakeTime();
    final FakeLauncher launcher = new FakeLauncher(time);
    final List<String> log = new ArrayList<>();
    private IoLoop io;

    /** A supervisor of {@code programs} after its autostart; its I/O loop is never started. */
    private Supervisor supervisor(String programs) throws Exception {
        Path file = dir.resolve("supervisord.conf");
        Files.writeString(file, "[supervisord]\nlogfile=" + dir + "/s.log\nchildlogdir=" + dir + "\n" + programs);
        LinuxPlatform platform = new LinuxPlatform();
        io = new IoLoop(platform, time, e -> { });
        Supervisor supervisor = new Supervisor(new ConfigLoader(Goldens.host(dir, 0)).load(file), time, time,
                launcher, io, (level, message) -> log.add(level.code() + " " + message), line -> { }, platform,
                new EventBus(-1));
        supervisor.addGroups();
        supervisor.autostart();
        return supervisor;
    }

    private static SupervisedProcess process(Supervisor supervisor, String name) {
        return supervisor.group(name).orElseThrow().processes().get(0);
    }

    @AfterEach
    void closeIo() {
        io.close();
    }

    @Test
    void aProcessGivenUpAtShutdownDoesNotCutTheStopOfTheNextGroupShort() throws Exception {
        Supervisor supervisor = supervisor(DB + "[program:web]\ncommand=/bin/web\npriority=2\n");
        time.advance(0.1);
        launcher.exit(process(supervisor, "web").pid(), WaitStatus.ofExit(3));
        assertEquals(ProcessState.BACKOFF, process(supervisor, "web").state());
        supervisor.signal("TERM");
        assertEquals(ProcessState.FATAL, process(supervisor, "web").state());
        assertEquals(ProcessState.STOPPING, process(supervisor, "db").state());
        assertFalse(supervisor.finished().isDone(), "finished before db stopped");
        launcher.exit(DB_PID, WaitStatus.ofSignal(SIGTERM, false));
        assertEquals(SupervisorState.SHUTDOWN, supervisor.finished().getNow(null));
        assertEquals(0, supervisor.exitStatus());
    }

    @Test
    void aProcessThatGivesUpStopsEveryProgramAndAsksForExitStatusOne() throws Exception {
        Supervisor supervisor = supervisor(DB + "[program:web]\ncommand=/bin/web\npriority=2\nstartretries=0\n"
                + "on_fatal=shutdown\n");
        time.advance(0.1);
        launcher.exit(process(supervisor, "web").pid(), WaitStatus.ofExit(3));
        assertEquals(ProcessState.FATAL, process(supervisor, "web").state());
        time.advance(0);
        assertEquals(SupervisorState.SHUTDOWN, supervisor.state());
        assertEquals(List.of(DB_PID + ":" + SIGTERM), launcher.kills);
        assertEquals(List.of("INFO gave up: web entered FATAL state, too many start retries too quickly", CRIT),
                log.subList(log.indexOf(CRIT) - 1, log.indexOf(CRIT) + 1));
        launcher.exit(DB_PID, WaitStatus.ofSignal(SIGTERM, false));
        assertEquals(SupervisorState.SHUTDOWN, supervisor.finished().getNow(null));
        assertEquals(1, supervisor.exitStatus());
    }

    @Test
    void withOnFatalLeftAtIgnoreTheSupervisorKeepsRunning() throws Exception {
        Supervisor supervisor = supervisor(DB + "[program:web]\ncommand=/bin/web\npriority=2\nstartretries=0\n");
        time.advance(0.1);
        launcher.exit(process(supervisor, "web").pid(), WaitStatus.ofExit(3));
        time.advance(5);
        assertEquals(ProcessState.FATAL, process(supervisor, "web").state());
        assertEquals(ProcessState.RUNNING, process(supervisor, "db").state());
        assertEquals(SupervisorState.RUNNING, supervisor.state());
        assertEquals(List.of(), launcher.kills);
        assertFalse(log.contains(CRIT));
    }

    @Test
    void aStartByHandThatEndsInFatalCountsToo() throws Exception {
        Supervisor supervisor = supervisor(DB + "[program:web]\ncommand=/bin/web\npriority=2\nautostart=false\n"
                + "startretries=0\non_fatal=shutdown\n");
        time.advance(2);
        process(supervisor, "web").spawn();
        launcher.exit(process(supervisor, "web").pid(), WaitStatus.ofExit(3));
        time.advance(0);
        assertTrue(log.contains(CRIT));
        assertEquals(SupervisorState.SHUTDOWN, supervisor.state());
        assertEquals(1, supervisor.exitStatus());
    }

    /** A process waiting to retry is given up (FATAL) by a shutdown or restart: that was asked for, not a failure. */
    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"TERM, SHUTDOWN", "HUP, RESTARTING"})
    void aProcessGivenUpByAShutdownOrRestartDoesNotCount(String signal, SupervisorState outcome) throws Exception {
        Supervisor supervisor = supervisor("[program:web]\ncommand=/bin/web\nstartretries=3\non_fatal=shutdown\n");
        time.advance(0.1);
        launcher.exit(process(supervisor, "web").pid(), WaitStatus.ofExit(3));
        assertEquals(ProcessState.BACKOFF, process(supervisor, "web").state());
        supervisor.signal(signal);
        time.advance(0);
        assertEquals(ProcessState.FATAL, process(supervisor, "web").state());
        assertEquals(outcome, supervisor.finished().getNow(null));
        assertEquals(0, supervisor.exitStatus());
        assertFalse(log.contains(CRIT));
    }
}
