package org.hearthmail.relay.cli;

import org.hearthmail.cli.ProjectVersion;

/** {@code edge-relay --version}. */
public final class VersionProvider extends ProjectVersion {
    public VersionProvider() {
        super("edge-relay");
    }
}
