package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RFC 9051 Appendix E items that {@link ImapRev2Test} does not cover, over a real socket with
 * STARTTLS: CHECK removed (item 17), name normalization with LIST OLDNAME on RENAME (item 16,
 * §6.3.6, §6.3.9.7), message/global shown like message/rfc822 (RFC 9051 §9 media-message) and
 * the predefined keywords (item 15), the search keys NEW, OLD and RECENT removed (§6.4.4), and
 * mailbox names normalized to NFC by CREATE and looked up by their NFC form by SELECT, EXAMINE,
 * STATUS, APPEND and DELETE (§5.1). Each is shown for an IMAP4rev1 session first, unchanged.
 */
class ImapRev2AppendixETest {
    /** "Café" with the accent as a combining character (U+0301): not in NFC. */
    private static final String CAFE_DECOMPOSED = "Cafe\u0301";
    private static final String CAFE_NFC = "Caf\u00e9";

    private ImapTestServer server;
    private ImapClient c;

    @BeforeEach
    void setUp() throws Exception {
        server = ImapTestServer.tls(new MemoryMailStore(StoreOptions.defaults()), false);
        server.deliver(ImapTranscriptTest.MSG1);
        c = server.loginAfterStartTls();
    }

    @AfterEach
    void tearDown() throws Exception {
        try (ImapTestServer s = server; ImapClient client = c) {
            assertThat(s.server.activeSessions()).isLessThanOrEqualTo(1);
        }
    }

    private List<String> send(String tag, String command) throws Exception {
        return c.command(tag, command);
    }

    private void enableRev2() throws Exception {
        assertThat(send("E", "ENABLE IMAP4rev2")).containsExactly("* ENABLED IMAP4rev2", "E OK ENABLE completed");
    }

    @Test
    void checkIsAnsweredForRev1AndIsBadAfterEnableWhileNoopStillWorks() throws Exception {
        send("s", "SELECT INBOX");
        assertThat(send("a", "CHECK")).containsExactly("a OK CHECK completed");
        enableRev2();
        // RFC 9051 Appendix E (17): "Removed the CHECK command. Clients should use NOOP instead."
        assertThat(send("b", "CHECK")).containsExactly("b BAD CHECK is not an IMAP4rev2 command, use NOOP");
        assertThat(send("c", "NOOP")).containsExactly("c OK NOOP completed");
        // The mailbox stays selected: a BAD changes no state.
        assertThat(send("d", "FETCH 1 UID")).containsExactly("* 1 FETCH (UID 1)", "d OK FETCH completed");
    }

    @Test
    void renameToADenormalizedNameUnderRev2StoresNfcAndAnswersWithListOldname() throws Exception {
        enableRev2();
        assertThat(send("a", "CREATE Kitchen")).containsExactly("a OK CREATE completed");
        // RFC 9051 §6.3.6: the normalized new name in the LIST, the supplied existing name in OLDNAME.
        assertThat(send("b", "RENAME Kitchen \"" + CAFE_DECOMPOSED + "\"")).containsExactly(
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"" + CAFE_NFC + "\" (\"OLDNAME\" (Kitchen))",
                "b OK RENAME completed");
        assertThat(server.store.mailbox(server.alice.id(), CAFE_NFC)).isPresent();
        assertThat(server.store.mailbox(server.alice.id(), CAFE_DECOMPOSED)).isEmpty();
        assertThat(send("c", "LIST \"\" Caf*")).containsExactly(
                "* LIST (\\HasNoChildren) \"/\" \"" + CAFE_NFC + "\"", "c OK LIST completed");
    }

    @Test
    void renameFromADenormalizedNameFindsTheMailboxAndNamesWhatWasSentInOldname() throws Exception {
        enableRev2();
        send("a", "CREATE \"" + CAFE_NFC + "/Menu\"");
        assertThat(send("b", "RENAME \"" + CAFE_DECOMPOSED + "\" Bistro")).containsExactly(
                "* LIST (\\HasChildren \\Subscribed) \"/\" Bistro (\"OLDNAME\" (\"" + CAFE_DECOMPOSED + "\"))",
                "b OK RENAME completed");
        assertThat(server.store.mailbox(server.alice.id(), "Bistro/Menu")).isPresent();
    }

    @Test
    void renameWithNamesAlreadyNormalizedSendsNoListUnderRev2() throws Exception {
        enableRev2();
        send("a", "CREATE Kitchen");
        assertThat(send("b", "RENAME Kitchen \"" + CAFE_NFC + "\"")).containsExactly("b OK RENAME completed");
    }

