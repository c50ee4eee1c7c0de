package io.jsupervisor.service.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import io.jsupervisor.config.model.EventListenerPoolConfig;
import io.jsupervisor.config.model.LogLevel;
import io.jsupervisor.service.control.Scheduler;
import io.jsupervisor.service.event.ChildText;
import io.jsupervisor.service.event.EventBus;
import io.jsupervisor.service.event.EventEnvelope;
import io.jsupervisor.service.state.ListenerState;
import io.jsupervisor.service.state.ProcessState;

/**
 * The listener processes of one {@code [eventlistener:x]} and the events waiting for them, with
 * supervisord's protocol: events queue in a buffer of {@code buffer_size} (when it is full the
 * oldest is dropped, and logged), each goes to the first listener that is RUNNING and READY, and
 * a rejected event, or one whose listener dies before answering, goes back to the head of the
 * queue for the next listener.
 *
 * <p>Listeners' stdout reaches {@link #output} from the I/O thread by way of the control thread.
 * Sending is handed to the I/O thread ({@link ProcessLauncher#writeStdin}) so that a listener that
 * does not read holds nothing up.
 *
 * <p>Confined to the control thread.
 */
public final class EventListenerPool {
    private static final byte[] READY_TOKEN = "READY\n".getBytes(StandardCharsets.US_ASCII);
    private static final int RESULT_TOKEN_LENGTH = "RESULT ".length();
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

    private final EventListenerPoolConfig config;
    private final String server;
    private final ProcessLauncher launcher;
    private final Scheduler scheduler;
    private final SupervisorLog log;
    private final Deque<Queued> buffer = new ArrayDeque<>();
    /** The listeners by process name, in the order they are offered events. */
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private Optional<EventBus.Subscription> subscription = Optional.empty();
    private long poolSerial = -1;
    private boolean dispatchPending;

    /** An event in this pool: the event and its serial here. */
    private record Queued(EventBus.PublishedEvent event, long poolSerial) {
    }

    /** @param server the supervisor's {@code identifier}, sent in every envelope */
    public EventListenerPool(EventListenerPoolConfig config, String server, ProcessLauncher launcher,
                             Scheduler scheduler, SupervisorLog log) {
        this.config = config;
        this.server = server;
        this.launcher = launcher;
        this.scheduler = scheduler;
        this.log = log;
    }

    /** Adds a listener process; they are offered events in the order they were added. */
    void add(SupervisedProcess process) {
        listeners.put(process.name(), new Listener(process));
    }

    /** Where the stdout of listener {@code processName} goes once read: to this pool, on the control thread. */
    ListenerOutput.ProtocolReader reader(String processName) {
        return (pid, data) -> scheduler.execute(() -> output(processName, pid, data));
    }

    /** Starts taking the pool's event types from {@code bus}. */
    public void subscribe(EventBus bus) {
        subscription = Optional.of(bus.subscribe(config.eventTypes(), this::accept));
    }

    /** Stops taking events (the pool is being removed). */
    public void unsubscribe() {
        subscription.ifPresent(EventBus.Subscription::cancel);
        subscription = Optional.empty();
    }

    /** The protocol state of {@code process}, one of this pool's listeners. */
    public ListenerState state(SupervisedProcess process) {
        return listeners.get(process.name()).state;
    }

    /** The number of events waiting for a listener. */
    public int buffered() {
        return buffer.size();
    }

    private void accept(EventBus.PublishedEvent event) {
        event.serial();
        poolSerial = poolSerial == Long.MAX_VALUE ? 0 : poolSerial + 1;
        enqueue(new Queued(event, poolSerial), false);
        requestDispatch();
    }

    /** Queues an event, dropping the oldest when the buffer is full; a returned one goes first. */
    private void enqueue(Queued queued, boolean returned) {
        if (returned) {
            log.log(LogLevel.DEBUG, "rebuffering event " + queued.event.serial() + " for pool " + config.name()
                    + " (buf size=" + buffer.size() + ", max=" + config.bufferSize() + ")");
        }
        if (buffer.size() >= config.bufferSize()) {
            Queued dropped = buffer.pollFirst();
            log.log(LogLevel.ERROR, "pool " + config.name() + " event buffer overflowed, discarding event "
                    + dropped.event.serial());
        }
        if (returned) {
            buffer.addFirst(queued);
        } else {
            buffer.addLast(queued);
        }
    }

    /** Dispatches once the current task is done, like supervisord's once-per-loop pass, never re-entrantly. */
    private void requestDispatch() {
        if (!dispatchPending) {
            dispatchPending = true;
            scheduler.execute(this::dispatch);
        }
    }

    private void dispatch() {
        dispatchPending = false;
        while (!buffer.isEmpty()) {
            Optional<Listener> ready = listeners.values().stream().filter(Listener::canTake).findFirst();
            if (ready.isEmpty()) {
                return;
            }
            ready.get().send(buffer.pollFirst());
        }
    }

    /** Called on every state change of one of the pool's processes. */
    void stateChanged(SupervisedProcess process, ProcessState to) {
        Listener listener = listeners.get(process.name());
        switch (to) {
            case STARTING -> listener.restart();
            case RUNNING -> requestDispatch();
            case EXITED, STOPPED, BACKOFF, FATAL -> listener.died();
            default -> { }
        }
    }

    /**
     * Takes what a listener wrote to stdout while it ran as {@code pid}; output of an earlier run is
     * ignored, as supervisord closes a run's pipes when it reaps it.
     */
    private void output(String processName, int pid, byte[] data) {
        Listener listener = listeners.get(processName);
        if (pid == listener.process.pid()) {
            listener.read(data);
        }
    }

