package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IMAP4rev2 (RFC 9051) over STARTTLS: each behaviour that differs from IMAP4rev1, first as a rev1
 * session sees it (unchanged) and then after {@code ENABLE IMAP4rev2}.
 */
class ImapRev2Test {
    private ImapTestServer server;
    private ImapClient c;

    @BeforeEach
    void setUp() throws Exception {
        server = ImapTestServer.tls(new MemoryMailStore(StoreOptions.defaults()), false);
        for (String m : List.of(ImapTranscriptTest.MSG1, ImapTranscriptTest.MSG2)) {
            server.deliver(m);
        }
        c = server.loginAfterStartTls();
    }

    @AfterEach
    void tearDown() throws Exception {
        // Both are closed even when one of them fails to.
        try (ImapTestServer s = server; ImapClient client = c) {
            assertThat(s.server.activeSessions()).isLessThanOrEqualTo(1);
        }
    }

    /** Runs {@code command}; its responses must include lines starting with {@code expected}, in that order. */
    private List<String> cmd(String tag, String command, String... expected) throws Exception {
        List<String> r = c.command(tag, command);
        int at = 0;
        for (String e : expected) {
            while (at < r.size() && !r.get(at).startsWith(e)) {
                at++;
            }
            assertThat(at).as(command + ": no line starting with " + e + " in order in " + r).isLessThan(r.size());
            at++;
        }
        return r;
    }

    private void enableRev2() throws Exception {
        cmd("E", "ENABLE IMAP4rev2", "* ENABLED IMAP4rev2", "E OK ENABLE completed");
    }

    @Test
    void bothRevisionsAndBinaryAreAdvertisedAndEnableTurnsRev2OnOnce() throws Exception {
        List<String> caps = cmd("a", "CAPABILITY", "a OK CAPABILITY completed");
        assertThat(caps.get(0)).startsWith("* CAPABILITY IMAP4rev1 IMAP4rev2 ").contains(" BINARY", " ENABLE");
        cmd("b", "ENABLE imap4rev2 CONDSTORE", "* ENABLED IMAP4rev2 CONDSTORE", "b OK ENABLE completed");
        // RFC 5161 §3.1: an extension already on is not listed again.
        assertThat(cmd("c", "ENABLE IMAP4rev2")).containsExactly("* ENABLED", "c OK ENABLE completed");
    }

    @Test
    void selectDropsRecentAndUnseenAndSendsListAfterEnable() throws Exception {
        List<String> rev1 = cmd("a", "SELECT INBOX", "* 2 EXISTS", "* 0 RECENT", "* OK [UNSEEN 1] First unseen",
                "a OK [READ-WRITE] SELECT completed");
        assertThat(rev1).noneMatch(l -> l.startsWith("* LIST"));
        cmd("u", "UNSELECT");
        enableRev2();
        List<String> rev2 = cmd("b", "SELECT INBOX", "* FLAGS (", "* 2 EXISTS", "* LIST (\\HasNoChildren) \"/\" INBOX",
                "* OK [UIDVALIDITY ", "* OK [UIDNEXT 3] Predicted next UID", "b OK [READ-WRITE] SELECT completed");
        assertThat(rev2).noneMatch(l -> l.contains("RECENT") || l.contains("[UNSEEN"));
        cmd("c", "EXAMINE Sent", "* LIST (\\HasNoChildren \\Sent) \"/\" Sent", "c OK [READ-ONLY] EXAMINE completed");
    }

    @Test
    void reselectSaysClosedOnlyUnderRev2() throws Exception {
        cmd("a", "SELECT INBOX");
        assertThat(cmd("b", "SELECT INBOX")).noneMatch(l -> l.contains("[CLOSED]"));
        enableRev2();
        List<String> r = cmd("c", "EXAMINE INBOX", "* OK [CLOSED] Previous mailbox closed", "* FLAGS (",
                "c OK [READ-ONLY] EXAMINE completed");
        // RFC 9051 §6.3.2: CLOSED comes before any response about the newly selected mailbox.
        assertThat(r.get(0)).isEqualTo("* OK [CLOSED] Previous mailbox closed");
    }

