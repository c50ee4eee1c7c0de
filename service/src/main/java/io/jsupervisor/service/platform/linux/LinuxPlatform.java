package io.jsupervisor.service.platform.linux;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import io.jsupervisor.fcgi.SocketCallException;
import io.jsupervisor.service.platform.NativeException;
import io.jsupervisor.service.platform.Pipe;
import io.jsupervisor.service.platform.Platform;
import io.jsupervisor.service.platform.PollSet;
import io.jsupervisor.service.platform.SpawnRequest;
import io.jsupervisor.service.platform.WaitStatus;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;

/**
 * {@link Platform} on Linux with glibc 2.34 or later: children start through {@code posix_spawn}
 * (fds 0-2, and 3 if asked, from the request, every other fd closed, a new process group, an empty signal mask,
 * default dispositions), exits are watched with pidfds and reaped by pid, and pipes are read with
 * {@code poll}/{@code read} on raw descriptors.
 *
 * <p>Thread-safe: every call is a self-contained system call.
 */
public final class LinuxPlatform implements Platform {
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int WNOHANG = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    private static final int P_ALL = 0;
    private static final int ECHILD = 10;
    private static final int ESRCH = 3;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final short POSIX_SPAWN_SETPGROUP = 0x02;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final long SYS_PIDFD_OPEN = 434;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    /** sizeof(struct sockaddr_in), and of sun_path in struct sockaddr_un. */
    private static final int SOCKADDR_IN_SIZE = 16;
    private static final int SUN_PATH_SIZE = 108;
    private static final int ENAMETOOLONG = 36;
    /** Generous upper bounds of glibc's posix_spawn_file_actions_t, posix_spawnattr_t, sigset_t, siginfo_t. */
    private static final int FILE_ACTIONS_SIZE = 256;
    private static final int SPAWNATTR_SIZE = 512;
    private static final int SIGSET_SIZE = 128;
    private static final int SIGINFO_SIZE = 128;
    /** Offset of si_pid in a 64-bit siginfo_t for SIGCHLD. */
    private static final int SIGINFO_PID_OFFSET = 16;

    private static final int LOG_USER = 8;
    private static final int LOG_INFO = 6;
    private static final String SYSLOG_IDENT = "jsupervisord";

    private final LibC libc;
    private final Runtime runtime;
    /** The ident handed to openlog, kept allocated for as long as syslog may use it. */
    private Pointer syslogIdent;

    public LinuxPlatform() {
        libc = LibraryLoader.create(LibC.class).load("c");
        runtime = Runtime.getRuntime(libc);
    }

    @Override
    public int spawn(SpawnRequest request) throws NativeException {
        Pointer actions = Memory.allocateDirect(runtime, FILE_ACTIONS_SIZE);
        Pointer attr = Memory.allocateDirect(runtime, SPAWNATTR_SIZE);
        Pointer emptyMask = Memory.allocateDirect(runtime, SIGSET_SIZE);
        Pointer allSignals = Memory.allocateDirect(runtime, SIGSET_SIZE);
        check("posix_spawn_file_actions_init", libc.posix_spawn_file_actions_init(actions));
        check("posix_spawnattr_init", libc.posix_spawnattr_init(attr));
        try {
            check("adddup2", libc.posix_spawn_file_actions_adddup2(actions, request.stdin(), 0));
            check("adddup2", libc.posix_spawn_file_actions_adddup2(actions, request.stdout(), 1));
            check("adddup2", libc.posix_spawn_file_actions_adddup2(actions, request.stderr(), 2));
            if (request.fd3().isPresent()) {
                check("adddup2", libc.posix_spawn_file_actions_adddup2(actions, request.fd3().getAsInt(), 3));
            }
            check("addclosefrom_np", libc.posix_spawn_file_actions_addclosefrom_np(actions,
                    request.fd3().isPresent() ? 4 : 3));
            if (request.directory().isPresent()) {
                check("addchdir_np", libc.posix_spawn_file_actions_addchdir_np(actions,
                        request.directory().get().toString()));
            }
            libc.sigemptyset(emptyMask);
            libc.sigfillset(allSignals);
            check("setsigmask", libc.posix_spawnattr_setsigmask(attr, emptyMask));
            check("setsigdefault", libc.posix_spawnattr_setsigdefault(attr, allSignals));
            check("setpgroup", libc.posix_spawnattr_setpgroup(attr, 0));
            check("setflags", libc.posix_spawnattr_setflags(attr,
                    (short) (POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)));
            IntByReference pid = new IntByReference();
            // posix_spawn returns the error number itself rather than setting errno.
            check("posix_spawn", libc.posix_spawn(pid, request.executable().toString(), actions, attr,
                    request.argv().toArray(new CharSequence[0]), request.environment().toArray(new CharSequence[0])));
            return pid.intValue();
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
            libc.posix_spawnattr_destroy(attr);
        }
    }

    @Override
    public OptionalInt pidfd(int pid) {
        long fd = libc.syscall(SYS_PIDFD_OPEN, pid, 0);
        return fd < 0 ? OptionalInt.empty() : OptionalInt.of((int) fd);
    }

