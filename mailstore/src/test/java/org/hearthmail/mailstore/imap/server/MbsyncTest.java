package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        TwoWaySyncScenario.run(dir, MESSAGES, "mbsync", this::writeConfig, this::sync);
    }

    private Path writeConfig(ImapTestServer server) throws Exception {
        Path cert = dir.resolve("server.pem");
        Files.writeString(cert, ImapTestServer.certificatePem());
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
}
