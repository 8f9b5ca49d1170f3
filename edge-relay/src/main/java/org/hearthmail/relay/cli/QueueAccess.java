package org.hearthmail.relay.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hearthmail.relay.queue.QueueStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Mixin of the queue subcommands: the data directory, {@code --json}, and opening the queue beside a running relay. */
public final class QueueAccess {
    /** The outbound queue's directory inside the relay's data directory. */
    public static final String QUEUE_DIR = org.hearthmail.relay.outbound.OutboundService.QUEUE_DIR;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Opens the existing queue; never creates one (a wrong --data-dir is an error, not an empty queue). */
    QueueStore open() {
        Path dir = dataDir.dataDir().resolve(QUEUE_DIR);
        if (!Files.isDirectory(dir.resolve("meta"))) {
            throw new IllegalStateException("no outbound queue at " + dir + " (check --data-dir)");
        }
        return QueueStore.open(dir);
    }

    java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
