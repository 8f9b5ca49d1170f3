package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 2177 IDLE against the SQLite store: a session in IDLE hears of deliveries and of other sessions' changes at once. */
class ImapIdleTest {
    @TempDir
    Path dir;

    @Test
    void idlingSessionIsToldOfDeliveryFlagChangeAndExpungeWithoutAsking() throws Exception {
        try (ImapTestServer server = ImapTestServer.plain(SqliteMailStore.open(new DataDirectory(dir), StoreOptions.defaults()));
             ImapClient idler = server.login();
             ImapClient other = server.login()) {
            server.deliver("Subject: one\r\n\r\nfirst\r\n");
            idler.command("s", "SELECT INBOX");
            idler.send("i IDLE\r\n");
            assertThat(idler.readLine()).isEqualTo("+ idling");
            idler.setTimeout(5000);

            long start = System.nanoTime();
            server.deliver("Subject: two\r\n\r\nsecond\r\n");
            assertThat(idler.readLine()).isEqualTo("* 2 EXISTS");
            assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds until EXISTS").isLessThan(2000);

            other.command("s", "SELECT INBOX");
            other.command("a", "STORE 1 +FLAGS.SILENT (\\Seen \\Deleted)");
            assertThat(idler.readLine()).isEqualTo("* 1 FETCH (UID 1 FLAGS (\\Deleted \\Seen))");
            other.command("b", "EXPUNGE");
            assertThat(idler.readLine()).isEqualTo("* 1 EXPUNGE");

            idler.send("DONE\r\n");
            assertThat(idler.readUntilTagged("i")).containsExactly("i OK IDLE terminated");
            List<String> r = idler.command("f", "FETCH 1 (UID BODY.PEEK[HEADER.FIELDS (Subject)])");
            assertThat(r.get(0)).startsWith("* 1 FETCH (UID 2 BODY[HEADER.FIELDS (Subject)]").contains("Subject: two");
            // Deliveries to another mailbox are not reported in this one.
            long junk = server.store.mailbox(server.alice.id(), MailboxRole.JUNK).orElseThrow().id();
            server.store.append(junk, java.util.Set.of(), java.time.Instant.now(),
                    new java.io.ByteArrayInputStream("Subject: spam\r\n\r\nx\r\n".getBytes()));
            assertThat(idler.command("n", "NOOP")).containsExactly("n OK NOOP completed");
        }
    }

    @Test
    void idleEndsWithBadWhenTheClientSendsSomethingElse() throws Exception {
        try (ImapTestServer server = ImapTestServer.plain(SqliteMailStore.open(new DataDirectory(dir), StoreOptions.defaults()));
             ImapClient c = server.login()) {
            c.send("i IDLE\r\n");
            assertThat(c.readLine()).isEqualTo("+ idling");
            c.send("NOOP\r\n");
            assertThat(c.readUntilTagged("i")).containsExactly("i BAD Expected DONE");
            assertThat(c.command("a", "NOOP")).containsExactly("a OK NOOP completed");
        }
    }
}
