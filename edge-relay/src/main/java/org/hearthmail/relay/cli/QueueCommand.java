package org.hearthmail.relay.cli;

import picocli.CommandLine.Command;

/** {@code edge-relay queue}: a group; without a subcommand picocli reports a usage error (exit 2). */
@Command(name = "queue",
        description = "Inspect and act on the outbound delivery queue and the inbound spool.",
        subcommands = {QueueListCommand.class, QueueShowCommand.class, QueueRetryCommand.class, QueueHoldCommand.class,
            QueueReleaseCommand.class, QueueDeleteCommand.class, QueueFlushCommand.class})
final class QueueCommand {
}
