package io.jsupervisor.service.ctl;

import static io.jsupervisor.service.ctl.ScriptedRpc.info;
import static io.jsupervisor.service.ctl.ScriptedRpc.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** supervisorctl's commands, output and exit statuses, against a scripted server. */
class CtlCommandsTest {

    private static ScriptedRpc processes() {
        return new ScriptedRpc().answer("getAllProcessInfo", List.of(
                info("web", "web", 20, "RUNNING", "pid 10, uptime 0:00:05", 10),
                info("pool", "pool_00", 20, "RUNNING", "pid 11, uptime 1 day, 2:03:04", 11),
                info("a_group_with_a_rather_long_name", "and_a_long_process", 0, "STOPPED", "Not started", 0)));
    }

    @Test
    void statusPadsNamesToTheLongestPlusThreeAndStatesToTen() {
        CtlSession s = new CtlSession(processes());
        assertEquals("web" + " ".repeat(50) + "RUNNING   pid 10, uptime 0:00:05\n"
                + "pool:pool_00" + " ".repeat(41) + "RUNNING   pid 11, uptime 1 day, 2:03:04\n"
                + "a_group_with_a_rather_long_name:and_a_long_process   STOPPED   Not started\n", s.run("status"));
        assertEquals(3, s.exitStatus(), "a stopped process makes status exit 3");
    }

    @Test
    void statusWidthIsAtLeastThirtyAndAllRunningExits0() {
        CtlSession s = new CtlSession(processes());
        assertEquals("web                              RUNNING   pid 10, uptime 0:00:05\n", s.run("status web"));
        assertEquals(0, s.exitStatus());
    }

    @Test
    void statusReportsUnknownNamesAndGroupsAndExits4() {
        CtlSession s = new CtlSession(processes());
        assertEquals("nosuch: ERROR (no such process)\n"
                + "pool:nope: ERROR (no such process)\n"
                + "nope: ERROR (no such group)\n"
                + "pool:pool_00                     RUNNING   pid 11, uptime 1 day, 2:03:04\n",
                s.run("status nosuch pool:nope nope:* pool:"));
        assertEquals(4, s.exitStatus());
    }

    @Test
    void unreachableServerMessagesAndExitStatuses() {
        CtlSession refused = new CtlSession(new ScriptedRpc().fail("getVersion", new ConnectException("Connection refused")));
        assertEquals("unix:///tmp/test.sock refused connection\n", refused.run("start web"));
        assertEquals(4, refused.exitStatus());

        CtlSession missing = new CtlSession(new ScriptedRpc().fail("getVersion",
                new SocketException("No such file or directory")));
        assertEquals("unix:///tmp/test.sock no such file\n", missing.run("start web"));
        assertEquals(7, missing.exitStatus());

        CtlSession status = new CtlSession(new ScriptedRpc().fail("getVersion",
                new SocketException("No such file or directory")));
        status.run("status");
        assertEquals(4, status.exitStatus(), "status always exits 4 when it cannot ask");
    }

    @Test
    void upcheckRefusesAnotherApiVersionOrAMissingNamespace() {
        CtlSession other = new CtlSession(new ScriptedRpc().answer("getVersion", "2.0"));
        assertEquals("Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, but "
                + "the remote version is 2.0.\n", other.run("version"));
        assertEquals(5, other.exitStatus());

        CtlSession none = new CtlSession(new ScriptedRpc().fault("getVersion", 1, "UNKNOWN_METHOD"));
        assertTrue(none.run("version").startsWith("Sorry, supervisord responded but did not recognize"));
        assertEquals(3, none.exitStatus());
    }

