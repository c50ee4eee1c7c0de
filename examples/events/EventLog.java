import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An event listener that records every event it is sent, for supervisord 4.2 and jsupervisord, in
 * one Java 17 source file with no dependencies: run it as {@code java EventLog.java}.
 *
 * <p>Each envelope, the header line and the payload exactly as they arrived, is appended to the file
 * that the {@code EVENT_LOG} environment variable names (to stderr when it is not set), and every
 * event is accepted ({@code RESULT 2}, {@code OK}).
 *
 * <p>The header's {@code len} is the payload's length in characters, counted as Unicode code
 * points: not bytes, and not Java {@code char}s (a character outside the Basic Multilingual Plane,
 * such as an emoji, is one code point but two {@code char}s). So stdin is decoded as UTF-8 and the
 * payload is read one code point at a time.
 */
public class EventLog {
    private static final byte[] READY = "READY\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "RESULT 2\nOK".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws IOException {
        Reader events = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        // stdout carries the protocol only, written unbuffered so that each answer leaves at once
        OutputStream answers = new FileOutputStream(FileDescriptor.out);
        String path = System.getenv("EVENT_LOG");
        while (true) {
            answers.write(READY);
            String header = readLine(events);
            if (header == null) {
                return; // stdin was closed: the supervisor is stopping this listener
            }
            StringBuilder envelope = new StringBuilder(header);
            boolean whole = readCodePoints(events, payloadLength(header), envelope);
            record(envelope.toString(), path);
            if (!whole) {
                return; // stdin was closed in the middle of an event
            }
            answers.write(OK);
        }
    }

    /** The next line with its newline, or null when stdin ends first. */
    private static String readLine(Reader in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
            line.append((char) c);
            if (c == '\n') {
                return line.toString();
            }
        }
        return null;
    }

    /** The value of the header's {@code len:} token. */
    private static int payloadLength(String header) {
        for (String token : header.strip().split(" ")) {
            if (token.startsWith("len:")) {
                return Integer.parseInt(token.substring("len:".length()));
            }
        }
        throw new IllegalArgumentException("no len in header: " + header);
    }

    /** Appends {@code count} code points to {@code to}; false when stdin ends first. */
    private static boolean readCodePoints(Reader in, int count, StringBuilder to) throws IOException {
        for (int i = 0; i < count; i++) {
            int c = in.read();
            if (c < 0) {
                return false;
            }
            to.append((char) c);
            if (Character.isHighSurrogate((char) c)) {
                int low = in.read(); // the second half of the same code point
                if (low < 0) {
                    return false;
                }
                to.append((char) low);
            }
        }
        return true;
    }

    private static void record(String envelope, String path) throws IOException {
        byte[] data = envelope.getBytes(StandardCharsets.UTF_8);
        if (path == null || path.isEmpty()) {
            System.err.write(data);
            System.err.flush();
        } else {
            Files.write(Path.of(path), data, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
