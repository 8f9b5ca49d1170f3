package org.hearthmail.mailstore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Small helpers the subcommands share: their terminal, stdout, and {@code --json} output. */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Cli() {
    }

    static Terminal terminal(CommandSpec spec) {
        return ((MailstoreCommand) spec.root().userObject()).terminal();
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static PrintWriter err(CommandSpec spec) {
        return spec.commandLine().getErr();
    }

    /** Prints {@code rows} as a JSON array (keys in insertion order) and a newline. */
    static void printJson(CommandSpec spec, List<? extends Map<String, ?>> rows) {
        try {
            out(spec).println(JSON.writeValueAsString(rows));
            out(spec).flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
