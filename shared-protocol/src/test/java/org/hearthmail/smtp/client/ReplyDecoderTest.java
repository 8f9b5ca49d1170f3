package org.hearthmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.smtp.EnhancedStatus;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.Test;

class ReplyDecoderTest {

    private static final String EHLO = "250-mx.example.org Hello\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
            + "250-ENHANCEDSTATUSCODES\r\n250 CHUNKING\r\n";

    /** Feeds {@code wire} split into pieces at the given cut positions and returns what came out. */
    private static List<Reply> decodeSplit(String wire, int... cuts) {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyDecoder());
        byte[] b = wire.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.wrappedBuffer(b, from, cut - from));
            from = cut;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(b, from, b.length - from));
        List<Reply> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add((Reply) o);
        }
        assertThat(ch.finish()).isFalse();
        return out;
    }

    @Test
    void multiLineReplySplitAtEveryBytePositionDecodesToTheSameReply() {
        String wire = EHLO + "250 2.1.0 Sender OK\r\n";
        for (int i = 0; i <= wire.length(); i++) {
            for (int j = i; j <= wire.length(); j += 7) {
                List<Reply> replies = decodeSplit(wire, i, j);
                assertThat(replies).as("cuts %d,%d", i, j).hasSize(2);
                assertThat(replies.get(0).lines()).containsExactly("mx.example.org Hello", "PIPELINING",
                        "SIZE 10240000", "ENHANCEDSTATUSCODES", "CHUNKING");
                assertThat(replies.get(0).status()).isNull();
                assertThat(replies.get(1)).isEqualTo(new Reply(250, EnhancedStatus.of("2.1.0"), List.of("Sender OK")));
            }
        }
    }

    @Test
    void incompleteReplyEmitsNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyDecoder());
        ch.writeInbound(Unpooled.copiedBuffer("250-first\r\n250 sec", StandardCharsets.US_ASCII));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.copiedBuffer("ond\r\n", StandardCharsets.US_ASCII));
        Reply r = ch.readInbound();
        assertThat(r.lines()).containsExactly("first", "second");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void enhancedStatusIsStrippedFromEveryLineOfAMultiLineReply() {
        List<Reply> r = decodeSplit("550-5.7.1 Message rejected\r\n550-5.7.1 see https://example.org\r\n550 5.7.1 bye\r\n", 12);
        assertThat(r.get(0).status()).isEqualTo(EnhancedStatus.of("5.7.1"));
        assertThat(r.get(0).lines()).containsExactly("Message rejected", "see https://example.org", "bye");
    }

    @Test
    void enhancedStatusWhoseClassDiffersFromTheReplyCodeIsKeptAsText() {
        List<Reply> r = decodeSplit("250 5.0.0 odd\r\n");
        assertThat(r.get(0).status()).isNull();
        assertThat(r.get(0).lines()).containsExactly("5.0.0 odd");
    }

    @Test
    void bareCodeWithoutTextAndTrailingSpaceAreAccepted() {
        List<Reply> r = decodeSplit("250\r\n250-smtp-sink\r\n250 \r\n");
        assertThat(r).hasSize(2);
        assertThat(r.get(0).lines()).containsExactly("");
        assertThat(r.get(1).lines()).containsExactly("smtp-sink", "");
    }

    @Test
    void bareLfLineEndingIsAccepted() {
        assertThat(decodeSplit("220 hi\n").get(0).text()).isEqualTo("hi");
    }

    @Test
    void codeChangingWithinAMultiLineReplyIsAProtocolError() {
        assertProtocolError("250-one\r\n251 two\r\n", "changed from 250 to 251");
    }

    @Test
    void nonDigitCodeIsAProtocolError() {
        assertProtocolError("2x0 hello\r\n", "reply code");
    }

    @Test
    void codeOutsideTwoToFiveIsAProtocolError() {
        assertProtocolError("199 hello\r\n", "reply code");
        assertProtocolError("650 hello\r\n", "reply code");
    }

    @Test
    void wrongSeparatorIsAProtocolError() {
        assertProtocolError("250_hello\r\n", "neither SP nor '-'");
    }

    @Test
    void shortLineIsAProtocolError() {
        assertProtocolError("25\r\n", "shorter");
    }

    @Test
    void overlongLineWithoutLineEndIsAProtocolErrorAtOnce() {
        assertProtocolError("250 " + "x".repeat(5000), "longer than 4096");
    }

    @Test
    void overlongTerminatedLineIsAProtocolError() {
        assertProtocolError("250 " + "x".repeat(4093) + "\r\n", "longer than 4096");
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() {
        assertThat(decodeSplit("250 " + "x".repeat(4092) + "\r\n", 4096)).hasSize(1);
    }

    @Test
    void tooManyLinesIsAProtocolError() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyDecoder(512, 3));
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer("250-a\r\n250-b\r\n250-c\r\n250 d\r\n", StandardCharsets.US_ASCII)))
                .isInstanceOf(DecoderException.class).cause().isInstanceOf(SmtpProtocolException.class)
                .hasMessageContaining("more than 3 lines");
        ch.finishAndReleaseAll();
    }

    @Test
    void afterAProtocolErrorFurtherInputIsDiscarded() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer("xyz\r\n", StandardCharsets.US_ASCII)))
                .isInstanceOf(DecoderException.class);
        ch.writeInbound(Unpooled.copiedBuffer("250 ok\r\n", StandardCharsets.US_ASCII));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    private static void assertProtocolError(String wire, String message) {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8)))
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOf(SmtpProtocolException.class).hasMessageContaining(message);
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }
}
