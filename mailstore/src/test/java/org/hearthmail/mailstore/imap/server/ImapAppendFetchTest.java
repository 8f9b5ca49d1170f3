package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.mailstore.imap.mime.ParsedMessage;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * APPEND stores its parse results with the message, and FETCH serves ENVELOPE, BODYSTRUCTURE and
 * BODY ready-rendered (for messages appended, delivered and parsed later, or never parsed) and
 * whole bodies exactly; against the SQLite store, over TLS and with COMPRESS.
 */
class ImapAppendFetchTest {
    @TempDir
    Path tmp;
    private ImapTestServer server;
    private ImapClient c;

    @AfterEach
    void tearDown() throws Exception {
        if (c != null) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ImapTestServer sqliteServer(boolean tls) throws Exception {
        SqliteMailStore store = SqliteMailStore.open(new DataDirectory(tmp.resolve("data")), StoreOptions.defaults());
        return tls ? ImapTestServer.tls(store, true) : ImapTestServer.plain(store);
    }

    private static String message(int i) {
        StringBuilder b = new StringBuilder("From: Sender " + i + " <s" + i + "@example.test>\r\nTo: alice@example.test\r\n"
                + "Subject: =?UTF-8?Q?m=C3=BCsli_" + i + "?=\r\nDate: Tue, 1 Apr 2025 12:00:00 +0000\r\n");
        if (i % 3 == 0) {
            b.append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b")
                    .append(i).append("\r\nContent-Type: text/plain\r\n\r\npart one ").append(i).append("\r\n--b").append(i)
                    .append("\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b")
                    .append(i).append("--\r\n");
        } else {
            b.append("\r\nbody of ").append(i).append("\r\n");
        }
        return b.toString();
    }

    private void append(String mailbox, String msg, String tag) throws Exception {
        c.send(tag + " APPEND " + mailbox + " {" + msg.getBytes(StandardCharsets.UTF_8).length + "}\r\n");
        assertThat(c.readLine()).startsWith("+ ");
        c.send(msg + "\r\n");
        assertThat(ImapClient.last(c.readUntilTagged(tag))).startsWith(tag + " OK [APPENDUID ");
    }

    /** What FETCH must answer for a message, rendered from a fresh parse. */
    private static String expected(int seq, String msg) {
        ParsedMessage p = ParsedMessage.parse(msg.getBytes(StandardCharsets.UTF_8));
        return "* " + seq + " FETCH (FLAGS () ENVELOPE " + p.envelope() + " BODYSTRUCTURE " + p.bodyStructure()
                + " BODY " + p.body() + ")";
    }

    @Test
    void appendedMessageHasItsParseResultsStoredBeforeTheOk() throws Exception {
        server = sqliteServer(false);
        c = server.login();
        String msg = message(3);
        append("Sent", msg, "a");
        long sent = server.store.mailbox(server.alice.id(), MailboxRole.SENT).orElseThrow().id();
        MessageMeta m = server.store.message(sent, 1).orElseThrow();
        ParsedMessage p = ParsedMessage.parse(msg.getBytes(StandardCharsets.UTF_8));
        assertThat(m.envelope()).isEqualTo(p.envelope());
        assertThat(m.bodyStructure()).isEqualTo(p.structureCache());
        // The searched header fields are indexed as well: a header SEARCH finds it.
        cmd("b", "SELECT Sent", "b OK [READ-WRITE] SELECT completed");
        cmd("c", "UID SEARCH SUBJECT \"3\"", "* SEARCH 1", "c OK UID SEARCH completed");
    }

    @Test
    void fetchOfManyAndOfFewMessagesServesTheRenderedFormsOfEveryKindOfArrival() throws Exception {
        server = sqliteServer(false);
        List<String> msgs = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            msgs.add(message(i));
            server.deliver(message(i)); // parsed later by the parse cacher, or by FETCH if first
        }
        c = server.login();
        for (int i = 41; i <= 45; i++) {
            msgs.add(message(i));
            append("INBOX", message(i), "p" + i);
        }
        cmd("s", "SELECT INBOX", "s OK [READ-WRITE] SELECT completed");
        for (int round = 0; round < 2; round++) { // the second round from the rendered cache alone
            List<String> r = c.command("f" + round, "FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE BODY)");
            assertThat(ImapClient.last(r)).isEqualTo("f" + round + " OK FETCH completed");
            for (int i = 0; i < msgs.size(); i++) {
                assertThat(r.get(i)).isEqualTo(expected(i + 1, msgs.get(i)));
            }
        }
        List<String> few = c.command("g", "UID FETCH 2,44 (UID ENVELOPE)");
        assertThat(few.get(0)).isEqualTo("* 2 FETCH (UID 2 ENVELOPE "
                + ParsedMessage.parse(msgs.get(1).getBytes(StandardCharsets.UTF_8)).envelope() + ")");
        assertThat(few.get(1)).startsWith("* 44 FETCH (UID 44 ENVELOPE (");
    }

