package io.jsupervisor.config.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test helper for tests that need an outside tool (supervisord's Python, Nginx, jsvc...): outside CI
 * a missing tool skips the test with a message saying how to install it; in CI ({@code CI=true})
 * it fails the test, because CI must install everything the tests use.
 */
public final class RequiredTools {
    private RequiredTools() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, in CI, fails) the calling test unless {@code available}. */
    public static void require(boolean available, String tool, String install) {
        if (available) {
            return;
        }
        String message = tool + " is not available (" + install + ")";
        if (inCi()) {
            fail(message + "; CI must install it in .ci/run");
        }
        Assumptions.abort(message + "; skipped outside CI");
    }

    /** Whether {@code command} runs and exits 0 within 30 seconds. */
    public static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