    @Test
    void startReportsEachResultAndDeadProgramsExit7() {
        ScriptedRpc rpc = new ScriptedRpc()
                .answer("startProcessGroup", List.of(result("pool", "pool_00", 60, "ALREADY_STARTED"),
                        result("pool", "pool_01", 80, "OK")))
                .fault("startProcess", 50, "SPAWN_ERROR: fatal");
        CtlSession s = new CtlSession(rpc);
        assertEquals("pool:pool_00: ERROR (already started)\npool:pool_01: started\nfatal: ERROR (spawn error)\n",
                s.run("start pool:* fatal"));
        assertEquals(7, s.exitStatus());
        assertEquals(List.of("startProcessGroup(pool)", "startProcess(fatal)"), rpc.calls());
    }

    @Test
    void rollingRestartReportsEachProcessAndStopsAtTheFirstFailure() {
        ScriptedRpc rpc = new ScriptedRpc().answer("rollingRestart", List.of(result("pool", "pool_00", 80, "OK"),
                result("pool", "pool_01", 50, "SPAWN_ERROR: pool:pool_01")));
        CtlSession s = new CtlSession(rpc);
        assertEquals("pool:pool_00: restarted\npool:pool_01: ERROR (spawn error)\n", s.run("rolling_restart pool"));
        assertEquals(7, s.exitStatus());
        assertEquals(List.of("rollingRestart(pool)"), rpc.calls());
        CtlSession unknown = new CtlSession(new ScriptedRpc().fault("rollingRestart", 10, "BAD_NAME: nope"));
        assertEquals("nope: ERROR (no such group)\n", unknown.run("rolling_restart nope:*"));
        assertEquals(1, unknown.exitStatus());
        CtlSession supervisord = new CtlSession(new ScriptedRpc());
        assertEquals("Error: this server has no rolling restart (supervisord has none; jsupervisord has)\n",
                supervisord.run("rolling_restart pool"));
        assertEquals(1, supervisord.exitStatus());
        assertTrue(new CtlSession(new ScriptedRpc()).run("rolling_restart").startsWith(
                "Error: rolling_restart requires one group name\nrolling_restart <gname>"));
    }

    @Test
    void startOfAnUnknownGroupExits2AndNoNameShowsHelp() {
        CtlSession s = new CtlSession(new ScriptedRpc().fault("startProcessGroup", 10, "BAD_NAME: nope"));
        assertEquals("nope: ERROR (no such group)\n", s.run("start nope:*"));
        assertEquals(2, s.exitStatus());
        CtlSession none = new CtlSession(new ScriptedRpc());
        assertEquals("Error: start requires a process name\nstart <name>\t\tStart a process\n"
                + "start <gname>:*\t\tStart all processes in a group\n"
                + "start <name> <name>\tStart multiple processes or groups\nstart all\t\tStart all processes\n",
                none.run("start"));
        assertEquals(2, none.exitStatus());
    }

    @Test
    void stopIgnoresNotRunningForTheExitStatusAndPrintsFailedDescriptions() {
        ScriptedRpc rpc = new ScriptedRpc().fault("stopProcess", 70, "NOT_RUNNING: web")
                .answer("stopAllProcesses", List.of(result("web", "web", 30, "FAILED: kill error"),
                        result("g", "p", 80, "OK")));
        CtlSession s = new CtlSession(rpc);
        assertEquals("web: ERROR (not running)\n", s.run("stop web"));
        assertEquals(0, s.exitStatus());
        assertEquals("FAILED: kill error\ng:p: stopped\n", s.run("stop all"));
        assertEquals(1, s.exitStatus());
    }

    @Test
    void restartIsStopThenStart() {
        ScriptedRpc rpc = new ScriptedRpc().answer("stopProcess", true).answer("startProcess", true);
        CtlSession s = new CtlSession(rpc);
        assertEquals("g:p: stopped\ng:p: started\n", s.run("restart g:p"));
        assertEquals(List.of("stopProcess(g:p)", "startProcess(g:p)"), rpc.calls());
    }

