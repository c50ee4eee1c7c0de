package io.jsupervisor.config.types;

/** A TCP address from configuration; an empty host means every interface. Immutable value. */
public record HostPort(String host, int port) {
}
