package io.jsupervisor.service.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * supervisord's automatic child log files ({@code stdout_logfile=AUTO}): created empty in
 * {@code childlogdir} when a group is added, named {@code <process>-<channel>---<identifier>-<random>.log},
 * and deleted at the next start unless {@code nocleanup}.
 *
 * <p>Stateless apart from its random source; thread-safe.
 */
public final class ChildLogFiles {
    private static final String RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ChildLogFiles() {
    }

    /** Creates a new, empty AUTO log file for one channel of one process. */
    public static Path createAuto(Path childlogdir, String processName, String channel, String identifier)
            throws IOException {
        String prefix = processName + "-" + channel + "---" + identifier + "-";
        while (true) {
            StringBuilder name = new StringBuilder(prefix);
            for (int i = 0; i < 8; i++) {
                name.append(RANDOM_CHARS.charAt(RANDOM.nextInt(RANDOM_CHARS.length())));
            }
            Path file = childlogdir.resolve(name.append(".log").toString());
            try {
                return Files.createFile(file);
            } catch (FileAlreadyExistsException taken) {
                // another name then
            }
        }
    }

    /** Deletes AUTO log files (and their rotated copies) that an earlier run with this identifier left. */
    public static void clearOld(Path childlogdir, String identifier) throws IOException {
        Pattern auto = Pattern.compile(".+?---" + Pattern.quote(identifier) + "-\\S+\\.log\\.?\\d{0,4}");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(childlogdir)) {
            for (Path file : files) {
                if (auto.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
