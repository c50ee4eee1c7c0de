package io.jsupervisor.service.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The allow-list and the system namespace: name checks, faults, and multicall's bare results. */
class RpcMethodsTest {
    private final RpcMethods methods = new RpcMethods();
    private final CompletableFuture<Object> later = new CompletableFuture<>();

    @BeforeEach
    void register() {
        methods.add(new RpcMethod("t.echo", List.of("string", "string"), "Echoes.",
                p -> CompletableFuture.completedFuture(p.expect(1, 1).string(0))));
        methods.add(new RpcMethod("t.later", List.of("int"), "Answers later.", p -> later));
        methods.add(new RpcMethod("t.bad", List.of("int"), "Fails.", p -> {
            throw new RpcError(Fault.BAD_NAME, "x:y");
        }));
        SystemMethods.register(methods);
    }

    private static Object value(CompletableFuture<Object> call) {
        return call.join();
    }

    private static RpcError fault(CompletableFuture<Object> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            return (RpcError) e.getCause();
        }
        throw new AssertionError("no fault");
    }

    @Test
    void onlyRegisteredTwoPartNamesAreCallable() {
        assertEquals("hi", value(methods.call("t.echo", List.of("hi"))));
        for (String name : List.of("t", "t.echo.x", "t._echo", "t.__init__", "t.nope", "", "..", "system.x")) {
            assertEquals(Fault.UNKNOWN_METHOD, fault(methods.call(name, List.of())).fault(), name);
        }
    }

    @Test
    void wrongArgumentsAreIncorrectParameters() {
        assertEquals("INCORRECT_PARAMETERS", fault(methods.call("t.echo", List.of())).text());
        assertEquals(Fault.INCORRECT_PARAMETERS, fault(methods.call("t.echo", List.of(1))).fault());
        assertEquals(Fault.INCORRECT_PARAMETERS, fault(methods.call("t.echo", List.of("a", "b"))).fault());
    }

    @Test
    void systemDescribesTheMethods() {
        List<?> names = (List<?>) value(methods.call("system.listMethods", List.of()));
        assertEquals(List.of("system.listMethods", "system.methodHelp", "system.methodSignature", "system.multicall",
                "t.bad", "t.echo", "t.later"), names);
        assertEquals(List.of("string", "string"), value(methods.call("system.methodSignature", List.of("t.echo"))));
        assertEquals("Echoes.", value(methods.call("system.methodHelp", List.of("t.echo"))));
        assertEquals(Fault.SIGNATURE_UNSUPPORTED, fault(methods.call("system.methodHelp", List.of("t.x"))).fault());
    }

    @Test
    void multicallAnswersBareResultsAndFaultStructsInOrder() {
        List<Object> calls = new ArrayList<>();
        calls.add(call("t.echo", List.of("one")));
        calls.add(call("t.bad", List.of()));
        calls.add(call("t.later", List.of()));
        calls.add(call("system.multicall", List.of(List.of())));
        calls.add(Map.of("params", List.of()));
        calls.add(call("t.echo", List.of("two")));
        CompletableFuture<Object> result = methods.call("system.multicall", List.of(calls));
        assertTrue(!result.isDone(), "a waiting call holds up the ones after it");
        later.complete(42);
        assertEquals(List.of("one", Map.of("faultCode", 10, "faultString", "BAD_NAME: x:y"), 42,
                Map.of("faultCode", 2, "faultString", "INCORRECT_PARAMETERS: Recursive system.multicall forbidden"),
                Map.of("faultCode", 2, "faultString", "INCORRECT_PARAMETERS: No methodName"), "two"), value(result));
    }

    @Test
    void longMulticallsNeedNoDeepStack() {
        List<Object> calls = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            calls.add(call("t.echo", List.of("x")));
        }
        assertEquals(100_000, ((List<?>) value(methods.call("system.multicall", List.of(calls)))).size());
    }

    private static Map<String, Object> call(String name, List<Object> params) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("methodName", name);
        call.put("params", params);
        return call;
    }
}
