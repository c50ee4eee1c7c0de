package io.jsupervisor.config;

import io.jsupervisor.config.types.Converter;
import java.util.Optional;

/**
 * The declaration of one configuration option: its name, supervisord's default (as configuration
 * text, absent when the option has none) and how its text becomes a value.
 *
 * <p>Immutable value.
 *
 * @param <T> the option's type
 */
public record OptionSpec<T>(String name, Optional<String> defaultText, Converter<T> converter) {

    static <T> OptionSpec<T> of(String name, String defaultText, Converter<T> converter) {
        return new OptionSpec<>(name, Optional.ofNullable(defaultText), converter);
    }

    static OptionSpec<String> text(String name, String defaultText) {
        return of(name, defaultText, (t, h) -> t);
    }
}
