package io.jsupervisor.service.platform.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;

/**
 * The glibc functions jsupervisor calls, bound through jnr-ffi. posix_spawn's file actions
 * {@code addchdir_np} (glibc 2.29) and {@code addclosefrom_np} (glibc 2.34) are why glibc 2.34 is
 * the minimum.
 */
public interface LibC {
    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

    int posix_spawn_file_actions_addchdir_np(Pointer actions, @In CharSequence path);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setpgroup(Pointer attr, int pgroup);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int sigemptyset(Pointer sigset);

    int sigfillset(Pointer sigset);

    int posix_spawn(@Out IntByReference pid, @In CharSequence path, Pointer actions, Pointer attr,
                    @In CharSequence[] argv, @In CharSequence[] envp);

    int pipe2(@Out int[] fds, int flags);

    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int option, @In int[] value, int length);

    int bind(int fd, @In byte[] address, int length);

    int listen(int fd, int backlog);

    int chmod(@In CharSequence path, int mode);

    int lchown(@In CharSequence path, int uid, int gid);

    int close(int fd);

    /** Variadic in C; every use here passes an int, which the x86-64 and arm64 calling conventions allow. */
    int fcntl(int fd, int command, int argument);

    long read(int fd, Pointer buffer, long count);

    long write(int fd, Pointer buffer, long count);

    int poll(Pointer fds, long nfds, int timeout);

    int waitpid(int pid, @Out IntByReference status, int options);

    int waitid(int idtype, int id, Pointer info, int options);

    int kill(int pid, int signal);

    long syscall(long number, long arg1, long arg2);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /** Reads (with {@code act} null) the disposition of {@code signal} into a {@code struct sigaction}. */
    int sigaction(int signal, Pointer act, Pointer oldact);

    int getpid();

    int initgroups(@In CharSequence user, int group);

    /** glibc applies these to every thread of the process. */
    int setgid(int gid);

    int setuid(int uid);

    int getrlimit(int resource, Pointer limit);

    int setrlimit(int resource, Pointer limit);

    String strerror(int errno);

    /** glibc keeps {@code ident}: it must point at memory that stays allocated. */
    void openlog(Pointer ident, int option, int facility);

    /** Variadic in C; always called with the format {@code "%s"} and one string. */
    void syslog(int priority, @In CharSequence format, @In CharSequence message);
}
