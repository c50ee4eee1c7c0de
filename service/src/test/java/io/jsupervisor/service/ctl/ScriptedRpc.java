package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * Test double for {@link Rpc}: answers each method (by name without {@code supervisor.}) with what
 * the test gave it, a value, or a fault or I/O error to throw, and records every call as
 * {@code method(param, ...)}.
 */
final class ScriptedRpc implements Rpc {
    /** Computes an answer from the parameters. */
    interface Answer {
        Object answer(List<?> params) throws IOException, XmlRpcFault;
    }

    private final Map<String, Answer> answers = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int closes;

    ScriptedRpc() {
        answer("getVersion", "3.0");
    }

    ScriptedRpc answer(String method, Object value) {
        answers.put(method, params -> value);
        return this;
    }

    ScriptedRpc answer(String method, Answer answer) {
        answers.put(method, answer);
        return this;
    }

    ScriptedRpc fault(String method, int code, String string) {
        answers.put(method, params -> {
            throw new XmlRpcFault(code, string);
        });
        return this;
    }

    ScriptedRpc fail(String method, IOException error) {
        answers.put(method, params -> {
            throw error;
        });
        return this;
    }

    @Override
    public Object call(String method, List<?> params) throws IOException, XmlRpcFault {
        String name = method.substring(method.indexOf('.') + 1);
        calls.add(name + params.toString().replace('[', '(').replace(']', ')'));
        Answer answer = answers.get(name);
        if (answer == null) {
            throw new XmlRpcFault(Faults.UNKNOWN_METHOD, "UNKNOWN_METHOD");
        }
        return answer.answer(params);
    }

    @Override
    public void close() {
        closes++;
    }

    /** The calls so far, without the getVersion checks. */
    List<String> calls() {
        return calls.stream().filter(c -> !c.startsWith("getVersion(")).toList();
    }

    int closes() {
        return closes;
    }

    /** A process info struct as supervisord sends it. */
    static Map<String, Object> info(String group, String name, int state, String statename, String description,
                                    int pid) {
        Map<String, Object> info = new HashMap<>();
        info.put("group", group);
        info.put("name", name);
        info.put("state", state);
        info.put("statename", statename);
        info.put("description", description);
        info.put("pid", pid);
        return info;
    }

    /** A result struct of a group or all-processes call. */
    static Map<String, Object> result(String group, String name, int status, String description) {
        return Map.of("group", group, "name", name, "status", status, "description", description);
    }
}
