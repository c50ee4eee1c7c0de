package io.jsupervisor.service.rpc;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.control.ControlLoop;
import io.jsupervisor.service.http.LogFiles;
import io.jsupervisor.service.http.ProcessRow;
import io.jsupervisor.service.process.Supervisor;

/**
 * What the HTTP servers show besides XML-RPC: the log files {@code /logtail} follows, found by
 * process name as the XML-RPC methods find them, and the rows of the status page.
 *
 * <p>Thread-safe: lookups are done on the control thread and answered through futures.
 */
public final class HttpViews implements LogFiles, Supplier<CompletableFuture<List<ProcessRow>>> {
    private final ControlLoop control;
    private final Supervisor supervisor;
    private final Clock clock;
    private final Optional<Path> mainLog;
    private final ZoneId zone = ZoneId.systemDefault();

    public HttpViews(ControlLoop control, Supervisor supervisor, Clock clock, Optional<Path> mainLog) {
        this.control = control;
        this.supervisor = supervisor;
        this.clock = clock;
        this.mainLog = mainLog;
    }

    @Override
    public CompletableFuture<Optional<Path>> processLog(String namespec, String channel) {
        return control.submit(() -> {
            ProcessOperations.Target target;
            try {
                target = ProcessOperations.process(supervisor, namespec);
            } catch (RpcError e) {
                throw new NoSuchElementException(e.text());
            }
            return target.group().logs(target.process()).file(channel);
        });
    }

    @Override
    public Optional<Path> mainLog() {
        return mainLog;
    }

    /** The status page's rows: every process by group and name, as {@code supervisorctl status} lists them. */
    @Override
    public CompletableFuture<List<ProcessRow>> get() {
        return control.submit(() -> {
            long now = clock.wallMillis();
            List<ProcessRow> rows = new ArrayList<>();
            for (ProcessOperations.Target t : ProcessOperations.all(supervisor, true)) {
                rows.add(new ProcessRow(ProcessOperations.namespec(t.group(), t.process()),
                        t.process().state().name(), ProcessInfo.description(t.process(), now, zone)));
            }
            return rows;
        });
    }
}
