package org.hearthmail.mailstore.store.sqlite;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;

/**
 * Child process of {@link TwoProcessWriteTest}, standing in for {@code mailstore run}: opens the
 * store (with the start-up sweep), prints {@code ready}, then delivers to server@example.test until
 * the file {@code stop} appears in the data directory, and prints {@code delivered <n>}. Bounded:
 * at most 5000 messages, one every 2 ms or slower, or 60 seconds.
 */
public final class ConcurrentWriterChild {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Path data = Path.of(args[0]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        int n = 0;
        try (SqliteMailStore s = SqliteMailStore.open(new DataDirectory(data), StoreOptions.defaults())) {
            out.println("ready");
            out.flush();
            while (n < 5000 && System.nanoTime() < deadline && !Files.exists(data.resolve("stop"))) {
                byte[] body = ("Subject: " + n + "\r\n\r\nbody " + n + "\r\n").getBytes(StandardCharsets.UTF_8);
                s.deliver(List.of("server@example.test"), new ByteArrayInputStream(body));
                n++;
                Thread.sleep(2); // paced like a busy MX, so the run overlaps the parent's writes
            }
        }
        out.println("delivered " + n);
        out.flush();
    }
}
