package io.jsupervisor.config.types;

import io.jsupervisor.config.host.HostEnvironment;

/**
 * Turns an option's expanded text into its typed value, or says why it cannot.
 *
 * @param <T> the option's type
 */
@FunctionalInterface
public interface Converter<T> {
    T convert(String text, HostEnvironment host) throws InvalidValueException;
}
