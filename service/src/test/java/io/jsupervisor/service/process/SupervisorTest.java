package io.jsupervisor.service.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

/** The supervisor's shutdown, with a fake clock and a fake launcher: groups stop one after the other. */
class SupervisorTest {
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
    }
}
