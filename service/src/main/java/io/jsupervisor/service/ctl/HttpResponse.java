package io.jsupervisor.service.ctl;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status line and headers of an HTTP response; header names are lower-cased.
 *
 * <p>Immutable value.
 */
record HttpResponse(String version, int status, String reason, Map<String, String> headers) {

    HttpResponse {
        headers = Map.copyOf(headers);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    boolean chunked() {
        return header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
    }

    /** Whether the server leaves the connection open for another request. */
    boolean keepAlive() {
        String connection = header("connection").orElse("").toLowerCase(Locale.ROOT);
        if (connection.contains("close")) {
            return false;
        }
        boolean framed = chunked() || header("content-length").isPresent();
        return framed && (version.equals("HTTP/1.1") || connection.contains("keep-alive"));
    }
}
