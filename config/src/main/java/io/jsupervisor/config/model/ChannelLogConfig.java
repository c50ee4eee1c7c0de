package io.jsupervisor.config.model;

/**
 * The settings of one output channel (stdout or stderr) of a program: its log file with rotation,
 * capture mode, log events and syslog.
 *
 * <p>Immutable value.
 */
public record ChannelLogConfig(LogTarget logfile, long maxbytes, int backups, long captureMaxbytes,
                               boolean eventsEnabled, boolean syslog) {
}
