package io.jsupervisor.service.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import io.jsupervisor.config.model.Autorestart;
import io.jsupervisor.config.model.ChannelLogConfig;
import io.jsupervisor.config.model.LogTarget;
import io.jsupervisor.config.model.OnFatal;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.service.platform.WaitStatus;
import io.jsupervisor.service.state.ProcessState;
import org.junit.jupiter.api.Test;

/** supervisord's process rules, with a fake clock and a fake launcher. */
class SupervisedProcessTest {
    final FakeTime time = new FakeTime();
    final FakeLauncher launcher = new FakeLauncher(time);
    final List<String> log = new ArrayList<>();
    final List<String> transitions = new ArrayList<>();
    boolean mayStart = true;

    static ProcessConfig config(String name, int startsecs, int startretries, Autorestart autorestart,
                                boolean stopasgroup, boolean killasgroup) {
        ChannelLogConfig logs = new ChannelLogConfig(new LogTarget.Auto(), 0, 0, 0, false, false);
        return new ProcessConfig(name, "/bin/" + name, Optional.empty(), Optional.empty(), OptionalInt.empty(), 999,
                true, autorestart, startsecs, startretries, 15, 10, stopasgroup, killasgroup, List.of(0), false, logs,
                logs, Map.of(), Optional.empty(), OnFatal.IGNORE);
    }

    SupervisedProcess process(ProcessConfig config) {
        ProcessContext context = new ProcessContext(time, time, launcher,
                (level, message) -> log.add(level.code() + " " + message),
                (p, from, to, expected) -> transitions.add(from + ">" + to + (expected ? "" : "(unexpected)")),
                () -> mayStart);
        return new SupervisedProcess(config, config.name(), context, ProcessOutput.DISCARD, Optional.empty());
    }

    SupervisedProcess process() {
        return process(config("web", 1, 3, Autorestart.UNEXPECTED, false, false));
    }

    @Test
    void runningOnlyAfterMoreThanStartsecs() {
        SupervisedProcess p = process();
        p.spawn();
        assertEquals(List.of("INFO spawned: 'web' with pid 1000"), log);
        time.advance(1.0);
        assertEquals(ProcessState.STARTING, p.state());
        time.advance(0.001);
        assertEquals(ProcessState.RUNNING, p.state());
        assertEquals("INFO success: web entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)",
                log.get(1));
    }

    @Test
    void exitsWithinStartsecsBackOffOneTwoThreeSecondsThenGiveUp() {
        SupervisedProcess p = process();
        p.spawn();
        for (int backoff = 1; backoff <= 4; backoff++) {
            time.advance(0.1);
            launcher.exit(p.pid(), WaitStatus.ofExit(0)); // even an expected code is a failure this early
            time.advance(backoff + 1e-6); // just past the retry delay: 1, 2, 3 seconds
        }
        assertEquals(ProcessState.FATAL, p.state());
        assertEquals(List.of(0.0, 1.1, 3.2, 6.3), launcher.launchTimes.stream()
                .map(t -> Math.round(t * 1e3) / 1e3).toList());
        assertEquals("WARN exited: web (exit status 0; not expected)", log.get(1));
        assertEquals("INFO gave up: web entered FATAL state, too many start retries too quickly", log.get(log.size() - 1));
        assertEquals(Optional.of("Exited too quickly (process log may have details)"), p.spawnerr());
        assertEquals(OptionalInt.empty(), p.exitstatus());
    }

    @Test
    void startretriesZeroGivesUpAfterTheFirstFailure() {
        SupervisedProcess p = process(config("web", 1, 0, Autorestart.UNEXPECTED, false, false));
        p.spawn();
        launcher.exit(p.pid(), WaitStatus.ofExit(1));
        assertEquals(ProcessState.FATAL, p.state());
        assertEquals(1, launcher.launchTimes.size());
    }