    /** One listener process and its side of the protocol for its current run. */
    private final class Listener {
        private final SupervisedProcess process;
        private ListenerState state = ListenerState.ACKNOWLEDGED;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private int resultLength = -1;
        private final ByteArrayOutputStream result = new ByteArrayOutputStream();
        private Queued inFlight;
        /** The stdin of this run refused a write: offered nothing more until the next run. */
        private boolean stdinClosed;

        Listener(SupervisedProcess process) {
            this.process = process;
        }

        boolean canTake() {
            return process.state() == ProcessState.RUNNING && state == ListenerState.READY && !stdinClosed;
        }

        void restart() {
            state = ListenerState.ACKNOWLEDGED;
            pending.reset();
            result.reset();
            resultLength = -1;
            stdinClosed = false;
        }

        void died() {
            returnInFlight();
        }

        void send(Queued queued) {
            byte[] envelope = EventEnvelope.encode(server, queued.event.serial(), config.name(), queued.poolSerial,
                    queued.event.event());
            state = ListenerState.BUSY;
            inFlight = queued;
            int pid = process.pid();
            log.log(LogLevel.DEBUG, "event " + queued.event.serial() + " sent to listener " + process.name());
            launcher.writeStdin(pid, envelope).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    scheduler.execute(() -> refused(pid, queued));
                }
            });
        }

        /** The listener's stdin was closed: as in supervisord, its state stays and the event goes to another. */
        private void refused(int pid, Queued queued) {
            if (pid != process.pid() || inFlight != queued) {
                return;
            }
            log.log(LogLevel.DEBUG, "epipe occurred while sending event " + queued.event.serial() + " to listener "
                    + process.name() + ", listener state unchanged");
            stdinClosed = true;
            state = ListenerState.READY;
            inFlight = null;
            enqueue(queued, true);
            requestDispatch();
        }

        void read(byte[] data) {
            pending.writeBytes(data);
            while (pending.size() > 0 && step()) {
                // each step consumes what it understood
            }
        }

        /** Acts on the start of what the listener wrote; returns false when it needs more. */
        private boolean step() {
            byte[] data = pending.toByteArray();
            switch (state) {
                case UNKNOWN -> pending.reset();
                case ACKNOWLEDGED -> {
                    if (data.length < READY_TOKEN.length) {
                        return false;
                    }
                    if (Arrays.equals(data, 0, READY_TOKEN.length, READY_TOKEN, 0, READY_TOKEN.length)) {
                        change(ListenerState.READY);
                        keep(data, READY_TOKEN.length);
                        requestDispatch();
                    } else {
                        change(ListenerState.UNKNOWN);
                        pending.reset();
                    }
                }
                case READY -> {
                    // nothing may come before an event is sent
                    change(ListenerState.UNKNOWN);
                    pending.reset();
                }
                case BUSY -> {
                    return resultLength < 0 ? readResultLine(data) : readResult(data);
                }
            }
            return true;
        }

        private boolean readResultLine(byte[] data) {
            int newline = indexOf(data, (byte) '\n');
            if (newline < 0) {
                return false;
            }
            byte[] line = Arrays.copyOf(data, newline);
            keep(data, newline + 1);
            try {
                resultLength = Integer.parseInt(new String(line, Math.min(RESULT_TOKEN_LENGTH, line.length),
                        Math.max(0, line.length - RESULT_TOKEN_LENGTH), StandardCharsets.ISO_8859_1).strip());
                if (resultLength < 0) {
                    throw new NumberFormatException("negative");
                }
            } catch (NumberFormatException e) {
                log.log(LogLevel.WARN, process.name() + ": bad result line: '" + ChildText.of(line) + "'");
                resultLength = -1;
                change(ListenerState.UNKNOWN);
                pending.reset();
                returnInFlight();
                return false;
            }
            return readResult(pending.toByteArray());
        }

        private boolean readResult(byte[] data) {
            int take = Math.min(resultLength - result.size(), data.length);
            result.write(data, 0, take);
            keep(data, take);
            if (result.size() < resultLength) {
                return false;
            }
            boolean accepted = Arrays.equals(result.toByteArray(), OK);
            result.reset();
            resultLength = -1;
            Queued answered = inFlight;
            inFlight = null;
            if (accepted) {
                log.log(LogLevel.DEBUG, process.name() + ": event was processed");
                change(ListenerState.ACKNOWLEDGED);
            } else {
                log.log(LogLevel.WARN, process.name() + ": event was rejected");
                change(ListenerState.ACKNOWLEDGED);
                if (answered != null) {
                    enqueue(answered, true);
                    requestDispatch();
                }
            }
            return true;
        }

        private void returnInFlight() {
            if (inFlight != null) {
                enqueue(inFlight, true);
                inFlight = null;
                requestDispatch();
            }
        }

        private void change(ListenerState to) {
            log.log(LogLevel.DEBUG, process.name() + ": " + state + " -> " + to);
            state = to;
            if (to == ListenerState.UNKNOWN) {
                log.log(LogLevel.WARN, process.name() + ": has entered the UNKNOWN state and will no longer receive "
                        + "events, this usually indicates the process violated the eventlistener protocol");
            }
        }

        /** Keeps what follows the first {@code consumed} bytes of {@code data} for the next step. */
        private void keep(byte[] data, int consumed) {
            pending.reset();
            pending.write(data, consumed, data.length - consumed);
        }

        private static int indexOf(byte[] data, byte b) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] == b) {
                    return i;
                }
            }
            return -1;
        }
    }
}
