package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts for DELETE (RFC 3501 §6.3.4) and RENAME (§6.3.5) against the real server and SQLite store. */
class ImapDeleteRenameTest {
    static final String MSG = "From: bob@example.test\r\nSubject: hello\r\n\r\nbody\r\n";

    @TempDir
    Path dir;
    private ImapTestServer server;
    private ImapClient c;

    @BeforeEach
    void setUp() throws Exception {
        server = ImapTestServer.plain(SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults()));
        server.deliver(MSG);
        server.deliver(MSG);
        c = server.login();
    }

    @AfterEach
    void tearDown() throws Exception {
        c.close();
        server.close();
    }

    private List<String> cmd(String tag, String command, String... expected) throws Exception {
        List<String> r = c.command(tag, command);
        if (expected.length > 0) {
            assertThat(r).as(command).containsSubsequence(expected);
        }
        return r;
    }

    private String uidValidity(String mailbox) throws Exception {
        List<String> r = cmd("v", "STATUS " + mailbox + " (UIDVALIDITY)", "v OK STATUS completed");
        return r.get(0).replaceAll(".*UIDVALIDITY (\\d+)\\).*", "$1");
    }

    @Test
    void deleteRemovesAMailboxAndARecreatedOneHasANewUidValidity() throws Exception {
        cmd("a", "CREATE Projects", "a OK CREATE completed");
        assertThat(ImapClient.last(cmd("b", "APPEND Projects {4+}\r\nabcd"))).startsWith("b OK [APPENDUID ");
        String before = uidValidity("Projects");
        cmd("c", "DELETE Projects", "c OK DELETE completed");
        assertThat(cmd("d", "LIST \"\" \"*\"", "d OK LIST completed")).noneMatch(l -> l.endsWith(" Projects"));
        cmd("e", "SELECT Projects", "e NO [NONEXISTENT] No such mailbox");
        cmd("f", "CREATE Projects", "f OK CREATE completed");
        assertThat(uidValidity("Projects")).isNotEqualTo(before);
        cmd("g", "STATUS Projects (MESSAGES UIDNEXT)", "* STATUS Projects (MESSAGES 0 UIDNEXT 1)");
    }

    @Test
    void deleteRefusesInboxAndUnknownNamesAndKeepsChildren() throws Exception {
        cmd("a", "DELETE inbox", "a NO [CANNOT] INBOX cannot be deleted");
        cmd("b", "DELETE Nowhere", "b NO [NONEXISTENT] No such mailbox");
        cmd("c", "CREATE Work/2024", "c OK CREATE completed");
        cmd("d", "DELETE Work", "d OK DELETE completed");
        cmd("e", "LIST \"\" \"Work*\"", "* LIST (\\HasNoChildren) \"/\" Work/2024", "e OK LIST completed");
    }

    @Test
    void deletingTheSelectedMailboxClosesIt() throws Exception {
        cmd("a", "CREATE Scratch", "a OK CREATE completed");
        cmd("b", "SELECT Scratch", "b OK [READ-WRITE] SELECT completed");
        cmd("c", "DELETE Scratch", "c OK DELETE completed");
        cmd("d", "FETCH 1 UID", "d BAD FETCH is not valid in state AUTHENTICATED");
        cmd("e", "SELECT INBOX", "* 2 EXISTS", "e OK [READ-WRITE] SELECT completed");
    }

    @Test
    void renameMovesChildrenAndKeepsSpecialUse() throws Exception {
        cmd("a", "CREATE Sent/2024", "a OK CREATE completed");
        String before = uidValidity("Sent");
        cmd("b", "RENAME Sent \"Sent Items\"", "b OK RENAME completed");
        cmd("c", "LIST \"\" \"Sent*\"",
                "* LIST (\\HasChildren \\Sent) \"/\" \"Sent Items\"",
                "* LIST (\\HasNoChildren) \"/\" \"Sent Items/2024\"",
                "c OK LIST completed");
        assertThat(uidValidity("\"Sent Items\"")).isEqualTo(before);
        cmd("d", "LIST (SPECIAL-USE) \"\" \"*\"", "* LIST (\\HasChildren \\Sent) \"/\" \"Sent Items\"");
        cmd("e", "SELECT Sent", "e NO [NONEXISTENT] No such mailbox");
    }

    @Test
    void renameCreatesMissingParentsAndRefusesTakenOrInvalidNames() throws Exception {
        cmd("a", "CREATE Lists", "a OK CREATE completed");
        cmd("b", "RENAME Lists Archive", "b NO [ALREADYEXISTS] Mailbox exists already");
        cmd("c", "RENAME Lists INBOX", "c NO [ALREADYEXISTS] Mailbox exists already");
        cmd("d", "RENAME Lists Lists/inner", "d NO [CANNOT] Cannot move a mailbox below itself");
        cmd("e", "RENAME Nowhere Else", "e NO [NONEXISTENT] No such mailbox");
        cmd("f", "RENAME Lists Old/Lists", "f OK RENAME completed");
        assertThat(cmd("g", "LIST \"\" \"Old*\"", "g OK LIST completed"))
                .contains("* LIST (\\HasChildren) \"/\" Old", "* LIST (\\HasNoChildren) \"/\" Old/Lists");
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws Exception {
        String before = uidValidity("INBOX");
        cmd("a", "RENAME INBOX \"Old Mail\"", "a OK RENAME completed");
        cmd("b", "STATUS INBOX (MESSAGES UIDNEXT)", "* STATUS INBOX (MESSAGES 0 UIDNEXT 3)");
        cmd("c", "STATUS \"Old Mail\" (MESSAGES)", "* STATUS \"Old Mail\" (MESSAGES 2)");
        assertThat(uidValidity("INBOX")).isEqualTo(before);
        assertThat(uidValidity("\"Old Mail\"")).isNotEqualTo(before);
        cmd("d", "SELECT \"Old Mail\"", "* 2 EXISTS", "d OK [READ-WRITE] SELECT completed");
        List<String> f = cmd("e", "FETCH 1:2 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])", "e OK FETCH completed");
        assertThat(f).anyMatch(l -> l.startsWith("* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)]"))
                .anyMatch(l -> l.startsWith("* 2 FETCH (UID 2 BODY[HEADER.FIELDS (SUBJECT)]"));
        Mailbox inbox = server.store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow();
        assertThat(server.store.messages(inbox.id())).isEmpty();
    }

    @Test
    void anotherSessionWithInboxSelectedSeesTheMovedMessagesExpunged() throws Exception {
        try (ImapClient other = server.login()) {
            other.command("s", "SELECT INBOX");
            cmd("a", "RENAME INBOX Moved", "a OK RENAME completed");
            assertThat(other.command("n", "NOOP")).containsSubsequence("* 1 EXPUNGE", "* 1 EXPUNGE", "n OK NOOP completed");
        }
    }

    @Test
    void anotherSessionWithTheDeletedMailboxSelectedIsEndedWithBye() throws Exception {
        cmd("a", "CREATE Shared", "a OK CREATE completed");
        try (ImapClient other = server.login()) {
            other.command("s", "SELECT Shared");
            cmd("b", "DELETE Shared", "b OK DELETE completed");
            assertThat(other.readLine()).isEqualTo("* BYE Selected mailbox was deleted");
            assertThat(other.readLine()).isNull();
        }
        cmd("c", "NOOP", "c OK NOOP completed");
    }
}
