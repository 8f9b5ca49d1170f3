package org.hearthmail.relay.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64LinesTest {

    @Test
    void binaryBecomesCrlfLinesOf76CharactersThatDecodeBackExactly() throws Exception {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 56, 57, 58, 57 * 1024, 57 * 1024 + 1, 300_001}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            byte[] text = new Base64Lines(new ByteArrayInputStream(data)).readAllBytes();
            String s = new String(text, StandardCharsets.US_ASCII);
            if (size > 0) {
                assertThat(s).endsWith("\r\n");
            }
            for (String line : s.split("\r\n", -1)) {
                assertThat(line.length()).as("line length, size " + size).isLessThanOrEqualTo(76);
            }
            // RFC 5321 §2.3.8: no bare CR or LF anywhere.
            assertThat(s.replace("\r\n", "")).doesNotContain("\r", "\n");
            assertThat(Base64.getMimeDecoder().decode(text)).as("size " + size).isEqualTo(data);
        }
    }
}
