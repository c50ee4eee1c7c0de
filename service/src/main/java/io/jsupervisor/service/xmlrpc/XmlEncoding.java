package io.jsupervisor.service.xmlrpc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes an XML body to text in the encoding XML says it is in: the one its byte order mark
 * names, else the one its XML declaration names, else UTF-8.
 *
 * <p>This is done here rather than by the parser because the JDK's parser, on bytes that are not
 * valid in the encoding, prints a {@code [Fatal Error]} line to the process's standard error
 * besides throwing, and that would let any client write there.
 *
 * <p>Stateless and thread-safe.
 */
final class XmlEncoding {
    private static final Pattern ENCODING = Pattern.compile("\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    private XmlEncoding() {
    }

    /** The text of {@code body}, without its byte order mark. */
    static String decode(byte[] body) throws XmlRpcFormatException {
        Charset charset;
        int start = 0;
        if (startsWith(body, 0xef, 0xbb, 0xbf)) {
            charset = StandardCharsets.UTF_8;
            start = 3;
        } else if (startsWith(body, 0xfe, 0xff)) {
            charset = StandardCharsets.UTF_16BE;
            start = 2;
        } else if (startsWith(body, 0xff, 0xfe)) {
            charset = StandardCharsets.UTF_16LE;
            start = 2;
        } else {
            charset = declared(body);
        }
        try {
            // A new decoder reports malformed input instead of replacing it.
            return charset.newDecoder().decode(ByteBuffer.wrap(body, start, body.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new XmlRpcFormatException("malformed XML: the body is not valid " + charset.name(), e);
        }
    }

    /** The encoding named by the XML declaration, which is ASCII and ends at the first {@code >}. */
    private static Charset declared(byte[] body) throws XmlRpcFormatException {
        String start = new String(body, 0, Math.min(body.length, 5), StandardCharsets.ISO_8859_1);
        if (!start.equals("<?xml")) {
            return StandardCharsets.UTF_8;
        }
        int end = 0;
        while (end < body.length && body[end] != '>') {
            end++;
        }
        Matcher m = ENCODING.matcher(new String(body, 0, end, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new XmlRpcFormatException("malformed XML: unknown encoding '" + m.group(1) + "'");
        }
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
