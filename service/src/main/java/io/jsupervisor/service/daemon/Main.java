package io.jsupervisor.service.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import io.jsupervisor.config.ConfigException;
import io.jsupervisor.config.ConfigLoader;
import io.jsupervisor.config.cli.ConfigSearchPath;
import io.jsupervisor.config.cli.DaemonArguments;
import io.jsupervisor.config.cli.DaemonCommandLine;
import io.jsupervisor.config.cli.UsageException;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.model.Configuration;

/**
 * The {@code jsupervisord} command: parses supervisord's command line, finds and loads the
 * configuration, and runs the requested action. Usage and configuration errors print
 * {@code Error: ...} lines and exit 2, as supervisord does.
 *
 * <p>Runs on the thread that calls it.
 */
public final class Main {
    static final int EXIT_USAGE = 2;
    private static final String PROGRAM = "jsupervisord";

    private final PrintStream out;
    private final PrintStream err;
    private final HostEnvironment host;
    private final Path home;

    Main(PrintStream out, PrintStream err, HostEnvironment host, Path home) {
        this.out = out;
        this.err = err;
        this.host = host;
        this.home = home;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("jsupervisor.home", "."));
        System.exit(new Main(System.out, System.err, HostEnvironment.current(), home).run(args));
    }

    int run(String... args) {
        Launch launch;
        try {
            launch = load(args);
        } catch (Exit exit) {
            return exit.status;
        }
        if (!launch.config().supervisord().nodaemon()) {
            return usageError("jsupervisord runs in the background through jsvc (the init script, "
                    + "docs/install.md); run " + PROGRAM + " in the foreground with -n (or nodaemon=true)");
        }
        try {
            return new Daemon(host, out, err).run(launch.config(), launch.file(), launch.overrides());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** What a command line asks the daemon to run. */
    record Launch(Configuration config, Path file, Map<String, String> overrides) {
    }

    /** The end of a command line that has nothing to run: help, version, a checked or bad configuration. */
    static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /**
     * Parses supervisord's command line and loads the configuration it names, printing warnings;
     * help, version and --check-config are answered here and end in {@link Exit}, as errors do once
     * printed.
     */
    Launch load(String... args) throws Exit {
        DaemonArguments arguments;
        try {
            arguments = DaemonCommandLine.parse(args);
        } catch (UsageException e) {
            throw new Exit(usageError(e.getMessage()));
        }
        switch (arguments.action()) {
            case HELP:
                out.print(usage());
                throw new Exit(0);
            case VERSION:
                out.println(Version.current());
                throw new Exit(0);
            default:
                break;
        }
        Optional<Path> file = arguments.configFile().or(() -> ConfigSearchPath.find(home, host.workingDirectory()));
        if (file.isEmpty()) {
            throw new Exit(usageError("No config file found at default paths (" + String.join(", ",
                    ConfigSearchPath.candidates(home, host.workingDirectory()).stream().map(Path::toString).toList())
                    + "); use the -c option to specify a config file at a different path"));
        }
        Configuration config;
        try {
            config = new ConfigLoader(host).load(file.get(), arguments.overrides());
        } catch (ConfigException e) {
            e.warnings().forEach(w -> err.println("Warning: " + w));
            e.errors().forEach(problem -> err.println("Error: " + problem));
            err.println("For help, use " + PROGRAM + " -h");
            throw new Exit(EXIT_USAGE);
        }
        config.warnings().forEach(w -> err.println("Warning: " + w));
        if (arguments.overrides().containsKey("profile_options")) {
            err.println("Warning: --profile_options has no effect in jsupervisord");
        }
        if (arguments.action() == DaemonArguments.Action.CHECK_CONFIG) {
            ConfigReport.print(config, out);
            throw new Exit(0);
        }
        return new Launch(config, file.get(), arguments.overrides());
    }

    private int usageError(String message) {
        err.println("Error: " + message);
        err.println("For help, use " + PROGRAM + " -h");
        return EXIT_USAGE;
    }

    private static String usage() {
        try (InputStream in = Main.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("%s", PROGRAM);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("usage.txt is missing from the jar", e);
        }
    }
}