    @Test
    void aRunningProcessThatReachesRunningResetsTheRetryCount() {
        SupervisedProcess p = process(config("web", 1, 1, Autorestart.ALWAYS, false, false));
        p.spawn();
        launcher.exit(p.pid(), WaitStatus.ofExit(1)); // backoff 1
        time.advance(1.5);                             // retry, then stays up
        time.advance(2);
        assertEquals(ProcessState.RUNNING, p.state());
        launcher.exit(p.pid(), WaitStatus.ofExit(1)); // restarted at once by autorestart=true
        launcher.exit(p.pid(), WaitStatus.ofExit(1)); // too quickly: backoff 1 again, not 2
        assertEquals(ProcessState.BACKOFF, p.state());
        time.advance(1.5);
        assertEquals(ProcessState.STARTING, p.state());
    }

    @Test
    void unexpectedExitFromRunningRestartsAtOnceExpectedDoesNot() {
        SupervisedProcess p = process();
        p.spawn();
        time.advance(2);
        launcher.exit(p.pid(), WaitStatus.ofExit(2));
        assertEquals(ProcessState.STARTING, p.state());
        assertEquals(2.0, launcher.launchTimes.get(1), 1e-9);
        assertTrue(log.contains("WARN exited: web (exit status 2; not expected)"));
        time.advance(2);
        launcher.exit(p.pid(), WaitStatus.ofExit(0));
        assertEquals(ProcessState.EXITED, p.state());
        assertEquals("INFO exited: web (exit status 0; expected)", log.get(log.size() - 1));
        assertEquals(OptionalInt.of(0), p.exitstatus());
    }

    @Test
    void deathBySignalIsAlwaysUnexpected() {
        SupervisedProcess p = process();
        p.spawn();
        time.advance(2);
        launcher.exit(p.pid(), WaitStatus.ofSignal(11, true));
        assertTrue(log.contains("WARN exited: web (terminated by SIGSEGV (core dumped); not expected)"), log.toString());
        assertTrue(transitions.contains("RUNNING>EXITED(unexpected)"));
        assertEquals(ProcessState.STARTING, p.state());
    }

    @Test
    void autorestartTrueRestartsEvenExpectedExitsAndFalseNever() {
        SupervisedProcess always = process(config("a", 1, 3, Autorestart.ALWAYS, false, false));
        always.spawn();
        time.advance(2);
        launcher.exit(always.pid(), WaitStatus.ofExit(0));
        assertEquals(ProcessState.STARTING, always.state());
        SupervisedProcess never = process(config("n", 1, 3, Autorestart.NEVER, false, false));
        never.spawn();
        time.advance(2);
        launcher.exit(never.pid(), WaitStatus.ofExit(9));
        assertEquals(ProcessState.EXITED, never.state());
    }

    @Test
    void startsecsZeroNeverBacksOff() {
        SupervisedProcess p = process(config("web", 0, 3, Autorestart.NEVER, false, false));
        p.spawn();
        launcher.exit(p.pid(), WaitStatus.ofExit(1));
        assertEquals(List.of("STOPPED>STARTING", "STARTING>RUNNING", "RUNNING>EXITED(unexpected)"), transitions);
    }

    @Test
    void anExitBeforeTheStartsecsTimerFiresStillLogsTheSuccessFirst() {
        SupervisedProcess p = process(config("web", 0, 0, Autorestart.NEVER, false, false));
        p.spawn();
        launcher.exit(p.pid(), WaitStatus.ofExit(0));
        assertEquals(List.of("INFO success: web entered RUNNING state, process has stayed up for > than 0 seconds "
                + "(startsecs)", "INFO exited: web (exit status 0; expected)"), log.subList(log.size() - 2, log.size()));
    }

    @Test
    void anExitSeenBeforeTheDeadlineIsTooQuickEvenIfHandledLater() {
        SupervisedProcess p = process();
        p.spawn();
        time.advance(0.5);
        p.exited(WaitStatus.ofExit(3), time.nanoTime() - 100_000_000L);
        assertEquals(ProcessState.BACKOFF, p.state());
    }