    @Test
    void rev1RenameKeepsTheNameAsSentAndSendsNoOldname() throws Exception {
        send("a", "CREATE Kitchen");
        // Modified UTF-7 (RFC 3501 §5.1.3) of "Cafe" + U+0301.
        assertThat(send("b", "RENAME Kitchen Cafe&AwE-")).containsExactly("b OK RENAME completed");
        assertThat(server.store.mailbox(server.alice.id(), CAFE_DECOMPOSED)).isPresent();
    }

    @Test
    void messageGlobalPartIsShownLikeMessageRfc822InBodystructureAndItsSectionsWork() throws Exception {
        server.deliver(String.join("\r\n",
                "From: bob@example.test", "To: alice@example.test", "Subject: fwd", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b\"", "",
                "--b", "Content-Type: text/plain", "", "see below",
                "--b", "Content-Type: message/global", "Content-Transfer-Encoding: 8bit", "",
                "From: carol@example.test", "Subject: Gr\u00fc\u00dfe", "", "Hallo", "--b--", ""));
        enableRev2();
        send("s", "SELECT INBOX");
        List<String> r = send("a", "FETCH 2 BODYSTRUCTURE");
        String all = String.join("\n", r);
        // body-type-msg: media-message SP body-fields SP envelope SP body SP body-fld-lines (RFC 9051 §9)
        assertThat(all).contains("(\"message\" \"global\" NIL NIL NIL \"8bit\" ")
                .contains("((NIL NIL \"carol\" \"example.test\"))")
                .contains("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 5 1 NIL NIL NIL NIL) 4 NIL NIL NIL NIL)");
        assertThat(ImapClient.last(r)).isEqualTo("a OK FETCH completed");
        // RFC 9051 §9 section-msgtext: HEADER and TEXT of a MESSAGE/GLOBAL part.
        assertThat(send("b", "FETCH 2 BODY.PEEK[2.TEXT]")).contains("b OK FETCH completed");
        assertThat(c.literals.get(c.literals.size() - 1)).asString().isEqualTo("Hallo");
    }

