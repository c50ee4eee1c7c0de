package io.jsupervisor.service.ctl;

import java.util.List;

/**
 * {@code status}'s table: the name in a column as wide as the longest name (at least 30) plus three,
 * the state in ten, then the description.
 *
 * <p>Stateless and thread-safe.
 */
final class StatusTable {
    private static final int MIN_NAME_WIDTH = 30;

    private StatusTable() {
    }

    static void print(List<ProcessInfo> infos, Output output) {
        int width = MIN_NAME_WIDTH;
        for (ProcessInfo info : infos) {
            width = Math.max(width, info.namespec().codePointCount(0, info.namespec().length()));
        }
        for (ProcessInfo info : infos) {
            output.line(pad(info.namespec(), width + 3) + pad(info.statename(), 10) + info.description());
        }
    }

    /** {@code text} left-justified in {@code width} characters, as Python's {@code %-Ns} (counting code points). */
    static String pad(String text, int width) {
        int length = text.codePointCount(0, text.length());
        return length >= width ? text : text + " ".repeat(width - length);
    }
}