    @Test
    void stopSendsStopsignalThenSigkillEveryStopwaitsecs() {
        SupervisedProcess p = process(config("web", 1, 3, Autorestart.UNEXPECTED, true, true));
        p.spawn();
        time.advance(2);
        p.stop();
        assertEquals(ProcessState.STOPPING, p.state());
        time.advance(10.5);
        time.advance(10);
        assertEquals(List.of("-1000:15", "-1000:9", "-1000:9"), launcher.kills);
        assertTrue(log.contains("WARN killing 'web' (1000) with SIGKILL"));
        launcher.exit(1000, WaitStatus.ofSignal(9, false));
        assertEquals(ProcessState.STOPPED, p.state());
        assertEquals("WARN stopped: web (terminated by SIGKILL)", log.get(log.size() - 1));
        time.advance(60);
        assertEquals(List.of("-1000:15", "-1000:9", "-1000:9"), launcher.kills);
    }

    @Test
    void stopasgroupAndKillasgroupChooseWhoIsSignalled() {
        SupervisedProcess p = process(config("web", 1, 3, Autorestart.UNEXPECTED, false, true));
        p.spawn();
        p.stop();
        time.advance(10.5);
        assertEquals(List.of("1000:15", "-1000:9"), launcher.kills);
    }

    @Test
    void aStopWhoseChildExitsCleanlyIsLoggedAtInfo() {
        SupervisedProcess p = process();
        p.spawn();
        time.advance(2);
        p.stop();
        launcher.exit(1000, WaitStatus.ofExit(0));
        assertEquals("INFO stopped: web (exit status 0)", log.get(log.size() - 1));
        assertEquals(OptionalInt.of(0), p.exitstatus());
    }

    @Test
    void stoppingFromBackoffStopsTheRetries() {
        SupervisedProcess p = process();
        p.spawn();
        launcher.exit(p.pid(), WaitStatus.ofExit(1));
        p.stop();
        time.advance(30);
        assertEquals(ProcessState.STOPPED, p.state());
        assertEquals(1, launcher.launchTimes.size());
    }

    @Test
    void spawnErrorsGoToBackoffAndAreLogged() {
        launcher.failNextLaunch = "can't find command 'gunicorn'";
        SupervisedProcess p = process(config("web", 1, 1, Autorestart.UNEXPECTED, false, false));
        p.spawn();
        time.advance(30);
        assertEquals(ProcessState.FATAL, p.state());
        assertEquals(List.of("INFO spawnerr: can't find command 'gunicorn'", "INFO spawnerr: can't find command 'gunicorn'",
                "INFO gave up: web entered FATAL state, too many start retries too quickly"), log);
        assertEquals(Optional.of("can't find command 'gunicorn'"), p.spawnerr());
    }

    @Test
    void autostartOnlyWhenNeverStartedAndAllowed() {
        SupervisedProcess p = process();
        p.autostart();
        assertEquals(ProcessState.STARTING, p.state());
        p.stop();
        launcher.exit(1000, WaitStatus.ofExit(0));
        p.autostart();
        assertEquals(ProcessState.STOPPED, p.state());
        mayStart = false;
        SupervisedProcess other = process(config("other", 1, 3, Autorestart.ALWAYS, false, false));
        other.autostart();
        assertEquals(ProcessState.STOPPED, other.state());
    }

    @Test
    void nothingRestartsWhileTheSupervisorIsShuttingDown() {
        SupervisedProcess p = process(config("web", 1, 3, Autorestart.ALWAYS, false, false));
        p.spawn();
        time.advance(2);
        mayStart = false;
        launcher.exit(p.pid(), WaitStatus.ofExit(1));
        assertEquals(ProcessState.EXITED, p.state());
    }

    @Test
    void aFailingKillLeavesTheProcessUnknown() {
        SupervisedProcess p = process();
        p.spawn();
        launcher.failKills = true;
        assertEquals(Optional.of("unknown problem killing web (1000):kill: Operation not permitted"), p.stop());
        assertEquals(ProcessState.UNKNOWN, p.state());
        assertTrue(log.contains("CRIT unknown problem killing web (1000):kill: Operation not permitted"));
    }

    @Test
    void aChildThatVanishedBeforeTheSignalIsLeftForTheReaper() {
        SupervisedProcess p = process();
        p.spawn();
        launcher.childrenGone = true;
        assertEquals(Optional.empty(), p.stop());
        assertEquals(ProcessState.STOPPING, p.state());
        assertTrue(log.contains("DEBG unable to signal web (pid 1000), it probably just exited on its own: "
                + "[Errno 3] No such process"));
    }
}
