package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hearthmail.mailstore.imap.command.RenderedCache;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted C:/S: exchanges per command against a real server on loopback. */
class ImapTranscriptTest {
    static final String MSG1 = "From: Bob <bob@example.test>\r\nTo: alice@example.test\r\nSubject: Lunch\r\n"
            + "Date: Tue, 1 Apr 2025 12:00:00 +0000\r\nMessage-ID: <1@example.test>\r\n\r\nPizza at noon?\r\n";
    static final String MSG2 = "From: Carol <carol@example.test>\r\nTo: alice@example.test\r\nSubject: Report\r\n"
            + "Date: Wed, 2 Apr 2025 09:00:00 +0000\r\n\r\nThe quarterly numbers are in.\r\n";

    private ImapTestServer server;
    private ImapClient c;

    @BeforeEach
    void setUp() throws Exception {
        server = ImapTestServer.plain(new MemoryMailStore(StoreOptions.defaults()));
        server.deliver(MSG1);
        server.deliver(MSG2);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (c != null) {
            c.close();
        }
        server.close();
    }

    private List<String> cmd(String tag, String command, String... expected) throws Exception {
        List<String> r = c.command(tag, command);
        if (expected.length > 0) {
            assertThat(r).as(command).containsSubsequence(expected);
        }
        return r;
    }

    @Test
    void greetingCapabilityNoopLogout() throws Exception {
        c = server.connect();
        assertThat(c.readLine()).startsWith("* OK [CAPABILITY IMAP4rev1 ").contains("AUTH=PLAIN")
                .endsWith("imap.example.test IMAP4rev1 ready");
        List<String> caps = cmd("a", "CAPABILITY", "a OK CAPABILITY completed");
        assertThat(caps.get(0)).contains("IDLE", "UIDPLUS", "MOVE", "LITERAL+", "SASL-IR", "SPECIAL-USE",
                "APPENDLIMIT=33554432", "UNSELECT", "ENABLE", "NAMESPACE", "ID");
        cmd("b", "NOOP", "b OK NOOP completed");
        cmd("c", "LOGOUT", "* BYE Logging out", "c OK LOGOUT completed");
        assertThat(c.readLine()).isNull();
    }

    @Test
    void loginWithWrongPasswordFailsAndCommandsNeedLogin() throws Exception {
        c = server.connect();
        c.readLine();
        cmd("a", "SELECT INBOX", "a BAD SELECT is not valid in state NOT_AUTHENTICATED");
        cmd("b", "LOGIN alice@example.test wrong", "b NO [AUTHENTICATIONFAILED] Authentication failed");
        List<String> ok = cmd("c", "LOGIN alice@example.test \"" + ImapTestServer.PASSWORD + "\"");
        assertThat(ImapClient.last(ok)).startsWith("c OK [CAPABILITY IMAP4rev1").doesNotContain("AUTH=PLAIN")
                .endsWith("Logged in");
        cmd("d", "LOGIN x y", "d BAD LOGIN is not valid in state AUTHENTICATED");
    }

    @Test
    void authenticatePlainWithContinuationAndWithInitialResponse() throws Exception {
        String b64 = java.util.Base64.getEncoder().encodeToString(
                ("\0" + ImapTestServer.USER + "\0" + ImapTestServer.PASSWORD).getBytes());
        c = server.connect();
        c.readLine();
        c.send("a AUTHENTICATE PLAIN\r\n");
        assertThat(c.readLine()).isEqualTo("+ ");
        c.send(b64 + "\r\n");
        assertThat(ImapClient.last(c.readUntilTagged("a"))).startsWith("a OK [CAPABILITY");
        c.close();
        c = server.connect();
        c.readLine();
        assertThat(ImapClient.last(c.command("b", "AUTHENTICATE PLAIN " + b64))).startsWith("b OK [CAPABILITY");
        c.close();
        c = server.connect();
        c.readLine();
        c.send("d AUTHENTICATE PLAIN\r\n");
        c.readLine();
        c.send("*\r\n");
        assertThat(c.readUntilTagged("d")).containsExactly("d BAD AUTHENTICATE cancelled");
        cmd("e", "AUTHENTICATE CRAM-MD5", "e NO Unsupported authentication mechanism");
    }

