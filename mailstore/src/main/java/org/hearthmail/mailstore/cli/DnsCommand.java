package org.hearthmail.mailstore.cli;

import picocli.CommandLine.Command;

/** {@code mailstore dns}: a group; without a subcommand picocli reports a usage error (exit 2). */
@Command(name = "dns",
        description = "DNS records the installation needs (MX, SPF, DKIM, DMARC, MTA-STS, TLSRPT).",
        subcommands = {DnsRecordsCommand.class, DnsCheckCommand.class})
final class DnsCommand {
}
