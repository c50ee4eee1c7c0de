package io.jsupervisor.config.model;

import java.nio.file.Path;

/**
 * Where one output channel of a program is logged: {@code AUTO} (a file created in
 * {@code childlogdir}), {@code NONE} (nowhere), or a file path.
 *
 * <p>Immutable values.
 */
public sealed interface LogTarget permits LogTarget.Auto, LogTarget.Disabled, LogTarget.File {

    /** {@code AUTO}: a file named after the process, created in {@code childlogdir} at start. */
    record Auto() implements LogTarget {
        @Override
        public String toString() {
            return "AUTO";
        }
    }

    /** {@code NONE} or {@code off}: the output is read and dropped. */
    record Disabled() implements LogTarget {
        @Override
        public String toString() {
            return "NONE";
        }
    }

    /** A file path, as written after {@code ~} expansion (relative paths stay relative). */
    record File(Path path) implements LogTarget {
        @Override
        public String toString() {
            return path.toString();
        }
    }
}