    @Test
    void searchIsAnsweredWithEsearchAfterEnable() throws Exception {
        cmd("s", "SELECT INBOX");
        cmd("a", "STORE 2 +FLAGS.SILENT (\\Flagged)");
        assertThat(cmd("b", "SEARCH ALL")).containsExactly("* SEARCH 1 2", "b OK SEARCH completed");
        assertThat(cmd("c", "UID SEARCH FLAGGED")).containsExactly("* SEARCH 2", "c OK UID SEARCH completed");
        enableRev2();
        assertThat(cmd("d", "SEARCH ALL")).containsExactly("* ESEARCH (TAG \"d\") ALL 1:2", "d OK SEARCH completed");
        assertThat(cmd("e", "UID SEARCH FLAGGED"))
                .containsExactly("* ESEARCH (TAG \"e\") UID ALL 2", "e OK UID SEARCH completed");
        // No match: ESEARCH without ALL (RFC 9051 §7.3.4), never an untagged SEARCH.
        assertThat(cmd("f", "SEARCH LARGER 100000")).containsExactly("* ESEARCH (TAG \"f\")", "f OK SEARCH completed");
        assertThat(cmd("g", "SEARCH RETURN (COUNT) ALL"))
                .containsExactly("* ESEARCH (TAG \"g\") COUNT 2", "g OK SEARCH completed");
    }

    @Test
    void statusRecentIsRev1OnlyAndDeletedCountsDeletedMessages() throws Exception {
        cmd("s", "SELECT INBOX");
        cmd("a", "STORE 1 +FLAGS.SILENT (\\Deleted)");
        cmd("b", "STATUS INBOX (MESSAGES RECENT DELETED)", "* STATUS INBOX (MESSAGES 2 RECENT 0 DELETED 1)");
        enableRev2();
        cmd("c", "STATUS INBOX (RECENT)", "c BAD no RECENT in IMAP4rev2");
        cmd("d", "STATUS INBOX (DELETED SIZE)", "* STATUS INBOX (DELETED 1 SIZE "
                + (ImapTranscriptTest.MSG1.length() + ImapTranscriptTest.MSG2.length()) + ")", "d OK STATUS completed");
    }

    @Test
    void mailboxNamesAreModifiedUtf7ForRev1AndUtf8AfterEnable() throws Exception {
        cmd("a", "CREATE Projects/Hearth&AOk-", "a OK CREATE completed");
        cmd("b", "LIST \"\" Projects/*", "* LIST (\\HasNoChildren) \"/\" Projects/Hearth&AOk-");
        enableRev2();
        cmd("c", "LIST \"\" Projects/*", "* LIST (\\HasNoChildren) \"/\" \"Projects/Hearthé\"", "c OK LIST completed");
        cmd("d", "CREATE \"Ärger & Co\"", "d OK CREATE completed");
        // "&" is just "&" in a UTF-8 name: no modified UTF-7 decoding any more.
        assertThat(server.store.mailbox(server.alice.id(), "Ärger & Co")).isPresent();
        cmd("e", "STATUS \"Projects/Hearthé\" (MESSAGES)", "* STATUS \"Projects/Hearthé\" (MESSAGES 0)");
        cmd("f", "SELECT \"Ärger & Co\"", "* LIST (\\HasNoChildren) \"/\" \"Ärger & Co\"", "f OK [READ-WRITE] SELECT completed");
        cmd("g", "RENAME \"Ärger & Co\" Ruhe", "g OK RENAME completed");
        assertThat(server.store.mailbox(server.alice.id(), "Ruhe")).isPresent();
    }

    @Test
    void aMissingParentIsListedAsNonExistentUnderRev2Only() throws Exception {
        cmd("a", "CREATE Lists/Java/Netty", "a OK CREATE completed");
        cmd("b", "DELETE Lists/Java", "b OK DELETE completed");
        List<String> rev1 = cmd("c", "LIST \"\" Lists/%", "c OK LIST completed");
        assertThat(rev1).containsExactly("c OK LIST completed");
        enableRev2();
        // RFC 9051 §6.3.9: "%" at the end also returns the level it matched, here one that is no mailbox.
        assertThat(cmd("d", "LIST \"\" Lists/%"))
                .containsExactly("* LIST (\\NonExistent \\HasChildren) \"/\" Lists/Java", "d OK LIST completed");
        // "*" lists the mailboxes themselves; the missing level is not invented there.
        assertThat(cmd("e", "LIST \"\" Lists/*"))
                .containsExactly("* LIST (\\HasNoChildren) \"/\" Lists/Java/Netty", "e OK LIST completed");
        cmd("f", "SELECT Lists/Java", "f NO [NONEXISTENT] No such mailbox");
    }

