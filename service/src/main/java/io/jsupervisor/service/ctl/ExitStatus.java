package io.jsupervisor.service.ctl;

/**
 * supervisorctl's exit statuses: the LSB init-script codes, and the two that {@code status} uses
 * from the LSB status codes.
 */
final class ExitStatus {
    static final int SUCCESS = 0;
    static final int GENERIC = 1;
    static final int INVALID_ARGS = 2;
    static final int UNIMPLEMENTED_FEATURE = 3;
    static final int INSUFFICIENT_PRIVILEGES = 4;
    static final int NOT_INSTALLED = 5;
    static final int NOT_RUNNING = 7;

    /** {@code status}: some process listed is not running. */
    static final int STATUS_NOT_RUNNING = 3;
    /** {@code status}: a name is unknown, or the server cannot be asked. */
    static final int STATUS_UNKNOWN = 4;

    private ExitStatus() {
    }
}
