package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 3516 BINARY for an IMAP4rev1 session (no ENABLE) over implicit TLS: FETCH BINARY decodes
 * base64 and quoted-printable parts to the very octets that were encoded; APPEND takes literal8.
 */
class ImapBinaryTest {
    /** Every octet value, NUL included, so that the decoded content must travel as literal8. */
    static final byte[] ATTACHMENT = attachment();
    static final String TEXT = "Grüße aus Köln — naïve café, 100 € = ½ × 200\r\nZweite Zeile\r\n";
    static final String MESSAGE = "From: Bob <bob@example.test>\r\nTo: alice@example.test\r\nSubject: binary\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Gr=C3=BC=C3=9Fe aus K=C3=B6ln =E2=80=94 na=C3=AFve caf=C3=A9, 100 =E2=82=AC =3D =C2=BD =C3=97 200\r\n"
            + "Zweite Zeile\r\n\r\n"
            + "--b1\r\nContent-Type: application/octet-stream; name=all.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ATTACHMENT) + "\r\n"
            + "--b1\r\nContent-Type: application/x-odd\r\nContent-Transfer-Encoding: x-gzip64\r\n\r\nH4sIAAAA\r\n"
            + "--b1--\r\n";

    private ImapTestServer server;
    private ImapClient c;

    private static byte[] attachment() {
        byte[] b = new byte[700];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    @BeforeEach
    void setUp() throws Exception {
        server = ImapTestServer.tls(new MemoryMailStore(StoreOptions.defaults()), true);
        server.deliver(MESSAGE);
        c = new ImapClient(server.address, true);
        c.readLine();
        c.command("L", "LOGIN " + ImapTestServer.USER + " \"" + ImapTestServer.PASSWORD + "\"");
        c.command("S", "SELECT INBOX");
    }

    @AfterEach
    void tearDown() throws Exception {
        c.close();
        server.close();
    }

    private List<String> cmd(String tag, String command) throws Exception {
        c.literals.clear();
        return c.command(tag, command);
    }

    @Test
    void base64PartIsDecodedToTheOriginalOctetsAsLiteral8() throws Exception {
        List<String> r = cmd("a", "FETCH 1 (BINARY.PEEK[2] BINARY.SIZE[2])");
        assertThat(ImapClient.last(r)).isEqualTo("a OK FETCH completed");
        assertThat(r.get(0)).startsWith("* 1 FETCH (BINARY[2] ~{" + ATTACHMENT.length + "}\r\n")
                .endsWith(" BINARY.SIZE[2] " + ATTACHMENT.length + ")");
        assertThat(c.literals).hasSize(1);
        assertThat(c.literals.get(0)).isEqualTo(ATTACHMENT);
        // BODY[2] is the encoded form, unchanged.
        cmd("b", "FETCH 1 BODY.PEEK[2]");
        assertThat(Base64.getMimeDecoder().decode(c.literals.get(0))).isEqualTo(ATTACHMENT);
    }

    @Test
    void quotedPrintablePartIsDecodedAndPlainLiteralWithoutNul() throws Exception {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        List<String> r = cmd("a", "FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])");
        assertThat(r.get(0)).startsWith("* 1 FETCH (BINARY.SIZE[1] " + utf8.length + " BINARY[1] {" + utf8.length + "}\r\n");
        assertThat(c.literals.get(0)).isEqualTo(utf8);
    }

    @Test
    void singlePartBase64MessageDecodesAsPartOneAndBinaryOfNothingIsTheWholeMessage() throws Exception {
        String single = "Subject: one part\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: Base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(ATTACHMENT) + "\r\n";
        server.deliver(single);
        cmd("n", "NOOP");
        cmd("a", "FETCH 2 (BINARY.PEEK[1] BINARY.PEEK[])");
        assertThat(c.literals).hasSize(2);
        assertThat(c.literals.get(0)).isEqualTo(ATTACHMENT);
        assertThat(c.literals.get(1)).isEqualTo(single.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void partialBinaryFetchCutsTheDecodedOctets() throws Exception {
        // Octets 250..299 hold a NUL (octet 256): literal8; 100..149 hold none: a plain literal.
        List<String> r = cmd("a", "UID FETCH 1 (BINARY.PEEK[2]<250.50>)");
        assertThat(r.get(0)).startsWith("* 1 FETCH (UID 1 BINARY[2]<250> ~{50}\r\n");
        assertThat(c.literals.get(0)).isEqualTo(Arrays.copyOfRange(ATTACHMENT, 250, 300));
        r = cmd("c", "FETCH 1 (BINARY.PEEK[2]<100.50>)");
        assertThat(r.get(0)).startsWith("* 1 FETCH (BINARY[2]<100> {50}\r\n");
        assertThat(c.literals.get(0)).isEqualTo(Arrays.copyOfRange(ATTACHMENT, 100, 150));
        cmd("b", "FETCH 1 BINARY.PEEK[2]<690.100>");
        assertThat(c.literals.get(0)).isEqualTo(Arrays.copyOfRange(ATTACHMENT, 690, 700));
    }

    @Test
    void binaryWithoutPeekSetsSeenAndPeekDoesNot() throws Exception {
        cmd("a", "FETCH 1 BINARY.PEEK[1]");
        assertThat(cmd("b", "FETCH 1 FLAGS")).contains("* 1 FETCH (FLAGS ())");
        List<String> r = cmd("c", "FETCH 1 BINARY[1]");
        assertThat(r.get(0)).startsWith("* 1 FETCH (FLAGS (\\Seen) BINARY[1] {");
    }

    @Test
    void unknownTransferEncodingMissingPartAndBadSectionsAreRefused() throws Exception {
        assertThat(cmd("a", "FETCH 1 BINARY.PEEK[3]"))
                .containsExactly("a NO [UNKNOWN-CTE] Cannot decode the part's Content-Transfer-Encoding");
        assertThat(cmd("b", "FETCH 1 BINARY.SIZE[3]")).last().asString().startsWith("b NO [UNKNOWN-CTE]");
        assertThat(cmd("c", "FETCH 1 BINARY.PEEK[9]")).containsExactly("* 1 FETCH (BINARY[9] NIL)", "c OK FETCH completed");
        assertThat(cmd("d", "FETCH 1 BINARY.PEEK[1.MIME]")).containsExactly("d BAD BINARY takes part numbers only: BINARY.PEEK[1.MIME]");
        assertThat(cmd("e", "FETCH 1 BINARY.SIZE[1]<0.10>")).containsExactly("e BAD BINARY.SIZE takes no partial range");
        assertThat(cmd("f", "NOOP")).containsExactly("f OK NOOP completed");
    }

    @Test
    void appendWithLiteral8StoresNulAndPlainLiteralWithNulIsBad() throws Exception {
        byte[] head = "Subject: raw\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes(head);
        msg.writeBytes(ATTACHMENT);
        byte[] bytes = msg.toByteArray();
        c.send("a APPEND INBOX ~{" + bytes.length + "}\r\n");
        assertThat(c.readLine()).startsWith("+ ");
        c.sendBytes(bytes);
        c.send("\r\n");
        assertThat(ImapClient.last(c.readUntilTagged("a"))).matches("a OK \\[APPENDUID \\d+ 2\\] APPEND completed");
        long inbox = server.store.mailbox(server.alice.id(), MailboxRole.INBOX).orElseThrow().id();
        try (var in = server.store.openBody(server.store.message(inbox, 2).orElseThrow())) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        cmd("n", "NOOP");
        List<String> r = cmd("b", "UID FETCH 2 BINARY.PEEK[1]");
        assertThat(r.get(0)).startsWith("* 2 FETCH (UID 2 BINARY[1] ~{" + ATTACHMENT.length + "}");
        assertThat(c.literals.get(0)).isEqualTo(ATTACHMENT);
        // RFC 9051 §4.3.1: outside BINARY no NUL goes out; each becomes 0x80, sizes unchanged.
        cmd("b2", "UID FETCH 2 BODY.PEEK[1]");
        byte[] textual = ATTACHMENT.clone();
        for (int i = 0; i < textual.length; i++) {
            textual[i] = textual[i] == 0 ? (byte) 0x80 : textual[i];
        }
        assertThat(c.literals.get(0)).isEqualTo(textual);

        // Non-synchronizing literal8 (LITERAL+) works too.
        c.sendBytes(("c APPEND Archive ~{" + bytes.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
        c.sendBytes(bytes);
        c.send("\r\n");
        assertThat(ImapClient.last(c.readUntilTagged("c"))).startsWith("c OK [APPENDUID ");

        // RFC 9051 §4.3: NUL in a plain literal is a syntax error; nothing is stored.
        c.sendBytes(("d APPEND Archive {" + bytes.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
        c.sendBytes(bytes);
        c.send("\r\n");
        assertThat(c.readUntilTagged("d")).containsExactly("d BAD message contains NUL; send it as literal8 (~{n})");
        long archive = server.store.mailbox(server.alice.id(), MailboxRole.ARCHIVE).orElseThrow().id();
        assertThat(server.store.messages(archive)).hasSize(1);
    }

    @Test
    void literal8OutsideAppendIsBadAndTheConnectionStaysUsable() throws Exception {
        assertThat(cmd("a", "STATUS ~{5}")).containsExactly("a BAD literal8 (~{n}) is only allowed in APPEND");
        c.send("b LOGIN ~{3+}\r\nabc\r\n");
        assertThat(c.readUntilTagged("b")).containsExactly("b BAD literal8 (~{n}) is only allowed in APPEND");
        assertThat(cmd("c", "NOOP")).containsExactly("c OK NOOP completed");
        // "~" alone is still an ordinary atom character (a keyword here).
        assertThat(cmd("d", "STORE 1 +FLAGS (~tilde)")).contains("* 1 FETCH (FLAGS (~tilde))");
    }
}
