package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.NotImplementedException;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mailstore relay bundle --endpoint HOST:PORT > relay.bundle}. */
@Command(name = "bundle",
        description = "Write to stdout the bundle that 'edge-relay init --bundle' reads: the relay's "
                + "WireGuard keys, this mailstore's public keys and the domains. Treat it as a secret.")
final class RelayBundleCommand implements Callable<Integer> {

    @Option(names = "--endpoint", paramLabel = "HOST:PORT", required = true, converter = Endpoint.Converter.class,
            description = "The relay's public WireGuard endpoint, e.g. 203.0.113.10:51820.")
    Endpoint endpoint;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        throw new NotImplementedException("mailstore relay bundle (relay provisioning bundle)");
    }
}
