package io.jsupervisor.service.platform;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import io.jsupervisor.fcgi.SocketCalls;

/**
 * Every operating-system call the supervisor makes, behind one narrow interface: starting, signalling
 * and reaping children, the raw file descriptors of their pipes, and (as {@link SocketCalls}, the
 * part the fcgi module sees) the listening sockets of FastCGI pools. The Linux implementation calls
 * glibc directly; tests of the state machine use a fake instead.
 *
 * <p>Implementations are thread-safe; a given descriptor is used by one thread at a time.
 */
public interface Platform extends SocketCalls {

    /** Starts a child as {@code request} says; returns its pid. */
    int spawn(SpawnRequest request) throws NativeException;

    /** A descriptor that becomes readable when {@code pid} exits (Linux pidfd), if the kernel has them. */
    OptionalInt pidfd(int pid);

    /** Reaps {@code pid} if it has exited, without waiting ({@code waitpid(pid, WNOHANG)}). */
    Optional<WaitStatus> reap(int pid) throws NativeException;

    /**
     * Reaps any exited child that is not one of ours, for PID 1 and subreaper duty: peeks first so that
     * children the caller manages are left for {@link #reap(int)}.
     *
     * @param ours whether a pid is managed by the caller
     */
    Optional<Reaped> reapOrphan(IntPredicate ours) throws NativeException;

    /** A child reaped by {@link #reapOrphan}. */
    record Reaped(int pid, WaitStatus status) {
    }

    /**
     * Sends {@code signal} to {@code pid}, or to its whole process group when {@code group}.
     *
     * @return false when no such process (or group) exists
     */
    boolean kill(int pid, int signal, boolean group) throws NativeException;

    /** A new pipe for a child's output; both ends close on exec, the read end (ours) does not block. */
    Pipe pipe() throws NativeException;

    /** A new pipe for a child's input; both ends close on exec, the write end (ours) does not block. */
    Pipe inputPipe() throws NativeException;

    @Override
    void close(int fd);

    /**
     * Reads what is available into {@code buffer} (a direct buffer), from its position.
     *
     * @return bytes read, 0 when nothing is available now, -1 at end of file
     */
    int read(int fd, ByteBuffer buffer) throws NativeException;

    /** Writes {@code buffer} from its position, blocking until all is written. */
    void write(int fd, ByteBuffer buffer) throws NativeException;

    /**
     * Writes from {@code buffer}'s position as much as a non-blocking descriptor takes now.
     *
     * @return bytes written, 0 when the descriptor cannot take any now
     * @throws NativeException e.g. with EPIPE when nobody reads the other end any more
     */
    int writeAvailable(int fd, ByteBuffer buffer) throws NativeException;

    PollSet newPollSet();

    /** Waits until a descriptor of {@code set} is ready or {@code timeoutMillis} pass (-1: no limit). */
    void poll(PollSet set, int timeoutMillis) throws NativeException;

    /** A resource limit: soft and hard, -1 meaning unlimited. */
    record ResourceLimit(long soft, long hard) {
    }

    /** The resources whose limits supervisord raises at start ({@code minfds}, {@code minprocs}). */
    enum Resource {
        OPEN_FILES(7, "RLIMIT_NOFILE"),
        PROCESSES(6, "RLIMIT_NPROC");

        private final int number;
        private final String systemName;

        Resource(int number, String systemName) {
            this.number = number;
            this.systemName = systemName;
        }

        public int number() {
            return number;
        }

        /** The C name, e.g. {@code RLIMIT_NOFILE}. */
        public String systemName() {
            return systemName;
        }
    }

    ResourceLimit limit(Resource resource) throws NativeException;

    void setLimit(Resource resource, ResourceLimit limit) throws NativeException;

    /**
     * Sends one message to the system log as supervisord does: through the C library's
     * {@code syslog()}, facility USER, priority INFO, identified as {@code jsupervisord}.
     */
    void syslog(String message);

    /** This process's pid. */
    int pid();

    /**
     * Switches this whole process to another user, as supervisord's {@code drop_privileges}: the
     * user's supplementary groups, its primary group, then its uid. Needs root.
     */
    void switchUser(String name, int uid, int gid) throws NativeException;

    /**
     * The address of the native handler now installed for {@code signal} (0 for the default action,
     * 1 for ignored): it tells whether native code outside the JVM, such as jsvc, took a signal over.
     */
    long signalHandler(int signal) throws NativeException;

    /** Makes this process adopt orphaned descendants ({@code PR_SET_CHILD_SUBREAPER}). */
    void becomeSubreaper() throws NativeException;
}
