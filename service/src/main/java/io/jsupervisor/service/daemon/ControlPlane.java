package io.jsupervisor.service.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import io.jsupervisor.config.ConfigException;
import io.jsupervisor.config.ConfigLoader;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.config.model.RpcInterfaceConfig;
import io.jsupervisor.service.control.Clock;
import io.jsupervisor.service.control.ControlLoop;
import io.jsupervisor.service.io.IoLoop;
import io.jsupervisor.service.log.MainLogOutput;
import io.jsupervisor.service.process.ProcessLauncher;
import io.jsupervisor.service.process.Supervisor;
import io.jsupervisor.service.process.SupervisorLog;
import io.jsupervisor.service.rpc.DaemonFacts;
import io.jsupervisor.service.http.RpcCalls;
import io.jsupervisor.service.rpc.RpcDispatcher;
import io.jsupervisor.service.rpc.RpcError;
import io.jsupervisor.service.rpc.RpcMethods;
import io.jsupervisor.service.rpc.SupervisorMethods;
import io.jsupervisor.service.rpc.SystemMethods;

/**
 * The XML-RPC methods of one run of the daemon and what they need from it: the {@code system}
 * namespace always, the {@code supervisor} namespace when {@code [rpcinterface:supervisor]} asks
 * for supervisord's standard one.
 *
 * <p>Built on the daemon's main thread before the HTTP servers start; the dispatcher is then used
 * on HTTP threads.
 */
final class ControlPlane {
    private ControlPlane() {
    }

    /** The parts of the daemon the methods reach; lives as long as one run. */
    record Run(Configuration config, Path file, Map<String, String> overrides, HostEnvironment host, int pid,
               ControlLoop control, Supervisor supervisor, ProcessLauncher launcher, IoLoop io, SupervisorLog log,
               MainLogOutput mainLog) {
    }

    /**
     * Every method of the run: {@code system.*}, {@code supervisor.*} and {@code jsupervisor.*}.
     * Control surfaces other than HTTP (JMX) use it whole.
     */
    static RpcMethods methods(Run run) throws InterruptedException, ExecutionException {
        RpcMethods methods = new RpcMethods();
        SystemMethods.register(methods);
        DaemonFacts facts = facts(run);
        run.control().submit(() -> {
            SupervisorMethods.register(methods, run.control(), run.supervisor(), run.launcher(), run.io(),
                    Clock.SYSTEM, run.log(), facts);
            return null;
        }).get();
        return methods;
    }

    /**
     * The HTTP servers' dispatcher: the {@code supervisor} namespace only when
     * {@code [rpcinterface:supervisor]} asks for supervisord's standard one, as in supervisord.
     *
     * @param writers the threads that write answers out (the HTTP servers' own)
     */
    static RpcDispatcher dispatcher(Run run, RpcMethods all, Executor writers) {
        boolean main = false;
        for (RpcInterfaceConfig rpc : run.config().rpcInterfaces()) {
            if (rpc.factory().equals(RpcInterfaceConfig.MAIN_FACTORY) && !main) {
                main = true;
            } else {
                run.log().log(LogLevel.WARN, "rpcinterface '" + rpc.name() + "' (" + rpc.factory()
                        + ") is a Python plugin and cannot be loaded; ignored");
            }
        }
        if (main) {
            // supervisord initialises its interfaces once per HTTP server, and says so each time.
            run.config().httpServers().forEach(server ->
                    run.log().log(LogLevel.INFO, "RPC interface 'supervisor' initialized"));
        }
        return new RpcDispatcher(main ? all : all.only("system"), run.log(), writers);
    }

    /**
     * The dashboard's way to the methods: all of them, whatever {@code [rpcinterface:x]} says, as
     * supervisord's own web page has its own interface; faults become {@link RpcCalls.Fault}.
     */
    static RpcCalls calls(RpcMethods all) {
        return (method, params) -> all.call(method, params).handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            throw new CompletionException(cause instanceof RpcError fault ? new RpcCalls.Fault(fault.text()) : cause);
        });
    }

    /** The main log file, unless the main log goes to syslog. */
    static Optional<Path> mainLogFile(Configuration config) {
        String logfile = config.supervisord().logfile();
        return logfile.equals("syslog") ? Optional.empty() : Optional.of(Path.of(logfile));
    }

    private static DaemonFacts facts(Run run) {
        Optional<Path> mainLog = mainLogFile(run.config());
        return new DaemonFacts() {
            @Override
            public String identifier() {
                return run.config().supervisord().identifier();
            }

            @Override
            public String version() {
                return Version.current();
            }

            @Override
            public int pid() {
                return run.pid();
            }

            @Override
            public Optional<Path> mainLog() {
                return mainLog;
            }

            @Override
            public void clearMainLog() throws IOException {
                run.mainLog().clear();
            }

            @Override
            public Configuration reload() throws ConfigException {
                return new ConfigLoader(run.host()).load(run.file(), run.overrides());
            }
        };
    }
}