    @Test
    void wholeBodiesAndTheirPartialsAreExactOverTlsAndCompression() throws Exception {
        server = sqliteServer(true);
        String big = message(1) + "x".repeat(70_000) + "\r\n"; // past the output's pass-on size
        String nul = "Subject: nul\r\n\r\na\0b\r\n";
        server.deliver(message(2));
        server.deliver(big);
        server.store.deliver(List.of(ImapTestServer.USER), new java.io.ByteArrayInputStream(nul.getBytes(StandardCharsets.UTF_8)));
        c = new ImapClient(server.address, true);
        c.readLine();
        cmd("l", "LOGIN " + ImapTestServer.USER + " \"" + ImapTestServer.PASSWORD + "\"", "l OK");
        cmd("z", "COMPRESS DEFLATE", "z OK DEFLATE active");
        c.compress();
        cmd("s", "EXAMINE INBOX", "s OK [READ-ONLY] EXAMINE completed");
        List<String> r = cmd("a", "UID FETCH 1:3 (UID BODY.PEEK[])", "a OK UID FETCH completed");
        assertThat(r.get(0)).isEqualTo("* 1 FETCH (UID 1 BODY[] {" + message(2).length() + "}\r\n" + message(2) + ")");
        assertThat(r.get(1)).isEqualTo("* 2 FETCH (UID 2 BODY[] {" + big.length() + "}\r\n" + big + ")");
        // RFC 9051 §4.3.1: NUL outside BINARY goes out as 0x80, so the size still holds.
        assertThat(c.literals.get(2)).containsExactly("Subject: nul\r\n\r\na\u0080b\r\n".getBytes(StandardCharsets.ISO_8859_1));
        r = cmd("b", "UID FETCH 2 (BODY.PEEK[]<65000.10000> RFC822.SIZE)", "b OK UID FETCH completed");
        assertThat(r.get(0)).isEqualTo("* 2 FETCH (UID 2 BODY[]<65000> {" + (big.length() - 65000) + "}\r\n"
                + big.substring(65000) + " RFC822.SIZE " + big.length() + ")");
    }

    @Test
    void fetchOfScatteredSetsAnswersEveryNamedMessageOnceInOrderAcrossExpungedGaps() throws Exception {
        server = sqliteServer(false);
        for (int i = 1; i <= 140; i++) {
            server.deliver("Subject: " + i + "\r\n\r\nbody\r\n");
        }
        c = server.login();
        cmd("s", "SELECT INBOX", "s OK [READ-WRITE] SELECT completed");
        cmd("d", "UID STORE 2,4,6,100 +FLAGS.SILENT (\\Deleted)", "d OK");
        cmd("x", "EXPUNGE", "x OK EXPUNGE completed");
        List<Long> uids = new ArrayList<>();
        for (long u = 1; u <= 140; u++) {
            if (u != 2 && u != 4 && u != 6 && u != 100) {
                uids.add(u);
            }
        }
        List<String> r = c.command("a", "FETCH 1,3,5:7,136:* (UID)");
        List<String> want = new ArrayList<>();
        for (int seq : new int[] {1, 3, 5, 6, 7, 136}) {
            want.add("* " + seq + " FETCH (UID " + uids.get(seq - 1) + ")");
        }
        want.add("a OK FETCH completed");
        assertThat(r).containsExactlyElementsOf(want);
        // Over 64 ranges: every odd UID (the expunged 100 is even, 2, 4 and 6 too).
        StringBuilder odd = new StringBuilder();
        for (int u = 1; u <= 140; u += 2) {
            odd.append(odd.length() == 0 ? "" : ",").append(u);
        }
        r = c.command("b", "UID FETCH " + odd + ",100 (UID)");
        assertThat(r).hasSize(71).endsWith("b OK UID FETCH completed");
        for (int i = 0; i < 70; i++) {
            long u = 2L * i + 1;
            assertThat(r.get(i)).isEqualTo("* " + (uids.indexOf(u) + 1) + " FETCH (UID " + u + ")");
        }
    }

    private List<String> cmd(String tag, String command, String... expected) throws Exception {
        List<String> r = c.command(tag, command);
        if (expected.length > 0) {
            assertThat(r).as(command).anyMatch(l -> l.startsWith(expected[expected.length - 1]));
            for (int i = 0; i < expected.length - 1; i++) {
                String e = expected[i];
                assertThat(r).as(command).anyMatch(l -> l.startsWith(e));
            }
        }
        return r;
    }
}
