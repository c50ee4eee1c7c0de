package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.util.List;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;

/**
 * The {@code supervisor.*} XML-RPC methods supervisorctl calls, with typed answers. A fault from
 * supervisord is thrown as an {@link XmlRpcFault}; a connection or HTTP problem as an
 * {@link IOException}.
 *
 * <p>As thread-safe as the {@link Rpc} it calls through.
 */
final class RemoteSupervisor {
    private final Rpc rpc;

    RemoteSupervisor(Rpc rpc) {
        this.rpc = rpc;
    }

    /** The API version ({@code getVersion}, which supervisorctl still uses to check the server). */
    String apiVersion() throws IOException, XmlRpcFault {
        return (String) call("getVersion");
    }

    String supervisorVersion() throws IOException, XmlRpcFault {
        return (String) call("getSupervisorVersion");
    }

    int pid() throws IOException, XmlRpcFault {
        return (Integer) call("getPID");
    }

    List<ProcessInfo> allProcessInfo() throws IOException, XmlRpcFault {
        return ((List<?>) call("getAllProcessInfo")).stream().map(ProcessInfo::of).toList();
    }

    ProcessInfo processInfo(String name) throws IOException, XmlRpcFault {
        return ProcessInfo.of(call("getProcessInfo", name));
    }

    void startProcess(String name) throws IOException, XmlRpcFault {
        call("startProcess", name);
    }

    List<CallResult> startProcessGroup(String group) throws IOException, XmlRpcFault {
        return results(call("startProcessGroup", group));
    }

    /** jsupervisord's {@code jsupervisor.rollingRestart}: one result per process restarted, or the one that failed. */
    List<CallResult> rollingRestart(String group) throws IOException, XmlRpcFault {
        return results(rpc.call("jsupervisor.rollingRestart", List.of(group)));
    }

    List<CallResult> startAllProcesses() throws IOException, XmlRpcFault {
        return results(call("startAllProcesses"));
    }

    void stopProcess(String name) throws IOException, XmlRpcFault {
        call("stopProcess", name);
    }

    List<CallResult> stopProcessGroup(String group) throws IOException, XmlRpcFault {
        return results(call("stopProcessGroup", group));
    }

    List<CallResult> stopAllProcesses() throws IOException, XmlRpcFault {
        return results(call("stopAllProcesses"));
    }

    void signalProcess(String name, String signal) throws IOException, XmlRpcFault {
        call("signalProcess", name, signal);
    }

    List<CallResult> signalProcessGroup(String group, String signal) throws IOException, XmlRpcFault {
        return results(call("signalProcessGroup", group, signal));
    }

    List<CallResult> signalAllProcesses(String signal) throws IOException, XmlRpcFault {
        return results(call("signalAllProcesses", signal));
    }

    void clearProcessLogs(String name) throws IOException, XmlRpcFault {
        call("clearProcessLogs", name);
    }

    List<CallResult> clearAllProcessLogs() throws IOException, XmlRpcFault {
        return results(call("clearAllProcessLogs"));
    }

    /** The last {@code bytes} bytes of a process's stdout ({@code stderr} false) or stderr log. */
    String processLogTail(String name, boolean stderr, int bytes) throws IOException, XmlRpcFault {
        return (String) call(stderr ? "readProcessStderrLog" : "readProcessStdoutLog", name, -bytes, 0);
    }

    /** The last {@code bytes} bytes of the main log. */
    String mainLogTail(int bytes) throws IOException, XmlRpcFault {
        return (String) call("readLog", -bytes, 0);
    }

    List<ConfigInfo> allConfigInfo() throws IOException, XmlRpcFault {
        return ((List<?>) call("getAllConfigInfo")).stream().map(ConfigInfo::of).toList();
    }

    ConfigChanges reloadConfig() throws IOException, XmlRpcFault {
        return ConfigChanges.of(call("reloadConfig"));
    }

    void addProcessGroup(String name) throws IOException, XmlRpcFault {
        call("addProcessGroup", name);
    }

    void removeProcessGroup(String name) throws IOException, XmlRpcFault {
        call("removeProcessGroup", name);
    }

    void sendProcessStdin(String name, String chars) throws IOException, XmlRpcFault {
        call("sendProcessStdin", name, chars);
    }

    void shutdown() throws IOException, XmlRpcFault {
        call("shutdown");
    }

    void restart() throws IOException, XmlRpcFault {
        call("restart");
    }

    private Object call(String method, Object... params) throws IOException, XmlRpcFault {
        return rpc.call("supervisor." + method, List.of(params));
    }

    private static List<CallResult> results(Object answer) {
        return ((List<?>) answer).stream().map(CallResult::of).toList();
    }
}
