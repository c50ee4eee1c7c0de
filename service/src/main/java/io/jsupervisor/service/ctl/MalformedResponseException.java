package io.jsupervisor.service.ctl;

import java.io.IOException;

/** supervisord's answer to an XML-RPC call was not a readable XML-RPC response. */
final class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }
}