    @Test
    void selectExamineListStatusCreate() throws Exception {
        c = server.login();
        cmd("a", "SELECT inbox", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted",
                "* 2 EXISTS", "* 0 RECENT", "* OK [UNSEEN 1] First unseen",
                "a OK [READ-WRITE] SELECT completed");
        cmd("b", "EXAMINE INBOX", "* OK [PERMANENTFLAGS ()] Flags permitted", "b OK [READ-ONLY] EXAMINE completed");
        cmd("c", "LIST \"\" \"*\"", "* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
                "* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts", "* LIST (\\HasNoChildren \\Trash) \"/\" Trash",
                "* LIST (\\HasNoChildren \\Junk) \"/\" Junk", "* LIST (\\HasNoChildren \\Archive) \"/\" Archive",
                "c OK LIST completed");
        cmd("d", "LIST \"\" \"\"", "* LIST (\\Noselect) \"/\" \"\"", "d OK LIST completed");
        cmd("e", "CREATE Projects/Hearth&AOk-", "e OK CREATE completed");
        cmd("f", "LIST \"\" \"Projects/%\"", "* LIST (\\HasNoChildren) \"/\" Projects/Hearth&AOk-", "f OK LIST completed");
        assertThat(server.store.mailbox(server.alice.id(), "Projects/Hearthé")).isPresent();
        cmd("g", "CREATE Projects/Hearth&AOk-", "g NO [ALREADYEXISTS] Mailbox exists already");
        cmd("h", "LIST (SPECIAL-USE) \"\" \"*\"", "* LIST (\\HasNoChildren \\Sent) \"/\" Sent", "h OK LIST completed");
        List<String> status = cmd("i", "STATUS INBOX (MESSAGES UNSEEN UIDNEXT SIZE)", "i OK STATUS completed");
        assertThat(status.get(0)).isEqualTo("* STATUS INBOX (MESSAGES 2 UNSEEN 2 UIDNEXT 3 SIZE "
                + (MSG1.length() + MSG2.length()) + ")");
        cmd("j", "SELECT Nowhere", "j NO [NONEXISTENT] No such mailbox");
        cmd("k", "FETCH 1 FLAGS", "k BAD FETCH is not valid in state AUTHENTICATED");
        cmd("l", "LSUB \"\" \"S*\"", "* LSUB (\\HasNoChildren \\Sent) \"/\" Sent", "l OK LSUB completed");
    }

