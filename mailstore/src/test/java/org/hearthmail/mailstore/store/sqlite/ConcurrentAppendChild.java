package org.hearthmail.mailstore.store.sqlite;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;

/**
 * Child process of {@link CrashRecoveryTest}: {@link #THREADS} threads APPEND numbered messages (with
 * parse results) into one mailbox at once, so their commits are grouped, and print
 * {@code committed <seq> <uid>} after each append() returned. Bounded: each thread stops after 500
 * messages or 60 seconds, whichever first (the parent kills it long before).
 */
public final class ConcurrentAppendChild {
    static final int THREADS = 4;
    static final String STRUCTURE = "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 4000 1)";

    static String envelope(int seq) {
        return "(NIL \"" + seq + "\" NIL NIL NIL NIL NIL NIL NIL NIL)";
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (SqliteMailStore s = SqliteMailStore.open(new DataDirectory(Path.of(args[0])), StoreOptions.defaults())) {
            s.addDomain("example.test");
            User u = s.addUser("append@example.test", null, 0);
            long inbox = s.mailbox(u.id(), MailboxRole.INBOX).orElseThrow().id();
            String padding = "x".repeat(4000);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * 100_000;
                Thread th = new Thread(() -> {
                    for (int seq = first; seq < first + 500 && System.nanoTime() < deadline; seq++) {
                        byte[] body = ("Subject: " + seq + "\r\n\r\nseq=" + seq + "\r\n" + padding + "\r\n")
                                .getBytes(StandardCharsets.UTF_8);
                        try {
                            MessageMeta m = s.append(inbox, Set.of("\\Seen"), Instant.now(), new ByteArrayInputStream(body),
                                    envelope(seq), STRUCTURE);
                            synchronized (out) {
                                out.println("committed " + seq + " " + m.uid());
                                out.flush();
                            }
                        } catch (Exception e) {
                            e.printStackTrace();
                            return;
                        }
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join(120_000);
            }
        }
    }
}
