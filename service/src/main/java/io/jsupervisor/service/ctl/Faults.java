package io.jsupervisor.service.ctl;

/** The XML-RPC fault codes supervisorctl tells apart (supervisord's {@code xmlrpc.Faults}). */
final class Faults {
    static final int UNKNOWN_METHOD = 1;
    static final int SHUTDOWN_STATE = 6;
    static final int BAD_NAME = 10;
    static final int BAD_SIGNAL = 11;
    static final int NO_FILE = 20;
    static final int NOT_EXECUTABLE = 21;
    static final int FAILED = 30;
    static final int ABNORMAL_TERMINATION = 40;
    static final int SPAWN_ERROR = 50;
    static final int ALREADY_STARTED = 60;
    static final int NOT_RUNNING = 70;
    static final int SUCCESS = 80;
    static final int ALREADY_ADDED = 90;
    static final int STILL_RUNNING = 91;
    static final int CANT_REREAD = 92;

    private Faults() {
    }
}
