package io.jsupervisor.service.platform;

import io.jsupervisor.config.types.Signals;

/**
 * How a child ended, decoded from the status {@code waitpid} reports: an exit with a code, or death
 * by a signal (possibly with a core dump).
 *
 * <p>Immutable value.
 */
public record WaitStatus(int raw) {

    public boolean exited() {
        return (raw & 0x7f) == 0;
    }

    /** The exit code when {@link #exited()}. */
    public int exitCode() {
        return (raw >> 8) & 0xff;
    }

    public boolean signaled() {
        int low = raw & 0x7f;
        return low != 0 && low != 0x7f;
    }

    /** The signal that ended the child when {@link #signaled()}. */
    public int signal() {
        return raw & 0x7f;
    }

    public boolean coreDumped() {
        return signaled() && (raw & 0x80) != 0;
    }

    /**
     * The exit status as supervisord records it: the exit code, or -1 for a death by signal (which is
     * therefore never an expected exit).
     */
    public int supervisordExitStatus() {
        return exited() ? exitCode() : -1;
    }

    /** supervisord's description: {@code exit status 3} or {@code terminated by SIGTERM (core dumped)}. */
    public String describe() {
        if (exited()) {
            return "exit status " + exitCode();
        }
        return "terminated by SIG" + Signals.name(signal()) + (coreDumped() ? " (core dumped)" : "");
    }

    public static WaitStatus ofExit(int code) {
        return new WaitStatus((code & 0xff) << 8);
    }

    public static WaitStatus ofSignal(int signal, boolean core) {
        return new WaitStatus((signal & 0x7f) | (core ? 0x80 : 0));
    }
}
