package org.hearthmail.log;

import java.io.IOException;
import java.nio.file.Path;
import org.hearthmail.config.InvalidConfigException;

/** Where each program's log files go: {@value #NAME}/ in its data directory. */
public final class LogDirectory {
    public static final String NAME = "logs";

    private LogDirectory() {
    }

    /**
     * {@link LogFiles#install} into {@code dataDir/logs}, for a service's start.
     *
     * @throws InvalidConfigException when the directory cannot be made
     */
    public static LogFiles install(Path dataDir, String program, int retentionDays, AddressLogging addresses) {
        Path dir = dataDir.resolve(NAME);
        try {
            return LogFiles.install(dir, program, retentionDays, addresses);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot write log files in " + dir + ": " + e.getMessage(), e);
        }
    }
}
