package org.hearthmail.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearthmail.smtp.codec.DecoderDriver.auth;
import static org.hearthmail.smtp.codec.DecoderDriver.cmd;
import static org.hearthmail.smtp.codec.DecoderDriver.content;

import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder stops after DATA, AUTH and STARTTLS lines and decodes nothing until the session
 * resumes it; STARTTLS's pipelined bytes can be dropped; an over-long line is dropped as it arrives.
 */
class SmtpServerDecoderWaitTest {

    private static ResourceLeakDetector.Level previousLevel;

    @BeforeAll
    static void paranoidLeakDetection() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(previousLevel);
    }

    private static DecoderDriver waiting() {
        return new DecoderDriver(DecoderLimits.RFC_DEFAULTS, DecoderDriver.Resume.AFTER_WRITE, DecoderDriver.NEVER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DATA", "data", "AUTH PLAIN", "STARTTLS", "starttls"})
    void decodesNothingAfterAWaitingCommandUntilResumed(String line) {
        byte[] input = (line + "\r\nNOOP\r\nRSET\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int[] cuts : SmtpServerDecoderSplitTest.cutsOf(input.length)) {
            try (DecoderDriver d = waiting()) {
                d.writeCut(input, cuts);
                d.write("QUIT\r\n"); // further reads are kept, not decoded
                assertThat(d.events()).containsExactly(cmd(line));
                assertThat(d.decoder.mode()).isEqualTo(DecoderMode.WAIT);
                assertThat(d.decoder.hasBuffered()).isTrue();
            }
        }
    }

    @Test
    void resumeDecodesWhatWasBufferedWhileWaiting() {
        try (DecoderDriver d = waiting()) {
            d.write("DATA\r\nhello\r\n.\r\nAUTH LOGIN\r\ndXNlcg==\r\nNOOP\r\n");
            assertThat(d.events()).containsExactly(cmd("DATA"));
            d.decoder.resume(DecoderMode.DATA);
            d.write(new byte[0], 0, 0);
            assertThat(d.events()).containsExactly(cmd("DATA"), content("hello\r\n"),
                    DecoderDriver.describe(new SmtpInput.DataEnd(new DataFaults(false, false, false, false, 7))));
            assertThat(d.decoder.mode()).isEqualTo(DecoderMode.WAIT);
            d.decoder.resume(DecoderMode.COMMAND);
            d.write(new byte[0], 0, 0);
            assertThat(d.events()).endsWith(cmd("AUTH LOGIN"));
            d.decoder.resume(DecoderMode.AUTH);
            d.write(new byte[0], 0, 0);
            assertThat(d.events()).endsWith(auth("dXNlcg=="));
            // An AUTH line also stops the decoder: the mechanism decides whether another follows.
            assertThat(d.decoder.mode()).isEqualTo(DecoderMode.WAIT);
            d.decoder.resume(DecoderMode.COMMAND);
            d.write(new byte[0], 0, 0);
            assertThat(d.events()).endsWith(cmd("NOOP"));
            assertThat(d.decoder.hasBuffered()).isFalse();
        }
    }

    @Test
    void bytesPipelinedAfterStartTlsAreDroppedByDiscardBuffered() {
        byte[] input = "STARTTLS\r\nEHLO evil.example\r\nMAIL FROM:<evil@example.org>\r\nRC".getBytes(StandardCharsets.US_ASCII);
        for (int[] cuts : SmtpServerDecoderSplitTest.cutsOf(input.length)) {
            try (DecoderDriver d = waiting()) {
                d.writeCut(input, cuts);
                d.decoder.discardBuffered();
                assertThat(d.decoder.hasBuffered()).isFalse();
                d.decoder.resume(DecoderMode.COMMAND);
                d.write("EHLO good.example\r\n");
                // RFC 3207 §6 / CVE-2011-0411: nothing sent before the handshake is a command.
                assertThat(d.events()).containsExactly(cmd("STARTTLS"), cmd("EHLO good.example"));
            }
        }
    }

    @Test
    void discardBufferedWithNothingBufferedIsHarmless() {
        try (DecoderDriver d = waiting()) {
            d.decoder.discardBuffered();
            d.write("NOOP\r\n");
            d.decoder.discardBuffered();
            assertThat(d.events()).containsExactly(cmd("NOOP"));
        }
    }

    @Test
    void anOverLongLineIsDroppedAsItArrivesAndMemoryStaysBounded() {
        try (DecoderDriver d = waiting()) {
            byte[] kib = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1024; i++) {
                d.write(kib, 0, kib.length);
                // RFC 5321 §4.5.3.1.4: nothing of a line past the limit is kept.
                assertThat(d.decoder.hasBuffered()).isFalse();
            }
            assertThat(d.events()).isEmpty();
            d.write("\r\nNOOP\r\n");
            assertThat(d.events()).containsExactly(DecoderDriver.describe(new SmtpInput.LineTooLong(512)), cmd("NOOP"));
        }
    }

    @Test
    void anUnfinishedDataMessageIsReleasedWhenTheConnectionCloses() {
        try (DecoderDriver d = new DecoderDriver(DecoderLimits.RFC_DEFAULTS)) {
            d.write("DATA\r\nhello\r\nwor");
            assertThat(d.events()).containsExactly(cmd("DATA"), content("hello\r\nwor"));
            assertThat(d.decoder.mode()).isEqualTo(DecoderMode.DATA);
        }
    }

    @Test
    void aHugeBdatChunkTurnsEveryFollowingByteIntoContent() {
        try (DecoderDriver d = new DecoderDriver(DecoderLimits.RFC_DEFAULTS)) {
            d.write("BDAT 999999999999999999\r\nNOOP\r\n");
            assertThat(d.events()).containsExactly(DecoderDriver.describe(new SmtpInput.Bdat(999999999999999999L, false)),
                    content("NOOP\r\n"));
            assertThat(d.decoder.mode()).isEqualTo(DecoderMode.BDAT);
        }
    }

    @Test
    void bdatModeCannotBeChosenByTheSession() {
        try (DecoderDriver d = waiting()) {
            assertThatThrownBy(() -> d.decoder.resume(DecoderMode.BDAT)).isInstanceOf(IllegalArgumentException.class);
            assertThat(d.events()).isEqualTo(List.of());
        }
    }
}
