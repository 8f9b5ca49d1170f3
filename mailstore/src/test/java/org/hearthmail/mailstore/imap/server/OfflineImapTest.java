package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.List;
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
        TwoWaySyncScenario.run(dir, MESSAGES, "offlineimap", this::writeConfig, this::sync);
    }

    private Path writeConfig(ImapTestServer server) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509")
                .generateCertificate(TwoWaySyncScenario.bytes(ImapTestServer.certificatePem())).getEncoded();
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
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
