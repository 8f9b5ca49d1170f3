package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;

/**
 * What a two-way sync client (mbsync, OfflineIMAP) must get right against our IMAP server over
 * implicit TLS and the SQLite store, into a local maildir {@code DIR/mail/INBOX}: pull everything;
 * then changes on both sides meet (a local read flag, deletion and new draft; a server delivery and
 * a flag set by another client); then a run with nothing to do changes nothing.
 */
final class TwoWaySyncScenario {

    /** Writes the sync client's configuration for the server; returns the file. */
    interface Configure {
        Path configure(ImapTestServer server) throws Exception;
    }

    /** Runs one sync with that configuration. */
    interface Sync {
        void sync(Path config) throws Exception;
    }

    private TwoWaySyncScenario() {
    }

    static void run(Path dir, int messages, String clientName, Configure configure, Sync sync) throws Exception {
        SqliteMailStore store = SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults());
        try (ImapTestServer server = ImapTestServer.tls(store, true)) {
            long inbox = store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
            for (int i = 1; i <= messages; i++) {
                server.deliver("From: sender" + i + "@example.test\r\nTo: alice@example.test\r\nSubject: message "
                        + i + "\r\nMessage-ID: <" + i + "@example.test>\r\n\r\nBody of message " + i + ".\r\n");
            }
            Files.createDirectories(dir.resolve("mail"));
            Path config = configure.configure(server);
            Path maildir = dir.resolve("mail/INBOX");

            long start = System.nanoTime();
            sync.sync(config);
            System.out.printf("%s pulled %d messages in %d ms%n", clientName, messages,
                    (System.nanoTime() - start) / 1_000_000);
            List<Path> files = mailFiles(maildir);
            assertThat(files).hasSize(messages);

            // Local side: mark one read, delete one, add one.
            Path first = find(files, "Subject: message 1\r\n");
            Files.move(first, maildir.resolve("cur").resolve(first.getFileName().toString().replaceAll(":2,.*$", "") + ":2,S"));
            Files.delete(find(files, "Subject: message 2\r\n"));
            Files.writeString(maildir.resolve("new/1700000000.P1.local.test"),
                    "From: alice@example.test\r\nSubject: written offline\r\nMessage-ID: <offline@example.test>\r\n\r\n"
                    + "Draft text.\r\n");
            // Server side: a new delivery and a flag set by another client.
            server.deliver("Subject: fresh\r\nMessage-ID: <fresh@example.test>\r\n\r\nNew mail.\r\n");
            store.setFlags(inbox, 3, Set.of(Flags.FLAGGED));

            sync.sync(config);
            List<MessageMeta> remote = store.messages(inbox);
            assertThat(remote).hasSize(messages + 1);
            assertThat(store.message(inbox, 1).orElseThrow().flags()).contains(Flags.SEEN);
            assertThat(store.message(inbox, 2)).as("deleted locally, expunged on the server").isEmpty();
            assertThat(remote).anySatisfy(m -> assertThat(body(store, m)).contains("Subject: written offline"));
            List<Path> local = mailFiles(maildir);
            assertThat(local).hasSize(messages + 1);
            assertThat(find(local, "Subject: fresh\r\n")).isNotNull();
            assertThat(find(local, "Subject: message 3\r\n").getFileName().toString()).endsWith(",F");

            // Nothing changed: another run changes nothing on either side.
            sync.sync(config);
            assertThat(store.messages(inbox)).hasSize(messages + 1);
            assertThat(mailFiles(maildir)).hasSize(messages + 1);
        }
    }

    static List<Path> mailFiles(Path maildir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path d = maildir.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.forEach(out::add);
                }
            }
        }
        return out;
    }

    static Path find(List<Path> files, String text) throws IOException {
        for (Path p : files) {
            // Sync clients may keep maildir files with LF line ends.
            if (Files.exists(p) && Files.readString(p, StandardCharsets.ISO_8859_1).replace("\r\n", "\n")
                    .contains(text.replace("\r\n", "\n"))) {
                return p;
            }
        }
        throw new AssertionError("no file contains " + text.strip());
    }

    static String body(SqliteMailStore store, MessageMeta m) {
        try (var in = store.openBody(m)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
