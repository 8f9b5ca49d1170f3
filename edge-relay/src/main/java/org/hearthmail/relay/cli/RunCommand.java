package org.hearthmail.relay.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hearthmail.relay.service.RelayService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code edge-relay run}: the long-running relay process (what the systemd unit starts). */
@Command(name = "run",
        description = "Run the relay in the foreground until stopped (SIGTERM, Ctrl-C). Today it serves the MX "
                + "(port 25, STARTTLS) and passes mail through live to the mailstore; the spool, client-port "
                + "pass-through and the outbound queue are being built.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RelayService service = RelayService.open(dataDir.dataDir());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "shutdown"));
        service.start();
        for (RelayService.Listener l : service.listeners()) {
            spec.commandLine().getErr().println("edge-relay: " + l.name() + " on "
                    + l.address().getAddress().getHostAddress() + ":" + l.address().getPort());
        }
        spec.commandLine().getErr().flush();
        stopped.await();
        return 0;
    }
}
