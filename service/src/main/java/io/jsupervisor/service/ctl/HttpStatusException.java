package io.jsupervisor.service.ctl;

import java.io.IOException;

/**
 * supervisord answered an XML-RPC call with an HTTP status other than 200 (401 when the username or
 * password is missing or wrong): Python's {@code xmlrpc.client.ProtocolError}, whose text it shares.
 */
final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpStatusException(int status, String reason) {
        // supervisorctl's proxy always names 127.0.0.1, whatever the server URL.
        super("<ProtocolError for 127.0.0.1/RPC2: " + status + " " + reason + ">");
        this.status = status;
    }

    int status() {
        return status;
    }
}
