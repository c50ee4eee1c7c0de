package io.jsupervisor.service.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import io.jsupervisor.config.model.Autorestart;
import io.jsupervisor.service.platform.WaitStatus;
import io.jsupervisor.service.state.ProcessState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (state, trigger) pair: a process is brought into each state, one trigger is applied, and the
 * state it ends in is checked against the table ({@code -} where the trigger cannot occur, since
 * only a process with a child can exit).
 */
class StateTableTest {

    /** The triggers, in the column order of {@link #TABLE}. */
    static final List<String> TRIGGERS = List.of("start", "stop", "exit-ok", "exit-fail", "timers", "giveUp", "signal");

    static final String[][] TABLE = {
        // state      start       stop        exit-ok    exit-fail  timers(30s) giveUp     signal
        {"STOPPED",  "STARTING", "STOPPED", "-",       "-",       "STOPPED",  "STOPPED", "STOPPED"},
        {"STARTING", "STARTING", "STOPPING", "BACKOFF", "BACKOFF", "RUNNING",  "STARTING", "STARTING"},
        {"RUNNING",  "RUNNING",  "STOPPING", "EXITED",  "EXITED",  "RUNNING",  "RUNNING", "RUNNING"},
        {"BACKOFF",  "STARTING", "STOPPED", "-",       "-",       "RUNNING",  "FATAL",   "BACKOFF"},
        {"STOPPING", "STOPPING", "STOPPING", "STOPPED", "STOPPED", "STOPPING", "STOPPING", "STOPPING"},
        {"EXITED",   "STARTING", "EXITED",  "-",       "-",       "EXITED",   "EXITED",  "EXITED"},
        {"FATAL",    "STARTING", "FATAL",   "-",       "-",       "FATAL",    "FATAL",   "FATAL"},
        {"UNKNOWN",  "UNKNOWN",  "STOPPING", "EXITED",  "EXITED",  "UNKNOWN",  "UNKNOWN", "UNKNOWN"},
    };

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (String[] row : TABLE) {
            for (int t = 0; t < TRIGGERS.size(); t++) {
                if (!row[t + 1].equals("-")) {
                    pairs.add(Arguments.of(ProcessState.valueOf(row[0]), TRIGGERS.get(t), ProcessState.valueOf(row[t + 1])));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("pairs")
    void transition(ProcessState from, String trigger, ProcessState expected) {
        SupervisedProcessTest fixture = new SupervisedProcessTest();
        // autorestart=false and startretries=1 keep the outcome of a single trigger visible.
        SupervisedProcess p = fixture.process(SupervisedProcessTest.config("web", 1, 1, Autorestart.NEVER, false, false));
        bringTo(fixture, p, from);
        assertEquals(from, p.state(), "setup");
        apply(fixture, p, trigger);
        assertEquals(expected, p.state());
    }

    private static void bringTo(SupervisedProcessTest f, SupervisedProcess p, ProcessState state) {
        Consumer<SupervisedProcess> running = q -> {
            q.spawn();
            f.time.advance(1.5);
        };
        switch (state) {
            case STOPPED -> { }
            case STARTING -> p.spawn();
            case RUNNING -> running.accept(p);
            case BACKOFF -> {
                p.spawn();
                f.launcher.exit(p.pid(), WaitStatus.ofExit(1));
            }
            case STOPPING -> {
                running.accept(p);
                p.stop();
            }
            case EXITED -> {
                running.accept(p);
                f.launcher.exit(p.pid(), WaitStatus.ofExit(0));
            }
            case FATAL -> {
                p.spawn();
                f.launcher.exit(p.pid(), WaitStatus.ofExit(1));
                f.time.advance(1.5);
                f.launcher.exit(p.pid(), WaitStatus.ofExit(1));
            }
            case UNKNOWN -> {
                running.accept(p);
                f.launcher.failKills = true;
                p.stop();
                f.launcher.failKills = false;
            }
            default -> throw new IllegalArgumentException(state.name());
        }
    }

    private static void apply(SupervisedProcessTest f, SupervisedProcess p, String trigger) {
        switch (trigger) {
            case "start" -> p.spawn();
            case "stop" -> p.stop();
            case "exit-ok" -> f.launcher.exit(p.pid(), WaitStatus.ofExit(0));
            case "exit-fail" -> f.launcher.exit(p.pid(), WaitStatus.ofExit(1));
            case "timers" -> f.time.advance(30);
            case "giveUp" -> p.giveUp();
            case "signal" -> p.signal(1);
            default -> throw new IllegalArgumentException(trigger);
        }
    }
}
