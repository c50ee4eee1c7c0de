package io.jsupervisor.service.ctl;

import static io.jsupervisor.service.ctl.ScriptedRpc.info;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Tab offers in the shell. */
class CtlCompletionTest {
    private final ScriptedRpc rpc = new ScriptedRpc().answer("getAllProcessInfo", List.of(
            info("web", "web", 20, "RUNNING", "", 1),
            info("pool", "pool_00", 20, "RUNNING", "", 2),
            info("pool", "pool_01", 20, "RUNNING", "", 3)));
    private final CtlSession session = new CtlSession(rpc);
    private final Completion completion = new Completion(session.ctl);

    @Test
    void commandNamesFirstAndAfterHelp() {
        assertEquals(List.of("start", "status", "stop"), completion.candidates("st", "st"));
        assertEquals(List.of("help"), completion.candidates("h", "h"));
        assertEquals(List.of("reload", "remove", "reread", "restart"), completion.candidates("help re", "re"));
        assertEquals(24 - 1, completion.candidates("", "").size(), "every command but EOF");
    }

    @Test
    void processNamesAfterProcessCommands() {
        assertEquals(List.of("web", "pool:pool_00", "pool:*", "pool:pool_01"), completion.candidates("stop ", ""));
        assertEquals(List.of("pool:pool_00", "pool:*", "pool:pool_01"), completion.candidates("tail -f po", "po"));
        assertEquals(List.of("web:web", "web:*"), completion.candidates("start web:", "web:"));
    }

    @Test
    void groupNamesAfterGroupCommands() {
        assertEquals(List.of("web", "pool"), completion.candidates("update ", ""));
        assertEquals(List.of("pool"), completion.candidates("add web p", "p"));
    }

    @Test
    void nothingElseAndNothingWhenTheServerIsDown() {
        assertEquals(List.of(), completion.candidates("version ", ""));
        ScriptedRpc down = new ScriptedRpc().fail("getAllProcessInfo", new IOException("Connection refused"));
        assertEquals(List.of(), new Completion(new CtlSession(down).ctl).candidates("stop ", ""));
    }

    @Test
    void processesAreAskedOnceUntilTheNextCommand() {
        completion.candidates("stop ", "");
        completion.candidates("stop w", "w");
        assertEquals(1, rpc.calls().size());
        session.run("help help");
        completion.candidates("stop ", "");
        assertEquals(2, rpc.calls().size());
    }
}