    @Test
    void signalNeedsASignalAndANameAndReportsBadSignals() {
        CtlSession s = new CtlSession(new ScriptedRpc().fault("signalProcess", 11, "BAD_SIGNAL: BOGUS"));
        assertEquals("web: ERROR (bad signal name)\n", s.run("signal BOGUS web"));
        assertEquals(1, s.exitStatus());
        assertTrue(new CtlSession(new ScriptedRpc()).run("signal HUP")
                .startsWith("Error: signal requires a signal name and a process name\nsignal <signal name> <name>"));
    }

    @Test
    void pidOfSupervisordOfAProcessAndOfAll() {
        ScriptedRpc rpc = processes().answer("getPID", 42).answer("getProcessInfo", params -> params.get(0).equals("web")
                ? info("web", "web", 20, "RUNNING", "", 10) : info("g", "stopped", 0, "STOPPED", "", 0));
        CtlSession s = new CtlSession(rpc);
        assertEquals("42\n", s.run("pid"));
        assertEquals("10\n0\n", s.run("pid web g:stopped"));
        assertEquals(7, s.exitStatus(), "a process that is not running has pid 0 and exit status 7");
        assertEquals("10\n11\n0\n", s.run("pid all"));
    }

    @Test
    void availShowsConfigurationAndPriorities() {
        ScriptedRpc rpc = new ScriptedRpc().answer("getAllConfigInfo", List.of(
                java.util.Map.of("group", "web", "name", "web", "inuse", true, "autostart", true, "group_prio", 999,
                        "process_prio", 999),
                java.util.Map.of("group", "pool", "name", "pool_00", "inuse", false, "autostart", false, "group_prio",
                        5, "process_prio", 10)));
        assertEquals("web                              in use    auto      999:999\n"
                + "pool:pool_00                     avail     manual    5:10\n", new CtlSession(rpc).run("avail"));
    }

    @Test
    void rereadSortsChangesByName() {
        ScriptedRpc rpc = new ScriptedRpc().answer("reloadConfig", List.of(List.of(List.of("zeta", "alpha"),
                List.of("mid"), List.of("beta"))));
        assertEquals("alpha: available\nbeta: disappeared\nmid: changed\nzeta: available\n",
                new CtlSession(rpc).run("reread"));
        ScriptedRpc none = new ScriptedRpc().answer("reloadConfig", List.of(List.of(List.of(), List.of(), List.of())));
        assertEquals("No config updates to processes\n", new CtlSession(none).run("reread"));
        CtlSession bad = new CtlSession(new ScriptedRpc().fault("reloadConfig", 92, "CANT_REREAD: bad line"));
        assertEquals("ERROR: CANT_REREAD: bad line\n", bad.run("reread"));
        assertEquals(1, bad.exitStatus());
    }

    @Test
    void updateStopsRemovesAndAddsWhatChanged() {
        ScriptedRpc rpc = processes().answer("reloadConfig", List.of(List.of(List.of("new"), List.of("web"),
                List.of("old")))).answer("stopProcessGroup", List.of()).answer("removeProcessGroup", true)
                .answer("addProcessGroup", true);
        CtlSession s = new CtlSession(rpc);
        assertEquals("old: stopped\nold: removed process group\nweb: stopped\nweb: updated process group\n"
                + "new: added process group\n", s.run("update"));
        assertEquals(List.of("reloadConfig()", "stopProcessGroup(old)", "removeProcessGroup(old)",
                "stopProcessGroup(web)", "removeProcessGroup(web)", "addProcessGroup(web)", "addProcessGroup(new)"),
                rpc.calls());
        CtlSession named = new CtlSession(processes().answer("reloadConfig", List.of(List.of(List.of("new"),
                List.of(), List.of()))).answer("addProcessGroup", true));
        assertEquals("ERROR: no such group: nope\nnew: added process group\n", named.run("update new nope"));
        assertEquals(1, named.exitStatus());
    }

