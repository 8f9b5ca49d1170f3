package org.hearthmail.mailstore.store.sqlite;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.DeliveryResult;
import org.hearthmail.mailstore.store.StoreOptions;

/**
 * Child process of {@link CrashRecoveryTest}: delivers numbered messages in a loop and prints
 * {@code committed <seq> <uid>} after each deliver() returned. Bounded: stops after 2000
 * messages or 60 seconds, whichever first (the parent kills it long before).
 */
public final class CrashDeliveryChild {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (SqliteMailStore s = SqliteMailStore.open(new DataDirectory(Path.of(args[0])), StoreOptions.defaults())) {
            s.addDomain("example.test");
            s.addUser("crash@example.test", null, 0);
            s.addUser("other@example.test", null, 0);
            out.println("ready");
            out.flush();
            String padding = "x".repeat(4000);
            for (int seq = 0; seq < 2000 && System.nanoTime() < deadline; seq++) {
                byte[] body = ("Subject: " + seq + "\r\n\r\nseq=" + seq + "\r\n" + padding + "\r\n")
                        .getBytes(StandardCharsets.UTF_8);
                DeliveryResult r = s.deliver(List.of("crash@example.test", "other@example.test"),
                        new ByteArrayInputStream(body));
                out.println("committed " + seq + " " + r.delivered().get(0).uid());
                out.flush();
            }
        }
    }
}
