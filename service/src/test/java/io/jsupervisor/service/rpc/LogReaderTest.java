package io.jsupervisor.service.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** supervisord's offset rules for reading and tailing logs, on the cases observed against supervisord 4.2.5. */
class LogReaderTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void alphabetThrice() throws IOException {
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        file = Files.writeString(dir.resolve("log"), abc + abc + abc);
    }

    @Test
    void tailAnswersTheLastBytesWhateverTheOffset() {
        assertEquals(List.of("QRSTUVWXYZ", 78, true), LogReader.tail(file, 0, 10));
        assertEquals(List.of("QRSTUVWXYZ", 78, false), LogReader.tail(file, 70, 10));
        assertEquals(List.of("", 78, false), LogReader.tail(file, 78, 10));
        assertEquals(List.of("YZ", 78, true), LogReader.tail(file, 75, 2));
        assertEquals(List.of("", 78, true), LogReader.tail(file, 5, 0));
    }

    @Test
    void tailOfAMissingFileKeepsTheOffset() {
        assertEquals(List.of("", 7, false), LogReader.tail(dir.resolve("gone"), 7, 10));
    }

    @Test
    void readFollowsOffsetAndLength() throws RpcError {
        assertEquals("ABCDE", LogReader.read(file, 0, 5));
        assertEquals("XYZ", LogReader.read(file, 75, 0));
        assertEquals("WXYZ", LogReader.read(file, -4, 0));
        assertEquals(78, LogReader.read(file, -1000, 0).length());
        assertEquals("", LogReader.read(file, 200, 5));
    }

    @Test
    void readRejectsWhatSupervisordRejects() {
        assertEquals(Fault.BAD_ARGUMENTS, assertThrows(RpcError.class, () -> LogReader.read(file, -4, 2)).fault());
        assertEquals(Fault.BAD_ARGUMENTS, assertThrows(RpcError.class, () -> LogReader.read(file, 0, -2)).fault());
        assertEquals(Fault.FAILED, assertThrows(RpcError.class, () -> LogReader.read(dir, 0, 0)).fault());
    }
}
