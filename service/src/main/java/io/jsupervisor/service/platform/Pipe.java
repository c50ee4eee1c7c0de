package io.jsupervisor.service.platform;

/** The two ends of a pipe: data written to {@code write} is read from {@code read}. Immutable value. */
public record Pipe(int read, int write) {
}
