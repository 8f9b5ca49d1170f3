package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-message FETCH of bodies and sections over real sockets against the SQLite store: the
 * first FETCH of a message and a later one (each on a worker or at once on the event loop, by the
 * body's size and the item) answer the same octets (whole bodies, partials, RFC822, header and text sections, BINARY; bodies
 * smaller and larger than the output's chunks). Messages expunged by another session meanwhile,
 * pipelined commands and a client that reads late.
 */
@Timeout(120)
class ImapBodyFetchTest {
    @TempDir
    Path tmp;
    private ImapTestServer server;
    private final List<ImapClient> clients = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (ImapClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ImapClient login() throws Exception {
        ImapClient c = server.login();
        clients.add(c);
        return c;
    }

    private void start() throws Exception {
        server = ImapTestServer.plain(SqliteMailStore.open(new DataDirectory(tmp.resolve("data")), StoreOptions.defaults()));
    }

    /** A server holding {@code messages} in INBOX, and a client that has it selected ({@code select}: SELECT or EXAMINE). */
    private ImapClient holding(String select, String... messages) throws Exception {
        start();
        for (String m : messages) {
            server.deliver(m);
        }
        ImapClient c = login();
        c.command("S", select + " INBOX");
        return c;
    }

    /** A message of about {@code size} octets; a NUL in the text when {@code nul}. */
    private static String message(int i, int size, boolean nul) {
        StringBuilder b = new StringBuilder("From: Sender " + i + " <s" + i + "@example.test>\r\nTo: alice@example.test\r\n"
                + "Subject: body " + i + "\r\nDate: Tue, 1 Apr 2025 12:00:00 +0000\r\n\r\n");
        if (nul) {
            b.append("a NUL \u0000 here\r\n");
        }
        for (int line = 0; b.length() < size; line++) {
            b.append("line ").append(line).append(" of message ").append(i).append(" .................................\r\n");
        }
        return b.toString();
    }

    /** RFC 9051 §4.3.1: outside BINARY a NUL goes out as 0x80 (as Dovecot does). */
    private static byte[] textual(byte[] raw) {
        byte[] out = raw.clone();
        for (int k = 0; k < out.length; k++) {
            if (out[k] == 0) {
                out[k] = (byte) 0x80;
            }
        }
        return out;
    }

    /** The response of one command with its literals, as one byte string. */
    private static byte[] transcript(ImapClient c, String tag, String command) throws Exception {
        int before = c.literals.size();
        List<String> lines = c.command(tag, command);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String l : lines) {
            out.writeBytes(l.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        for (byte[] lit : c.literals.subList(before, c.literals.size())) {
            out.writeBytes(lit);
        }
        return out.toByteArray();
    }

    @Test
    void bodiesAndSectionsAreTheSameOctetsOnFirstAndLaterFetches() throws Exception {
        start();
        int[] sizes = {300, 9_000, 20_000, 70_000, 300_000};
        String[] items = {"BODY.PEEK[]", "BODY.PEEK[]<7.1000>", "(UID RFC822.SIZE BODY.PEEK[])", "BODY.PEEK[HEADER]",
                "BODY.PEEK[TEXT]", "BINARY.PEEK[]", "BODY.PEEK[HEADER.FIELDS (Subject)]", "RFC822.HEADER",
                "BODY.PEEK[TEXT]<2.50>"};
        // one copy of each message per item, so that each item's first FETCH is of a message no
        // FETCH has read before; the second repeats it
        List<byte[]> raws = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            String m = message(i, sizes[i], i == 1);
            for (int k = 0; k < items.length; k++) {
                raws.add(m.getBytes(StandardCharsets.UTF_8));
                server.deliver(m);
            }
        }
        ImapClient c = login();
        c.command("S", "SELECT INBOX");
        for (int uid = 1; uid <= raws.size(); uid++) {
            String item = items[(uid - 1) % items.length];
            byte[] first = transcript(c, "F" + uid, "UID FETCH " + uid + " " + item);
            byte[] second = transcript(c, "F" + uid, "UID FETCH " + uid + " " + item);
            assertThat(second).as(item + " of UID " + uid).isEqualTo(first);
        }
        for (int uid = 1; uid <= raws.size(); uid++) {
            byte[] raw = raws.get(uid - 1);
            int before = c.literals.size();
            List<String> r = c.command("W", "UID FETCH " + uid + " BODY.PEEK[]");
            assertThat(r.get(0)).startsWith("* " + uid + " FETCH (UID " + uid + " BODY[] {" + raw.length + "}\r\n");
            assertThat(c.literals.get(before)).isEqualTo(textual(raw));
            assertThat(ImapClient.last(r)).isEqualTo("W OK UID FETCH completed");
            c.command("P", "UID FETCH " + uid + " BODY.PEEK[]<7.1000>");
            assertThat(c.literals.get(c.literals.size() - 1))
                    .isEqualTo(textual(Arrays.copyOfRange(raw, 7, Math.min(raw.length, 1007))));
            r = c.command("Z", "UID FETCH " + uid + " (UID RFC822.SIZE BODY.PEEK[])");
            assertThat(r.get(0)).startsWith("* " + uid + " FETCH (UID " + uid + " RFC822.SIZE " + raw.length
                    + " BODY[] {" + raw.length + "}");
            int blank = new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
            c.command("H", "UID FETCH " + uid + " BODY.PEEK[HEADER]");
            assertThat(c.literals.get(c.literals.size() - 1)).isEqualTo(Arrays.copyOfRange(raw, 0, blank));
            c.command("T", "UID FETCH " + uid + " BODY.PEEK[TEXT]");
            assertThat(c.literals.get(c.literals.size() - 1)).isEqualTo(textual(Arrays.copyOfRange(raw, blank, raw.length)));
            r = c.command("J", "UID FETCH " + uid + " BODY.PEEK[HEADER.FIELDS (Subject)]");
            assertThat(r.get(0)).endsWith("Subject: body " + ((uid - 1) / items.length) + "\r\n\r\n)");
        }
        // FETCH by sequence number and over a range: the same bodies, in order
        int before = c.literals.size();
        List<String> all = c.command("R", "FETCH 1:* BODY.PEEK[]");
        assertThat(all).hasSize(raws.size() + 1);
        for (int i = 0; i < raws.size(); i++) {
            assertThat(all.get(i)).startsWith("* " + (i + 1) + " FETCH (BODY[] {");
            assertThat(c.literals.get(before + i)).isEqualTo(textual(raws.get(i)));
        }
    }

    @Test
    void rfc822InAReadOnlyMailboxIsServedAndSetsNoFlag() throws Exception {
        String m = message(1, 2_000, false);
        ImapClient c = holding("EXAMINE", m);
        c.command("A", "UID FETCH 1 BODY.PEEK[]");
        List<String> r = c.command("B", "UID FETCH 1 RFC822");
        assertThat(r.get(0)).startsWith("* 1 FETCH (UID 1 RFC822 {" + m.length() + "}");
        assertThat(c.literals.get(c.literals.size() - 1)).isEqualTo(m.getBytes(StandardCharsets.UTF_8));
        assertThat(c.command("C", "FETCH 1 FLAGS").get(0)).isEqualTo("* 1 FETCH (FLAGS ())");
    }

    @Test
    void bodyFetchWithoutPeekInAWritableMailboxStillSetsSeen() throws Exception {
        ImapClient c = holding("SELECT", message(1, 2_000, false));
        c.command("A", "UID FETCH 1 BODY.PEEK[]"); // read once
        List<String> r = c.command("B", "UID FETCH 1 BODY[]");
        // RFC 3501 §6.4.5: BODY[] sets \Seen and the FETCH response carries the new flags
        assertThat(r.get(0)).startsWith("* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {");
    }

    @Test
    void bodyOfAMessageExpungedByAnotherSessionIsLeftOutAndItsExpungeReportedOnlyWhereAllowed() throws Exception {
        ImapClient a = holding("SELECT", message(1, 5_000, false), message(2, 5_000, false), message(3, 5_000, false));
        a.command("F", "FETCH 1:* (FLAGS)");
        a.command("G", "UID FETCH 1:3 BODY.PEEK[]"); // every body's place is known now
        ImapClient b = login();
        b.command("S", "SELECT INBOX");
        assertThat(ImapClient.last(b.command("D", "UID STORE 2 +FLAGS.SILENT (\\Deleted)"))).startsWith("D OK");
        assertThat(ImapClient.last(b.command("X", "EXPUNGE"))).startsWith("X OK");

        // RFC 3501 §7.4.1: no EXPUNGE while answering FETCH; the message is gone, so it is left out
        List<String> r = a.command("H", "FETCH 2 BODY.PEEK[]");
        assertThat(r).noneMatch(l -> l.contains("EXPUNGE") || l.contains("BODY[]"));
        assertThat(ImapClient.last(r)).isEqualTo("H OK FETCH completed");
        // UID FETCH may report it (RFC 3501 §7.4.1); the body is not served
        r = a.command("J", "UID FETCH 2:3 BODY.PEEK[]");
        assertThat(r.get(0)).isEqualTo("* 3 FETCH (UID 3 BODY[] {" + message(3, 5_000, false).length() + "}\r\n"
                + message(3, 5_000, false) + ")");
        assertThat(r.subList(1, r.size())).containsExactly("* 2 EXPUNGE", "J OK UID FETCH completed");
        r = a.command("K", "UID FETCH 3 BODY.PEEK[]");
        assertThat(r.get(0)).startsWith("* 2 FETCH (UID 3 BODY[] {");
    }

    @Test
    void pipelinedFetchesAreAnsweredInOrderEachOnce() throws Exception {
        String[] messages = new String[5];
        for (int i = 1; i <= 5; i++) {
            messages[i - 1] = message(i, 1_000 * i * i, false);
        }
        ImapClient c = holding("SELECT", messages);
        StringBuilder batch = new StringBuilder();
        for (int k = 0; k < 100; k++) {
            batch.append("P").append(k).append(k % 4 == 3 ? " NOOP" : " UID FETCH " + (k % 5 + 1) + " BODY.PEEK[]")
                    .append("\r\n");
        }
        c.send(batch.toString());
        for (int k = 0; k < 100; k++) {
            List<String> r = c.readUntilTagged("P" + k);
            if (k % 4 == 3) {
                assertThat(r).containsExactly("P" + k + " OK NOOP completed");
            } else {
                assertThat(r).hasSize(2);
                assertThat(r.get(0)).startsWith("* " + (k % 5 + 1) + " FETCH (UID " + (k % 5 + 1) + " BODY[] {");
                assertThat(r.get(1)).isEqualTo("P" + k + " OK UID FETCH completed");
            }
        }
    }

    @Test
    void clientThatReadsLateGetsEveryAnswerOfItsPipelinedBigFetches() throws Exception {
        String big = message(1, 400_000, false);
        ImapClient c = holding("SELECT", big);
        StringBuilder batch = new StringBuilder();
        int count = 40; // 16 MB of answers: far past the socket buffers, so the server must wait for the reader
        for (int k = 0; k < count; k++) {
            batch.append("B").append(k).append(" UID FETCH 1 BODY.PEEK[]\r\n");
        }
        c.send(batch.toString());
        Thread.sleep(500); // the server fills the socket and must wait, without losing or reordering
        for (int k = 0; k < count; k++) {
            List<String> r = c.readUntilTagged("B" + k);
            assertThat(r).hasSize(2);
            assertThat(r.get(1)).isEqualTo("B" + k + " OK UID FETCH completed");
        }
        assertThat(c.literals).hasSize(count);
        assertThat(c.literals.get(count - 1)).isEqualTo(big.getBytes(StandardCharsets.UTF_8));
        assertThat(ImapClient.last(c.command("N", "NOOP"))).isEqualTo("N OK NOOP completed");
    }
}
