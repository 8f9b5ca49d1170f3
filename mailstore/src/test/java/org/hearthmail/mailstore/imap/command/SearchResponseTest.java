package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The SEARCH response written as octets reads as the text RFC 3501 §7.2.5 gives. */
class SearchResponseTest {

    @Property(tries = 200)
    void numbersAreWrittenAsTheirDecimalTextAfterOneSpaceEach(
            @ForAll @Size(max = 300) long[] numbers, @ForAll @LongRange(min = 1) long modSeq) {
        long[] positive = java.util.Arrays.stream(numbers).map(n -> n & Long.MAX_VALUE).toArray();
        StringBuilder expected = new StringBuilder("* SEARCH");
        for (long n : positive) {
            expected.append(' ').append(n);
        }
        String tail = " (MODSEQ " + modSeq + ")";
        assertThat(new String(SearchResponse.line(positive, tail), StandardCharsets.US_ASCII))
                .isEqualTo(expected + tail + "\r\n");
    }

    @Test
    void anEmptyResultIsTheBareSearchLine() {
        assertThat(SearchResponse.line(new long[0], "")).asString(StandardCharsets.US_ASCII).isEqualTo("* SEARCH\r\n");
    }

    @Test
    void boundaryNumbersKeepEveryDigit() {
        long[] n = {1, 9, 10, 99, 100, 4_294_967_295L, Long.MAX_VALUE, 0};
        assertThat(SearchResponse.line(n, "")).asString(StandardCharsets.US_ASCII)
                .isEqualTo("* SEARCH 1 9 10 99 100 4294967295 9223372036854775807 0\r\n");
    }
}
