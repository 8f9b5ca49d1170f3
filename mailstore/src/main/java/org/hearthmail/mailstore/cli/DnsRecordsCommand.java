package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailstore dns records}. */
@Command(name = "records", description = "Print every DNS record to publish, in zone-file form.")
final class DnsRecordsCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("mailstore dns records (DNS records to publish)");
    }
}
