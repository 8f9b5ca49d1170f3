package org.hearthmail.relay.cli;

import org.hearthmail.testsupport.LauncherContract;

/** Runs bin/edge-relay as a real process against the jar and lib/ built in the package phase. */
class LauncherIT extends LauncherContract {
    LauncherIT() {
        super("edge-relay");
    }
}
