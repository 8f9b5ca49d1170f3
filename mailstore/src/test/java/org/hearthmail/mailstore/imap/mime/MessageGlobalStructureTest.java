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
}
