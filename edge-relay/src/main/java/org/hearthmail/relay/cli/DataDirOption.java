package org.hearthmail.relay.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Mixin for {@code --data-dir}: where the relay keeps its keys, spool, queue and recipient cache. */
public final class DataDirOption {
    public static final String DEFAULT = "/var/lib/hearthmail-relay";

    @Option(names = "--data-dir", paramLabel = "DIR",
            defaultValue = "${env:HEARTHMAIL_RELAY_DATA_DIR:-" + DEFAULT + "}",
            description = "Relay data directory (default: ${DEFAULT-VALUE}; env HEARTHMAIL_RELAY_DATA_DIR).")
    private Path dataDir;

    public Path dataDir() {
        return dataDir;
    }
}
