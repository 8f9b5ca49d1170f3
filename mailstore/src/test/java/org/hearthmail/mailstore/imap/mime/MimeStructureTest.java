package org.hearthmail.mailstore.imap.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeStructureTest {
    static final String NESTED = String.join("\r\n",
            "From: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.test>",
            "To: alice@example.test, Team: bob@example.test, carol@example.test;",
            "Subject: Report",
            "Date: Mon, 7 Feb 1994 21:52:25 -0800",
            "Message-ID: <m1@example.test>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"",
            "",
            "preamble",
            "--outer",
            "Content-Type: multipart/alternative; boundary=inner",
            "",
            "--inner",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "plain text",
            "two lines",
            "--inner",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "<p>html</p>",
            "--inner--",
            "--outer",
            "Content-Type: application/pdf; name*0*=utf-8''R%C3%A9sum; name*1*=%C3%A9.pdf",
            "Content-Disposition: attachment; filename*=utf-8''R%C3%A9sum%C3%A9.pdf",
            "Content-Transfer-Encoding: base64",
            "",
            "JVBERi0=",
            "--outer",
            "Content-Type: message/rfc822",
            "",
            "From: bob@example.test",
            "Subject: inner",
            "",
            "forwarded body",
            "--outer--",
            "epilogue",
            "");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void simpleTextMessageHasDefaultTypeSizeAndLines() {
        byte[] raw = bytes("Subject: hi\r\n\r\nline one\r\nline two\r\n");
        ParsedMessage p = ParsedMessage.parse(raw);
        assertThat(p.bodyStructure()).isEqualTo(
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 20 2 NIL NIL NIL NIL)");
        assertThat(p.body()).isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 20 2)");
        assertThat(p.envelope()).isEqualTo("(NIL \"hi\" NIL NIL NIL NIL NIL NIL NIL NIL)");
    }

    @Test
    void nestedMultipartWithRfc2231AndEncapsulatedMessage() {
        ParsedMessage p = ParsedMessage.parse(bytes(NESTED));
        String bs = p.bodyStructure();
        assertThat(bs).startsWith("(((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7BIT\" 21 2 NIL NIL NIL NIL)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 11 1 NIL NIL NIL NIL)"
                + " \"alternative\" (\"boundary\" \"inner\") NIL NIL NIL)");
        // RFC 2231 continuations joined and decoded, re-sent as one 7-bit extended parameter.
        assertThat(bs).contains("(\"application\" \"pdf\" (\"name*\" \"utf-8''R%C3%A9sum%C3%A9.pdf\") NIL NIL \"base64\" 8 NIL"
                + " (\"attachment\" (\"filename*\" \"utf-8''R%C3%A9sum%C3%A9.pdf\")) NIL NIL)");
        assertThat(bs).contains("(\"message\" \"rfc822\" NIL NIL NIL \"7BIT\" 56 (NIL \"inner\" "
                + "((NIL NIL \"bob\" \"example.test\")) ((NIL NIL \"bob\" \"example.test\")) "
                + "((NIL NIL \"bob\" \"example.test\")) NIL NIL NIL NIL NIL) "
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 14 1 NIL NIL NIL NIL) 4 NIL NIL NIL NIL)");
        assertThat(bs).endsWith(" \"mixed\" (\"boundary\" \"outer\") NIL NIL NIL)");
    }

    @Test
    void envelopeHasEncodedNamesGroupsAndDefaultsSenderToFrom() {
        String env = ParsedMessage.parse(bytes(NESTED)).envelope();
        assertThat(env).isEqualTo("(\"Mon, 7 Feb 1994 21:52:25 -0800\" \"Report\" "
                + "((\"=?UTF-8?Q?J=C3=B6rg?=\" NIL \"joerg\" \"example.test\")) "
                + "((\"=?UTF-8?Q?J=C3=B6rg?=\" NIL \"joerg\" \"example.test\")) "
                + "((\"=?UTF-8?Q?J=C3=B6rg?=\" NIL \"joerg\" \"example.test\")) "
                + "((NIL NIL \"alice\" \"example.test\")(NIL NIL \"Team\" NIL)(NIL NIL \"bob\" \"example.test\")"
                + "(NIL NIL \"carol\" \"example.test\")(NIL NIL NIL NIL)) NIL NIL NIL \"<m1@example.test>\")");
    }

    @Test
    void sectionsSelectTheRightOctets() throws Exception {
        byte[] raw = bytes(NESTED);
        MimePart root = MimeParser.parse(raw);
        assertThat(text(Section.parse("1.1").extract(raw, root))).isEqualTo("plain text\r\ntwo lines");
        assertThat(text(Section.parse("1.2.MIME").extract(raw, root)))
                .isEqualTo("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        assertThat(text(Section.parse("2").extract(raw, root))).isEqualTo("JVBERi0=");
        assertThat(text(Section.parse("3.HEADER").extract(raw, root))).isEqualTo("From: bob@example.test\r\nSubject: inner\r\n\r\n");
        assertThat(text(Section.parse("3.TEXT").extract(raw, root))).isEqualTo("forwarded body");
        assertThat(text(Section.parse("3.1").extract(raw, root))).isEqualTo("forwarded body");
        assertThat(text(Section.parse("HEADER.FIELDS (subject TO)").extract(raw, root))).isEqualTo(
                "To: alice@example.test, Team: bob@example.test, carol@example.test;\r\nSubject: Report\r\n\r\n");
        assertThat(text(Section.parse("HEADER.FIELDS.NOT (From To Subject Date Message-ID MIME-Version)").extract(raw, root)))
                .isEqualTo("Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n");
        assertThat(Section.parse("4").extract(raw, root)).isNull();
        assertThat(Section.parse("2.1").extract(raw, root)).isNull();
        assertThat(text(Section.parse("").extract(raw, root))).isEqualTo(NESTED);
    }

    @Test
    void nonMultipartMessageHasItsBodyAsPartOne() throws Exception {
        byte[] raw = bytes("Subject: x\r\n\r\nhello\r\n");
        MimePart root = MimeParser.parse(raw);
        assertThat(text(Section.parse("1").extract(raw, root))).isEqualTo("hello\r\n");
        assertThat(text(Section.parse("TEXT").extract(raw, root))).isEqualTo("hello\r\n");
        assertThat(Section.parse("2").extract(raw, root)).isNull();
    }

    @Test
    void cacheFormRoundTripsIncludingEightBitValues() {
        ParsedMessage p = ParsedMessage.parse(bytes(NESTED.replace("Subject: Report", "Subject: Grüße")));
        ParsedMessage back = ParsedMessage.fromCache(p.envelope(), p.structureCache());
        assertThat(back).isNotNull();
        assertThat(back.root()).isEqualTo(p.root());
        assertThat(back.bodyStructure()).isEqualTo(p.bodyStructure());
        assertThat(back.body()).isEqualTo(p.body());
        assertThat(ParsedMessage.fromCache(p.envelope(), "9 (garbage")).isNull();
    }

    @Test
    void cacheCarriesRenderedStructureAndStillReadsTheOlderTreeOnlyForm() {
        ParsedMessage p = ParsedMessage.parse(bytes(NESTED));
        String cached = p.structureCache();
        assertThat(cached).startsWith(ParsedMessage.RENDERED + " ").contains(p.bodyStructure());
        // Entries written before the rendered texts were cached: the tree alone.
        ParsedMessage old = ParsedMessage.fromCache(p.envelope(), PartCodec.encode(p.root()));
        assertThat(old).isNotNull();
        assertThat(old.bodyStructure()).isEqualTo(p.bodyStructure());
        assertThat(old.body()).isEqualTo(p.body());
        // A rendered form of another version, or cut short, is parsed again.
        assertThat(ParsedMessage.fromCache(p.envelope(), "R0" + cached.substring(2))).isNull();
        assertThat(ParsedMessage.fromCache(p.envelope(), cached.substring(0, 20))).isNull();
        assertThat(ParsedMessage.fromCache(p.envelope(), cached.substring(0, cached.length() - 3))).isNull();
    }

    @Test
    void brokenAndHostileInputStillParses() {
        assertThat(ParsedMessage.parse(new byte[0]).bodyStructure()).contains("\"text\" \"plain\"");
        assertThat(ParsedMessage.parse(bytes("Content-Type: multipart/mixed\r\n\r\nno boundary")).bodyStructure())
                .startsWith("(\"text\" \"plain\"");
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            deep.append("Content-Type: message/rfc822\r\n\r\n");
        }
        assertThat(ParsedMessage.parse(bytes(deep.toString())).structureCache()).isNotEmpty();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
