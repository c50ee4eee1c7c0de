package io.jsupervisor.service.ctl;

import java.io.IOException;

/**
 * The interactive shell: shows {@code status}, then reads and runs one command per line after the
 * prompt until {@code quit}, {@code exit} or the end of input. Ctrl-C ends it too, after a newline,
 * whether at the prompt or while a command runs (except while a log is being followed, where it only
 * stops following). The history is saved on the way out.
 *
 * <p>Runs on the thread that calls {@link #run()}.
 */
final class Shell {
    private final Controller ctl;
    private final String prompt;

    Shell(Controller ctl, String prompt) {
        this.ctl = ctl;
        this.prompt = prompt;
    }

    /** Runs until the shell ends; supervisorctl's shell always exits with status 0. */
    int run() {
        ctl.interrupts().push(() -> {
            ctl.output().line("");
            ctl.closeInput();
            System.exit(ExitStatus.SUCCESS);
        });
        try {
            boolean done = ctl.execute("status");
            while (!done) {
                String line = ctl.input().readLine(prompt);
                done = ctl.execute(line == null ? "EOF" : line);
            }
        } catch (InterruptedByUser e) {
            ctl.output().line("");
        } catch (IOException e) {
            ctl.output().line(PythonErrors.errorLine(e));
        } finally {
            ctl.closeInput();
            ctl.interrupts().pop();
        }
        return ExitStatus.SUCCESS;
    }
}
