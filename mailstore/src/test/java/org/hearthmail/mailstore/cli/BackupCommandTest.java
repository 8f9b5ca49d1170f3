package org.hearthmail.mailstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.Backup;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
    @TempDir
    Path tmp;

    @Test
    void backupCopiesAnInstallationThatOpensAndPrintsProgressLinesWhenStderrIsNotATerminal() throws Exception {
        CliFixture cli = new CliFixture(tmp.resolve("data"));
        assertThat(cli.run("init", "--domain", "example.org", "--mx-host", "mx.example.org").exit()).isZero();
        try (SqliteMailStore s = SqliteMailStore.openBeside(new DataDirectory(cli.dataDir), StoreOptions.defaults())) {
            s.addUser("alice@example.org", null, 0);
            s.deliver(List.of("alice@example.org"), new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
        }
        Path dest = tmp.resolve("backup");
        CliFixture.Result r = cli.run("backup", dest.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("backup written to " + dest + ": database, 1 message file(s) (5 B), 4 key file(s)");
        assertThat(r.err()).contains("backup: database 1/1", "backup: message files 1/1").doesNotContain("\r");
        try (SqliteMailStore copy = SqliteMailStore.open(new DataDirectory(dest), StoreOptions.defaults())) {
            long alice = copy.user("alice@example.org").orElseThrow().id();
            assertThat(copy.messages(copy.mailbox(alice, MailboxRole.INBOX).orElseThrow().id())).hasSize(1);
        }
        assertThat(dest.resolve("keys/tls-key.pem")).exists();
        assertThat(dest.resolve("keys/spool.key")).as("the spool key opens what the relay spooled").exists();

        CliFixture.Result again = cli.run("backup", dest.toString());
        assertThat(again.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(again.err()).contains("backup destination " + dest + " is not empty");
        assertThat(cli.run("backup").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void onATerminalProgressIsOneBarRedrawnInPlace() {
        StringWriter w = new StringWriter();
        BackupProgress p = new BackupProgress(new PrintWriter(w), true, System::nanoTime, 1);
        p.update(Backup.Phase.BLOBS, 5, 10);
        assertThat(w.toString()).startsWith("\r[" + "#".repeat(15) + " ".repeat(15) + "]  50% message files 5/10");
        assertThat(w.toString()).doesNotContain("\n");
    }

    @Test
    void withoutATerminalLinesComeAtPhaseChangesAndAtMostOncePerInterval() {
        StringWriter w = new StringWriter();
        AtomicLong now = new AtomicLong();
        BackupProgress p = new BackupProgress(new PrintWriter(w), false, now::get, 100);
        p.update(Backup.Phase.BLOBS, 1, 10);
        p.update(Backup.Phase.BLOBS, 2, 10);
        now.set(150);
        p.update(Backup.Phase.BLOBS, 3, 10);
        p.update(Backup.Phase.BLOBS, 10, 10);
        p.update(Backup.Phase.DONE, 1, 1);
        assertThat(w.toString().lines()).containsExactly("backup: message files 1/10", "backup: message files 3/10",
                "backup: message files 10/10");
    }
}