    @Test
    void addAndRemoveReportEachName() {
        ScriptedRpc rpc = new ScriptedRpc().answer("addProcessGroup", params -> {
            if (params.get(0).equals("web")) {
                throw new io.jsupervisor.service.xmlrpc.XmlRpcFault(90, "ALREADY_ADDED: web");
            }
            return true;
        }).fault("removeProcessGroup", 91, "STILL_RUNNING: web");
        CtlSession s = new CtlSession(rpc);
        assertEquals("ERROR: process group already active\nnew: added process group\n", s.run("add web new"));
        assertEquals(0, s.exitStatus());
        assertEquals("ERROR: process/group still running: web\n", s.run("remove web"));
        assertEquals(1, s.exitStatus());
    }

    @Test
    void tailReadsTheLastBytesOfTheChannelAskedFor() {
        ScriptedRpc rpc = new ScriptedRpc().answer("readProcessStderrLog", "héllo ✓");
        CtlSession s = new CtlSession(rpc);
        assertEquals("héllo ✓\n", s.run("tail -1_0 web STDERR"));
        assertEquals(List.of("readProcessStderrLog(web, -10, 0)"), rpc.calls());
        assertEquals("Error: bad channel 'out'\n", s.run("tail web out"));
        assertEquals("Error: bad argument -x\n", s.run("tail -x web"));
    }

    @Test
    void tailAndMaintailExplainLogFaults() {
        CtlSession s = new CtlSession(new ScriptedRpc().fault("readProcessStdoutLog", 10, "BAD_NAME: x")
                .fault("readLog", 20, "NO_FILE"));
        assertEquals("x: ERROR (no such process name)\n", s.run("tail x"));
        assertEquals("supervisord: ERROR (no log file)\n", s.run("maintail"));
        assertEquals(1, s.exitStatus());
    }

    @Test
    void helpListsTheCommandsInSupervisorctlsColumns() {
        assertEquals("\ndefault commands (type help <topic>):\n=====================================\n"
                + "add    exit      open  reload  restart   start   tail   \n"
                + "avail  fg        pid   remove  shutdown  status  update \n"
                + "clear  maintail  quit  reread  signal    stop    version\n\n"
                + "\njsupervisor commands (type help <topic>):\n=========================================\n"
                + "rolling_restart\n\n", new CtlSession(new ScriptedRpc()).run("help"));
    }

    @Test
    void helpOnATopic() {
        CtlSession s = new CtlSession(new ScriptedRpc());
        assertEquals("help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>\n",
                s.run("help help"));
        assertEquals("*** No help on EOF\n", new CtlSession(new ScriptedRpc()).run("help EOF"));
        assertEquals("*** No help on foo bar\n", new CtlSession(new ScriptedRpc()).run("help foo bar"));
        assertEquals("quit\tExit the supervisor shell.\n", new CtlSession(new ScriptedRpc()).run("?quit"));
    }

    @Test
    void unknownSyntaxExits1AndBlankLinesDoNothing() {
        CtlSession s = new CtlSession(new ScriptedRpc());
        assertEquals("", s.run("   "));
        assertEquals(0, s.exitStatus());
        assertEquals("*** Unknown syntax: foo bar\n", s.run(" foo bar "));
        assertEquals("*** Unknown syntax: !ls\n", s.run("!ls"));
        assertEquals("*** Unknown syntax: -x\n", s.run("-x"));
        assertEquals(1, s.exitStatus());
    }

    @Test
    void quitExitAndEofEndTheShellAfterANewline() {
        for (String command : List.of("quit", "exit", "EOF")) {
            CtlSession s = new CtlSession(new ScriptedRpc());
            assertTrue(s.ctl.execute(command), command);
            assertEquals("\n", s.out());
        }
        assertFalse(new CtlSession(processes()).ctl.execute("status"));
    }

    @Test
    void faultsNoCommandExplainsBecomeSupervisorctlsErrorLine() {
        CtlSession s = new CtlSession(new ScriptedRpc().fault("getSupervisorVersion", 6, "SHUTDOWN_STATE"));
        String out = s.run("version");
        assertTrue(out.matches("error: <class 'xmlrpc.client.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>: file: \\S+ line: \\d+\n"),
                out);
        assertEquals(1, s.exitStatus());
    }

