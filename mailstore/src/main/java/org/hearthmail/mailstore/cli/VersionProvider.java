package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.ProjectVersion;

/** {@code mailstore --version}. */
public final class VersionProvider extends ProjectVersion {
    public VersionProvider() {
        super("mailstore");
    }
}