    @Test
    void searchResSavesAResultThatDollarNamesInLaterCommands() throws Exception {
        server.deliver(ImapTranscriptTest.MSG2);
        assertThat(cmd("s", "SELECT INBOX")).contains("* 3 EXISTS");
        assertThat(cmd("a", "CAPABILITY").get(0)).contains(" SEARCHRES");
        // RFC 5182 §2.4: SAVE alone gives no ESEARCH response.
        assertThat(cmd("b", "SEARCH RETURN (SAVE) FROM carol")).containsExactly("b OK SEARCH completed");
        assertThat(cmd("c", "FETCH $ (UID)"))
                .containsExactly("* 2 FETCH (UID 2)", "* 3 FETCH (UID 3)", "c OK FETCH completed");
        // With MIN alone only the lowest message is kept.
        assertThat(cmd("d", "UID SEARCH RETURN (SAVE MIN) FROM carol"))
                .containsExactly("* ESEARCH (TAG \"d\") UID MIN 2", "d OK UID SEARCH completed");
        assertThat(cmd("e", "UID FETCH $ FLAGS")).containsExactly("* 2 FETCH (UID 2 FLAGS ())", "e OK UID FETCH completed");
        assertThat(cmd("f", "SEARCH OR $ 1")).containsExactly("* SEARCH 1 2", "f OK SEARCH completed");
        assertThat(cmd("g", "UID SEARCH UID $")).containsExactly("* SEARCH 2", "g OK UID SEARCH completed");
        // After a key that takes a string, "$" is that string.
        assertThat(cmd("g2", "SEARCH SUBJECT $")).containsExactly("* SEARCH", "g2 OK SEARCH completed");
        cmd("h", "STORE $ +FLAGS.SILENT (\\Deleted)", "h OK STORE completed");
        assertThat(cmd("i", "UID EXPUNGE $")).containsExactly("* 2 EXPUNGE", "i OK UID EXPUNGE completed");
        // The expunged message drops out of $.
        assertThat(cmd("j", "FETCH $ UID")).containsExactly("j OK FETCH completed");
        cmd("k", "SEARCH RETURN (SAVE) ALL");
        cmd("l", "COPY $ Archive", "l OK [COPYUID ");
        // RFC 5182 §2.4: a failed SEARCH ... SAVE empties the result.
        cmd("m", "SEARCH RETURN (SAVE) FROBNICATE", "m BAD unknown search key FROBNICATE");
        assertThat(cmd("n", "FETCH $ UID")).containsExactly("n OK FETCH completed");
        assertThat(cmd("o", "SEARCH $")).containsExactly("* SEARCH", "o OK SEARCH completed");
        enableRev2();
        cmd("p", "SEARCH RETURN (SAVE) ALL");
        assertThat(cmd("q", "UID SEARCH $")).containsExactly("* ESEARCH (TAG \"q\") UID ALL 1,3", "q OK UID SEARCH completed");
        // A new SELECT starts with an empty result.
        cmd("r", "SELECT INBOX");
        assertThat(cmd("t", "FETCH $ UID")).containsExactly("t OK FETCH completed");
    }

    @Test
    void unsolicitedFetchCarriesUidAndFlagsNeverShowRecent() throws Exception {
        enableRev2();
        cmd("s", "SELECT INBOX");
        long inbox = server.store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
        server.store.setFlags(inbox, 1, java.util.Set.of("\\Answered"));
        // RFC 9051 §7.5.2: an unsolicited FETCH in IMAP4rev2 includes UID.
        cmd("a", "NOOP", "* 1 FETCH (UID 1 FLAGS (\\Answered))", "a OK NOOP completed");
        cmd("b", "FETCH 1:2 FLAGS", "* 1 FETCH (FLAGS (\\Answered))", "* 2 FETCH (FLAGS ())");
        cmd("c", "STORE 2 +FLAGS (\\Recent \\Seen)", "* 2 FETCH (FLAGS (\\Seen))", "c OK STORE completed");
    }
}
