package org.hearthmail.relay.outbound;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hearthmail.relay.queue.QueueStore;

/**
 * A separate JVM for the crash test: recovers the queue, starts the outbound listener on loopback,
 * writes its port to a file and runs until killed.
 */
public final class OutboundChildMain {
    private OutboundChildMain() {
    }

    public static void main(String[] args) throws Exception {
        QueueStore queue = QueueStore.open(Path.of(args[0]));
        queue.recover();
        OutboundListener l = OutboundFixture.listener(queue, null);
        InetSocketAddress a = l.start();
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, Integer.toString(a.getPort()));
        Files.move(tmp, Path.of(args[1]));
        Thread.sleep(120_000); // the test kills us long before; bounded in case it does not
        System.exit(3);
    }
}
