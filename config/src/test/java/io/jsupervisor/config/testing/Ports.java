package io.jsupervisor.config.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** Test helper: TCP ports for servers a test starts, so that tests running side by side never share one. */
public final class Ports {
    private Ports() {
    }

    /** A TCP port nothing listens on right now (the kernel's pick of an ephemeral port). */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
