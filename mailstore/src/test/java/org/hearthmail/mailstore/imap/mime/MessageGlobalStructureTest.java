package org.hearthmail.mailstore.imap.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * RFC 6532 §3.7 / RFC 9051 §9 media-message: a message/global part (an internationalized message
 * whose header may hold raw UTF-8) is shown like message/rfc822, with the envelope, body structure
 * and line count of the message inside it, and its sections number into that message.
 */
class MessageGlobalStructureTest {
    static final String OUTER = String.join("\r\n",
            "From: alice@example.test",
            "Subject: forwarded",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "see below",
            "--b",
            "Content-Type: message/global",
            "Content-Transfer-Encoding: 8bit",
            "",
            "From: Jörg <jörg@bücher.example>",
            "Subject: Grüße",
            "",
            "Hallo",
            "Welt",
            "--b--",
            "");

    private static final byte[] RAW = OUTER.getBytes(StandardCharsets.UTF_8);

    @Test
    void messageGlobalPartHasEnvelopeBodyAndLinesLikeMessageRfc822() {
        String bs = ParsedMessage.parse(RAW).bodyStructure();
        String inner = "From: Jörg <jörg@bücher.example>\r\nSubject: Grüße\r\n\r\nHallo\r\nWelt";
        int size = inner.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bs).contains("(\"message\" \"global\" NIL NIL NIL \"8bit\" " + size + " (NIL {7}\r\nGrüße ");
        // body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines
        assertThat(bs).contains("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 11 2 NIL NIL NIL NIL) 5 NIL NIL NIL NIL)");
    }

    @Test
    void messageGlobalEnvelopeCarriesTheInnerSubject() {
        MimePart root = MimeParser.parse(RAW);
        MimePart global = root.children().get(1);
        assertThat(global.message()).isNotNull();
        assertThat(global.envelope()).contains("Grüße");
    }

    @Test
    void sectionsOfAMessageGlobalPartAddressTheMessageInside() throws Exception {
        byte[] raw = RAW;
        MimePart root = MimeParser.parse(raw);
        // RFC 9051 §9 section-msgtext: HEADER and TEXT apply to "top-level or MESSAGE/RFC822 or MESSAGE/GLOBAL part".
        assertThat(new String(Section.parse("2.HEADER").extract(raw, root), StandardCharsets.UTF_8))
                .isEqualTo("From: Jörg <jörg@bücher.example>\r\nSubject: Grüße\r\n\r\n");
        assertThat(new String(Section.parse("2.TEXT").extract(raw, root), StandardCharsets.UTF_8)).isEqualTo("Hallo\r\nWelt");
        assertThat(new String(Section.parse("2.1").extract(raw, root), StandardCharsets.UTF_8)).isEqualTo("Hallo\r\nWelt");
    }

    /** The message inside, as the encoded variants below carry it. */
    static final String INNER = "From: Jörg <jörg@bücher.example>\r\nSubject: Grüße\r\n\r\nHallo\r\nWelt";

    /** A multipart whose second part is {@link #INNER} as message/global in {@code encoding}. */
    private static byte[] encoded(String encoding, String body) {
        return String.join("\r\n", "From: alice@example.test", "Subject: forwarded", "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/plain", "", "see below",
                "--b", "Content-Type: message/global", "Content-Transfer-Encoding: " + encoding, "", body, "--b--", "")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        // 76-character lines, as RFC 2045 §6.8 writes them.
        return java.util.Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static final String QUOTED_PRINTABLE = "From: J=C3=B6rg <j=C3=B6rg@b=C3=BCcher.example>\r\nSubject: Gr=C3=BC=C3=9Fe\r\n"
            + "\r\nHallo\r\nWe=\r\nlt";

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"base64", "quoted-printable"})
    void anEncodedMessageGlobalPartIsDecodedBeforeItsMessageIsParsed(String encoding) throws Exception {
        String body = encoding.equals("base64") ? base64(INNER) : QUOTED_PRINTABLE;
        byte[] raw = encoded(encoding, body);
        MimePart root = MimeParser.parse(raw);
        MimePart global = root.children().get(1);
        // RFC 9051 §7.5.2: envelope, body structure and lines as for message/rfc822; the size and
        // lines are the part's own (encoded) body, the structure inside is of the decoded message.
        assertThat(global.envelope()).contains("Grüße", "jörg", "bücher.example");
        String bs = ParsedMessage.parse(raw).bodyStructure();
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        long lines = body.lines().count();
        assertThat(bs).contains("(\"message\" \"global\" NIL NIL NIL \"" + encoding + "\" " + size + " (NIL {7}\r\nGrüße ");
        assertThat(bs).contains("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 11 2 NIL NIL NIL NIL) "
                + lines + " NIL NIL NIL NIL)");
        // Sections inside it address the decoded message; the part itself is its stored body.
        assertThat(new String(Section.parse("2.HEADER").extract(raw, root), StandardCharsets.UTF_8))
                .isEqualTo("From: Jörg <jörg@bücher.example>\r\nSubject: Grüße\r\n\r\n");
        assertThat(new String(Section.parse("2.HEADER.FIELDS (SUBJECT)").extract(raw, root), StandardCharsets.UTF_8))
                .isEqualTo("Subject: Grüße\r\n\r\n");
        assertThat(new String(Section.parse("2.TEXT").extract(raw, root), StandardCharsets.UTF_8)).isEqualTo("Hallo\r\nWelt");
        assertThat(new String(Section.parse("2.1").extract(raw, root), StandardCharsets.UTF_8)).isEqualTo("Hallo\r\nWelt");
        assertThat(new String(Section.parse("2").extract(raw, root), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(Section.parse("2.2").extract(raw, root)).isNull();
        // RFC 3516 BINARY[2]: the transfer encoding undone, like any leaf.
        assertThat(BinaryContent.of(raw, root, java.util.List.of(2))).isInstanceOfSatisfying(BinaryContent.Decoded.class,
                d -> assertThat(d.bytes()).isEqualTo(INNER.getBytes(StandardCharsets.UTF_8)));
        // The cached form keeps the tree, so a FETCH from the cache answers the same.
        MimePart cached = PartCodec.decode(PartCodec.encode(root));
        assertThat(new String(Section.parse("2.1").extract(raw, cached), StandardCharsets.UTF_8)).isEqualTo("Hallo\r\nWelt");
    }

    @Test
    void anUnencodedMessageGlobalAndAMessageRfc822KeepTheirOffsetsInTheStoredMessage() {
        MimePart global = MimeParser.parse(RAW).children().get(1);
        assertThat(global.messageOctets(RAW)).isSameAs(RAW);
        // RFC 2046 §5.2.1 forbids an encoded message/rfc822: it is not decoded (its bytes are the message).
        byte[] rfc822 = new String(encoded("base64", base64(INNER)), StandardCharsets.UTF_8)
                .replace("message/global", "message/rfc822").getBytes(StandardCharsets.UTF_8);
        MimePart part = MimeParser.parse(rfc822).children().get(1);
        assertThat(part.messageOctets(rfc822)).isSameAs(rfc822);
    }
}
