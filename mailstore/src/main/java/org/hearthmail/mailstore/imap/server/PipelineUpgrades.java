package org.hearthmail.mailstore.imap.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two pipeline changes a session makes after answering OK: TLS (STARTTLS) and DEFLATE
 * (COMPRESS). Both go in just before the decoder, so everything the session writes after the OK
 * and everything the client sends after it passes through them. Event loop only.
 */
final class PipelineUpgrades {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineUpgrades.class);
    static final String DEFLATE = "deflate";

    private PipelineUpgrades() {
    }

    /** RFC 3501 §6.2.1: the OK goes out in clear (startTls=true), the handshake follows at once. */
    static void startTls(ChannelHandlerContext ctx, ImapDecoder decoder, SslContext tls, String okLine) {
        // Anything pipelined after STARTTLS came in clear: it is dropped, never run (CVE-2011-0411).
        decoder.discardBuffered();
        SslHandler ssl = new SslHandler(tls.newEngine(ctx.alloc()), true);
        ctx.pipeline().addBefore(ctx.pipeline().context(decoder).name(), "tls", ssl);
        ctx.writeAndFlush(Unpooled.wrappedBuffer((okLine + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        ssl.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("IMAP {}: TLS handshake failed: {}", ctx.channel().remoteAddress(), f.cause().toString());
                ctx.close();
            }
        });
    }

    /** RFC 4978 §4: raw DEFLATE both ways after the OK; the encoder flushes every write (Z_SYNC_FLUSH). */
    static void compress(ChannelHandlerContext ctx, ImapDecoder decoder, String okLine) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer((okLine + "\r\n").getBytes(StandardCharsets.US_ASCII)));
        String at = ctx.pipeline().context(decoder).name();
        ctx.pipeline().addBefore(at, "inflate", ZlibCodecFactory.newZlibDecoder(ZlibWrapper.NONE));
        ctx.pipeline().addBefore(at, DEFLATE, ZlibCodecFactory.newZlibEncoder(ZlibWrapper.NONE, 6));
    }

    static boolean compressing(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(DEFLATE) != null;
    }
}
