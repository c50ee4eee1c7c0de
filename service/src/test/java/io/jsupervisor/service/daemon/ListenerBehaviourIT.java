package io.jsupervisor.service.daemon;

import static io.jsupervisor.config.testing.Poll.until;
import static io.jsupervisor.service.daemon.DaemonHarness.alive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.jsupervisor.config.testing.RequiredTools;
import io.jsupervisor.config.testing.TextFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event listeners against a real daemon, written in Python's standard library (no supervisor
 * package) and kept in {@code src/test/resources/listeners/}: two that work as superlance's
 * plugins do, and one that breaks the protocol in a chosen way.
 *
 * <ul>
 *   <li>memmon-like, on TICK_5, reads the RSS of every RUNNING process from {@code /proc} and
 *       restarts, over XML-RPC on the unix socket that {@code SUPERVISOR_SERVER_URL} names, the
 *       one over its limit; a small one is checked and left alone.
 *   <li>crashmail-like, on PROCESS_STATE_EXITED, "mails" (a line in a file) an unexpected exit with
 *       process name, group name and pid; an expected exit is not reported.
 *   <li>A listener that stops answering fills the pool's buffer: the oldest events are discarded
 *       and logged with their serials, also when its in-flight event comes back at the head as it
 *       is stopped; the daemon meanwhile answers RPC and restarts other programs.
 *   <li>Garbage instead of READY, data while READY and a RESULT line without a number put the
 *       listener in the UNKNOWN state with supervisord's log lines; the event of the bad RESULT is
 *       kept, and after a restart each listener gets every event, the rejected one included.
 *   <li>A listener that exits with an event in hand gets the same event (same serial) again when
 *       it is restarted, and the events after it, none lost.
 *   <li>A listener that answers and exits at once has its answer counted: no event comes twice.
 *   <li>A listener whose stdin is closed is passed over: its events go to the pool's other listener.
 *   <li>A FAIL answer is logged as rejected and the event is delivered again, before later ones; a
 *       payload with characters outside ASCII and the BMP is framed by its length in characters.
 *   <li>A listener that never answers and ignores SIGTERM does not hold up RPC, is stopped with
 *       SIGKILL, and the daemon's shutdown leaves no process behind.
 * </ul>
 * The misbehaving listener appends every event it reads (pid, serial, pool serial, payload) to a
 * file, which is what the tests check deliveries with.
 */
class ListenerBehaviourIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final List<String> SCRIPTS = List.of("listener_support.py", "memmon_like.py", "crashmail_like.py",
            "misbehaving_listener.py");
    private static final String RPC_SERVER = """
            [unix_http_server]
            file=%(here)s/rpc.sock
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
            """;
    private static final String UNKNOWN_STATE = ": has entered the UNKNOWN state and will no longer receive events, "
            + "this usually indicates the process violated the eventlistener protocol";
    private static final Pattern DELIVERY = Pattern.compile(
            "pid=(\\d+) serial=(\\d+) poolserial=(\\d+) eventname=(\\S+) payload=(\\p{XDigit}*)");

    @TempDir
    Path dir;
    private DaemonHarness daemon;
    private UnixRpc rpc;

    /** One event as a misbehaving listener recorded it; {@code data} is a REMOTE_COMMUNICATION's data. */
    private record Delivery(long pid, long serial, long poolSerial, String eventName, String data) {
    }

    @BeforeEach
    void copyListeners() throws IOException {
        RequiredTools.require(RequiredTools.runs(PYTHON, "-c", "import argparse, http.client, xmlrpc.client"),
                "python3", "apt-get install python3");
        for (String script : SCRIPTS) {
            try (InputStream in = ListenerBehaviourIT.class.getResourceAsStream("/listeners/" + script)) {
                Files.copy(in, dir.resolve(script));
            }
        }
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            List<ProcessHandle> children = ProcessHandle.of(daemon.pid()).map(p -> p.descendants().toList())
                    .orElse(List.of());
            daemon.close();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void start(String programs) throws Exception {
        daemon = DaemonHarness.start(dir, "", RPC_SERVER + programs);
        rpc = new UnixRpc(dir.resolve("rpc.sock"));
        daemon.await("supervisord started with pid \\d+");
    }

    /**
     * An {@code [eventlistener:name]} of the misbehaving listener on REMOTE_COMMUNICATION, recording to
     * {@code name.rec}; it misbehaves once, then answers OK.
     */
    private static String misbehaving(String name, String mode, String extra) {
        return misbehaving(name, mode, "--once %(here)s/" + name + ".flag", extra);
    }

    /** Like {@link #misbehaving(String, String, String)}, with the listener's {@code options} after the record file. */
    private static String misbehaving(String name, String mode, String options, String extra) {
        return "[eventlistener:" + name + "]\ncommand=" + PYTHON + " %(here)s/misbehaving_listener.py " + mode
                + " %(here)s/" + name + ".rec " + options + "\nevents=REMOTE_COMMUNICATION\n" + extra;
    }

    /** Publishes a REMOTE_COMMUNICATION event whose data is {@code data}. */
    private void send(String data) throws Exception {
        assertEquals(Boolean.TRUE, rpc.call("supervisor.sendRemoteCommEvent", "test", data));
    }

    private List<Delivery> deliveries(String listener) {
        try {
            return Files.readAllLines(dir.resolve(listener + ".rec")).stream().map(line -> {
                Matcher m = DELIVERY.matcher(line);
                assertTrue(m.matches(), line);
                String payload = new String(HexFormat.of().parseHex(m.group(5)), StandardCharsets.UTF_8);
                assertTrue(payload.startsWith("type:test\n"), payload);
                return new Delivery(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        m.group(4), payload.substring("type:test\n".length()));
            }).toList();
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code listener} has recorded {@code n} events; returns them all. */
    private List<Delivery> awaitDeliveries(String listener, int n) throws InterruptedException {
        until(listener + " to record " + n + " events", () -> deliveries(listener).size() >= n);
        return deliveries(listener);
    }

    private static String data(List<Delivery> deliveries) {
        return String.join(",", deliveries.stream().map(Delivery::data).toList());
    }

    private Map<?, ?> info(String namespec) throws Exception {
        return (Map<?, ?>) rpc.call("supervisor.getProcessInfo", namespec);
    }

    private long spawned(String name, int nth) throws InterruptedException {
        return Long.parseLong(daemon.await("spawned: '" + name + "' with pid (\\d+)", nth).group(1));
    }

    /** Waits for the main-log line {@code message}, exactly, and checks it has supervisord's level. */
    private void awaitLogged(String level, String message) throws InterruptedException {
        String line = daemon.await(Pattern.quote(message)).group();
        assertEquals(level, line.split(" ")[2], line);
    }

    private void stillAnswers() throws Exception {
        assertEquals(Map.of("statecode", 1, "statename", "RUNNING"), rpc.call("supervisor.getState"));
    }

    private static String read(Path file) {
        return TextFiles.readIfPresent(file);
    }

    @Test
    void memmonLikeRestartsTheProgramOverItsLimitAndLeavesTheSmallOne() throws Exception {
        start("[eventlistener:memmon]\ncommand=" + PYTHON + " %(here)s/memmon_like.py -a 40MB\nevents=TICK_5\n"
                + "stderr_logfile=%(here)s/memmon.err\n"
                + "[program:big]\ncommand=" + PYTHON + " -c \"import time; b = b'x' * (80 << 20); time.sleep(1000)\"\n"
                + "[program:small]\ncommand=/bin/sleep 1000\n");
        long memmon = spawned("memmon", 1);
        long big = spawned("big", 1);
        long small = spawned("small", 1);
        String url = Stream.of(Files.readString(Path.of("/proc/" + memmon + "/environ")).split("\0"))
                .filter(variable -> variable.startsWith("SUPERVISOR_SERVER_URL=")).findFirst().orElse("none");
        assertEquals("SUPERVISOR_SERVER_URL=unix://" + dir.resolve("rpc.sock"), url,
                "memmon reaches the daemon on its unix socket");
        daemon.await("stopped: big \\(terminated by SIGTERM\\)");
        long restarted = spawned("big", 2);
        assertNotEquals(big, restarted);
        assertFalse(alive(big));

        Path report = dir.resolve("memmon.err");
        until("memmon to check small", () -> read(report).contains("checked small:small pid " + small + " rss "));
        Matcher over = Pattern.compile("restarting big:big pid " + big + " rss (\\d+) over limit 41943040\n")
                .matcher(read(report));
        assertTrue(over.find(), read(report));
        assertTrue(Long.parseLong(over.group(1)) > 40 << 20, over.group());
        assertFalse(read(report).contains("restarting small"), read(report));
        assertEquals(0, daemon.count("stopped: small .*"));
        assertEquals((int) small, info("small").get("pid"));
        daemon.stopCleanly();
    }

    @Test
    void crashmailLikeMailsAnUnexpectedExitWithNameGroupAndPidButNotAnExpectedOne() throws Exception {
        start("[eventlistener:crashmail]\ncommand=" + PYTHON + " %(here)s/crashmail_like.py -a -m ops@example.com"
                + " --mailbox %(here)s/mailbox\nevents=PROCESS_STATE_EXITED\n"
                + "[group:jobs]\nprograms=good,bad\n"
                + "[program:good]\ncommand=/bin/sh -c 'sleep 0.2; exit 0'\nstartsecs=0\nautorestart=false\n"
                + "[program:bad]\ncommand=/bin/sh -c 'sleep 0.2; exit 3'\nstartsecs=0\nautorestart=false\n"
                + "autostart=false\n");
        daemon.await("exited: good \\(exit status 0; expected\\)");
        // Started only now, so that good's event is ahead of bad's in the listener's queue: once bad
        // is reported, good's event has been dealt with.
        assertEquals(Boolean.TRUE, rpc.call("supervisor.startProcess", "jobs:bad"));
        long bad = spawned("bad", 1);
        daemon.await("exited: bad \\(exit status 3; not expected\\)");
        Path mailbox = dir.resolve("mailbox");
        until("crashmail to report bad", () -> !read(mailbox).isEmpty());
        assertEquals("to=ops@example.com processname=bad groupname=jobs pid=" + bad + " from_state=RUNNING"
                + " subject=process jobs:bad (pid " + bad + ") exited unexpectedly\n", read(mailbox));
        daemon.stopCleanly();
    }

    @Test
    void aFullBufferDiscardsTheOldestEventsAndTheDaemonGoesOn() throws Exception {
        start(misbehaving("stuck", "hang", "", "buffer_size=2\n")
                + "[program:other]\ncommand=/bin/sleep 1000\nautorestart=true\n");
        send("e0");
        Delivery first = awaitDeliveries("stuck", 1).get(0);
        long s = first.serial();
        for (int i = 1; i <= 5; i++) {
            send("e" + i);
        }
        // e1..e5 wait in a buffer of 2: each of e3, e4, e5 pushes out the oldest.
        for (int i = 1; i <= 3; i++) {
            awaitLogged("ERRO", "pool stuck event buffer overflowed, discarding event " + (s + i));
        }
        stillAnswers();
        long other = spawned("other", 1);
        daemon.await("success: other entered RUNNING state.*");
        rpc.call("supervisor.signalProcess", "other", "KILL");
        assertNotEquals(other, spawned("other", 2));
        daemon.await("success: other entered RUNNING state.*", 2);
        assertEquals(3, daemon.count("pool stuck event buffer overflowed.*"));

        // Stopped, the listener gives back e0, which goes to the head of the full buffer: e4 is pushed out.
        assertEquals(Boolean.TRUE, rpc.call("supervisor.stopProcess", "stuck"));
        awaitLogged("ERRO", "pool stuck event buffer overflowed, discarding event " + (s + 4));
        assertEquals(Boolean.TRUE, rpc.call("supervisor.startProcess", "stuck"));
        Delivery again = awaitDeliveries("stuck", 2).get(1);
        assertEquals(List.of(s, first.poolSerial(), "e0"), List.of(again.serial(), again.poolSerial(), again.data()));
        assertNotEquals(first.pid(), again.pid());
        assertEquals(4, daemon.count("pool stuck event buffer overflowed.*"));
        daemon.stopCleanly();
    }

    @Test
    void protocolViolationsMakeTheListenerUnknownAndARestartDeliversEveryEventAgain() throws Exception {
        start(misbehaving("noready", "no-ready", "") + misbehaving("chatty", "chatty", "")
                + misbehaving("badresult", "bad-result", ""));
        awaitLogged("WARN", "noready" + UNKNOWN_STATE);
        awaitLogged("WARN", "chatty" + UNKNOWN_STATE);
        send("e1");
        awaitLogged("WARN", "badresult: bad result line: 'RESULT two'");
        awaitLogged("WARN", "badresult" + UNKNOWN_STATE);
        send("e2");
        stillAnswers();
        assertEquals("RUNNING", info("badresult").get("statename"));

        for (String listener : List.of("noready", "chatty", "badresult")) {
            assertEquals(Boolean.TRUE, rpc.call("supervisor.stopProcess", listener));
            assertEquals(Boolean.TRUE, rpc.call("supervisor.startProcess", listener));
        }
        // The event the bad RESULT answered went back to the buffer, and comes again first. (supervisord
        // 4.2.5 would also hand a copy to every other pool whose listeners share its priority: it
        // compares processes by priority when it looks for the pool of a rejected event.)
        List<Delivery> bad = awaitDeliveries("badresult", 3);
        assertEquals("e1,e1,e2", data(bad));
        assertEquals(bad.get(0).serial(), bad.get(1).serial());
        assertEquals(bad.get(0).poolSerial(), bad.get(1).poolSerial());
        assertNotEquals(bad.get(0).pid(), bad.get(1).pid());
        assertEquals(bad.get(1).pid(), bad.get(2).pid());
        for (String listener : List.of("noready", "chatty")) {
            List<Delivery> got = awaitDeliveries(listener, 2);
            assertEquals("e1,e2", data(got), listener);
            assertEquals(List.of(bad.get(0).serial(), bad.get(2).serial()),
                    got.stream().map(Delivery::serial).toList(), listener);
        }
        assertEquals(3, deliveries("badresult").size());
        assertEquals(1, daemon.count("badresult: bad result line: .*"));
        daemon.stopCleanly();
    }

    @Test
    void aListenerThatDiesWithAnEventGetsTheSameEventWhenRestarted() throws Exception {
        start(misbehaving("dies", "die", "autorestart=true\n"));
        send("e1");
        send("e2");
        send("e3");
        daemon.await("exited: dies \\(exit status 1; not expected\\)");
        List<Delivery> got = awaitDeliveries("dies", 4);
        assertEquals("e1,e1,e2,e3", data(got));
        Delivery lost = got.get(0);
        Delivery again = got.get(1);
        assertEquals(List.of(lost.serial(), lost.poolSerial()), List.of(again.serial(), again.poolSerial()));
        assertNotEquals(lost.pid(), again.pid());
        assertEquals(List.of(lost.serial() + 1, lost.serial() + 2), List.of(got.get(2).serial(), got.get(3).serial()));
        assertEquals(0, daemon.count("pool dies event buffer overflowed.*"));
        daemon.stopCleanly();
    }

    @Test
    void aListenerThatAnswersAndExitsAtOnceIsNotSentTheEventAgain() throws Exception {
        start(misbehaving("quitter", "ok-exit", "", "autorestart=true\nstartsecs=0\n"));
        List<String> sent = List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7");
        for (String data : sent) {
            send(data);
        }
        // Its answer is read before its exit is acted on, so the event counts as processed.
        List<Delivery> got = awaitDeliveries("quitter", sent.size());
        assertEquals(String.join(",", sent), data(got));
        assertEquals(sent.size(), got.stream().map(Delivery::pid).distinct().count(), "one run per event");
        assertEquals(0, daemon.count("pool quitter event buffer overflowed.*"));
        daemon.stopCleanly();
    }

    @Test
    void aListenerWhoseStdinIsClosedIsPassedOverForTheNextOne() throws Exception {
        daemon = DaemonHarness.start(dir, "loglevel=debug\n", RPC_SERVER + misbehaving("pair", "close-stdin",
                "--only pair_0", "numprocs=2\nprocess_name=%(program_name)s_%(process_num)d\n"));
        rpc = new UnixRpc(dir.resolve("rpc.sock"));
        daemon.await("success: pair_1 entered RUNNING state.*");
        // With pair_1 stopped the events can only be offered to pair_0, which cannot take them.
        assertEquals(Boolean.TRUE, rpc.call("supervisor.stopProcess", "pair:pair_1"));
        send("e0");
        send("e1");
        daemon.await("epipe occurred while sending event \\d+ to listener pair_0, listener state unchanged");
        assertEquals(Boolean.TRUE, rpc.call("supervisor.startProcess", "pair:pair_1"));
        send("e2");
        List<Delivery> got = awaitDeliveries("pair", 3);
        assertEquals("e0,e1,e2", data(got));
        long healthy = ((Integer) info("pair:pair_1").get("pid")).longValue();
        assertEquals(List.of(healthy), got.stream().map(Delivery::pid).distinct().toList());
        assertEquals("RUNNING", info("pair:pair_0").get("statename"));
        daemon.stopCleanly();
    }

    @Test
    void aRejectedEventIsLoggedAndDeliveredAgainBeforeTheNextOne() throws Exception {
        start(misbehaving("rejects", "reject", ""));
        // Characters outside ASCII and the BMP: len counts characters, and the listener reads that many.
        String first = "e1 \u00fc\u20ac\ud83d\ude00\nzwei";
        send(first);
        send("e2");
        awaitLogged("WARN", "rejects: event was rejected");
        List<Delivery> got = awaitDeliveries("rejects", 3);
        assertEquals(first + "," + first + ",e2", data(got));
        assertEquals(got.get(0).serial(), got.get(1).serial());
        assertEquals(got.get(0).pid(), got.get(2).pid(), "the same run: a rejection is not a protocol violation");
        assertEquals(1, daemon.count("rejects: event was rejected"));
        daemon.stopCleanly();
    }

    @Test
    void aListenerThatNeverAnswersHoldsNothingUpAndIsStoppedAndShutDown() throws Exception {
        start(misbehaving("silent", "hang", "--ignore-term", "stopwaitsecs=2\n")
                + "[program:worker]\ncommand=/bin/sleep 1000\n");
        send("e1");
        long first = awaitDeliveries("silent", 1).get(0).pid();
        send("e2");
        send("e3");
        stillAnswers();
        assertEquals("RUNNING", info("silent").get("statename"));
        daemon.await("success: worker entered RUNNING state.*");

        assertEquals(Boolean.TRUE, rpc.call("supervisor.stopProcess", "silent"));
        daemon.await("killing 'silent' \\(" + first + "\\) with SIGKILL");
        daemon.await("stopped: silent \\(terminated by SIGKILL\\)");
        assertFalse(alive(first));
        assertEquals(Boolean.TRUE, rpc.call("supervisor.startProcess", "silent"));
        List<Delivery> got = awaitDeliveries("silent", 2);
        assertEquals("e1,e1", data(got));
        long second = got.get(1).pid();

        List<Long> children = ProcessHandle.of(daemon.pid()).orElseThrow().descendants().map(ProcessHandle::pid)
                .toList();
        assertTrue(children.contains(second), children.toString());
        daemon.stopCleanly();
        daemon.await("killing 'silent' \\(" + second + "\\) with SIGKILL");
        for (long child : children) {
            assertFalse(alive(child), "process " + child + " outlived the daemon");
        }
    }
}
