package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two IMAP4rev2 rules (RFC 9051) next to their IMAP4rev1 behaviour: the search keys rev2 removed
 * (NEW, OLD, RECENT; §6.4.4, Appendix E) are BAD only after ENABLE IMAP4rev2, and mailbox names
 * are normalized to NFC (§5.1) by CREATE and looked up by their NFC form by SELECT, EXAMINE,
 * STATUS, APPEND and DELETE.
 */
class ImapRev2KeysAndNamesTest {
    /** "Café" with a combining acute accent (NFD) and precomposed (NFC). */
    private static final String DECOMPOSED = "Cafe\u0301";
    private static final String COMPOSED = "Caf\u00e9";

    private ImapTestServer server;
    private ImapClient c;

    @BeforeEach
    void setUp() throws Exception {
        server = ImapTestServer.plain(new MemoryMailStore(StoreOptions.defaults()));
        server.deliver(ImapTranscriptTest.MSG1);
        server.deliver(ImapTranscriptTest.MSG2);
        c = server.login();
    }

    @AfterEach
    void tearDown() throws Exception {
        try (ImapTestServer s = server; ImapClient client = c) {
            client.command("z", "LOGOUT");
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
        assertThat(ok("SEARCH OLD")).first().isEqualTo("* SEARCH 1 2");
        assertThat(ok("SEARCH NOT RECENT")).first().isEqualTo("* SEARCH 1 2");
        assertThat(ok("SORT (DATE) UTF-8 OLD")).first().isEqualTo("* SORT 1 2");
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
        assertThat(ok("SEARCH UNSEEN")).first().isEqualTo("* ESEARCH (TAG \"t\") ALL 1:2");
    }

    @Test
    void createUnderRev2StoresTheNfcNameAndSaysSoWithOldname() throws Exception {
        ok("ENABLE IMAP4rev2");
        List<String> r = ok("CREATE \"" + DECOMPOSED + "\"");
        assertThat(r.get(0)).isEqualTo("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"" + COMPOSED
                + "\" (\"OLDNAME\" (\"" + DECOMPOSED + "\"))");
        assertThat(ok("LIST \"\" \"Caf*\"")).containsExactly(
                "* LIST (\\HasNoChildren) \"/\" \"" + COMPOSED + "\"", "t OK LIST completed");
        assertThat(tagged("CREATE \"" + COMPOSED + "\"")).startsWith("t NO [ALREADYEXISTS]");
        // A name already in NFC gets no OLDNAME.
        assertThat(ok("CREATE Plain")).hasSize(1);
    }

    @Test
    void commandsUnderRev2FindAMailboxByTheNfcFormOfTheNameSent() throws Exception {
        ok("ENABLE IMAP4rev2");
        ok("CREATE \"" + COMPOSED + "\"");
        c.send("t APPEND \"" + DECOMPOSED + "\" {22+}\r\nSubject: hi\r\n\r\nhello\r\n\r\n");
        assertThat(ImapClient.last(c.readUntilTagged("t"))).startsWith("t OK [APPENDUID");
        assertThat(ok("STATUS \"" + DECOMPOSED + "\" (MESSAGES)").get(0))
                .isEqualTo("* STATUS \"" + COMPOSED + "\" (MESSAGES 1)");
        assertThat(ok("EXAMINE \"" + DECOMPOSED + "\"")).contains("* 1 EXISTS");
        ok("SELECT \"" + DECOMPOSED + "\"");
        ok("UNSELECT");
        ok("DELETE \"" + DECOMPOSED + "\"");
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
