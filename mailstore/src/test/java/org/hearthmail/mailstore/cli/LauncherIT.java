package org.hearthmail.mailstore.cli;

import org.hearthmail.testsupport.LauncherContract;

/** Runs bin/mailstore as a real process against the jar and lib/ built in the package phase. */
class LauncherIT extends LauncherContract {
    LauncherIT() {
        super("mailstore");
    }
}
