package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SORT, UID SORT, ESORT and THREAD (RFC 5256, RFC 5267) against a real server on loopback. The
 * INBOX holds five messages built so that RFC 5256 §6's {@code SORT (SUBJECT REVERSE DATE) UTF-8
 * ALL} answers {@code * SORT 5 3 4 1 2}, as in its example.
 */
class ImapSortThreadTest {
    private ImapTestServer server;
    private ImapClient c;

    /** Subject, sent date (minutes after 10:00, or none), From, To, Cc, arrival (minutes), body length. */
    private static final Object[][] MESSAGES = {
            {"cherry", 50, "Zed <zed@example.test>", "bob@example.test", null, 5, 300, "<1@x>", null},
            {"[list] Cherry", 40, "\"Al\" <AL@example.test>", "dave@example.test", "erin@example.test", 4, 100, "<2@x>", null},
            {"Re: banana", 30, "carol@example.test", "carol@example.test", "amy@example.test", 3, 500, "<3@x>", "<4@x>"},
            {"banana", 20, null, "bob@example.test", null, 2, 200, "<4@x>", null},
            {"apple", null, "bob@example.test", "Undisclosed:;", "bob@example.test", 1, 400, "<5@x>", "<4@x>"}};

    @BeforeEach
    void setUp() throws Exception {
        server = ImapTestServer.plain(new MemoryMailStore(StoreOptions.defaults()));
        Mailbox inbox = server.store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow();
        for (Object[] m : MESSAGES) {
            StringBuilder h = new StringBuilder("Subject: " + m[0] + "\r\n");
            if (m[1] != null) {
                h.append(String.format("Date: Mon, 3 Mar 2025 10:%02d:00 +0000\r\n", (Integer) m[1]));
            }
            if (m[2] != null) {
                h.append("From: ").append(m[2]).append("\r\n");
            }
            h.append("To: ").append(m[3]).append("\r\n");
            if (m[4] != null) {
                h.append("Cc: ").append(m[4]).append("\r\n");
            }
            h.append("Message-ID: ").append(m[7]).append("\r\n");
            if (m[8] != null) {
                h.append("References: ").append(m[8]).append("\r\n");
            }
            h.append("\r\n").append("x".repeat((Integer) m[6])).append("\r\n");
            // Arrival: 3 March 2025, m[5] minutes after 09:00; the message without a Date sorts by it.
            server.store.append(inbox.id(), Set.of(), Instant.parse("2025-03-03T09:00:00Z").plusSeconds(60L * (Integer) m[5]),
                    new ByteArrayInputStream(h.toString().getBytes(StandardCharsets.UTF_8)));
        }
        c = server.login();
        assertThat(ImapClient.last(c.command("s", "SELECT INBOX"))).startsWith("s OK");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (ImapTestServer s = server; ImapClient client = c) {
            client.command("z", "LOGOUT");
        }
    }

    private List<String> ok(String command) throws Exception {
        List<String> r = c.command("t", command);
        assertThat(ImapClient.last(r)).as(command + " -> " + r).startsWith("t OK");
        return r;
    }

    private String untagged(String command) throws Exception {
        List<String> r = ok(command);
        assertThat(r).as(command).hasSize(2);
        return r.get(0);
    }

    private String tagged(String command) throws Exception {
        return ImapClient.last(c.command("t", command));
    }

    @Test
    void sortAndThreadAreAdvertised() throws Exception {
        assertThat(untagged("CAPABILITY")).contains(" SORT ", " ESORT ", " THREAD=ORDEREDSUBJECT", " THREAD=REFERENCES");
    }

    @Test
    void subjectThenReverseDateAnswersAsRfc5256Example() throws Exception {
        assertThat(untagged("SORT (SUBJECT REVERSE DATE) UTF-8 ALL")).isEqualTo("* SORT 5 3 4 1 2");
        // Equal base subjects keep the mailbox order (RFC 5256 §3).
        assertThat(untagged("sort (subject) utf-8 all")).isEqualTo("* SORT 5 3 4 1 2");
    }

    @Test
    void dateFallsBackToTheInternalDateWhenTheDateFieldIsMissing() throws Exception {
        // Message 5 has no Date: it sorts by its arrival, 09:01, before every sent date (10:20 and later).
        assertThat(untagged("SORT (DATE) UTF-8 ALL")).isEqualTo("* SORT 5 4 3 2 1");
        assertThat(untagged("SORT (ARRIVAL) UTF-8 ALL")).isEqualTo("* SORT 5 4 3 2 1");
        assertThat(untagged("SORT (REVERSE ARRIVAL) UTF-8 ALL")).isEqualTo("* SORT 1 2 3 4 5");
    }

    @Test
    void addressKeysCompareTheFirstMailboxCaseInsensitivelyWithMissingOnesFirst() throws Exception {
        // From mailboxes: zed, AL, carol, (none), bob.
        assertThat(untagged("SORT (FROM) UTF-8 ALL")).isEqualTo("* SORT 4 2 5 3 1");
        // To: bob, dave, carol, bob, a group with no members (""); ties by sequence number.
        assertThat(untagged("SORT (TO) UTF-8 ALL")).isEqualTo("* SORT 5 1 4 3 2");
        // Cc: none, erin, amy, none, bob.
        assertThat(untagged("SORT (CC) UTF-8 ALL")).isEqualTo("* SORT 1 4 3 5 2");
        assertThat(untagged("SORT (REVERSE CC SUBJECT) UTF-8 ALL")).isEqualTo("* SORT 2 5 3 4 1");
    }