    @Test
    void fetchItemsAndBodySections() throws Exception {
        c = server.login();
        cmd("s", "SELECT INBOX");
        List<String> r = cmd("a", "FETCH 1 (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE)", "a OK FETCH completed");
        assertThat(r.get(0)).startsWith("* 1 FETCH (UID 1 FLAGS () RFC822.SIZE " + MSG1.length() + " INTERNALDATE \"")
                .contains("ENVELOPE (\"Tue, 1 Apr 2025 12:00:00 +0000\" \"Lunch\" ((\"Bob\" NIL \"bob\" \"example.test\"))");
        r = cmd("b", "FETCH 2 BODYSTRUCTURE", "b OK FETCH completed");
        assertThat(r.get(0)).isEqualTo("* 2 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL "
                + "\"7BIT\" 31 1 NIL NIL NIL NIL))");
        r = cmd("c", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[TEXT]<0.5>)", "c OK FETCH completed");
        assertThat(r.get(0)).isEqualTo("* 1 FETCH (BODY[HEADER.FIELDS (Subject)] {18}\r\nSubject: Lunch\r\n\r\n"
                + " BODY[TEXT]<0> {5}\r\nPizza)");
        cmd("d", "FETCH 1 FLAGS", "* 1 FETCH (FLAGS ())");
        // Without PEEK the message becomes \Seen and FLAGS are returned with the data.
        r = cmd("e", "FETCH 1 BODY[]", "e OK FETCH completed");
        assertThat(r.get(0)).isEqualTo("* 1 FETCH (FLAGS (\\Seen) BODY[] {" + MSG1.length() + "}\r\n" + MSG1 + ")");
        r = cmd("f", "UID FETCH 2 (RFC822.HEADER)", "f OK UID FETCH completed");
        assertThat(r.get(0)).startsWith("* 2 FETCH (UID 2 RFC822.HEADER {");
        r = cmd("g", "FETCH 1:* FAST", "g OK FETCH completed");
        assertThat(r.get(0)).matches("\\* 1 FETCH \\(FLAGS \\(\\\\Seen\\) INTERNALDATE \"[ 0-9]\\d-\\w{3}-\\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\" RFC822.SIZE \\d+\\)");
        assertThat(r.get(1)).startsWith("* 2 FETCH (FLAGS () INTERNALDATE");
        cmd("h", "FETCH 1 BODY[9]", "* 1 FETCH (BODY[9] NIL)", "h OK FETCH completed");
        cmd("i", "FETCH 1 (BOGUS)", "i BAD unknown FETCH item BOGUS");
        cmd("j", "FETCH 0 FLAGS", "j BAD invalid sequence number: 0");
        cmd("k", "UID FETCH 100:* UID", "* 2 FETCH (UID 2)", "k OK UID FETCH completed");
    }

    @Test
    void storeFlagsAndSearch() throws Exception {
        c = server.login();
        cmd("s", "SELECT INBOX");
        cmd("a", "STORE 1 +FLAGS (\\Flagged $Important)", "* 1 FETCH (FLAGS ($Important \\Flagged))", "a OK STORE completed");
        List<String> r = cmd("b", "STORE 1 -FLAGS.SILENT (\\Flagged)", "b OK STORE completed");
        assertThat(r).hasSize(1);
        cmd("c", "UID STORE 2 FLAGS (\\Seen)", "* 2 FETCH (UID 2 FLAGS (\\Seen))", "c OK UID STORE completed");
        cmd("d", "STORE 1 +FLAGS (\\Bogus)", "d BAD unknown system flag \\Bogus");
        cmd("e", "SEARCH UNSEEN", "* SEARCH 1", "e OK SEARCH completed");
        cmd("f", "SEARCH KEYWORD $Important", "* SEARCH 1");
        cmd("g", "SEARCH FROM carol", "* SEARCH 2");
        cmd("h", "SEARCH OR SUBJECT lunch BODY quarterly", "* SEARCH 1 2");
        cmd("i", "UID SEARCH NOT FROM bob", "* SEARCH 2", "i OK UID SEARCH completed");
        cmd("j", "SEARCH HEADER Message-ID <1@example.test>", "* SEARCH 1");
        cmd("k", "SEARCH SENTSINCE 2-Apr-2025", "* SEARCH 2");
        cmd("l", "SEARCH SENTBEFORE 2-Apr-2025 TEXT pizza", "* SEARCH 1");
        cmd("m", "SEARCH LARGER 1000", "* SEARCH");
        cmd("n", "SEARCH 2:* UID 1:2", "* SEARCH 2");
        cmd("o", "SEARCH SINCE 1-Jan-2000 BEFORE 1-Jan-2100", "* SEARCH 1 2");
        cmd("p", "SEARCH RETURN (MIN COUNT) ALL", "* ESEARCH (TAG \"p\") MIN 1 COUNT 2");
        cmd("q", "SEARCH CHARSET KOI8-R ALL", "q NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset");
        cmd("r", "SEARCH FROBNICATE", "r BAD unknown search key FROBNICATE");
        cmd("t", "EXAMINE INBOX");
        cmd("u", "STORE 1 +FLAGS (\\Deleted)", "u NO [READ-ONLY] Mailbox is read-only");
    }

