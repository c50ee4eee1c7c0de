package io.jsupervisor.jmx;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.jsupervisor.config.model.FcgiGroupConfig;
import io.jsupervisor.config.model.SocketSpec;
import io.jsupervisor.service.process.GroupSocket;
import io.jsupervisor.service.process.ProcessGroup;
import io.jsupervisor.service.surface.DaemonRun;

/**
 * The MBean of an fcgi-program group's socket: its configuration, and whether it is open, asked of
 * the control thread.
 *
 * <p>Thread-safe.
 */
final class SocketControl implements SocketMXBean {
    private final FcgiGroupConfig config;
    private final DaemonRun run;

    SocketControl(FcgiGroupConfig config, DaemonRun run) {
        this.config = config;
        this.run = run;
    }

    @Override
    public String getAddress() {
        return config.socket().url();
    }

    @Override
    public int getBacklog() {
        return config.socket().backlog();
    }

    @Override
    public String getOwner() {
        if (config.socket() instanceof SocketSpec.Unix unix && unix.owner().isPresent()) {
            return unix.owner().get().uid() + unix.owner().get().gid().stream().mapToObj(g -> ":" + g)
                    .findFirst().orElse("");
        }
        return "";
    }

    @Override
    public String getMode() {
        return config.socket() instanceof SocketSpec.Unix unix ? String.format("%04o", unix.mode()) : "";
    }

    @Override
    public String getHandoff() {
        return config.handoff().configValue();
    }

    @Override
    public boolean isOpen() {
        try {
            return run.control().submit(() -> run.supervisor().group(config.name()).flatMap(ProcessGroup::socket)
                    .map(GroupSocket::isOpen).orElse(false)).get(Calls.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot ask whether the socket is open: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
