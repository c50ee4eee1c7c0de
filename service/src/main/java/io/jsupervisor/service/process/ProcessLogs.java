package io.jsupervisor.service.process;

import java.util.Optional;
import java.nio.file.Path;
import io.jsupervisor.service.io.ChannelLog;

/**
 * The stdout and stderr logs of one process.
 *
 * <p>Immutable value; the logs themselves are written on the I/O thread.
 */
public record ProcessLogs(ChannelLog stdout, ChannelLog stderr) {

    /** The log of {@code channel} ({@code stdout} or {@code stderr}). */
    public ChannelLog channel(String channel) {
        return channel.equals("stderr") ? stderr : stdout;
    }

    /** The file {@code channel} is written to, if it has one ({@code AUTO} names resolved). */
    public Optional<Path> file(String channel) {
        return channel(channel).path();
    }
}
