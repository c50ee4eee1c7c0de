package io.jsupervisor.service.ctl;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.jsupervisor.config.cli.Getopt;
import io.jsupervisor.config.cli.UsageException;
import io.jsupervisor.config.syntax.PythonText;

/**
 * Parses jsupervisorctl's command line as supervisorctl 4.2 parses its own: options by Python
 * {@code getopt}'s rules up to the first word that is not one, which starts the command. Options are
 * applied in order, so {@code -h} wins over anything after it, and giving one twice is an error.
 *
 * <p>Stateless and thread-safe.
 */
final class CtlCommandLine {
    private static final Getopt.Option HELP = new Getopt.Option('h', "help", false);
    private static final Getopt.Option QUESTION_MARK = new Getopt.Option('?', null, false);
    private static final Getopt.Option CONFIGURATION = new Getopt.Option('c', "configuration", true);
    private static final Getopt.Option INTERACTIVE = new Getopt.Option('i', "interactive", false);
    private static final Getopt.Option SERVERURL = new Getopt.Option('s', "serverurl", true);
    private static final Getopt.Option USERNAME = new Getopt.Option('u', "username", true);
    private static final Getopt.Option PASSWORD = new Getopt.Option('p', "password", true);
    // supervisorctl's usage says --history-file, but the option it registers is --history_file
    private static final Getopt.Option HISTORY_FILE = new Getopt.Option('r', "history_file", true);
    private static final List<Getopt.Option> OPTIONS = List.of(HELP, QUESTION_MARK, CONFIGURATION, INTERACTIVE,
            SERVERURL, USERNAME, PASSWORD, HISTORY_FILE);

    private CtlCommandLine() {
    }

    static CtlArguments parse(String... args) throws UsageException {
        Getopt.Result given = Getopt.parse(OPTIONS, args);
        Optional<Path> configFile = Optional.empty();
        Optional<String> serverUrl = Optional.empty();
        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        Optional<Path> historyFile = Optional.empty();
        boolean interactive = false;
        Set<Getopt.Option> seen = new HashSet<>();
        for (Getopt.Found found : given.options()) {
            Getopt.Option option = found.option();
            if (option == HELP || option == QUESTION_MARK) {
                return new CtlArguments(configFile, serverUrl, username, password, historyFile, interactive, true,
                        List.of());
            }
            if (option == SERVERURL && !PythonUrl.split(found.value()).isUrl()) {
                String value = PythonText.repr(found.value());
                throw new UsageException("invalid value for " + found.spelling() + " " + value + ": value " + value
                        + " is not a URL");
            }
            if (!seen.add(option)) {
                throw new UsageException("conflicting command line option '" + found.spelling() + "'");
            }
            if (option == CONFIGURATION) {
                configFile = Optional.of(Path.of(found.value()));
            } else if (option == INTERACTIVE) {
                interactive = true;
            } else if (option == SERVERURL) {
                serverUrl = Optional.of(found.value());
            } else if (option == USERNAME) {
                username = Optional.of(found.value());
            } else if (option == PASSWORD) {
                password = Optional.of(found.value());
            } else {
                historyFile = Optional.of(Path.of(found.value()));
            }
        }
        return new CtlArguments(configFile, serverUrl, username, password, historyFile, interactive, false,
                given.arguments());
    }
}
