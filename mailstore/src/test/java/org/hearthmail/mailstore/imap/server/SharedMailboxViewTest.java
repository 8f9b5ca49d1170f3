package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hearthmail.mailstore.imap.view.MailboxViews;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sessions on one mailbox share one in-memory view; each still numbers messages as it has
 * told its client (RFC 3501 §7.4.1), and SEARCH sees the other session's changes.
 */
class SharedMailboxViewTest {
    @TempDir
    Path dir;

    private ImapTestServer sqliteServer() throws Exception {
        return ImapTestServer.plain(SqliteMailStore.open(new DataDirectory(dir), StoreOptions.defaults()));
    }

    @Test
    void sessionsOnOneMailboxShareAViewAndSearchSeesEachOthersChanges() throws Exception {
        try (ImapTestServer server = sqliteServer(); ImapClient a = server.login(); ImapClient b = server.login()) {
            for (int i = 1; i <= 3; i++) {
                server.deliver("Subject: m" + i + "\r\nDate: Tue, 1" + i + " Apr 2025 10:00:00 +0000\r\n\r\nbody\r\n");
            }
            assertThat(a.command("s", "SELECT INBOX")).contains("* 3 EXISTS", "* OK [UNSEEN 1] First unseen");
            assertThat(b.command("s", "SELECT INBOX")).contains("* 3 EXISTS");
            assertThat(MailboxViews.of(server.store).size()).isEqualTo(1);

            b.command("f", "UID STORE 2 +FLAGS.SILENT (\\Flagged $Work)");
            List<String> r = a.command("q", "UID SEARCH FLAGGED KEYWORD $work");
            assertThat(r).contains("* 2 FETCH (UID 2 FLAGS ($Work \\Flagged))", "* SEARCH 2");

            // An expunge by b is not reported to a during SEARCH: a still numbers 3 messages, and
            // the message gone matches nothing.
            b.command("d", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            b.command("e", "EXPUNGE");
            r = a.command("q", "SEARCH SENTSINCE 11-Apr-2025");
            assertThat(r).contains("* SEARCH 2 3").doesNotContain("* 1 EXPUNGE");
            assertThat(a.command("n", "NOOP")).contains("* 1 EXPUNGE");
            assertThat(a.command("q", "SEARCH ALL")).contains("* SEARCH 1 2");

            server.deliver("Subject: m4\r\n\r\nbody\r\n");
            // The delivery is numbered when EXISTS is reported, after this search answered.
            r = a.command("q", "UID SEARCH UNFLAGGED LARGER 5");
            assertThat(r).containsExactly("* SEARCH 3", "* 3 EXISTS", "q OK UID SEARCH completed");
            assertThat(a.command("q", "UID SEARCH UNFLAGGED LARGER 5")).contains("* SEARCH 3 4");
            assertThat(b.command("s", "SELECT INBOX")).contains("* 3 EXISTS");
        }
    }

    @Test
    void aSessionThatLeavesReleasesTheViewWhichStaysWarmForTheNextOne() throws Exception {
        try (ImapTestServer server = sqliteServer()) {
            server.deliver("Subject: one\r\n\r\nbody\r\n");
            long inbox = server.store.mailbox(server.alice.id(), org.hearthmail.mailstore.store.MailboxRole.INBOX)
                    .orElseThrow().id();
            MailboxViews views = MailboxViews.of(server.store);
            try (ImapClient a = server.login()) {
                a.command("s", "SELECT INBOX");
                a.command("x", "EXAMINE INBOX"); // a new selection lets go of the old one
                assertThat(views.holders(inbox)).isEqualTo(1);
                a.command("c", "CLOSE");
                assertThat(views.holders(inbox)).isZero();
                a.command("x", "EXAMINE INBOX");
                assertThat(views.holders(inbox)).isEqualTo(1);
                a.command("l", "LOGOUT");
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (views.holders(inbox) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the server notices the closed connection on its event loop
            }
            assertThat(views.holders(inbox)).as("released when the connection closed").isZero();
            server.deliver("Subject: two\r\n\r\nbody\r\n");
            try (ImapClient c = server.login()) {
                // Kept through the idle period, and it followed the delivery meanwhile.
                assertThat(c.command("s", "SELECT INBOX")).contains("* 2 EXISTS");
                assertThat(MailboxViews.of(server.store).size()).isEqualTo(1);
            }
        }
    }
}
