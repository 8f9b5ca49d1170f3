package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.ErrorHandler;
import org.hearthmail.cli.LogLevel;
import org.hearthmail.cli.CompletionCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mailstore}: the program at home. It holds mailboxes, accounts and keys, serves IMAP and
 * submission, takes mail from the relay through the tunnel and provisions relays.
 */
@Command(name = "mailstore",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        description = "Hearthmail mailstore: mailboxes, accounts, IMAP and submission at home, "
                + "reached only through the WireGuard tunnel from the edge relay.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:runtime failure",
            "2:usage error (the message names the flag at fault)",
            "3:not implemented yet; for status: not running (or its status file is stale)"
        },
        subcommands = {
            InitCommand.class,
            RunCommand.class,
            StatusCommand.class,
            RelayCommand.class,
            DnsCommand.class,
            DkimCommand.class,
            DomainCommand.class,
            UserCommand.class,
            AliasCommand.class,
            AppPasswordCommand.class,
            BackupCommand.class,
            CompletionCommand.class
        })
public final class MailstoreCommand {

    private final Terminal terminal;

    MailstoreCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    Terminal terminal() {
        return terminal;
    }

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "Log level: ${COMPLETION-CANDIDATES} (default: INFO, from logback.xml).")
    void logLevel(LogLevel level) {
        level.apply();
    }

    /** A fully configured command line: exit codes, error handling and case-insensitive enum values. */
    public static CommandLine commandLine() {
        return commandLine(Terminal.system());
    }

    /** Like {@link #commandLine()} with a given terminal (stdin, console, stderr kind), for tests. */
    public static CommandLine commandLine(Terminal terminal) {
        return new CommandLine(new MailstoreCommand(terminal))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorHandler());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
