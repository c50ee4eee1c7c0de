/**
 * FastCGI shared sockets: creating the listening socket of an {@code [fcgi-program:x]} group
 * (tcp or unix, with owner, mode and backlog), keeping it open for the group's lifetime, and handing
 * its file descriptor to every worker as fd 0. Built from the {@code SocketSpec} the configuration
 * module produces.
 */
package io.jsupervisor.fcgi;