    @Test
    void unauthorizedNonInteractiveSaysSoAndFails() {
        CtlSession s = new CtlSession(new ScriptedRpc().fail("getVersion", new HttpStatusException(401, "Unauthorized")));
        String out = s.run("status");
        assertTrue(out.startsWith("Server requires authentication\nerror: <class 'xmlrpc.client.ProtocolError'>, "
                + "<ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>: file: "), out);
        assertEquals(1, s.exitStatus());
    }

    @Test
    void unauthorizedInteractiveAsksForCredentialsAndRetries() {
        ScriptedRpc rpc = new ScriptedRpc();
        CtlSession[] session = new CtlSession[1];
        rpc.answer("getVersion", params -> {
            if (session[0].connections.size() == 1) {
                throw new HttpStatusException(401, "Unauthorized");
            }
            return "3.0";
        }).answer("getSupervisorVersion", "4.2.5");
        session[0] = new CtlSession(rpc, true, "alice\nsecret\n");
        assertEquals("Server requires authentication\nUsername:\n4.2.5\n", session[0].run("version"));
        assertEquals("Password:", session[0].err());
        assertEquals(List.of("unix:///tmp/test.sock -:-", "unix:///tmp/test.sock alice:secret"),
                session[0].connections);
    }

    @Test
    void shutdownAndReloadAskFirstInTheShell() {
        ScriptedRpc rpc = new ScriptedRpc().answer("shutdown", true).answer("restart", true);
        CtlSession s = new CtlSession(rpc, true, "n\nYes\n");
        assertEquals("Really shut the remote supervisord process down y/N? ", s.run("shutdown"));
        assertEquals("Really restart the remote supervisord process y/N? Restarted supervisord\n", s.run("reload"));
        assertEquals(List.of("restart()"), rpc.calls());
    }

    @Test
    void shutdownOfAServerAlreadyGone() {
        CtlSession s = new CtlSession(new ScriptedRpc().fail("shutdown", new ConnectException("Connection refused")));
        assertEquals("ERROR: unix:///tmp/test.sock refused connection (already shut down?)\n", s.run("shutdown"));
        assertEquals(1, s.exitStatus());
        assertEquals("Error: shutdown accepts no arguments\nshutdown \tShut the remote supervisord down.\n",
                new CtlSession(new ScriptedRpc()).run("shutdown now"));
    }

    @Test
    void openSwitchesServerAndShowsStatusKeepingTheExitStatus() {
        CtlSession s = new CtlSession(processes());
        assertEquals("ERROR: url must be http:// or unix://\n", s.run("open ftp://x"));
        assertEquals(1, s.exitStatus());
        s.run("open http://127.0.0.1:9001");
        assertEquals("http://127.0.0.1:9001 -:-", s.connections.get(s.connections.size() - 1));
        assertEquals(1, s.exitStatus());
    }

    @Test
    void eachCommandClosesItsConnection() {
        CtlSession s = new CtlSession(processes());
        s.run("status");
        s.run("status");
        assertEquals(2, s.rpc.closes());
        assertEquals(2, s.connections.size());
    }

    @Test
    void clearReportsEachProcess() {
        CtlSession s = new CtlSession(new ScriptedRpc().answer("clearAllProcessLogs", List.of(
                result("web", "web", 80, "OK"), result("g", "p", 30, "FAILED"))));
        assertEquals("web: cleared\ng:p: ERROR (failed)\n", s.run("clear all"));
        assertEquals(1, s.exitStatus());
    }

    @Test
    void fgRefusesWhatIsNotRunning() {
        CtlSession s = new CtlSession(new ScriptedRpc().answer("getProcessInfo",
                info("web", "web", 0, "STOPPED", "", 0)));
        assertEquals("ERROR: process not running\n", s.run("fg web"));
        assertEquals(1, s.exitStatus());
    }
}
