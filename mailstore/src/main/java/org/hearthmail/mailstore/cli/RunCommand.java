package org.hearthmail.mailstore.cli;

import java.util.concurrent.Callable;
import org.hearthmail.service.Foreground;
import org.hearthmail.mailstore.service.MailstoreService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailstore run}: the mailstore's listeners, in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "run", description = "Run the mailstore in the foreground until stopped (SIGTERM, Ctrl-C): brings the "
        + "WireGuard tunnel to the relays up when [tunnel] is set (home dials out), then serves the SMTP intake, "
        + "submission and IMAP; writes run/status.json for 'mailstore status'.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return Foreground.startAndRun("mailstore", MailstoreService.open(dataDir.dataDir()), spec.commandLine().getErr());
    }
}
