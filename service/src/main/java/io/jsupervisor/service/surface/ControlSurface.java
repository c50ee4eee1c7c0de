package io.jsupervisor.service.surface;

import java.io.IOException;
import io.jsupervisor.config.model.Configuration;

/**
 * A way to manage the daemon besides its HTTP servers, such as JMX. Implementations are found on the
 * class path with {@link java.util.ServiceLoader}, so the service module does not depend on them:
 * a distribution without the jar simply has no such surface.
 *
 * <p>Called on the daemon's main thread, once per run of the supervisor.
 */
public interface ControlSurface {

    /**
     * Whether this surface has anything to do for {@code config}; when none has and no HTTP server is
     * configured, the daemon does not build its control plane at all.
     */
    boolean serves(Configuration config);

    /**
     * Starts serving one run of the supervisor: called once its groups exist and before any program
     * starts, so nothing of the run is missed.
     *
     * @return what stops serving it, called when the run ends
     */
    AutoCloseable start(DaemonRun run) throws IOException;
}
