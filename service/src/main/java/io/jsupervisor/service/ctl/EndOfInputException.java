package io.jsupervisor.service.ctl;

import java.io.IOException;

/** Standard input ended where a command needed one more line: Python's {@code EOFError} from {@code input()}. */
final class EndOfInputException extends IOException {
    private static final long serialVersionUID = 1L;

    EndOfInputException() {
        super("EOF when reading a line");
    }
}
