package io.jsupervisor.service.http;

import java.util.concurrent.CompletionException;

/** What a future failed with: dependent stages wrap the original failure in a {@link CompletionException}. */
final class Failures {
    private Failures() {
    }

    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
