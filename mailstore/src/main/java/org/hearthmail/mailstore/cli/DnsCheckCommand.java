package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mailstore dns check}. */
@Command(name = "check", description = "Look up the published records and report what is missing or wrong.")
final class DnsCheckCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("mailstore dns check (checking published DNS records)");
    }
}