    @Override
    public Optional<WaitStatus> reap(int pid) throws NativeException {
        IntByReference status = new IntByReference();
        while (true) {
            int result = libc.waitpid(pid, status, WNOHANG);
            if (result == pid) {
                return Optional.of(new WaitStatus(status.intValue()));
            }
            if (result == 0) {
                return Optional.empty();
            }
            int errno = errno();
            if (errno != EINTR) {
                throw failure("waitpid(" + pid + ")", errno);
            }
        }
    }

    @Override
    public Optional<Reaped> reapOrphan(IntPredicate ours) throws NativeException {
        Pointer info = Memory.allocateDirect(runtime, SIGINFO_SIZE);
        info.putInt(SIGINFO_PID_OFFSET, 0);
        if (libc.waitid(P_ALL, 0, info, WEXITED | WNOHANG | WNOWAIT) != 0) {
            int errno = errno();
            if (errno == ECHILD || errno == EINTR) {
                return Optional.empty();
            }
            throw failure("waitid", errno);
        }
        int pid = info.getInt(SIGINFO_PID_OFFSET);
        if (pid == 0 || ours.test(pid)) {
            return Optional.empty();
        }
        return reap(pid).map(status -> new Reaped(pid, status));
    }

    @Override
    public boolean kill(int pid, int signal, boolean group) throws NativeException {
        if (libc.kill(group ? -pid : pid, signal) == 0) {
            return true;
        }
        int errno = errno();
        if (errno == ESRCH) {
            return false;
        }
        throw failure("kill(" + (group ? -pid : pid) + ", " + signal + ")", errno);
    }

    @Override
    public Pipe pipe() throws NativeException {
        int[] fds = new int[2];
        if (libc.pipe2(fds, O_CLOEXEC) != 0) {
            throw failure("pipe2", errno());
        }
        // Only the parent's read end is non-blocking; the child's write end must block like a normal pipe.
        setNonBlocking(fds[0]);
        return new Pipe(fds[0], fds[1]);
    }

    @Override
    public Pipe inputPipe() throws NativeException {
        int[] fds = new int[2];
        if (libc.pipe2(fds, O_CLOEXEC) != 0) {
            throw failure("pipe2", errno());
        }
        // The child's read end must block like a normal stdin; only the parent's write end may not.
        setNonBlocking(fds[1]);
        return new Pipe(fds[0], fds[1]);
    }

    private void setNonBlocking(int fd) throws NativeException {
        int flags = libc.fcntl(fd, F_GETFL, 0);
        if (flags < 0 || libc.fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
            throw failure("fcntl(" + fd + ")", errno());
        }
    }

    @Override
    public void close(int fd) {
        libc.close(fd);
    }

