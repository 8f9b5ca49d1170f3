package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkerOutputTest {

    /** The outbound buffers the channel got, each as bytes (released). */
    private static List<byte[]> written(EmbeddedChannel ch) {
        List<byte[]> out = new ArrayList<>();
        for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            if (bytes.length > 0) {
                out.add(bytes);
            }
        }
        return out;
    }

    private static WorkerOutput output(EmbeddedChannel ch) {
        return new WorkerOutput(ch.pipeline().context(ch.pipeline().first()));
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.fireChannelRead(msg);
            }
        });
    }

    @Test
    void shortAnswerGoesOutAsOneBufferWithTheFlushAndNothingBefore() {
        EmbeddedChannel ch = channel();
        WorkerOutput out = output(ch);
        out.write("* 1 FETCH (FLAGS ())\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write("a OK FETCH completed\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(written(ch)).isEmpty();
        out.flush();
        assertThat(written(ch)).containsExactly("* 1 FETCH (FLAGS ())\r\na OK FETCH completed\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        ch.finishAndReleaseAll();
    }

    @Test
    void manyResponsesAndLargeBodiesArriveWholeAndInOrder() {
        EmbeddedChannel ch = channel();
        WorkerOutput out = output(ch);
        Random r = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        List<byte[]> got = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] piece = new byte[i % 97 == 0 ? 20_000 + r.nextInt(80_000) : 1 + r.nextInt(1500)];
            r.nextBytes(piece);
            expected.writeBytes(piece);
            out.write(piece);
            got.addAll(written(ch));
        }
        out.flush();
        got.addAll(written(ch));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        got.forEach(all::writeBytes);
        assertThat(all.toByteArray()).isEqualTo(expected.toByteArray());
        // gathered, not one buffer per response
        assertThat(got.size()).isLessThan(3000 / 10);
        ch.finishAndReleaseAll();
    }

    @Test
    void restOfACommandIsHandedOverInOrderAndNotWrittenByTheWorker() {
        EmbeddedChannel ch = channel();
        WorkerOutput out = output(ch);
        byte[] big = new byte[40_000];
        java.util.Arrays.fill(big, (byte) 'x');
        byte[] head = "* 1 FETCH (BODY[] {40000}\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ")\r\na OK FETCH completed\r\n".getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        out.write(big);
        out.write(tail);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(head);
        expected.writeBytes(big);
        expected.writeBytes(tail);
        List<ByteBuf> rest = out.takeRest();
        assertThat(written(ch)).isEmpty();
        assertThat(rest).hasSize(3);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteBuf b : rest) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            all.writeBytes(bytes);
        }
        assertThat(all.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(out.takeRest()).isEmpty();
        ch.finishAndReleaseAll();
    }
}
