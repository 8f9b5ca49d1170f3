package org.hearthmail.mailstore.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Mixin for {@code --data-dir}: the one directory that holds everything (database, message files, keys). */
public final class DataDirOption {
    public static final String DEFAULT = "/var/lib/hearthmail";

    @Option(names = "--data-dir", paramLabel = "DIR",
            defaultValue = "${env:HEARTHMAIL_DATA_DIR:-" + DEFAULT + "}",
            description = "Mailstore data directory (default: ${DEFAULT-VALUE}; env HEARTHMAIL_DATA_DIR).")
    private Path dataDir;

    public Path dataDir() {
        return dataDir;
    }
}
