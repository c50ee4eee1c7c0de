package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import io.jsupervisor.config.host.HostEnvironment;
import org.junit.jupiter.api.Test;

/** The host facts come from the system itself. */
class HostEnvironmentTest {

    @Test
    void hostNodeNameIsTheWholeHostName() throws Exception {
        Process uname = new ProcessBuilder("uname", "-n").start();
        String expected = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        uname.waitFor();
        // Files.readString would return only the first byte of /proc/sys/kernel/hostname.
        assertEquals(expected, HostEnvironment.current().hostNodeName());
    }
}
