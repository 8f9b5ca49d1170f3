package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-way sync of the INBOX with mbsync (Debian package isync) over implicit TLS, against the
 * SQLite store: pull everything, then changes on both sides meet, then a sync with nothing to do.
 */
class MbsyncTest {
    /** The issue asks for 1,000; this many sync in well under 30 s here. */
    static final int MESSAGES = 1000;
    static final Path MBSYNC = Path.of("/usr/bin/mbsync");

    @TempDir
    Path dir;

    @Test
    void twoWaySyncOfTheInbox() throws Exception {
        assumeTrue(Files.isExecutable(MBSYNC), "needs mbsync (Debian package isync)");
        SqliteMailStore store = SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults());
        try (ImapTestServer server = ImapTestServer.tls(store, true)) {
            long inbox = store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
            for (int i = 1; i <= MESSAGES; i++) {
                server.deliver("From: sender" + i + "@example.test\r\nTo: alice@example.test\r\nSubject: message "
                        + i + "\r\nMessage-ID: <" + i + "@example.test>\r\n\r\nBody of message " + i + ".\r\n");
            }
            Path config = writeConfig(server);
            Path maildir = dir.resolve("mail/INBOX");

            long start = System.nanoTime();
            sync(config);
            System.out.printf("mbsync pulled %d messages in %d ms%n", MESSAGES, (System.nanoTime() - start) / 1_000_000);
            List<Path> files = mailFiles(maildir);
            assertThat(files).hasSize(MESSAGES);

            // Near side: mark one read, delete one, add one.
            Path first = find(files, "Subject: message 1\r\n");
            Files.move(first, maildir.resolve("cur").resolve(first.getFileName().toString().replaceAll(":2,.*$", "") + ":2,S"));
            Files.delete(find(files, "Subject: message 2\r\n"));
            Files.writeString(maildir.resolve("new/1700000000.local.test"),
                    "From: alice@example.test\r\nSubject: written offline\r\n\r\nDraft text.\r\n");
            // Far side: a new delivery and a flag set by another client.
            server.deliver("Subject: fresh\r\n\r\nNew mail.\r\n");
            store.setFlags(inbox, 3, Set.of(Flags.FLAGGED));

            sync(config);
            List<MessageMeta> remote = store.messages(inbox);
            assertThat(remote).hasSize(MESSAGES + 1);
            assertThat(store.message(inbox, 1).orElseThrow().flags()).contains(Flags.SEEN);
            assertThat(store.message(inbox, 2)).isEmpty();
            assertThat(remote).anySatisfy(m -> assertThat(body(store, m)).contains("Subject: written offline"));
            List<Path> local = mailFiles(maildir);
            assertThat(local).hasSize(MESSAGES + 1);
            assertThat(find(local, "Subject: fresh\r\n")).isNotNull();
            assertThat(find(local, "Subject: message 3\r\n").getFileName().toString()).endsWith(":2,F");

            // Nothing changed: a third run changes nothing on either side.
            sync(config);
            assertThat(store.messages(inbox)).hasSize(MESSAGES + 1);
            assertThat(mailFiles(maildir)).hasSize(MESSAGES + 1);
        }
    }

    private Path writeConfig(ImapTestServer server) throws Exception {
        Path cert = dir.resolve("server.pem");
        Files.writeString(cert, ImapTestServer.certificatePem());
        Files.createDirectories(dir.resolve("mail"));
        Path config = dir.resolve("mbsyncrc");
        Files.writeString(config, String.join("\n",
                "IMAPAccount hearth",
                "Host 127.0.0.1",
                "Port " + server.address.getPort(),
                "User " + ImapTestServer.USER,
                "Pass \"" + ImapTestServer.PASSWORD + "\"",
                "SSLType IMAPS",
                "SystemCertificates no",
                "CertificateFile " + cert,
                "AuthMechs PLAIN",
                "Timeout 30",
                "",
                "IMAPStore far",
                "Account hearth",
                "",
                "MaildirStore near",
                "Path " + dir.resolve("mail") + "/",
                "Inbox " + dir.resolve("mail/INBOX"),
                "",
                "Channel inbox",
                "Far :far:",
                "Near :near:",
                "Patterns INBOX",
                "Create Near",
                "Sync All",
                "Expunge Both",
                "SyncState *",
                ""));
        return config;
    }

    private void sync(Path config) throws Exception {
        String out = PythonImaplibTest.run(List.of(MBSYNC.toString(), "-c", config.toString(), "-q", "inbox"));
        assertThat(out).doesNotContain("Error");
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
