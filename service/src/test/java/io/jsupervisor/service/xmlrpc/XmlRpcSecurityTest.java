package io.jsupervisor.service.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile bodies: external entities (XXE) aimed at a file and at a server, entity expansion bombs,
 * and deep nesting. Each must be refused at once, without reading the file, contacting the server
 * or expanding anything, and nothing it names may show up in what the reader reports.
 */
class XmlRpcSecurityTest {
    private static final Duration FAST = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    private static XmlRpcFormatException refusedCall(String xml) {
        return assertTimeoutPreemptively(FAST, () -> assertThrows(XmlRpcFormatException.class,
                () -> XmlRpcReader.readCall(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))));
    }

    private static XmlRpcFormatException refusedResponse(String xml) {
        return assertTimeoutPreemptively(FAST, () -> assertThrows(XmlRpcFormatException.class,
                () -> XmlRpcReader.readResponse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))));
    }

    /** The exception with its causes and stack, as a log would show it. */
    private static String everything(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void classicXxeReadingEtcHostnameIsRefused() {
        String xml = "<?xml version='1.0'?>\n<!DOCTYPE methodCall [\n<!ENTITY xxe SYSTEM \"file:///etc/hostname\">\n]>\n"
                + "<methodCall><methodName>&xxe;</methodName><params><param><value><string>&xxe;</string></value>"
                + "</param></params></methodCall>";
        assertEquals("line 4: a DOCTYPE is not allowed in XML-RPC", refusedCall(xml).getMessage());
        assertEquals("line 4: a DOCTYPE is not allowed in XML-RPC",
                refusedResponse(xml.replace("methodCall", "methodResponse")).getMessage());
    }

    @Test
    void anExternalEntitysContentNeverShows() throws IOException {
        String secret = "secret-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        String entity = "<!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>";
        for (String body : new String[] {
            "<methodCall><methodName>&xxe;</methodName></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><int>&xxe;</int></value></param>"
                    + "</params></methodCall>",
            "<methodCall><methodName>m</methodName><params><param><value><foo>&xxe;</foo></value></param>"
                    + "</params></methodCall>",
        }) {
            String report = everything(refusedCall(entity + body));
            assertTrue(report.contains("a DOCTYPE is not allowed"), report);
            assertFalse(report.contains(secret), report);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // An external DTD, a parameter entity pulling one in, and an entity whose replacement would be fetched.
        "<!DOCTYPE methodCall SYSTEM \"http://127.0.0.1:PORT/evil.dtd\">",
        "<!DOCTYPE methodCall [<!ENTITY % dtd SYSTEM \"http://127.0.0.1:PORT/evil.dtd\"> %dtd;]>",
        "<!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"http://127.0.0.1:PORT/xxe\">]>",
    })
    void nothingIsFetched(String doctype) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String xml = "<?xml version='1.0'?>" + doctype.replace("PORT", Integer.toString(server.getLocalPort()))
                    + "<methodCall><methodName>&xxe;</methodName></methodCall>";
            assertTrue(refusedCall(xml).getMessage().contains("a DOCTYPE is not allowed"));
            server.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, server::accept, "the reader connected to the DTD's server");
        }
    }

    @Test
    void billionLaughsFailsFast() {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<!DOCTYPE methodCall [\n<!ENTITY lol \"lol\">\n");
        xml.append("<!ENTITY lol1 \"").append("&lol;".repeat(10)).append("\">\n");
        for (int i = 2; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<methodCall><methodName>&lol9;</methodName></methodCall>");
        XmlRpcFormatException e = refusedCall(xml.toString());
        assertTrue(e.getMessage().contains("a DOCTYPE is not allowed"), e.getMessage());
        assertFalse(everything(e).contains("lollol"), everything(e));
    }

    @Test
    void quadraticBlowupFailsFast() {
        String xml = "<?xml version='1.0'?><!DOCTYPE methodCall [<!ENTITY a \"" + "x".repeat(100_000) + "\">]>"
                + "<methodCall><methodName>" + "&a;".repeat(100_000) + "</methodName></methodCall>";
        assertTrue(refusedCall(xml).getMessage().contains("a DOCTYPE is not allowed"));
    }

    @Test
    void aDoctypeWithoutDeclarationsIsRefusedToo() {
        assertEquals("line 1: a DOCTYPE is not allowed in XML-RPC",
                refusedCall("<!DOCTYPE methodCall><methodCall><methodName>m</methodName></methodCall>").getMessage());
    }

    @Test
    void anEntityReferenceWithoutADtdIsRefused() {
        assertEquals("line 1: undeclared entity &xxe;",
                refusedCall("<methodCall><methodName>&xxe;</methodName></methodCall>").getMessage());
        assertEquals("line 1: undeclared entity &nbsp;", refusedResponse(
                "<methodResponse><params><param><value>&nbsp;</value></param></params></methodResponse>").getMessage());
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() {
        String deep = "<value><array><data>".repeat(1_000_000);
        String xml = "<methodCall><methodName>m</methodName><params><param>" + deep;
        assertTrue(refusedCall(xml).getMessage().contains("nested more than 64 deep"));
        String elements = "<methodCall><methodName>m</methodName><params><param><value>" + "<x>".repeat(1_000_000);
        assertTrue(refusedCall(elements).getMessage().contains("unknown value type <x>"));
    }
}
