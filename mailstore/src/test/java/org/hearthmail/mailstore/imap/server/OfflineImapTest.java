package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-way sync of the INBOX with OfflineIMAP (Debian package offlineimap3, imaplib2 underneath:
 * a second sync client with its own habits: UID FETCH ranges, UID STORE batches, APPEND then
 * SEARCH for the new message's UID when UIDPLUS is not used) over implicit TLS, the server's
 * certificate pinned by its SHA-256 fingerprint.
 */
class OfflineImapTest {
    static final int MESSAGES = 300;
    static final Path OFFLINEIMAP = Path.of("/usr/bin/offlineimap");

    @TempDir
    Path dir;

    @Test
    void twoWaySyncOfTheInbox() throws Exception {
        assumeTrue(Files.isExecutable(OFFLINEIMAP), "needs offlineimap (Debian package offlineimap3)");
        SqliteMailStore store = SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults());
        try (ImapTestServer server = ImapTestServer.tls(store, true)) {
            long inbox = store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
            for (int i = 1; i <= MESSAGES; i++) {
                server.deliver("From: sender" + i + "@example.test\r\nTo: alice@example.test\r\nSubject: message "
                        + i + "\r\nMessage-ID: <" + i + "@example.test>\r\n\r\nBody of message " + i + ".\r\n");
            }
            Path config = writeConfig(server);
            Path maildir = dir.resolve("mail/INBOX");

            sync(config);
            List<Path> files = MbsyncTest.mailFiles(maildir);
            assertThat(files).hasSize(MESSAGES);

            // Local side: mark one read, delete one, add one.
            Path first = MbsyncTest.find(files, "Subject: message 1\r\n");
            Files.move(first, maildir.resolve("cur").resolve(first.getFileName().toString().replaceAll(":2,.*$", "") + ":2,S"));
            Files.delete(MbsyncTest.find(files, "Subject: message 2\r\n"));
            Files.writeString(maildir.resolve("new/1700000000.P1.local.test"),
                    "From: alice@example.test\r\nSubject: written offline\r\nMessage-ID: <offline@example.test>\r\n\r\nDraft text.\r\n");
            // Server side: a new delivery and a flag set by another client.
            server.deliver("Subject: fresh\r\nMessage-ID: <fresh@example.test>\r\n\r\nNew mail.\r\n");
            store.setFlags(inbox, 3, Set.of(Flags.FLAGGED));

            sync(config);
            List<MessageMeta> remote = store.messages(inbox);
            assertThat(remote).hasSize(MESSAGES + 1);
            assertThat(store.message(inbox, 1).orElseThrow().flags()).contains(Flags.SEEN);
            assertThat(store.message(inbox, 2)).as("deleted locally, expunged on the server").isEmpty();
            assertThat(remote).anySatisfy(m -> assertThat(MbsyncTest.body(store, m)).contains("Subject: written offline"));
            List<Path> local = MbsyncTest.mailFiles(maildir);
            assertThat(local).hasSize(MESSAGES + 1);
            assertThat(MbsyncTest.find(local, "Subject: fresh\r\n")).isNotNull();
            assertThat(MbsyncTest.find(local, "Subject: message 3\r\n").getFileName().toString()).endsWith(",F");

            // Nothing changed: another run changes nothing on either side.
            sync(config);
            assertThat(store.messages(inbox)).hasSize(MESSAGES + 1);
            assertThat(MbsyncTest.mailFiles(maildir)).hasSize(MESSAGES + 1);
        }
    }

    private Path writeConfig(ImapTestServer server) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509")
                .generateCertificate(MbsyncTest.bytes(ImapTestServer.certificatePem())).getEncoded();
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        Files.createDirectories(dir.resolve("mail"));
        Path config = dir.resolve("offlineimaprc");
        Files.writeString(config, String.join("\n",
                "[general]",
                "accounts = hearth",
                "metadata = " + dir.resolve("meta"),
                "",
                "[Account hearth]",
                "localrepository = near",
                "remoterepository = far",
                "",
                "[Repository near]",
                "type = Maildir",
                "localfolders = " + dir.resolve("mail"),
                "",
                "[Repository far]",
                "type = IMAP",
                "remotehost = 127.0.0.1",
                "remoteport = " + server.address.getPort(),
                "remoteuser = " + ImapTestServer.USER,
                "remotepass = " + ImapTestServer.PASSWORD,
                "ssl = yes",
                "cert_fingerprint = " + fingerprint,
                "tls_level = tls_secure",
                "ssl_version = tls1_2",
                "folderfilter = lambda name: name == 'INBOX'",
                "createfolders = False",
                "maxconnections = 1",
                ""));
        return config;
    }

    private void sync(Path config) throws Exception {
        String out = PythonImaplibTest.run(List.of(OFFLINEIMAP.toString(), "-c", config.toString(), "-o", "-u", "quiet"));
        assertThat(out).doesNotContain("ERROR");
    }
}
