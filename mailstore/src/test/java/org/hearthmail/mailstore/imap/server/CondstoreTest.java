package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.Test;

/**
 * RFC 7162 CONDSTORE (HIGHESTMODSEQ, FETCH MODSEQ and CHANGEDSINCE, STORE UNCHANGEDSINCE, SEARCH
 * MODSEQ) and QRESYNC (SELECT with QRESYNC, VANISHED).
 */
class CondstoreTest {

    @Test
    void modSequencesLetAClientResyncOnlyWhatChanged() throws Exception {
        try (ImapTestServer server = ImapTestServer.plain(new MemoryMailStore(StoreOptions.defaults()))) {
            for (int i = 0; i < 3; i++) {
                server.deliver("Subject: " + i + "\r\n\r\nx\r\n");
            }
            long inbox = server.store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
            try (ImapClient c = server.login()) {
                List<String> sel = c.command("a", "SELECT INBOX (CONDSTORE)");
                String hms = sel.stream().filter(l -> l.contains("HIGHESTMODSEQ")).findFirst().orElseThrow();
                long highest = Long.parseLong(hms.replaceAll("\\D+", " ").trim().split(" ")[0]);
                assertThat(highest).isEqualTo(server.store.mailboxById(inbox).orElseThrow().highestModSeq());

                server.store.setFlags(inbox, 2, Set.of(Flags.FLAGGED));
                long m2 = server.store.message(inbox, 2).orElseThrow().modSeq();
                List<String> r = c.command("b", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + highest + ")");
                // The unsolicited update comes at the end; the answer itself names only message 2.
                assertThat(r).contains("* 2 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (" + m2 + "))");
                assertThat(r).noneMatch(l -> l.startsWith("* 1 FETCH") || l.startsWith("* 3 FETCH"));

                r = c.command("c", "STORE 1:3 (UNCHANGEDSINCE " + highest + ") +FLAGS (\\Seen)");
                assertThat(ImapClient.last(r)).isEqualTo("c OK [MODIFIED 2] Conditional STORE failed for some messages");
                assertThat(r).anyMatch(l -> l.matches("\\* 1 FETCH \\(FLAGS \\(\\\\Seen\\) MODSEQ \\(\\d+\\)\\)"));
                assertThat(server.store.message(inbox, 2).orElseThrow().flags()).doesNotContain(Flags.SEEN);

                r = c.command("d", "SEARCH MODSEQ " + (m2 + 1));
                assertThat(r.get(0)).matches("\\* SEARCH 1 3 \\(MODSEQ \\d+\\)");
                r = c.command("e", "STATUS INBOX (HIGHESTMODSEQ MESSAGES)");
                assertThat(r.get(0)).matches("\\* STATUS INBOX \\(HIGHESTMODSEQ \\d+ MESSAGES 3\\)");
                r = c.command("f", "FETCH 2 (MODSEQ)");
                assertThat(r.get(0)).isEqualTo("* 2 FETCH (MODSEQ (" + m2 + "))");
            }
        }
    }

    @Test
    void qresyncTellsAReconnectingClientWhatVanishedAndWhatChanged() throws Exception {
        try (ImapTestServer server = ImapTestServer.plain(new MemoryMailStore(StoreOptions.defaults()))) {
            for (int i = 0; i < 5; i++) {
                server.deliver("Subject: " + i + "\r\n\r\nx\r\n");
            }
            long inbox = server.store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
            long validity = server.store.mailboxById(inbox).orElseThrow().uidValidity();
            long seen = server.store.mailboxById(inbox).orElseThrow().highestModSeq();
            // While the client is away: two messages go, one changes, one arrives.
            server.store.expunge(inbox, List.of(2L, 4L));
            long m3 = server.store.setFlags(inbox, 3, Set.of(Flags.SEEN)).modSeq();
            server.deliver("Subject: new\r\n\r\ny\r\n");
            try (ImapClient c = server.login()) {
                assertThat(c.command("e", "ENABLE QRESYNC")).containsExactly("* ENABLED QRESYNC", "e OK ENABLE completed");
                List<String> r = c.command("s", "SELECT INBOX (QRESYNC (" + validity + " " + seen + " 1:5))");
                assertThat(r).containsSubsequence("* 4 EXISTS", "* VANISHED (EARLIER) 2,4",
                        "* 2 FETCH (UID 3 FLAGS (\\Seen) MODSEQ (" + m3 + "))", "s OK [READ-WRITE] SELECT completed");
                assertThat(r).anyMatch(l -> l.matches("\\* 4 FETCH \\(UID 6 FLAGS \\(\\) MODSEQ \\(\\d+\\)\\)"));

                r = c.command("f", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + seen + " VANISHED)");
                assertThat(r.get(0)).isEqualTo("* VANISHED (EARLIER) 2,4");
                // With QRESYNC on, expunges are reported as VANISHED, not EXPUNGE.
                c.command("g", "UID STORE 1,5 +FLAGS.SILENT (\\Deleted)");
                assertThat(c.command("h", "EXPUNGE")).containsExactly("* VANISHED 1,5", "h OK EXPUNGE completed");
                assertThat(c.command("i", "SELECT Archive")).first().isEqualTo("* OK [CLOSED] Previous mailbox closed");
                assertThat(c.command("j", "FETCH 1 (FLAGS) (VANISHED)")).containsExactly(
                        "j BAD unknown or not enabled FETCH modifier VANISHED");
            }
        }
    }
}
