package org.hearthmail.mailstore.cli;

import picocli.CommandLine.Command;

/** {@code mailstore relay}: a group; without a subcommand picocli reports a usage error (exit 2). */
@Command(name = "relay",
        description = "Provision and manage edge relays.",
        subcommands = RelayBundleCommand.class)
final class RelayCommand {
}
