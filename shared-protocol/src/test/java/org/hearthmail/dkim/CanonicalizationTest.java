package org.hearthmail.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CanonicalizationTest {

    /** RFC 6376 §3.4.5, the example message. */
    private static final String EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    private static String headers(Canonicalization c, String message) {
        StringBuilder sb = new StringBuilder();
        for (HeaderField f : MessageSplitter.parse(message.substring(0, message.indexOf("\r\n\r\n") + 2)
                .getBytes(StandardCharsets.ISO_8859_1))) {
            sb.append(c.header(f));
        }
        return sb.toString();
    }

    /** Canonicalises the body, feeding it in chunks of {@code chunk} bytes. */
    private static String body(Canonicalization c, String body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyCanonicalizer bc = c.body(out::write);
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i += chunk) {
            bc.update(b, i, Math.min(chunk, b.length - i));
        }
        bc.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void rfc6376Section345RelaxedExample() {
        assertThat(headers(Canonicalization.RELAXED, EXAMPLE)).isEqualTo("a:X\r\nb:Y Z\r\n");
        String body = EXAMPLE.substring(EXAMPLE.indexOf("\r\n\r\n") + 4);
        for (int chunk = 1; chunk <= body.length(); chunk++) {
            assertThat(body(Canonicalization.RELAXED, body, chunk)).as("chunk %d", chunk).isEqualTo(" C\r\nD E\r\n");
        }
    }

    @Test
    void rfc6376Section345SimpleExample() {
        assertThat(headers(Canonicalization.SIMPLE, EXAMPLE)).isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n");
        String body = EXAMPLE.substring(EXAMPLE.indexOf("\r\n\r\n") + 4);
        for (int chunk = 1; chunk <= body.length(); chunk++) {
            assertThat(body(Canonicalization.SIMPLE, body, chunk)).as("chunk %d", chunk).isEqualTo(" C \r\nD \t E\r\n");
        }
    }

    @Test
    void emptyBodyIsCrlfInSimpleAndEmptyInRelaxed() {
        assertThat(body(Canonicalization.SIMPLE, "", 1)).isEqualTo("\r\n");
        assertThat(body(Canonicalization.SIMPLE, "\r\n\r\n", 1)).isEqualTo("\r\n");
        assertThat(body(Canonicalization.RELAXED, "", 1)).isEmpty();
        assertThat(body(Canonicalization.RELAXED, " \t\r\n\r\n", 1)).isEmpty();
    }

    @Test
    void missingFinalCrlfIsAdded() {
        assertThat(body(Canonicalization.SIMPLE, "abc", 2)).isEqualTo("abc\r\n");
        assertThat(body(Canonicalization.RELAXED, "abc  ", 2)).isEqualTo("abc\r\n");
    }

    @Test
    void innerEmptyLinesAndBareCrAreKept() {
        assertThat(body(Canonicalization.SIMPLE, "a\r\n\r\n\r\nb\r\n\r\n", 3)).isEqualTo("a\r\n\r\n\r\nb\r\n");
        assertThat(body(Canonicalization.RELAXED, "a\rb\r\n", 1)).isEqualTo("a\rb\r\n");
        assertThat(body(Canonicalization.SIMPLE, "a\r", 1)).isEqualTo("a\r\r\n");
    }

    @Test
    void headerParsingKeepsFoldingAndDropsLinesWithoutColon() {
        List<HeaderField> f = MessageSplitter.parse("Subject: a\r\n b\r\nnonsense\r\nTo: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(f).extracting(HeaderField::name).containsExactly("Subject", "To");
        assertThat(f.get(0).raw()).isEqualTo("Subject: a\r\n b\r\n");
    }

    @Test
    void headerSelectionTakesInstancesBottomUpAndNothingWhenExhausted() {
        List<HeaderField> f = MessageSplitter.parse("X: 1\r\nY: a\r\nX: 2\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(HeaderSelector.select(f, List.of("x", "X", "x", "y")))
                .extracting(HeaderField::raw).containsExactly("X: 2\r\n", "X: 1\r\n", "Y: a\r\n");
    }

    @Test
    void tagListParsingFollowsSection32() throws Exception {
        TagList t = TagList.parse(" v = 1 ;\r\n\ta=rsa-sha256; b=ab\r\n cd;");
        assertThat(t.tags()).containsEntry("v", "1").containsEntry("a", "rsa-sha256").containsEntry("b", "ab\r\n cd");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TagList.parse("a=1; a=2"))
                .isInstanceOf(DkimSyntaxException.class).hasMessageContaining("duplicate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TagList.parse("a=1;; b=2"))
                .isInstanceOf(DkimSyntaxException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TagList.parse("1a=1"))
                .isInstanceOf(DkimSyntaxException.class);
    }
}
