package org.hearthmail.mailstore.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the commands need from the process's terminal: standard input (for {@code --password-stdin}),
 * the console for no-echo password prompts, and whether stderr is a terminal (progress bars).
 * Tests pass their own; {@link #system()} is the real one.
 */
public record Terminal(InputStream stdin, Optional<Console> console, boolean stderrIsTerminal) {

    public static Terminal system() {
        return new Terminal(System.in, Optional.ofNullable(System.console()), stderrIsTty());
    }

    /** Linux: fd 2 is a terminal when it links to a pseudo-terminal or tty device. */
    private static boolean stderrIsTty() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false; // not Linux, or no /proc: fall back to plain lines, which always work
        }
    }
}