    @Test
    void base64MessageGlobalPartIsDecodedForBodystructureSectionsAndSearch() throws Exception {
        String inner = "From: carol@example.test\r\nSubject: Gr\u00fc\u00dfe\r\n\r\nHallo";
        server.deliver(String.join("\r\n",
                "From: bob@example.test", "To: alice@example.test", "Subject: fwd", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b\"", "",
                "--b", "Content-Type: text/plain", "", "see below",
                "--b", "Content-Type: message/global", "Content-Transfer-Encoding: base64", "",
                java.util.Base64.getMimeEncoder().encodeToString(inner.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "--b--", ""));
        enableRev2();
        send("s", "SELECT INBOX");
        // RFC 6532 §3.5 / RFC 9051 §7.5.2: the envelope and structure are of the decoded message.
        String all = String.join("\n", send("a", "FETCH 2 BODYSTRUCTURE"));
        assertThat(all).contains("(\"message\" \"global\" NIL NIL NIL \"base64\" ")
                .contains("((NIL NIL \"carol\" \"example.test\"))")
                .contains("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 5 1 NIL NIL NIL NIL)");
        assertThat(send("b", "FETCH 2 BODY.PEEK[2.1]")).contains("b OK FETCH completed");
        assertThat(c.literals.get(c.literals.size() - 1)).asString().isEqualTo("Hallo");
        // SEARCH reads the decoded message too: "Hallo" is nowhere in the stored octets.
        assertThat(send("c", "SEARCH BODY hallo")).first().isEqualTo("* ESEARCH (TAG \"c\") ALL 2");
    }

    @Test
    void predefinedKeywordsAreKeptUnderBothRevisions() throws Exception {
        // RFC 9051 §2.3.2 / Appendix E (15): servers SHOULD support $MDNSent, $Forwarded, $Junk, $NotJunk, $Phishing.
        String keywords = "$Forwarded $MDNSent $Junk $NotJunk $Phishing";
        List<String> sel = send("s", "SELECT INBOX");
        assertThat(sel).anyMatch(l -> l.startsWith("* OK [PERMANENTFLAGS (") && l.contains("\\*"));
        assertThat(send("a", "STORE 1 +FLAGS.SILENT (" + keywords + ")")).containsExactly("a OK STORE completed");
        enableRev2();
        send("t", "SELECT INBOX");
        List<String> r = send("b", "FETCH 1 FLAGS");
        assertThat(r.get(0)).startsWith("* 1 FETCH (FLAGS (");
        for (String k : keywords.split(" ")) {
            assertThat(r.get(0)).contains(k);
        }
    }

    private String tagged(String command) throws Exception {
        return ImapClient.last(c.command("t", command));
    }

    private List<String> ok(String command) throws Exception {
        List<String> r = c.command("t", command);
        assertThat(ImapClient.last(r)).as(command + " -> " + r).startsWith("t OK");
        return r;
    }

    @Test
    void newOldAndRecentStillSearchUnderRev1() throws Exception {
        ok("SELECT INBOX");
        assertThat(ok("SEARCH NEW")).first().isEqualTo("* SEARCH");
        assertThat(ok("SEARCH OLD")).first().isEqualTo("* SEARCH 1");
        assertThat(ok("SEARCH NOT RECENT")).first().isEqualTo("* SEARCH 1");
        assertThat(ok("SORT (DATE) UTF-8 OLD")).first().isEqualTo("* SORT 1");
    }

    @Test
    void newOldAndRecentAreBadAfterEnableImap4rev2() throws Exception {
        ok("ENABLE IMAP4rev2");
        ok("SELECT INBOX");
        for (String criteria : List.of("NEW", "OLD", "RECENT", "recent", "NOT RECENT", "OR SEEN NEW", "(UNSEEN OLD)")) {
            assertThat(tagged("SEARCH " + criteria)).as(criteria).startsWith("t BAD");
        }
        assertThat(tagged("SORT (DATE) UTF-8 RECENT")).startsWith("t BAD");
        assertThat(tagged("THREAD REFERENCES UTF-8 NEW")).startsWith("t BAD");
        // The keys rev2 kept still work, and the session survives the BADs.
        assertThat(ok("SEARCH UNSEEN")).first().isEqualTo("* ESEARCH (TAG \"t\") ALL 1");
    }

    @Test
    void createUnderRev2StoresTheNfcNameAndSaysSoWithOldname() throws Exception {
        ok("ENABLE IMAP4rev2");
        List<String> r = ok("CREATE \"" + CAFE_DECOMPOSED + "\"");
        assertThat(r.get(0)).isEqualTo("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"" + CAFE_NFC
                + "\" (\"OLDNAME\" (\"" + CAFE_DECOMPOSED + "\"))");
        assertThat(ok("LIST \"\" \"Caf*\"")).containsExactly(
                "* LIST (\\HasNoChildren) \"/\" \"" + CAFE_NFC + "\"", "t OK LIST completed");
        assertThat(tagged("CREATE \"" + CAFE_NFC + "\"")).startsWith("t NO [ALREADYEXISTS]");
        // A name already in NFC gets no OLDNAME.
        assertThat(ok("CREATE Plain")).hasSize(1);
    }

    @Test
    void commandsUnderRev2FindAMailboxByTheNfcFormOfTheNameSent() throws Exception {
        ok("ENABLE IMAP4rev2");
        ok("CREATE \"" + CAFE_NFC + "\"");
        c.send("t APPEND \"" + CAFE_DECOMPOSED + "\" {22+}\r\nSubject: hi\r\n\r\nhello\r\n\r\n");
        assertThat(ImapClient.last(c.readUntilTagged("t"))).startsWith("t OK [APPENDUID");
        assertThat(ok("STATUS \"" + CAFE_DECOMPOSED + "\" (MESSAGES)").get(0))
                .isEqualTo("* STATUS \"" + CAFE_NFC + "\" (MESSAGES 1)");
        assertThat(ok("EXAMINE \"" + CAFE_DECOMPOSED + "\"")).contains("* 1 EXISTS");
        ok("SELECT \"" + CAFE_DECOMPOSED + "\"");
        ok("UNSELECT");
        ok("DELETE \"" + CAFE_DECOMPOSED + "\"");
        assertThat(ok("LIST \"\" \"Caf*\"")).containsExactly("t OK LIST completed");
    }

    @Test
    void rev1KeepsAMailboxNameAsSent() throws Exception {
        // Modified UTF-7 (RFC 3501 §5.1.3): "Cafe&AwE-" is e + U+0301, "Caf&AOk-" is U+00E9.
        assertThat(ok("CREATE Cafe&AwE-")).hasSize(1);
        assertThat(ok("LIST \"\" Caf*")).containsExactly("* LIST (\\HasNoChildren) \"/\" Cafe&AwE-", "t OK LIST completed");
        assertThat(tagged("SELECT Caf&AOk-")).startsWith("t NO [NONEXISTENT]");
    }
}
