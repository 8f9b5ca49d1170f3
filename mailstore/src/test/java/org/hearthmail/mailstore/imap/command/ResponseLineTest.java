package org.hearthmail.mailstore.imap.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseLineTest {

    @Test
    void numbersAreWrittenInDecimalAndTheLineEndsWithCrlf() {
        ResponseLine line = new ResponseLine("SORT", 1);
        for (long n : new long[] {0, 7, 10, 99, 4_294_967_295L, Long.MAX_VALUE}) {
            line.ascii(' ').number(n);
        }
        assertThat(new String(line.end(), StandardCharsets.US_ASCII))
                .isEqualTo("* SORT 0 7 10 99 4294967295 " + Long.MAX_VALUE + "\r\n");
    }

    @Test
    void aLineLongerThanItsFirstGuessGrows() {
        ResponseLine line = new ResponseLine("THREAD", 0);
        StringBuilder expected = new StringBuilder("* THREAD");
        for (int i = 1; i <= 5_000; i++) {
            line.ascii(" (").number(i).ascii(')');
            expected.append(" (").append(i).append(')');
        }
        assertThat(new String(line.end(), StandardCharsets.US_ASCII)).isEqualTo(expected + "\r\n");
    }

    @Test
    void negativeNumbersAndNonAsciiTextAreRefused() {
        ResponseLine line = new ResponseLine("SORT", 1);
        assertThatThrownBy(() -> line.number(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line.ascii("é")).isInstanceOf(IllegalArgumentException.class);
    }
}
