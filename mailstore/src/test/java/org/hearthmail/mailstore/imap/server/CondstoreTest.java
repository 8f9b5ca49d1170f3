package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.Test;

/** RFC 7162 CONDSTORE: HIGHESTMODSEQ, FETCH MODSEQ and CHANGEDSINCE, STORE UNCHANGEDSINCE, SEARCH MODSEQ. */
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
}