    @Override
    public int bindTcp(Inet4Address address, int port) throws SocketCallException {
        int fd = newSocket(AF_INET);
        ByteBuffer sockaddr = ByteBuffer.allocate(SOCKADDR_IN_SIZE).order(ByteOrder.nativeOrder());
        sockaddr.putShort((short) AF_INET);
        sockaddr.order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(address.getAddress());
        if (libc.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, new int[] {1}, Integer.BYTES) != 0) {
            throw socketFailure(fd);
        }
        bind(fd, sockaddr.array(), SOCKADDR_IN_SIZE);
        return fd;
    }

    @Override
    public int bindUnix(Path path) throws SocketCallException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_SIZE) {
            throw new SocketCallException(ENAMETOOLONG, libc.strerror(ENAMETOOLONG) + ": " + path
                    + " is longer than the " + (SUN_PATH_SIZE - 1) + " bytes a socket path may have");
        }
        int fd = newSocket(AF_UNIX);
        ByteBuffer sockaddr = ByteBuffer.allocate(2 + SUN_PATH_SIZE).order(ByteOrder.nativeOrder());
        sockaddr.putShort((short) AF_UNIX).put(name);
        bind(fd, sockaddr.array(), 2 + name.length + 1);
        return fd;
    }

    @Override
    public void chmod(Path path, int mode) throws SocketCallException {
        if (libc.chmod(path.toString(), mode) != 0) {
            throw fileFailure("chmod", path, String.format("%04o", mode));
        }
    }

    @Override
    public void chown(Path path, int uid, int gid) throws SocketCallException {
        if (libc.lchown(path.toString(), uid, gid) != 0) {
            throw fileFailure("chown", path, uid + ":" + gid);
        }
    }

    private SocketCallException fileFailure(String call, Path path, String value) {
        return socketError(": " + call + " " + value + " " + path);
    }

    @Override
    public void listen(int fd, int backlog) throws SocketCallException {
        if (libc.listen(fd, backlog) != 0) {
            throw socketError("");
        }
    }

    private int newSocket(int family) throws SocketCallException {
        int fd = libc.socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw socketError("");
        }
        return fd;
    }

    private void bind(int fd, byte[] sockaddr, int length) throws SocketCallException {
        if (libc.bind(fd, sockaddr, length) != 0) {
            throw socketFailure(fd);
        }
    }

    /** The failure of the last call on {@code fd}, which is closed. */
    private SocketCallException socketFailure(int fd) {
        SocketCallException failure = socketError("");
        libc.close(fd);
        return failure;
    }

    /** The failure of the last call, errno read before anything else runs, with {@code detail} after its text. */
    private SocketCallException socketError(String detail) {
        int errno = errno();
        return new SocketCallException(errno, libc.strerror(errno) + detail);
    }

    @Override
    public int read(int fd, ByteBuffer buffer) throws NativeException {
        while (true) {
            long n = libc.read(fd, Pointer.wrap(runtime, buffer.slice()), buffer.remaining());
            if (n > 0) {
                buffer.position(buffer.position() + (int) n);
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            int errno = errno();
            if (errno == EAGAIN) {
                return 0;
            }
            if (errno != EINTR) {
                throw failure("read(" + fd + ")", errno);
            }
        }
    }

    @Override
    public void write(int fd, ByteBuffer buffer) throws NativeException {
        while (buffer.hasRemaining()) {
            long n = libc.write(fd, Pointer.wrap(runtime, buffer.slice()), buffer.remaining());
            if (n >= 0) {
                buffer.position(buffer.position() + (int) n);
                continue;
            }
            int errno = errno();
            if (errno != EINTR) {
                throw failure("write(" + fd + ")", errno);
            }
        }
    }

    @Override
    public int writeAvailable(int fd, ByteBuffer buffer) throws NativeException {
        while (true) {
            long n = libc.write(fd, Pointer.wrap(runtime, buffer.slice()), buffer.remaining());
            if (n >= 0) {
                buffer.position(buffer.position() + (int) n);
                return (int) n;
            }
            int errno = errno();
            if (errno == EAGAIN) {
                return 0;
            }
            if (errno != EINTR) {
                throw failure("write(" + fd + ")", errno);
            }
        }
    }

    @Override
    public PollSet newPollSet() {
        return new LinuxPollSet(runtime);
    }

    @Override
    public void poll(PollSet set, int timeoutMillis) throws NativeException {
        LinuxPollSet pollSet = (LinuxPollSet) set;
        if (libc.poll(pollSet.memory(), pollSet.size(), timeoutMillis) < 0) {
            int errno = errno();
            if (errno != EINTR) {
                throw failure("poll", errno);
            }
        }
    }

    @Override
    public ResourceLimit limit(Resource resource) throws NativeException {
        Pointer rlimit = Memory.allocateDirect(runtime, 16);
        if (libc.getrlimit(resource.number(), rlimit) != 0) {
            throw failure("getrlimit(" + resource.systemName() + ")", errno());
        }
        return new ResourceLimit(rlimit.getLong(0), rlimit.getLong(8));
    }

    @Override
    public void setLimit(Resource resource, ResourceLimit limit) throws NativeException {
        Pointer rlimit = Memory.allocateDirect(runtime, 16);
        rlimit.putLong(0, limit.soft());
        rlimit.putLong(8, limit.hard());
        if (libc.setrlimit(resource.number(), rlimit) != 0) {
            throw failure("setrlimit(" + resource.systemName() + ")", errno());
        }
    }

    @Override
    public synchronized void syslog(String message) {
        if (syslogIdent == null) {
            byte[] ident = SYSLOG_IDENT.getBytes(StandardCharsets.US_ASCII);
            syslogIdent = Memory.allocateDirect(runtime, ident.length + 1);
            syslogIdent.put(0, ident, 0, ident.length);
            syslogIdent.putByte(ident.length, (byte) 0);
            libc.openlog(syslogIdent, 0, LOG_USER);
        }
        libc.syslog(LOG_INFO, "%s", message);
    }

    @Override
    public int pid() {
        return libc.getpid();
    }

    @Override
    public void switchUser(String name, int uid, int gid) throws NativeException {
        if (libc.initgroups(name, gid) != 0) {
            throw failure("initgroups(" + name + ")", errno());
        }
        if (libc.setgid(gid) != 0) {
            throw failure("setgid(" + gid + ")", errno());
        }
        if (libc.setuid(uid) != 0) {
            throw failure("setuid(" + uid + ")", errno());
        }
    }

    @Override
    public long signalHandler(int signal) throws NativeException {
        // struct sigaction starts with the handler; 256 bytes cover the whole struct on every ABI
        Pointer action = Memory.allocateDirect(runtime, 256);
        if (libc.sigaction(signal, null, action) != 0) {
            throw failure("sigaction(" + signal + ")", errno());
        }
        return action.getAddress(0);
    }

    @Override
    public void becomeSubreaper() throws NativeException {
        if (libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
            throw failure("prctl(PR_SET_CHILD_SUBREAPER)", errno());
        }
    }

    private int errno() {
        return runtime.getLastError();
    }

    private NativeException failure(String call, int errno) {
        return new NativeException(call, errno, libc.strerror(errno));
    }

    /** For calls that return an error number instead of setting errno. */
    private void check(String call, int result) throws NativeException {
        if (result != 0) {
            throw failure(call, result);
        }
    }
}
