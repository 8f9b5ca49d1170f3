package org.hearthmail.relay.cli;

import java.util.concurrent.Callable;
import org.hearthmail.service.Foreground;
import org.hearthmail.relay.service.RelayService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code edge-relay run}: the long-running relay process (what the systemd unit starts). */
@Command(name = "run",
        description = "Run the relay in the foreground until stopped (SIGTERM, Ctrl-C): brings the WireGuard tunnel "
                + "up when [tunnel] is set, serves the MX (port 25, STARTTLS) behind the connection gate, passes mail "
                + "through live to the mailstore or spools it sealed while the tunnel is down, forwards the client ports "
                + "([passthrough] routes) and takes outbound mail into the delivery queue; writes run/status.json for "
                + "'edge-relay status'.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return Foreground.startAndRun("edge-relay", RelayService.open(dataDir.dataDir()), spec.commandLine().getErr());
    }
}