    @Test
    void expungeCloseAndUidExpunge() throws Exception {
        server.deliver(MSG1);
        c = server.login();
        cmd("s", "SELECT INBOX");
        cmd("a", "STORE 1:2 +FLAGS.SILENT (\\Deleted)");
        cmd("b", "UID EXPUNGE 2", "* 2 EXPUNGE", "b OK UID EXPUNGE completed");
        cmd("c", "EXPUNGE", "* 1 EXPUNGE", "c OK EXPUNGE completed");
        cmd("d", "FETCH 1 UID", "* 1 FETCH (UID 3)");
        cmd("e", "STORE 1 +FLAGS.SILENT (\\Deleted)");
        cmd("f", "CLOSE", "f OK CLOSE completed");
        assertThat(server.store.messages(inboxId())).isEmpty();
        cmd("g", "FETCH 1 UID", "g BAD FETCH is not valid in state AUTHENTICATED");
    }

    @Test
    void appendCopyMoveWithUidplus() throws Exception {
        c = server.login();
        long validity = server.store.mailbox(server.alice.id(), MailboxRole.SENT).orElseThrow().uidValidity();
        String msg = "Subject: sent\r\n\r\nhello\r\n";
        c.send("a APPEND Sent (\\Seen) \"05-Mar-2025 10:00:00 +0100\" {" + msg.length() + "}\r\n");
        assertThat(c.readLine()).startsWith("+ ");
        c.send(msg + "\r\n");
        assertThat(c.readUntilTagged("a")).containsExactly("a OK [APPENDUID " + validity + " 1] APPEND completed");
        MessageMeta sent = server.store.message(server.store.mailbox(server.alice.id(), MailboxRole.SENT).orElseThrow().id(), 1)
                .orElseThrow();
        assertThat(sent.flags()).containsExactly(Flags.SEEN);
        assertThat(sent.internalDate()).isEqualTo(java.time.Instant.parse("2025-03-05T09:00:00Z"));
        cmd("b", "APPEND Nowhere {1+}\r\nx", "b NO [TRYCREATE] No such mailbox");
        cmd("s", "SELECT INBOX");
        long archive = server.store.mailbox(server.alice.id(), MailboxRole.ARCHIVE).orElseThrow().uidValidity();
        cmd("c", "COPY 1:2 Archive", "c OK [COPYUID " + archive + " 1:2 1:2] COPY completed");
        cmd("d", "UID MOVE 1 Archive", "* OK [COPYUID " + archive + " 1 3] Moved", "* 1 EXPUNGE", "d OK UID MOVE completed");
        cmd("e", "FETCH 1 UID", "* 1 FETCH (UID 2)");
        cmd("f", "MOVE 1 Nowhere", "f NO [TRYCREATE] No such mailbox");
        cmd("g", "STATUS Archive (MESSAGES)", "* STATUS Archive (MESSAGES 3)");
    }

    @Test
    void appendOverTheLimitIsRefusedTooBigWithoutReadingIt() throws Exception {
        c = server.login();
        cmd("a", "APPEND INBOX {2147483648}", "a NO [TOOBIG] literal of 2147483648 octets is over the limit of 33554432");
        cmd("b", "NOOP", "b OK NOOP completed");
        c.send("c APPEND INBOX {4294967296+}\r\nxxxx");
        assertThat(c.readLine()).startsWith("c NO [TOOBIG]");
        assertThat(c.readLine()).isEqualTo("* BYE Literal too big to skip");
        assertThat(c.readLine()).isNull();
    }

