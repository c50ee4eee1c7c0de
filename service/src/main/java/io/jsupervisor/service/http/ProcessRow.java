package io.jsupervisor.service.http;

/**
 * One line of the dashboard page's plain table (what shows without scripts): a process's {@code group:name}, its state's name (e.g.
 * {@code RUNNING}) and supervisord's description of it (e.g. {@code pid 42, uptime 0:01:07}).
 *
 * <p>Immutable value.
 */
public record ProcessRow(String namespec, String statename, String description) {
}
