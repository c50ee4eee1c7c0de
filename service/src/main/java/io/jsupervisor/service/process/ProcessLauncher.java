package io.jsupervisor.service.process;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import io.jsupervisor.config.model.ProcessConfig;
import io.jsupervisor.service.platform.NativeException;

/**
 * Starts and signals the children of supervised processes. The real launcher resolves the command,
 * spawns it with its pipes wired to the log capture, and watches for its exit; tests use a fake.
 *
 * <p>Called only from the control thread.
 */
public interface ProcessLauncher {

    /**
     * Starts a child for {@code config} with its output going to {@code output}, and its group's
     * listening socket if it is a FastCGI worker; {@code onExit} is called on the control thread once
     * it has been reaped.
     *
     * @return the child's pid
     * @throws LaunchException when nothing was started, with supervisord's spawn error text
     */
    int launch(ProcessConfig config, String groupName, Optional<InheritedSocket> socket, ProcessOutput output,
               ExitHandler onExit)
            throws LaunchException;

    /**
     * Signals a child, or its whole process group.
     *
     * @return false when the child is already gone
     */
    boolean kill(int pid, int signal, boolean group) throws NativeException;

    /**
     * Checks that the command of {@code config} can be found and run, without starting anything.
     *
     * @throws LaunchException with supervisord's text; {@link LaunchException#notFound()} tells a
     *         missing file from one that cannot be executed
     */
    void checkCommand(ProcessConfig config) throws LaunchException;

    /**
     * Sends {@code data} to the stdin of child {@code pid}. The future fails (with EPIPE) when the
     * child has no stdin or has closed it.
     */
    CompletableFuture<Void> writeStdin(int pid, byte[] data);
}
