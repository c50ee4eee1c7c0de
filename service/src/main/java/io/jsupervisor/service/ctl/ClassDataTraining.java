package io.jsupervisor.service.ctl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.jsupervisor.config.host.HostEnvironment;
import io.jsupervisor.service.xmlrpc.XmlRpcFault;
import io.jsupervisor.service.xmlrpc.XmlRpcFormatException;
import io.jsupervisor.service.xmlrpc.XmlRpcReader;
import io.jsupervisor.service.xmlrpc.XmlRpcWriter;

/**
 * What {@code bin/jsupervisorctl} runs, once per Java installation and build and in the
 * background, to write the class-data archive that later runs start from: the work of everyday
 * commands (the command line and a configuration file, a connection attempt, XML-RPC calls and
 * answers through the codec, the status table, faults, help) against a server of canned answers.
 * It prints nothing and leaves no file behind.
 *
 * <p>Runs on the thread that calls it.
 */
final class ClassDataTraining {
    private static final int BAD_NAME = 10;

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        Output quiet = new Output(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        Path config = Files.createTempFile("jsupervisorctl-training", ".conf");
        try {
            Files.writeString(config, "[supervisorctl]\nserverurl=unix://%(here)s/supervisor.sock\n"
                    + "history_file=%(here)s/.jsupervisorctl_history\n");
            new Main(quiet, InputStream.nullInputStream(), false, HostEnvironment.current(), config.getParent())
                    .run("-c", config.toString(), "help");
        } finally {
            Files.delete(config);
        }
        try (Rpc unreachable = new XmlRpcTransport(ServerAddress.of("unix:///nonexistent/jsupervisorctl.sock"),
                Credentials.NONE)) {
            unreachable.call("supervisor.getVersion", List.of());
        } catch (IOException | XmlRpcFault expected) {
            // the point was to load the connection's classes
        }
        Interrupts interrupts = new Interrupts();
        Controller ctl = new Controller(quiet, (url, login) -> new CannedServer(),
                c -> new PipedInput(InputStream.nullInputStream(), quiet, interrupts), interrupts, false,
                "unix:///run/supervisor.sock", Credentials.NONE);
        Main.registerCommands(ctl);
        for (String line : List.of("status", "status web:*", "status nosuch", "pid", "version", "start nosuch",
                "stop web:*", "help", "help status")) {
            ctl.execute(line);
        }
        ctl.closeInput();
    }

    /** Answers as a supervisord with two processes would, through the XML-RPC codec both ways. */
    private static final class CannedServer implements Rpc {
        @Override
        public Object call(String method, List<?> params) throws XmlRpcFault {
            try {
                XmlRpcReader.readCall(new ByteArrayInputStream(XmlRpcWriter.call(method, params)));
                return XmlRpcReader.readResponse(new ByteArrayInputStream(answer(method)));
            } catch (XmlRpcFormatException e) {
                throw new IllegalStateException("the codec cannot read what it wrote", e);
            }
        }

        private static byte[] answer(String method) {
            return switch (method) {
                case "supervisor.getVersion" -> XmlRpcWriter.response("3.0");
                case "supervisor.getSupervisorVersion" -> XmlRpcWriter.response("4.2.5");
                case "supervisor.getPID" -> XmlRpcWriter.response(4242);
                case "supervisor.getAllProcessInfo" -> XmlRpcWriter.response(List.of(process("web_00"),
                        process("web_01")));
                case "supervisor.stopProcessGroup" -> XmlRpcWriter.response(List.of(Map.of("name", "web_00",
                        "group", "web", "status", 80, "description", "OK")));
                default -> XmlRpcWriter.fault(BAD_NAME, "BAD_NAME: nosuch");
            };
        }

        private static Map<String, Object> process(String name) {
            return Map.ofEntries(Map.entry("name", name), Map.entry("group", "web"),
                    Map.entry("description", "pid 4243, uptime 1:02:03"), Map.entry("start", 1_700_000_000),
                    Map.entry("stop", 0), Map.entry("now", 1_700_003_723), Map.entry("state", 20),
                    Map.entry("statename", "RUNNING"), Map.entry("spawnerr", ""), Map.entry("exitstatus", 0),
                    Map.entry("logfile", "/var/log/web.log"), Map.entry("stdout_logfile", "/var/log/web.log"),
                    Map.entry("stderr_logfile", ""), Map.entry("pid", 4243));
        }

        @Override
        public void close() {
        }
    }
}
