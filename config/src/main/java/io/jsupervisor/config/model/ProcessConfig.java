package io.jsupervisor.config.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import io.jsupervisor.config.host.Account;

/**
 * Everything supervisord knows about one process of a program, after expansion and validation.
 * {@code environment} already holds {@code [supervisord] environment} under the program's own keys.
 * {@code onFatal} is jsupervisor's own. Two configurations are equal when every setting is, which is how reread decides that a group
 * changed.
 *
 * <p>Immutable value.
 */
public record ProcessConfig(
        String name,
        String command,
        Optional<Account> user,
        Optional<String> directory,
        OptionalInt umask,
        int priority,
        boolean autostart,
        Autorestart autorestart,
        int startsecs,
        int startretries,
        int stopsignal,
        int stopwaitsecs,
        boolean stopasgroup,
        boolean killasgroup,
        List<Integer> exitcodes,
        boolean redirectStderr,
        ChannelLogConfig stdout,
        ChannelLogConfig stderr,
        Map<String, String> environment,
        Optional<String> serverurl,
        OnFatal onFatal) {

    public ProcessConfig {
        exitcodes = List.copyOf(exitcodes);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
