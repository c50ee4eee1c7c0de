package io.jsupervisor.service.ctl;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import io.jsupervisor.config.cli.ConfigSearchPath;
import io.jsupervisor.config.cli.UsageException;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.config.model.SupervisorctlConfig;

/**
 * The {@code jsupervisorctl} command: supervisorctl's command line, configuration and commands.
 * With a command it runs that command and exits with its status; without one it runs the shell
 * and exits 0. Usage and configuration errors print {@code Error: ...} and exit 2.
 *
 * <p>Runs on the thread that calls it.
 */
public final class Main {
    static final int EXIT_USAGE = 2;
    private static final String PROGRAM = "jsupervisorctl";
    private static final SupervisorctlConfig DEFAULTS = new SupervisorctlConfig("http://localhost:9001",
            Optional.empty(), Optional.empty(), "supervisor", Optional.empty());

    private final Output output;
    private final InputStream in;
    private final boolean terminal;
    private final HostEnvironment host;
    private final Path home;

    /**
     * @param terminal whether standard input and output are a terminal, so that lines are read with
     *                 editing, history and completion
     */
    Main(Output output, InputStream in, boolean terminal, HostEnvironment host, Path home) {
        this.output = output;
        this.in = in;
        this.terminal = terminal;
        this.host = host;
        this.home = home;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("jsupervisor.home", "."));
        Output output = new Output(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
        System.exit(new Main(output, System.in, isTerminal(), HostEnvironment.current(), home).run(args));
    }

    int run(String... args) {
        CtlArguments arguments;
        try {
            arguments = CtlCommandLine.parse(args);
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        if (arguments.help()) {
            output.text(usage());
            return 0;
        }
        SupervisorctlConfig config;
        try {
            config = config(arguments);
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        Credentials credentials = new Credentials(arguments.username().or(config::username),
                arguments.password().or(config::password));
        // -r is honoured; supervisorctl 4.2 accepts it but reads the history file from the configuration only
        Optional<Path> history = arguments.historyFile().map(p -> host.normalize(p.toString())).or(config::historyFile);
        boolean shell = arguments.command().isEmpty();
        Interrupts interrupts = new Interrupts();
        // outside the shell, supervisorctl reads questions and fg's lines without completion or history
        Function<Controller, LineInput> input = c -> lineInput(interrupts,
                shell ? Optional.of(new Completion(c)) : Optional.empty(), shell ? history : Optional.empty());
        Controller ctl = new Controller(output, (url, login) -> new XmlRpcTransport(ServerAddress.of(url), login), input,
                interrupts, arguments.interactive() || shell,
                arguments.serverUrl().orElse(config.serverurl()), credentials);
        registerCommands(ctl);
        if (shell) {
            return new Shell(ctl, config.prompt() + "> ").run();
        }
        try {
            ctl.execute(String.join(" ", arguments.command()));
        } catch (InterruptedByUser e) {
            return 130;
        } finally {
            ctl.closeInput();
        }
        return ctl.exitStatus();
    }

    /** Gives {@code ctl} every supervisorctl command. */
    static void registerCommands(Controller ctl) {
        ProcessCommands.register(ctl);
        LogCommands.register(ctl);
        ConfigCommands.register(ctl);
        ServerCommands.register(ctl);
        ShellCommands.register(ctl);
    }

    /** The {@code [supervisorctl]} section of the file given or found, or the defaults when there is none. */
    private SupervisorctlConfig config(CtlArguments arguments) throws UsageException {
        Optional<Path> file = arguments.configFile()
                .or(() -> ConfigSearchPath.find(home, host.workingDirectory()));
        // "-c ''" names no file, and supervisorctl then reads none
        if (file.isEmpty() || file.get().toString().isEmpty()) {
            return DEFAULTS;
        }
        return CtlConfigFile.read(file.get(), host);
    }

    private LineInput lineInput(Interrupts interrupts, Optional<Completion> completion, Optional<Path> history) {
        if (!terminal) {
            return new PipedInput(in, output, interrupts);
        }
        try {
            return new TerminalInput(interrupts, completion, history);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int usageError(String message) {
        output.errorLine("Error: " + message);
        output.errorLine("For help, use " + PROGRAM + " -h");
        return EXIT_USAGE;
    }

    private static String usage() {
        try (InputStream usage = Main.class.getResourceAsStream("usage.txt")) {
            return new String(usage.readAllBytes(), StandardCharsets.UTF_8).replace("%s", PROGRAM);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("usage.txt is missing from the jar", e);
        }
    }

    /**
     * Whether standard input and output are a terminal. Before JDK 22 that is what a console means;
     * from JDK 22 there is a console even without a terminal, and {@code isTerminal()} tells.
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }
}
