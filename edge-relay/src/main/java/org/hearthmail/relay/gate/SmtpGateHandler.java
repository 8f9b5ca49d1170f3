package org.hearthmail.relay.gate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.hearthmail.dns.InetAddressLiteral;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.SessionAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Front of a port 25 pipeline. Holds back channelActive (and so the SMTP greeting) until the client
 * is admitted, the pre-greet delay has passed without the client sending a byte, and the DNS checks
 * passed; then hands the verified name to the session and lets channelActive through. Afterwards it
 * only watches the session's replies for a disconnect for too many errors (an abuse signal).
 */
final class SmtpGateHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(SmtpGateHandler.class);
    private static final byte[] TOO_MANY_ERRORS = Reply.TOO_MANY_ERRORS.renderBytes(true);
    private static final byte[] TOO_MANY_ERRORS_PLAIN = Reply.TOO_MANY_ERRORS.renderBytes(false);

    private enum State { WAITING, PASSED, REFUSED }

    private final ConnectionGate gate;
    private State state = State.WAITING;
    private InetAddress client;
    private boolean delayOver;
    private ScreenVerdict verdict;
    private ScheduledFuture<?> delay;

    SmtpGateHandler(ConnectionGate gate) {
        this.gate = gate;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress remote)) {
            state = State.PASSED;
            ctx.fireChannelActive();
            return;
        }
        client = InetAddressLiteral.unmap(remote.getAddress());
        Admission admission = gate.admit(client);
        if (admission instanceof Admission.Refused r) {
            log.info("refused {} before greeting: {}", org.hearthmail.log.LogPrivacy.current().ip(client), r.reason());
            refuse(ctx, r.reply());
            return;
        }
        Permit permit = ((Admission.Admitted) admission).permit();
        ctx.channel().closeFuture().addListener(f -> permit.close());
        long delayNanos = gate.config().pregreetDelay().toNanos();
        if (delayNanos > 0) {
            delay = ctx.executor().schedule(() -> {
                delayOver = true;
                proceed(ctx);
            }, delayNanos, TimeUnit.NANOSECONDS);
        } else {
            delayOver = true;
        }
        gate.screen(client).whenCompleteAsync((v, e) -> {
            if (e != null) {
                // ClientScreen completes normally by contract; a failure here is a bug, not a verdict.
                log.error("screening {} failed; greeting it unchecked", org.hearthmail.log.LogPrivacy.current().ip(client), e);
                v = ScreenVerdict.PASS_UNCHECKED;
            }
            verdict = v;
            proceed(ctx);
        }, ctx.executor());
    }

    private void proceed(ChannelHandlerContext ctx) {
        if (state != State.WAITING || !delayOver || verdict == null || !ctx.channel().isActive()) {
            return;
        }
        if (verdict instanceof ScreenVerdict.Refuse r) {
            log.info("refused {} before greeting: {}", org.hearthmail.log.LogPrivacy.current().ip(client), r.reason());
            refuse(ctx, r.reply());
            return;
        }
        ScreenVerdict.Pass pass = (ScreenVerdict.Pass) verdict;
        if (pass.clientName() != null) {
            ctx.channel().attr(SessionAttributes.VERIFIED_CLIENT_NAME).set(pass.clientName());
        }
        state = State.PASSED;
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.PASSED) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        if (state == State.WAITING) {
            // RFC 5321 §4.3.1: the client waits for the 220 greeting; spambots often do not.
            log.info("early talker {}: sent data before the greeting", org.hearthmail.log.LogPrivacy.current().ip(client));
            gate.report(client, AbuseSignal.EARLY_TALKER);
            refuse(ctx, GateReplies.earlyTalker());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.PASSED) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (delay != null) {
            delay.cancel(false);
        }
        if (state == State.PASSED) {
            ctx.fireChannelInactive();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.PASSED) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        log.debug("connection from {} failed before the greeting: {}", client, cause.toString());
        ctx.close();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (state == State.PASSED && client != null && msg instanceof ByteBuf b && isTooManyErrors(b)) {
            gate.report(client, AbuseSignal.PROTOCOL_ERRORS);
        }
        ctx.write(msg, promise);
    }

    private static boolean isTooManyErrors(ByteBuf b) {
        return startsWith(b, TOO_MANY_ERRORS) || startsWith(b, TOO_MANY_ERRORS_PLAIN);
    }

    private static boolean startsWith(ByteBuf b, byte[] prefix) {
        if (b.readableBytes() < prefix.length || b.getByte(b.readerIndex()) != prefix[0]) {
            return false;
        }
        return ByteBufUtil.equals(b, b.readerIndex(), io.netty.buffer.Unpooled.wrappedBuffer(prefix), 0, prefix.length);
    }

    private void refuse(ChannelHandlerContext ctx, Reply reply) {
        state = State.REFUSED;
        if (delay != null) {
            delay.cancel(false);
        }
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(reply.render(true).getBytes(StandardCharsets.US_ASCII)))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
