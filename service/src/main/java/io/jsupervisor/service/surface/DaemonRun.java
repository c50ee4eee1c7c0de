package io.jsupervisor.service.surface;

import java.nio.file.Path;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.service.control.ControlLoop;
import io.jsupervisor.service.process.Supervisor;
import io.jsupervisor.service.process.SupervisorLog;
import io.jsupervisor.service.rpc.RpcMethods;

/**
 * What a {@link ControlSurface} gets of one run of the daemon.
 *
 * @param control the control thread: every read and change of the supervisor goes through it
 * @param supervisor the supervisor, to be touched on the control thread only
 * @param methods supervisord's XML-RPC methods, the same allow-list the HTTP servers serve, so a
 *                surface gets XML-RPC's behaviour and faults without HTTP
 * @param pid the daemon's pid
 */
public record DaemonRun(Configuration config, Path configFile, ControlLoop control, Supervisor supervisor,
                        RpcMethods methods, SupervisorLog log, int pid) {
}
