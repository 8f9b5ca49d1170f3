package org.hearthmail.mailstore.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a delivering (or concurrently appending) JVM with SIGKILL and checks that every write it reported as committed
 * survived exactly once, the database is sound, and no orphan files remain after reopening.
 */
class CrashRecoveryTest {
    private static final Pattern COMMITTED = Pattern.compile("committed (\\d+) (\\d+)");
    private static final int KILL_AFTER = 30;

    @TempDir
    Path tmp;

    @Test
    void everyCommittedDeliverySurvivesSigkillExactlyOnceAndNothingIsOrphaned() throws Exception {
        Path data = tmp.resolve("data");
        Map<Integer, Long> committed = runAndKill(CrashDeliveryChild.class, data);

        DataDirectory dir = new DataDirectory(data);
        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            assertThat(s.integrityCheck()).containsExactly("ok");
            for (String who : List.of("crash@example.test", "other@example.test")) {
                User u = s.user(who).orElseThrow();
                List<MessageMeta> msgs = s.messages(s.mailbox(u.id(), MailboxRole.INBOX).orElseThrow().id());
                Map<Integer, Integer> copies = new HashMap<>();
                for (MessageMeta m : msgs) {
                    copies.merge(seqOf(s, m), 1, Integer::sum);
                }
                assertThat(copies.values()).as("no delivery stored twice").allMatch(n -> n == 1);
                assertThat(copies.keySet()).containsAll(committed.keySet());
                // at most the one delivery in flight at the kill committed without being reported
                assertThat(msgs.size()).isBetween(committed.size(), committed.size() + 1);
                assertThat(msgs).extracting(MessageMeta::uid).isSorted().doesNotHaveDuplicates();
            }
            User crash = s.user("crash@example.test").orElseThrow();
            long inbox = s.mailbox(crash.id(), MailboxRole.INBOX).orElseThrow().id();
            committed.forEach((seq, uid) -> assertThat(s.message(inbox, uid)).isPresent());
            assertThat(s.blobStore().list()).isEqualTo(s.referencedBlobs());
            try (Stream<Path> t = Files.list(dir.tmp())) {
                assertThat(t.toList()).isEmpty();
            }
        }
    }

    /**
     * Concurrent APPENDs share commits (group commit): every one acknowledged before the kill is
     * there after reopening, with its body and its parse results, none twice, nothing orphaned.
     */
    @Test
    void everyAcknowledgedConcurrentAppendSurvivesSigkillWithItsParseResults() throws Exception {
        Path data = tmp.resolve("data");
        Map<Integer, Long> committed = runAndKill(ConcurrentAppendChild.class, data);

        DataDirectory dir = new DataDirectory(data);
        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            assertThat(s.integrityCheck()).containsExactly("ok");
            User u = s.user("append@example.test").orElseThrow();
            long inbox = s.mailbox(u.id(), MailboxRole.INBOX).orElseThrow().id();
            List<MessageMeta> msgs = s.messages(inbox);
            Map<Integer, Long> stored = new HashMap<>();
            for (MessageMeta m : msgs) {
                assertThat(stored.put(seqOf(s, m), m.uid())).as("no APPEND stored twice").isNull();
                assertThat(m.envelope()).as("parse results of UID %d", m.uid()).isEqualTo(ConcurrentAppendChild.envelope(seqOf(s, m)));
                assertThat(m.bodyStructure()).isEqualTo(ConcurrentAppendChild.STRUCTURE);
            }
            assertThat(stored).containsAllEntriesOf(committed);
            // at most one APPEND per thread was in flight at the kill
            assertThat(msgs.size()).isBetween(committed.size(), committed.size() + ConcurrentAppendChild.THREADS);
            assertThat(s.quota(u.id()).usedBytes()).isEqualTo(msgs.stream().mapToLong(MessageMeta::size).sum());
            assertThat(s.blobStore().list()).isEqualTo(s.referencedBlobs());
            try (Stream<Path> t = Files.list(dir.tmp())) {
                assertThat(t.toList()).isEmpty();
            }
        }
    }

    /** Starts {@code child} on {@code data}, SIGKILLs it once it reported {@link #KILL_AFTER} commits. */
    private Map<Integer, Long> runAndKill(Class<?> child, Path data) throws Exception {
        Path childOut = tmp.resolve(child.getSimpleName() + ".out");
        Path childErr = tmp.resolve(child.getSimpleName() + ".err");
        // stdout goes to a file: Process.destroyForcibly() closes the pipes, a file keeps every flushed line.
        Process p = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                child.getName(), data.toString())
                .redirectOutput(childOut.toFile())
                .redirectError(childErr.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (committed(childOut).size() < KILL_AFTER && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(10);
            }
            // Linux: destroyForcibly() sends SIGKILL; the child is in the middle of its next write.
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        Map<Integer, Long> committed = committed(childOut);
        assertThat(committed).as("child stderr: %s", Files.exists(childErr) ? Files.readString(childErr) : "")
                .hasSizeGreaterThanOrEqualTo(KILL_AFTER);
        return committed;
    }

    /** Complete lines only: a line cut by the kill has no newline yet and was not reported. */
    private static Map<Integer, Long> committed(Path out) throws IOException {
        Map<Integer, Long> m = new HashMap<>();
        if (!Files.exists(out)) {
            return m;
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        for (String line : (end < 0 ? "" : text.substring(0, end)).split("\n")) {
            Matcher x = COMMITTED.matcher(line.strip());
            if (x.matches()) {
                m.put(Integer.parseInt(x.group(1)), Long.parseLong(x.group(2)));
            }
        }
        return m;
    }

    private static int seqOf(SqliteMailStore s, MessageMeta m) {
        try (InputStream in = s.openBody(m)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher x = Pattern.compile("\r\nseq=(\\d+)\r\n").matcher(text);
            assertThat(x.find()).as("body of UID %d is complete", m.uid()).isTrue();
            return Integer.parseInt(x.group(1));
        } catch (IOException e) {
            throw new AssertionError("body of UID " + m.uid() + " unreadable: " + e.getMessage(), e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
