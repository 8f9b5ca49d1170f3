package org.hearthmail.relay.cli;

import org.hearthmail.cli.ErrorHandler;
import org.hearthmail.cli.LogLevel;
import org.hearthmail.cli.CompletionCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code edge-relay}: the program on the public VPS. It takes mail for the domain on port 25,
 * passes client ports through the WireGuard tunnel to the mailstore, and delivers outbound mail.
 */
@Command(name = "edge-relay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        description = "Hearthmail edge relay: public MX and client-port pass-through on the VPS, "
                + "joined to the mailstore at home by a WireGuard tunnel.",
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
            QueueCommand.class,
            CompletionCommand.class
        })
public final class EdgeRelayCommand {

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "Log level: ${COMPLETION-CANDIDATES} (default: INFO, from logback.xml).")
    void logLevel(LogLevel level) {
        level.apply();
    }

    /** A fully configured command line: exit codes, error handling and case-insensitive enum values. */
    public static CommandLine commandLine() {
        return new CommandLine(new EdgeRelayCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorHandler());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
