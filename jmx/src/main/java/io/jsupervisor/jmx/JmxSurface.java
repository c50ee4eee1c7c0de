package io.jsupervisor.jmx;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.model.EventType;
import io.jsupervisor.config.model.FcgiGroupConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.event.EventBus;
import io.jsupervisor.service.event.ProcessGroupEvent;
import io.jsupervisor.service.event.ProcessStateEvent;
import io.jsupervisor.service.event.SupervisorStateEvent;
import io.jsupervisor.service.process.ProcessGroup;
import io.jsupervisor.service.process.SupervisedProcess;
import io.jsupervisor.service.state.ProcessState;
import io.jsupervisor.service.surface.ControlSurface;
import io.jsupervisor.service.surface.DaemonRun;

/**
 * Registers the supervisor, its groups and processes as MXBeans on the platform MBean server, so
 * that JConsole and VisualVM attached to the daemon see them, keeps them in step with groups added
 * and removed, and turns the supervisor's events into JMX notifications.
 *
 * <p>{@link #start} runs on the daemon's main thread; the event handling on the control thread.
 */
public final class JmxSurface implements ControlSurface {

    @Override
    public boolean serves(Configuration config) {
        return true;
    }

    @Override
    public AutoCloseable start(DaemonRun run) throws IOException {
        Registration registration = new Registration(run, ManagementFactory.getPlatformMBeanServer());
        try {
            registration.start();
            if (run.config().jmx().isPresent()) {
                registration.connector = Optional.of(RemoteConnector.start(run.config().jmx().get(),
                        ManagementFactory.getPlatformMBeanServer()));
                run.log().log(LogLevel.INFO, "JMX connector listening on "
                        + RemoteConnector.url(run.config().jmx().get()));
            }
        } catch (IOException e) {
            registration.close();
            throw new IOException("cannot start the JMX connector on " + run.config().jmx().map(j -> j.host() + ":"
                    + j.port()).orElse("?") + ": " + e.getMessage(), e);
        } catch (JMException | ExecutionException e) {
            registration.close();
            throw new IOException("cannot register the JMX MBeans: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering the JMX MBeans", e);
        }
        if (run.config().jolokia().isPresent()) {
            try {
                registration.jolokia = Optional.of(JolokiaBridge.start(run.config().jolokia().get(), run.log()));
                run.log().log(LogLevel.INFO, "Jolokia listening on " + registration.jolokia.get().url());
            } catch (IOException | RuntimeException e) {
                registration.close();
                throw new IOException("cannot start Jolokia on " + run.config().jolokia().get().host() + ":"
                        + run.config().jolokia().get().port() + ": " + e.getMessage(), e);
            }
        }
        return registration;
    }

    /** The MBeans of one run, and its subscription to the run's events. */
    private static final class Registration implements AutoCloseable {
        private final DaemonRun run;
        private final MBeanServer server;
        private final Calls calls;
        private final SupervisorControl supervisor;
        /** The process MBeans by {@code group:name}; touched on the control thread. */
        private final Map<String, ProcessControl> processes = new HashMap<>();
        private EventBus.Subscription subscription;
        /** The remote connector of {@code [jmx]}, once started. */
        private Optional<RemoteConnector> connector = Optional.empty();
        /** The Jolokia bridge of {@code [jolokia]}, once started. */
        private Optional<JolokiaBridge> jolokia = Optional.empty();

        Registration(DaemonRun run, MBeanServer server) {
            this.run = run;
            this.server = server;
            this.calls = new Calls(run.methods());
            this.supervisor = new SupervisorControl(calls, run.configFile());
        }

        void start() throws JMException, ExecutionException, InterruptedException {
            server.registerMBean(supervisor, ObjectNames.supervisor());
            run.control().submit(() -> {
                for (ProcessGroup group : run.supervisor().groups()) {
                    register(group);
                }
                subscription = run.supervisor().events().subscribe(EnumSet.of(EventType.PROCESS_STATE,
                        EventType.PROCESS_GROUP, EventType.SUPERVISOR_STATE_CHANGE), e -> notice(e.event()));
                return null;
            }).get();
        }

        private void notice(io.jsupervisor.service.event.Event event) {
            long now = System.currentTimeMillis();
            if (event instanceof ProcessStateEvent state) {
                ProcessControl mbean = processes.get(state.groupName() + ":" + state.processName());
                if (mbean != null) {
                    boolean unexpected = state.to() == ProcessState.BACKOFF
                            || (state.to() == ProcessState.EXITED && !state.expected());
                    mbean.stateChanged(state.from().name(), state.to().name(), unexpected, now);
                }
            } else if (event instanceof ProcessGroupEvent group) {
                boolean added = group.type() == EventType.PROCESS_GROUP_ADDED;
                if (added) {
                    run.supervisor().group(group.groupName()).ifPresent(this::registerOrLog);
                } else {
                    unregister(group.groupName());
                }
                supervisor.announce(added ? JmxEvents.GROUP_ADDED : JmxEvents.GROUP_REMOVED, group.groupName(), now);
            } else if (event instanceof SupervisorStateEvent state) {
                supervisor.announce(JmxEvents.SUPERVISOR_STATE,
                        state == SupervisorStateEvent.RUNNING ? "RUNNING" : "STOPPING", now);
            }
        }

        private void registerOrLog(ProcessGroup group) {
            try {
                register(group);
            } catch (JMException e) {
                run.log().log(LogLevel.WARN, "cannot register the MBeans of group " + group.name() + ": "
                        + e.getMessage());
            }
        }

        private void register(ProcessGroup group) throws JMException {
            server.registerMBean(new GroupControl(group.name(), group.config().priority(),
                    group.processes().stream().map(SupervisedProcess::name).toList(), calls),
                    ObjectNames.group(group.name()));
            if (group.config() instanceof FcgiGroupConfig fcgi && group.socket().isPresent()) {
                server.registerMBean(new SocketControl(fcgi, run), ObjectNames.socket(group.name()));
            }
            for (SupervisedProcess process : group.processes()) {
                ProcessControl mbean = new ProcessControl(group.name(), process.name(), calls);
                server.registerMBean(mbean, ObjectNames.process(group.name(), process.name()));
                processes.put(group.name() + ":" + process.name(), mbean);
            }
        }

        private void unregister(String group) {
            processes.keySet().removeIf(key -> key.startsWith(group + ":"));
            try {
                server.queryNames(ObjectNames.processesOf(group), null).forEach(this::unregister);
            } catch (RuntimeException e) {
                run.log().log(LogLevel.WARN, "cannot unregister the MBeans of group " + group + ": " + e.getMessage());
            }
            unregister(ObjectNames.group(group));
            unregister(ObjectNames.socket(group));
        }

        private void unregister(ObjectName name) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // already gone
            } catch (JMException e) {
                run.log().log(LogLevel.WARN, "cannot unregister " + name + ": " + e.getMessage());
            }
        }

        @Override
        public void close() {
            jolokia.ifPresent(JolokiaBridge::close);
            connector.ifPresent(c -> {
                try {
                    c.close();
                } catch (IOException e) {
                    run.log().log(LogLevel.WARN, "cannot stop the JMX connector: " + e.getMessage());
                }
            });
            try {
                run.control().submit(() -> {
                    if (subscription != null) {
                        subscription.cancel();
                    }
                    return null;
                }).get();
            } catch (ExecutionException e) {
                run.log().log(LogLevel.WARN, "cannot stop the JMX notifications: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (ObjectName name : server.queryNames(ObjectNames.pattern(), null)) {
                unregister(name);
            }
        }
    }
}
