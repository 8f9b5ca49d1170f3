package org.hearthmail.mailstore.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** APPENDs from several threads at once, as from several IMAP connections: they share commits. */
class ConcurrentAppendTest {
    @TempDir
    Path tmp;

    @Test
    void concurrentAppendsAreAllPresentAfterReopenWithBodiesAndParseResultsAtMostOneCommitEach() throws Exception {
        DataDirectory dir = new DataDirectory(tmp.resolve("data"));
        int threads = 6;
        int each = 20;
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        long inbox;
        long commits;
        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            s.addDomain("example.test");
            User u = s.addUser("a@example.test", null, 0);
            inbox = s.mailbox(u.id(), MailboxRole.INBOX).orElseThrow().id();
            long before = s.database().commits();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int tt = t;
                    fs.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            String text = "Subject: t" + tt + " m" + i + "\r\n\r\nbody " + tt + "/" + i + "\r\n";
                            MessageMeta m = s.append(inbox, Set.of("\\Flagged"), Instant.now(),
                                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                                    "(env " + tt + "/" + i + ")", "(structure)");
                            acknowledged.put(m.uid(), text);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            commits = s.database().commits() - before;
        }
        assertThat(acknowledged).hasSize(threads * each);
        // The parse results ride in the APPEND's transaction; APPENDs that wait for the writer share one.
        assertThat(commits).isBetween(1L, (long) threads * each);
        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            List<MessageMeta> msgs = s.messages(inbox);
            assertThat(msgs).extracting(MessageMeta::uid).containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
            for (MessageMeta m : msgs) {
                String text = acknowledged.get(m.uid());
                try (var in = s.openBody(m)) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
                }
                String which = text.substring(text.indexOf("body ") + 5, text.length() - 2);
                assertThat(m.envelope()).isEqualTo("(env " + which + ")");
                assertThat(m.bodyStructure()).isEqualTo("(structure)");
                assertThat(m.flags()).containsExactly("\\Flagged");
            }
            assertThat(s.blobStore().list()).isEqualTo(s.referencedBlobs());
        }
    }
}
