package io.jsupervisor.service.ctl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Lines from a terminal, through JLine, with what supervisorctl gets from readline: line editing,
 * a history kept in memory and, when configured, in {@code history_file} (plain lines, as readline
 * writes them), and Tab completion. Lines are taken as typed: no quoting, escapes or {@code !}
 * history expansion.
 *
 * <p>Ctrl-C while a line is read ends the read with {@link InterruptedByUser}; at other times the
 * terminal hands it to {@link Interrupts}. Used by one thread at a time.
 */
final class TerminalInput implements LineInput {
    private final Terminal terminal;
    private final LineReader reader;
    private final boolean keepsHistory;

    /**
     * @param completion  what Tab offers, or empty for none (outside the shell)
     * @param historyFile where the history is kept between runs, if anywhere
     */
    TerminalInput(Interrupts interrupts, Optional<Completion> completion, Optional<Path> historyFile)
            throws IOException {
        terminal = TerminalBuilder.builder().system(true).build();
        terminal.handle(Terminal.Signal.INT, signal -> interrupts.fire());
        interrupts.deliveredByTerminal();
        DefaultParser parser = new DefaultParser();
        parser.setQuoteChars(new char[0]);
        parser.setEscapeChars(new char[0]);
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).parser(parser)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_TIMESTAMPED, false);
        completion.ifPresent(c -> builder.completer((lineReader, line, candidates) -> {
            String word = line.word().substring(0, line.wordCursor());
            for (String candidate : c.candidates(line.line(), word)) {
                candidates.add(new Candidate(candidate, candidate, null, null, null, null, true));
            }
        }));
        historyFile.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        keepsHistory = historyFile.isPresent();
        reader = builder.build();
    }

    @Override
    public String readLine(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            throw new InterruptedByUser();
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public String readSecret(String prompt) {
        try {
            return reader.readLine(prompt, '\0');
        } catch (UserInterruptException e) {
            throw new InterruptedByUser();
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (keepsHistory) {
            try {
                reader.getHistory().save();
            } catch (IOException unwritable) {
                // supervisorctl ignores a history file it cannot write
            }
        }
        try {
            terminal.close();
        } catch (IOException ignored) {
            // the terminal's settings are restored on a best-effort basis, as readline does
        }
    }
}