    @Test
    void badInputGetsBadAndTheConnectionStaysUsable() throws Exception {
        c = server.login();
        cmd("a", "FROBNICATE", "a BAD Unknown command FROBNICATE");
        cmd("b", "SELECT", "b BAD missing argument");
        cmd("c", "SELECT (INBOX)", "c BAD expected a string, got a list");
        c.send("d LOGIN \"unterminated\r\n");
        assertThat(c.readLine()).startsWith("d BAD CR, LF or NUL in quoted string");
        c.send("\r\n");
        assertThat(c.readLine()).isEqualTo("* BAD empty command line");
        c.sendBytes(new byte[] {'e', ' ', 'N', 'O', 'O', 'P', ' ', 1, '\r', '\n'});
        assertThat(c.readLine()).startsWith("e BAD unexpected character 0x1");
        cmd("f", "NOOP", "f OK NOOP completed");
        cmd("g", "ENABLE CONDSTORE X-UNKNOWN", "* ENABLED CONDSTORE", "g OK ENABLE completed");
        cmd("h", "NAMESPACE", "* NAMESPACE ((\"\" \"/\")) NIL NIL");
        cmd("i", "ID (\"name\" \"test\")", "* ID (\"name\" \"Hearthmail\")");
        cmd("j", "DELETE INBOX", "j NO [CANNOT] INBOX cannot be deleted");
    }

    @Test
    void changesByOthersAreReportedAtCommandBoundaries() throws Exception {
        c = server.login();
        cmd("s", "SELECT INBOX");
        try (ImapClient other = server.login()) {
            other.command("s", "SELECT INBOX");
            other.command("a", "STORE 2 +FLAGS.SILENT (\\Deleted)");
            other.command("b", "EXPUNGE");
        }
        server.deliver(MSG2);
        // No EXPUNGE while answering FETCH (RFC 3501 §7.4.1); EXISTS may be sent.
        List<String> r = cmd("a", "FETCH 1 UID", "* 1 FETCH (UID 1)", "a OK FETCH completed");
        assertThat(r).noneMatch(l -> l.endsWith("EXPUNGE"));
        cmd("b", "NOOP", "* 2 EXPUNGE", "* 2 EXISTS", "b OK NOOP completed");
        cmd("c", "FETCH 2 UID", "* 2 FETCH (UID 3)");
        server.store.setFlags(inboxId(), 1, java.util.Set.of(Flags.ANSWERED));
        cmd("d", "NOOP", "* 1 FETCH (UID 1 FLAGS (\\Answered))", "d OK NOOP completed");
    }

    @Test
    void extendedListWithStatusAndSubscribed() throws Exception {
        c = server.login();
        cmd("a", "CREATE Lists/Java");
        cmd("b", "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX Lists) RETURN (STATUS (MESSAGES UNSEEN) CHILDREN)",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" INBOX",
                "* STATUS INBOX (MESSAGES 2 UNSEEN 2)",
                "* LIST (\\HasChildren \\Subscribed) \"/\" Lists (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                "* STATUS Lists (MESSAGES 0 UNSEEN 0)",
                "b OK LIST completed");
        cmd("c", "LIST (RECURSIVEMATCH) \"\" *", "c BAD RECURSIVEMATCH needs SUBSCRIBED or SPECIAL-USE");
        cmd("d", "LIST \"\" * RETURN (BOGUS)", "d BAD unknown LIST return option BOGUS");
    }

    @Test
    void compressDeflateCarriesTheRestOfTheSession() throws Exception {
        c = server.login();
        cmd("a", "COMPRESS DEFLATE", "a OK DEFLATE active");
        c.compress();
        cmd("b", "SELECT INBOX", "* 2 EXISTS", "b OK [READ-WRITE] SELECT completed");
        List<String> r = cmd("c", "FETCH 2 BODY.PEEK[]", "c OK FETCH completed");
        assertThat(r.get(0)).endsWith(MSG2 + ")");
        cmd("d", "COMPRESS DEFLATE", "d NO [COMPRESSIONACTIVE] DEFLATE is active already");
        cmd("e", "LOGOUT", "* BYE Logging out", "e OK LOGOUT completed");
    }

