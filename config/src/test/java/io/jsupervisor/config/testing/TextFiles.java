package io.jsupervisor.config.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: reads a file that a daemon under test may not have written yet. */
public final class TextFiles {
    private TextFiles() {
    }

    /** The file's text, or "" when it is not there (yet, or any more: rotated, removed). */
    public static String readIfPresent(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException gone) {
            return "";
        }
    }
}
