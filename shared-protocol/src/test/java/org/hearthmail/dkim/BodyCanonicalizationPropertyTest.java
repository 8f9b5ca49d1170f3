package org.hearthmail.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The streaming canonicaliser agrees with a direct reading of RFC 6376 §3.4.3/§3.4.4, however the input is split. */
class BodyCanonicalizationPropertyTest {

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.of('a', 'b', ' ', '\t', '\r', '\n').list().ofMaxSize(60)
                .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat))
                .map(s -> s.replaceAll("\r(?!\n)", "\r\n").replaceAll("(?<!\r)\n", "\r\n"));
    }

    @Property(tries = 500)
    void streamingEqualsReference(@ForAll("bodies") String body, @ForAll @IntRange(min = 1, max = 7) int chunk) {
        for (Canonicalization c : List.of(Canonicalization.SIMPLE, Canonicalization.RELAXED)) {
            assertThat(stream(c, body, chunk)).as("%s %s", c, body.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(reference(c, body));
        }
    }

    private static String stream(Canonicalization c, String body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyCanonicalizer bc = c.body(out::write);
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i += chunk) {
            bc.update(b, i, Math.min(chunk, b.length - i));
        }
        bc.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whole-string version of the RFC text, line by line. */
    private static String reference(Canonicalization c, String body) {
        String s = body;
        if (c == Canonicalization.RELAXED) {
            // §3.4.4: ignore WSP at line ends, reduce WSP runs to one SP.
            s = s.replaceAll("[ \t]+\r\n", "\r\n").replaceAll("[ \t]+$", "").replaceAll("[ \t]+", " ");
        }
        // Both: ignore empty lines at the end; a non-empty body ends with CRLF.
        while (s.endsWith("\r\n\r\n")) {
            s = s.substring(0, s.length() - 2);
        }
        if (s.equals("\r\n")) {
            s = "";
        }
        if (!s.isEmpty() && !s.endsWith("\r\n")) {
            s += "\r\n";
        }
        if (s.isEmpty() && c == Canonicalization.SIMPLE) {
            s = "\r\n"; // §3.4.3: an empty body is a single CRLF
        }
        return s;
    }
}
