import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal FastCGI 1.0 responder, meant to be run by a supervisor as an
 * {@code [fcgi-program:x]} worker.
 *
 * <p>The supervisor creates the listening socket (TCP or Unix-domain) and passes it to every
 * worker as file descriptor 0, as supervisord does; this program obtains it with
 * {@link System#inheritedChannel()} and answers each request with a small {@code text/plain}
 * page naming the worker that served it ({@code pid=} and {@code process=} lines). It needs
 * nothing but a Java 17 JDK and runs straight from source:
 *
 * <pre>{@code
 * [fcgi-program:hello]
 * command=java /path/to/FcgiHello.java
 * socket=unix:///tmp/hello.sock
 * numprocs=2
 * process_name=%(program_name)s_%(process_num)02d
 * }</pre>
 *
 * and behind nginx (whose workers must be allowed to connect to the socket, see
 * {@code socket_owner} and {@code socket_mode}):
 *
 * <pre>{@code
 * location / {
 *     fastcgi_pass unix:/tmp/hello.sock;
 *     include fastcgi_params;
 * }
 * }</pre>
 *
 * <p>Run with anything other than a listening socket on fd 0 it says so on stderr and exits
 * with status 2.
 *
 * <p>Threading: the main thread only accepts. Each accepted connection is served by its own
 * daemon thread, one request at a time (connections are not multiplexed, so
 * {@code FCGI_MPXS_CONNS} is 0). A worker holds at most {@value #MAX_CONNS} connections: it
 * does not accept beyond that, which leaves further connections in the shared listen queue
 * for the other workers. SIGTERM ends the JVM through its default handling; nothing is
 * written to stdout per request, since stdout is the log the supervisor captures.
 */
public final class FcgiHello {

    // Record types (FastCGI 1.0, section 8).
    static final int FCGI_BEGIN_REQUEST = 1;
    static final int FCGI_ABORT_REQUEST = 2;
    static final int FCGI_END_REQUEST = 3;
    static final int FCGI_PARAMS = 4;
    static final int FCGI_STDIN = 5;
    static final int FCGI_STDOUT = 6;
    static final int FCGI_STDERR = 7;
    static final int FCGI_DATA = 8;
    static final int FCGI_GET_VALUES = 9;
    static final int FCGI_GET_VALUES_RESULT = 10;
    static final int FCGI_UNKNOWN_TYPE = 11;

    static final int FCGI_VERSION_1 = 1;
    static final int FCGI_NULL_REQUEST_ID = 0;
    static final int FCGI_KEEP_CONN = 1;

    static final int FCGI_RESPONDER = 1;
    static final int FCGI_AUTHORIZER = 2;
    static final int FCGI_FILTER = 3;

    static final int FCGI_REQUEST_COMPLETE = 0;
    static final int FCGI_CANT_MPX_CONN = 1;
    static final int FCGI_OVERLOADED = 2;
    static final int FCGI_UNKNOWN_ROLE = 3;

    static final int MAX_CONTENT = 0xFFFF;
    static final int MAX_CONNS = 32;
    /** PARAMS are held in memory; a peer sending more than this is dropped. */
    static final int MAX_PARAMS_BYTES = 1 << 20;
    /** How long a closing connection waits for the peer to stop sending (see lingerClose). */
    static final long LINGER_MILLIS = 2000;

    static final long PID = ProcessHandle.current().pid();
    static final String PROCESS =
            System.getenv().getOrDefault("SUPERVISOR_PROCESS_NAME", "-");
    static final byte[] ZEROS = new byte[8];

    public static void main(String[] args) throws Exception {
        Channel inherited;
        try {
            inherited = System.inheritedChannel();
        } catch (IOException e) {
            inherited = null;
        }
        if (!(inherited instanceof ServerSocketChannel server)) {
            String found = inherited == null ? "not a socket"
                    : inherited instanceof SocketChannel ? "a connected socket"
                    : "another kind of socket";
            System.err.println("FcgiHello: standard input (fd 0) must be a listening socket, but it is "
                    + found + "; run this as an [fcgi-program:x] of a supervisor, which passes"
                    + " the FastCGI socket as fd 0");
            System.exit(2);
            return;
        }
        System.out.println("FcgiHello pid " + PID + " listening on " + server.getLocalAddress());

        Semaphore slots = new Semaphore(MAX_CONNS);
        AtomicLong connections = new AtomicLong();
        while (true) {
            // Take a slot before accepting, so a full worker leaves connections to the others.
            slots.acquireUninterruptibly();
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                slots.release();
                if (!server.isOpen()) {
                    return;
                }
                // E.g. EMFILE: report it and back off instead of spinning.
                System.err.println("FcgiHello: accept failed: " + e);
                TimeUnit.MILLISECONDS.sleep(100);
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    new Connection(ch).serve();
                } finally {
                    slots.release();
                }
            }, "fcgi-conn-" + connections.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    /** The state of the one request a connection may carry at a time. */
    static final class Request {
        final int id;
        final boolean keepConn;
        final ByteArrayOutputStream params = new ByteArrayOutputStream();
        boolean paramsDone;
        long stdinBytes;
        boolean stdinDone;

        Request(int id, boolean keepConn) {
            this.id = id;
            this.keepConn = keepConn;
        }
    }

    /** A broken peer: the connection is dropped without further replies. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    static final class Connection {
        final SocketChannel ch;
        final DataInputStream in;
        final OutputStream out;

        Connection(SocketChannel ch) {
            this.ch = ch;
            // Streams over the channel rather than ch.socket(): Unix-domain channels have no Socket.
            this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch), 16384));
            this.out = new BufferedOutputStream(Channels.newOutputStream(ch), 16384);
        }

        void serve() {
            try {
                if (serveRecords()) {
                    lingerClose();
                } else {
                    ch.close();
                }
            } catch (ProtocolException e) {
                System.err.println("FcgiHello: dropping connection: " + e.getMessage());
                closeQuietly();
            } catch (IOException e) {
                // The peer went away (reset, broken pipe): nothing to tell anyone.
                closeQuietly();
            } catch (RuntimeException e) {
                e.printStackTrace();
                closeQuietly();
            }
        }

        /**
         * Reads and answers records until the connection is to be closed. Returns true when we
         * end it (after an END_REQUEST without FCGI_KEEP_CONN), false when the peer did.
         */
        boolean serveRecords() throws IOException {
            Request req = null;
            while (true) {
                int version = in.read();
                if (version < 0) {
                    return false;
                }
                int type = in.readUnsignedByte();
                int id = in.readUnsignedShort();
                int contentLength = in.readUnsignedShort();
                int paddingLength = in.readUnsignedByte();
                in.readUnsignedByte(); // reserved
                if (version != FCGI_VERSION_1) {
                    throw new ProtocolException("unsupported FastCGI version " + version);
                }
                byte[] content = new byte[contentLength];
                in.readFully(content);
                in.skipNBytes(paddingLength);

                if (id == FCGI_NULL_REQUEST_ID) {
                    manage(type, content);
                    out.flush();
                    continue;
                }
                switch (type) {
                    case FCGI_BEGIN_REQUEST -> {
                        if (contentLength < 8) {
                            throw new ProtocolException("short BEGIN_REQUEST body");
                        }
                        int role = ((content[0] & 0xFF) << 8) | (content[1] & 0xFF);
                        boolean keepConn = (content[2] & FCGI_KEEP_CONN) != 0;
                        if (req != null) {
                            // We told the server FCGI_MPXS_CONNS=0; refuse a second request here.
                            endRequest(id, 0, FCGI_CANT_MPX_CONN);
                            out.flush();
                        } else if (role != FCGI_RESPONDER) {
                            endRequest(id, 0, FCGI_UNKNOWN_ROLE);
                            out.flush();
                            if (!keepConn) {
                                return true;
                            }
                            // Its PARAMS/STDIN still to come are ignored: the id is not active.
                        } else {
                            req = new Request(id, keepConn);
                        }
                    }
                    case FCGI_ABORT_REQUEST -> {
                        if (req != null && req.id == id) {
                            endRequest(id, 0, FCGI_REQUEST_COMPLETE);
                            out.flush();
                            if (!req.keepConn) {
                                return true;
                            }
                            req = null;
                        }
                    }
                    case FCGI_PARAMS -> {
                        if (req != null && req.id == id && !req.paramsDone) {
                            if (contentLength == 0) {
                                req.paramsDone = true;
                            } else if (req.params.size() + contentLength > MAX_PARAMS_BYTES) {
                                throw new ProtocolException("PARAMS larger than " + MAX_PARAMS_BYTES);
                            } else {
                                req.params.write(content);
                            }
                        }
                    }
                    case FCGI_STDIN -> {
                        if (req != null && req.id == id && !req.stdinDone) {
                            if (contentLength == 0) {
                                req.stdinDone = true;
                            } else {
                                req.stdinBytes += contentLength;
                            }
                        }
                    }
                    default -> {
                        // DATA (a FILTER's stream) and records a server should not send: ignored.
                    }
                }
                // Wait for both streams to end: the reply reports how much STDIN arrived.
                if (req != null && req.paramsDone && req.stdinDone) {
                    respond(req);
                    out.flush();
                    if (!req.keepConn) {
                        return true;
                    }
                    req = null;
                }
            }
        }

        /** Management records (request id 0). */
        void manage(int type, byte[] content) throws IOException {
            if (type == FCGI_GET_VALUES) {
                ByteArrayOutputStream result = new ByteArrayOutputStream();
                for (String name : decodePairs(content).keySet()) {
                    // Unknown variables are left out of the reply, as the spec asks.
                    String value = switch (name) {
                        case "FCGI_MAX_CONNS", "FCGI_MAX_REQS" -> Integer.toString(MAX_CONNS);
                        case "FCGI_MPXS_CONNS" -> "0";
                        default -> null;
                    };
                    if (value != null) {
                        encodePair(result, name, value);
                    }
                }
                writeRecord(FCGI_GET_VALUES_RESULT, FCGI_NULL_REQUEST_ID, result.toByteArray());
            } else {
                byte[] body = new byte[8];
                body[0] = (byte) type;
                writeRecord(FCGI_UNKNOWN_TYPE, FCGI_NULL_REQUEST_ID, body);
            }
        }

        void respond(Request req) throws IOException {
            Map<String, String> params = decodePairs(req.params.toByteArray());
            String page = "Content-Type: text/plain\r\n"
                    + "\r\n"
                    + "hello from FcgiHello\n"
                    + "pid=" + PID + "\n"
                    + "process=" + PROCESS + "\n"
                    + "method=" + params.getOrDefault("REQUEST_METHOD", "-") + "\n"
                    + "uri=" + params.getOrDefault("REQUEST_URI", "-") + "\n"
                    + "body-bytes=" + req.stdinBytes + "\n";
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            for (int off = 0; off < bytes.length; off += MAX_CONTENT) {
                writeRecord(FCGI_STDOUT, req.id, bytes, off, Math.min(MAX_CONTENT, bytes.length - off));
            }
            writeRecord(FCGI_STDOUT, req.id, bytes, 0, 0); // end of the STDOUT stream
            endRequest(req.id, 0, FCGI_REQUEST_COMPLETE);
        }

        void endRequest(int id, int appStatus, int protocolStatus) throws IOException {
            byte[] body = {
                    (byte) (appStatus >>> 24), (byte) (appStatus >>> 16),
                    (byte) (appStatus >>> 8), (byte) appStatus,
                    (byte) protocolStatus, 0, 0, 0};
            writeRecord(FCGI_END_REQUEST, id, body);
        }

        void writeRecord(int type, int id, byte[] content) throws IOException {
            writeRecord(type, id, content, 0, content.length);
        }

        void writeRecord(int type, int id, byte[] content, int off, int len) throws IOException {
            // Padding to a multiple of 8 is optional; the spec recommends it for the reader's sake.
            int padding = -len & 7;
            byte[] header = {
                    FCGI_VERSION_1, (byte) type, (byte) (id >>> 8), (byte) id,
                    (byte) (len >>> 8), (byte) len, (byte) padding, 0};
            out.write(header);
            out.write(content, off, len);
            out.write(ZEROS, 0, padding);
        }

        /**
         * Closes after our last record without losing it: closing a socket with unread input
         * makes the kernel send a reset, which can discard the reply before the server reads
         * it. So send FIN first and drain what the server still sends, for a bounded time.
         */
        void lingerClose() {
            try (ch; Selector selector = Selector.open()) {
                ch.shutdownOutput();
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ);
                ByteBuffer sink = ByteBuffer.allocate(16384);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                while (true) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return;
                    }
                    if (selector.select(left) > 0) {
                        selector.selectedKeys().clear();
                        sink.clear();
                        if (ch.read(sink) < 0) {
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                // Already reset or closed by the peer: nothing left to protect.
            }
        }

        void closeQuietly() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Decodes FastCGI name-value pairs (each length 1 byte if below 128, else 4 bytes). */
    static Map<String, String> decodePairs(byte[] b) throws ProtocolException {
        Map<String, String> pairs = new LinkedHashMap<>();
        int[] pos = {0};
        while (pos[0] < b.length) {
            int nameLength = readLength(b, pos);
            int valueLength = readLength(b, pos);
            if ((long) nameLength + valueLength > b.length - pos[0]) {
                throw new ProtocolException("name-value pair runs past its record");
            }
            String name = new String(b, pos[0], nameLength, StandardCharsets.UTF_8);
            pos[0] += nameLength;
            String value = new String(b, pos[0], valueLength, StandardCharsets.UTF_8);
            pos[0] += valueLength;
            pairs.put(name, value);
        }
        return pairs;
    }

    static int readLength(byte[] b, int[] pos) throws ProtocolException {
        int p = pos[0];
        if (p >= b.length) {
            throw new ProtocolException("truncated name-value length");
        }
        if ((b[p] & 0x80) == 0) {
            pos[0] = p + 1;
            return b[p];
        }
        if (p + 4 > b.length) {
            throw new ProtocolException("truncated name-value length");
        }
        pos[0] = p + 4;
        return ((b[p] & 0x7F) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    static void encodePair(ByteArrayOutputStream out, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        writeLength(out, n.length);
        writeLength(out, v.length);
        out.writeBytes(n);
        out.writeBytes(v);
    }

    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else {
            out.write(0x80 | (length >>> 24));
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }
}
