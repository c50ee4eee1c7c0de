package io.jsupervisor.service.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.jsupervisor.service.process.ProcessContext;
import io.jsupervisor.service.process.ProcessOutput;
import io.jsupervisor.service.process.SupervisedProcess;
import io.jsupervisor.service.state.ProcessState;
import org.junit.jupiter.api.Test;

/** Waits on process states: a wait that ends may start another on the same process at once. */
class StateWaitsTest {

    private static SupervisedProcess process() {
        ChannelLogConfig logs = new ChannelLogConfig(new LogTarget.Auto(), 0, 0, 0, false, false);
        ProcessConfig config = new ProcessConfig("web", "/bin/web", Optional.empty(), Optional.empty(),
                OptionalInt.empty(), 999, true, Autorestart.NEVER, 1, 3, 15, 10, false, false, List.of(0), false, logs,
                logs, Map.of(), Optional.empty(), OnFatal.IGNORE);
        ProcessContext unused = new ProcessContext(null, null, null, null, null, () -> false);
        return new SupervisedProcess(config, "web", unused, ProcessOutput.DISCARD, Optional.empty());
    }

    @Test
    void aWaitThatEndsMayStartAnotherOnTheSameProcess() {
        StateWaits waits = new StateWaits();
        SupervisedProcess web = process();
        List<String> seen = new ArrayList<>();
        waits.until(web, p -> {
            if (seen.isEmpty()) {
                return false;
            }
            seen.add("stop waited");
            waits.until(web, q -> seen.add("start waiting") && seen.size() > 3);
            return true;
        });
        seen.add("first change");
        waits.stateChanged(web, ProcessState.RUNNING, ProcessState.STOPPING, true);
        waits.stateChanged(web, ProcessState.STOPPING, ProcessState.STOPPED, true);
        assertEquals(List.of("first change", "stop waited", "start waiting", "start waiting"), seen,
                "the second wait was checked when it began and at the next change, and is over");
        waits.stateChanged(web, ProcessState.STOPPED, ProcessState.STARTING, true);
        assertEquals(4, seen.size(), "nothing waits any more");
    }
}
