package io.jsupervisor.service.ctl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: a {@link Controller} with every command, talking to a {@link ScriptedRpc}, reading
 * {@code stdin} as piped input, and keeping what it prints. Records each server URL and credentials
 * it connects with.
 */
final class CtlSession {
    final ScriptedRpc rpc;
    final Controller ctl;
    final List<String> connections = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CtlSession(ScriptedRpc rpc) {
        this(rpc, false, "");
    }

    CtlSession(ScriptedRpc rpc, boolean interactive, String stdin) {
        this.rpc = rpc;
        Output output = new Output(out, err);
        Interrupts interrupts = new Interrupts();
        this.ctl = new Controller(output, (url, credentials) -> {
            connections.add(url + " " + credentials.username().orElse("-") + ":" + credentials.password().orElse("-"));
            return rpc;
        }, c -> new PipedInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), output, interrupts),
                interrupts, interactive, "unix:///tmp/test.sock", Credentials.NONE);
        Main.registerCommands(ctl);
    }

    /** Runs {@code line}; returns what it wrote on standard output. */
    String run(String line) {
        int before = out.size();
        ctl.execute(line);
        return new String(out.toByteArray(), before, out.size() - before, StandardCharsets.UTF_8);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    int exitStatus() {
        return ctl.exitStatus();
    }
}
