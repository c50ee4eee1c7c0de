/**
 * Java management of the supervisor: MXBeans for the supervisor, its groups, processes and fcgi
 * sockets, their notifications, the remote JMX connector ({@code [jmx]}) and the Jolokia
 * HTTP/JSON bridge ({@code [jolokia]}). Reads the supervisor's views and sends it commands; never
 * touches process state itself.
 */
package io.jsupervisor.jmx;
