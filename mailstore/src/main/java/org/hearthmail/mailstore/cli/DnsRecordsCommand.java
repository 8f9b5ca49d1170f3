package org.hearthmail.mailstore.cli;

import java.util.concurrent.Callable;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.dnsrecords.DnsPlan;
import org.hearthmail.mailstore.dnsrecords.ZoneFileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstore dns records}: every record to publish, per hosted domain: MX for each relay,
 * A/AAAA of the relays, SPF naming their addresses, DKIM keys of every published selector, DMARC,
 * MTA-STS (record and policy file), TLS-RPT, RFC 6186 SRV records, and the PTR each relay needs.
 * Makes the first DKIM selector if there is none yet (and says so on stderr).
 */
@Command(name = "records", description = "Print every DNS record to publish, in zone-file form.")
final class DnsRecordsCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--json", description = "Print the records as a JSON array.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DnsPlan plan = DnsPlans.load(dataDir, true, Cli.err(spec));
        if (json) {
            Cli.printJson(spec, ZoneFileWriter.jsonRows(plan));
        } else {
            Cli.out(spec).print(ZoneFileWriter.zoneFile(plan));
            Cli.out(spec).flush();
        }
        return ExitCodes.OK;
    }
}
