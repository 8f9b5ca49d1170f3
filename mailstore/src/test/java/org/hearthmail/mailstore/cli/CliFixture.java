package org.hearthmail.mailstore.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the real command line in-process against a data directory, with stdin given as text. */
final class CliFixture {
    record Result(int exit, String out, String err) {
    }

    final Path dataDir;

    CliFixture(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Runs {@code args} plus {@code --data-dir}, with no stdin and no console. */
    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        return raw(new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Optional.empty(), false),
                all.toArray(String[]::new));
    }

    static Result raw(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = MailstoreCommand.commandLine(terminal);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
