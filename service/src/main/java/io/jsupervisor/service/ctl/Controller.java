package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * supervisorctl's command interpreter: splits a line into a command and its argument, runs the
 * command, reports what the command does not handle as supervisorctl's {@code error: ...} line,
 * and keeps the exit status. It also holds what commands share: the server URL and credentials
 * ({@code open} and the shell's password question change them), the connection of the command
 * running, and standard input.
 *
 * <p>Commands run on one thread; only {@link #output()} is used from log-following threads too.
 */
final class Controller {
    /** Characters of a command name, as Python's {@code cmd.Cmd} reads one. */
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    private static final String API_VERSION = "3.0";

    private final Output output;
    private final Function<Controller, LineInput> inputFactory;
    private final Interrupts interrupts;
    private final boolean interactive;
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private String serverUrl;
    private Credentials credentials;
    private LineInput input;
    private final BiFunction<String, Credentials, Rpc> connector;
    private Rpc connection;
    private List<ProcessInfo> completionInfo;
    private int exitStatus = ExitStatus.SUCCESS;

    /**
     * @param connector    opens a command's connection to a server URL
     * @param inputFactory makes the standard input reader the first time a command needs one
     * @param interactive  whether questions may be asked (the shell, or {@code -i})
     */
    Controller(Output output, BiFunction<String, Credentials, Rpc> connector,
               Function<Controller, LineInput> inputFactory, Interrupts interrupts, boolean interactive,
               String serverUrl, Credentials credentials) {
        this.output = output;
        this.connector = connector;
        this.inputFactory = inputFactory;
        this.interrupts = interrupts;
        this.interactive = interactive;
        this.serverUrl = serverUrl;
        this.credentials = credentials;
    }

    /** Adds a command; a later one with the same name replaces it. */
    void register(Command command) {
        commands.put(command.name(), command);
    }

    /** The commands in the order registered. */
    List<Command> commands() {
        return List.copyOf(commands.values());
    }

    Optional<Command> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /**
     * Runs one command line as supervisorctl's {@code onecmd} does.
     *
     * @return true when the command ends the shell ({@code quit}, {@code exit}, {@code EOF})
     * @throws InterruptedByUser when Ctrl-C was typed at a question the command asked
     */
    boolean execute(String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            return false;
        }
        if (text.startsWith("?")) {
            text = "help " + text.substring(1);
        } else if (text.startsWith("!")) {
            return unknown(text);
        }
        completionInfo = null;
        int end = 0;
        while (end < text.length() && NAME_CHARS.indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        Command command = commands.get(text.substring(0, end));
        if (end == 0 || command == null) {
            return unknown(text);
        }
        try {
            command.action().run(text.substring(end).strip());
            return command.endsShell();
        } catch (HttpStatusException e) {
            if (e.status() != 401) {
                return failed(e);
            }
            output.line("Server requires authentication");
            if (interactive) {
                closeConnection();
                return retryWithCredentials(line);
            }
            // supervisorctl runs the command again here and reports its second refusal as an error
            return failed(e);
        } catch (InterruptedByUser e) {
            throw e; // Python's KeyboardInterrupt is no Exception: it ends the shell, not the command
        } catch (IOException | XmlRpcFault | RuntimeException e) {
            return failed(e);
        } finally {
            closeConnection();
        }
    }

    private boolean retryWithCredentials(String line) {
        try {
            String username = requireLine(input().readLine("Username:"));
            String password = requireLine(input().readSecret("Password:"));
            output.line("");
            credentials = new Credentials(Optional.of(username), Optional.of(password));
        } catch (IOException e) {
            return failed(e);
        }
        return execute(line);
    }

    private static String requireLine(String line) throws EndOfInputException {
        if (line == null) {
            throw new EndOfInputException();
        }
        return line;
    }

    private boolean unknown(String text) {
        output.line("*** Unknown syntax: " + text);
        exitStatus = ExitStatus.GENERIC;
        return false;
    }

    private boolean failed(Exception e) {
        output.line(PythonErrors.errorLine(e));
        exitStatus = ExitStatus.GENERIC;
        return false;
    }

    /**
     * Checks that the server answers and speaks supervisord's API, printing supervisorctl's message
     * and setting its exit status when not.
     */
    boolean upcheck() throws IOException, XmlRpcFault {
        try {
            String api = supervisor().apiVersion();
            if (!api.equals(API_VERSION)) {
                output.line("Sorry, this version of supervisorctl expects to talk to a server with API version "
                        + API_VERSION + ", but the remote version is " + api + ".");
                exitStatus = ExitStatus.NOT_INSTALLED;
                return false;
            }
            return true;
        } catch (XmlRpcFault e) {
            if (e.code() == Faults.UNKNOWN_METHOD) {
                output.line("Sorry, supervisord responded but did not recognize the supervisor namespace commands "
                        + "that supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] "
                        + "section is enabled in the configuration file (see sample.conf).");
                exitStatus = ExitStatus.UNIMPLEMENTED_FEATURE;
                return false;
            }
            exitStatus = ExitStatus.GENERIC;
            throw e;
        } catch (IOException e) {
            Optional<OsError> error = OsError.of(e);
            if (error.isPresent() && error.get() == OsError.ECONNREFUSED) {
                output.line(serverUrl + " refused connection");
                exitStatus = ExitStatus.INSUFFICIENT_PRIVILEGES;
                return false;
            }
            if (error.isPresent() && error.get() == OsError.ENOENT) {
                output.line(serverUrl + " no such file");
                exitStatus = ExitStatus.NOT_RUNNING;
                return false;
            }
            if (!(e instanceof HttpStatusException)) {
                exitStatus = ExitStatus.GENERIC;
            }
            throw e;
        }
    }

    /**
     * The server, through the connection of the command running (opened on first use, closed when
     * the command ends).
     *
     * @throws IllegalArgumentException when the server URL is neither {@code http://} nor {@code unix://}
     */
    RemoteSupervisor supervisor() {
        if (connection == null) {
            connection = connector.apply(serverUrl, credentials);
        }
        return new RemoteSupervisor(connection);
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /**
     * The processes, for completion: asked once and kept until the next command runs, since
     * completion may ask many times for one press of Tab.
     */
    List<ProcessInfo> completionInfo() throws IOException, XmlRpcFault {
        if (completionInfo == null) {
            try {
                completionInfo = supervisor().allProcessInfo();
            } finally {
                closeConnection();
            }
        }
        return completionInfo;
    }

    /** Follows a log the server streams at {@code path} until it ends or Ctrl-C is typed. */
    void follow(String path) {
        output.line("==> Press Ctrl-C to exit <==");
        LogFollower follower = new LogFollower(serverUrl, path, credentials, logSink());
        boolean[] interrupted = new boolean[1];
        interrupts.push(() -> {
            interrupted[0] = true;
            follower.stop();
        });
        try {
            follower.follow();
        } finally {
            interrupts.pop();
        }
        if (interrupted[0]) {
            output.line("");
        }
    }

    /** Where followed logs print: their text on standard output, their problems on standard error. */
    LogFollower.Sink logSink() {
        return new LogFollower.Sink() {
            @Override
            public void text(String text) {
                output.text(text);
            }

            @Override
            public void problem(String line) {
                output.errorLine(line);
            }
        };
    }

    Output output() {
        return output;
    }

    /** Standard input, for the shell, {@code fg} and questions; made on first use. */
    LineInput input() {
        if (input == null) {
            input = inputFactory.apply(this);
        }
        return input;
    }

    /** Gives standard input back (saving the shell's history), if it was used. */
    void closeInput() {
        if (input != null) {
            input.close();
            input = null;
        }
    }

    Interrupts interrupts() {
        return interrupts;
    }

    boolean interactive() {
        return interactive;
    }

    String serverUrl() {
        return serverUrl;
    }

    void serverUrl(String url) {
        closeConnection();
        serverUrl = url;
    }

    Credentials credentials() {
        return credentials;
    }

    int exitStatus() {
        return exitStatus;
    }

    void exitStatus(int status) {
        exitStatus = status;
    }

    /**
     * Sets the exit status from a per-process fault code: unchanged for success and for
     * {@code ignored}, 7 when the program is dead (spawn error, abnormal termination, not running),
     * else 1.
     */
    void exitStatusFromFault(int code, int ignored) {
        if (code == ignored || code == Faults.SUCCESS) {
            return;
        }
        boolean dead = code == Faults.SPAWN_ERROR || code == Faults.ABNORMAL_TERMINATION
                || code == Faults.NOT_RUNNING;
        exitStatus = dead ? ExitStatus.NOT_RUNNING : ExitStatus.GENERIC;
    }

    /** Like {@link #exitStatusFromFault(int, int)} with no fault ignored. */
    void exitStatusFromFault(int code) {
        exitStatusFromFault(code, Faults.SUCCESS);
    }
}
