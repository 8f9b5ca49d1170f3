package org.hearthmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStufferTest {

    private static String stuff(String content, int cut) {
        byte[] b = content.getBytes(StandardCharsets.ISO_8859_1);
        DotStuffer s = new DotStuffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        drain(s.encode(Unpooled.wrappedBuffer(b, 0, cut), ByteBufAllocator.DEFAULT), out);
        drain(s.encode(Unpooled.wrappedBuffer(b, cut, b.length - cut), ByteBufAllocator.DEFAULT), out);
        drain(s.finish(ByteBufAllocator.DEFAULT), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void drain(ByteBuf b, ByteArrayOutputStream out) {
        byte[] a = new byte[b.readableBytes()];
        b.readBytes(a);
        b.release();
        out.writeBytes(a);
    }

    private static void assertAllSplits(String content, String wire) {
        for (int cut = 0; cut <= content.length(); cut++) {
            assertThat(stuff(content, cut)).as("cut at %d", cut).isEqualTo(wire);
        }
    }

    @Test
    void linesStartingWithADotGetAnotherDot() {
        assertAllSplits(".a\r\nb\r\n..c\r\n.\r\n", "..a\r\nb\r\n...c\r\n..\r\n.\r\n");
    }

    @Test
    void dotInsideALineIsUntouched() {
        assertAllSplits("a.b\r\n", "a.b\r\n.\r\n");
    }

    @Test
    void missingFinalCrlfIsAddedBeforeTheTerminator() {
        assertAllSplits("no newline", "no newline\r\n.\r\n");
    }

    @Test
    void bareLfAndBareCrBecomeCrlf() {
        assertAllSplits("a\nb\rc\r\n.d\n", "a\r\nb\r\nc\r\n..d\r\n.\r\n");
    }

    @Test
    void trailingBareCrBecomesCrlf() {
        assertAllSplits("a\r", "a\r\n.\r\n");
    }

    @Test
    void emptyContentIsJustTheTerminator() {
        assertThat(stuff("", 0)).isEqualTo(".\r\n");
    }

    @Test
    void lfDotCrlfSmugglingSequenceCannotEndTheData() {
        // "\n.\r\n" would end DATA at a lenient receiver; after normalisation it is a stuffed dot line.
        assertAllSplits("x\n.\r\nMAIL FROM:<evil>\r\n", "x\r\n..\r\nMAIL FROM:<evil>\r\n.\r\n");
    }
}