    @Test
    void sizeSortsByOctets() throws Exception {
        assertThat(untagged("SORT (SIZE) UTF-8 ALL")).isEqualTo("* SORT 2 4 1 5 3");
        assertThat(untagged("SORT (REVERSE SIZE) US-ASCII ALL")).isEqualTo("* SORT 3 5 1 4 2");
    }

    @Test
    void searchCriteriaChooseTheMessagesSorted() throws Exception {
        assertThat(untagged("SORT (SUBJECT) UTF-8 OR FROM carol TO dave")).isEqualTo("* SORT 3 2");
        // RFC 5256 §6: A284 SORT (SUBJECT) US-ASCII TEXT "not in mailbox" -> * SORT
        assertThat(untagged("SORT (SUBJECT) US-ASCII TEXT \"not in mailbox\"")).isEqualTo("* SORT");
    }

    @Test
    void uidSortAnswersWithUids() throws Exception {
        ok("STORE 1 +FLAGS (\\Deleted)");
        ok("EXPUNGE");
        assertThat(untagged("SORT (SUBJECT REVERSE DATE) UTF-8 ALL")).isEqualTo("* SORT 4 2 3 1");
        assertThat(untagged("UID SORT (SUBJECT REVERSE DATE) UTF-8 ALL")).isEqualTo("* SORT 5 3 4 2");
        assertThat(untagged("UID SORT (DATE) UTF-8 UID 3:4")).isEqualTo("* SORT 4 3");
    }

    @Test
    void esortReturnsMinMaxCountAndAllInSortOrder() throws Exception {
        // RFC 5267 §3: ESEARCH with MIN and MAX the first and last in sort order.
        assertThat(untagged("SORT RETURN (MIN MAX COUNT ALL) (SUBJECT REVERSE DATE) UTF-8 ALL"))
                .isEqualTo("* ESEARCH (TAG \"t\") MIN 5 MAX 2 COUNT 5 ALL 5,3,4,1,2");
        assertThat(untagged("UID SORT RETURN (COUNT) (DATE) UTF-8 FROM nobody"))
                .isEqualTo("* ESEARCH (TAG \"t\") UID COUNT 0");
        assertThat(untagged("SORT RETURN () (SIZE) UTF-8 1:3")).isEqualTo("* ESEARCH (TAG \"t\") ALL 2,1,3");
    }

    @Test
    void unknownCharsetIsBadcharsetAndBadCriteriaAreBad() throws Exception {
        assertThat(tagged("SORT (SUBJECT) ISO-8859-1 ALL")).startsWith("t NO [BADCHARSET (UTF-8 US-ASCII)]");
        assertThat(tagged("SORT (NOPE) UTF-8 ALL")).startsWith("t BAD");
        assertThat(tagged("SORT (REVERSE) UTF-8 ALL")).startsWith("t BAD");
        assertThat(tagged("SORT (REVERSE REVERSE DATE) UTF-8 ALL")).startsWith("t BAD");
        assertThat(tagged("SORT () UTF-8 ALL")).startsWith("t BAD");
        assertThat(tagged("SORT (DATE) UTF-8")).startsWith("t BAD");
        assertThat(tagged("SORT RETURN (SAVE) (DATE) UTF-8 ALL")).startsWith("t BAD");
        assertThat(tagged("THREAD FOO UTF-8 ALL")).startsWith("t BAD");
        assertThat(tagged("THREAD REFERENCES KOI8-R ALL")).startsWith("t NO [BADCHARSET");
    }

    @Test
    void threadReferencesLinksByReferencesAndSubject() throws Exception {
        // 3 and 5 refer to 4; 1 and 2 share the base subject "cherry" (neither a reply): a dummy joins them.
        assertThat(untagged("THREAD REFERENCES UTF-8 ALL")).isEqualTo("* THREAD (4 (5)(3))((2)(1))");
        assertThat(untagged("UID THREAD REFERENCES UTF-8 NOT SUBJECT cherry")).isEqualTo("* THREAD (4 (5)(3))");
        // RFC 5256 §6: A286 THREAD REFERENCES US-ASCII TEXT "gewp" -> * THREAD
        assertThat(untagged("THREAD REFERENCES US-ASCII TEXT \"gewp\"")).isEqualTo("* THREAD");
    }

    @Test
    void threadOrderedSubjectGroupsByBaseSubject() throws Exception {
        assertThat(untagged("THREAD ORDEREDSUBJECT UTF-8 ALL")).isEqualTo("* THREAD (5)(4 3)(2 1)");
        assertThat(untagged("UID THREAD ORDEREDSUBJECT UTF-8 SINCE 1-Mar-2025")).isEqualTo("* THREAD (5)(4 3)(2 1)");
    }
}