    @Test
    void messagesAreParsedOnceOnArrivalAndFetchReadsTheCache() throws Exception {
        long inbox = inboxId();
        MessageMeta m = null;
        for (int i = 0; i < 100; i++) {
            m = server.store.message(inbox, 2).orElseThrow();
            if (m.bodyStructure() != null) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(m.envelope()).contains("\"Report\"");
        // Rendered BODYSTRUCTURE and BODY, then the part tree (ParsedMessage's cache form).
        assertThat(m.bodyStructure()).startsWith("R1 ").contains("(\"text\" \"plain\"");
        // A marker in the store's cache: FETCH serves the rendering kept in memory since the arrival
        // (RenderedCache), reading neither the store's cache nor the body.
        server.store.cacheParse(inbox, 2, "(NIL \"from the cache\" NIL NIL NIL NIL NIL NIL NIL NIL)", m.bodyStructure());
        c = server.login();
        cmd("s", "SELECT INBOX");
        assertThat(cmd("r", "FETCH 2 ENVELOPE").get(0)).startsWith("* 2 FETCH (ENVELOPE (\"Wed, 2 Apr 2025 09:00:00 +0000\" \"Report\" ");
        // Without it, FETCH reads the store's cache and does not parse the body again (the marker shows).
        RenderedCache.of(server.store).clear();
        cmd("a", "FETCH 2 ENVELOPE", "* 2 FETCH (ENVELOPE (NIL \"from the cache\" NIL NIL NIL NIL NIL NIL NIL NIL))");
        // A copy keeps the cache; an unreadable cache entry is parsed again.
        server.store.cacheParse(inbox, 1, "garbage", "9 garbage");
        List<String> r = cmd("b", "FETCH 1 BODYSTRUCTURE", "b OK FETCH completed");
        assertThat(r.get(0)).contains("\"text\" \"plain\"");
        assertThat(server.store.message(inbox, 1).orElseThrow().bodyStructure()).startsWith("R1 ");
    }

    @Test
    void checkUnselectSubscribeAndUnsupportedMailboxCommands() throws Exception {
        c = server.login();
        cmd("a", "CHECK", "a BAD CHECK is not valid in state AUTHENTICATED");
        cmd("b", "SELECT INBOX");
        cmd("c", "STORE 1 +FLAGS.SILENT (\\Deleted)", "c OK STORE completed");
        cmd("d", "CHECK", "d OK CHECK completed");
        cmd("e", "UNSELECT", "e OK UNSELECT completed");
        // UNSELECT does not expunge.
        assertThat(server.store.messages(inboxId())).hasSize(2);
        cmd("f", "UNSELECT", "f BAD UNSELECT is not valid in state AUTHENTICATED");
        cmd("g", "SUBSCRIBE Archive", "g OK SUBSCRIBE completed");
        cmd("h", "UNSUBSCRIBE Archive", "h OK UNSUBSCRIBE completed");
        cmd("i", "RENAME Nowhere Old", "i NO [NONEXISTENT] No such mailbox");
        cmd("j", "DELETE Nowhere", "j NO [NONEXISTENT] No such mailbox");
        cmd("k", "EXAMINE INBOX");
        cmd("l", "CLOSE", "l OK CLOSE completed");
        // CLOSE on a read-only mailbox does not expunge either.
        assertThat(server.store.messages(inboxId())).hasSize(2);
        cmd("m", "SELECT INBOX");
        cmd("n", "LOGOUT", "* BYE Logging out", "n OK LOGOUT completed");
    }

    @Test
    void quotaRootAndUsage() throws Exception {
        c = server.login();
        cmd("a", "GETQUOTAROOT INBOX", "* QUOTAROOT INBOX \"\"", "* QUOTA \"\" ()", "a OK GETQUOTAROOT completed");
        server.store.setQuotaLimit(server.alice.id(), 10 * 1024 * 1024);
        cmd("b", "GETQUOTA \"\"", "* QUOTA \"\" (STORAGE 1 10240)", "b OK GETQUOTA completed");
        cmd("c", "SETQUOTA \"\" (STORAGE 1)", "c NO [CANNOT] Quotas are set by the administrator");
        server.store.setQuotaLimit(server.alice.id(), MSG1.length() + MSG2.length() + 10);
        cmd("d", "APPEND INBOX {20+}\r\n01234567890123456789", "d NO [OVERQUOTA] Mailbox is over its storage quota");
    }

    private long inboxId() {
        return server.store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
    }
}
