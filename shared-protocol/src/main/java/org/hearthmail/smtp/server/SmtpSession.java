package org.hearthmail.smtp.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLSession;
import org.hearthmail.proxy.ClientAddressResolved;
import org.hearthmail.proxy.ProxiedAddress;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.codec.DecoderMode;
import org.hearthmail.smtp.codec.SmtpInput;
import org.hearthmail.smtp.codec.SmtpServerDecoder;
import org.hearthmail.smtp.server.command.Commands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP server session: takes the decoder's inputs in order, checks each command against the
 * session state in one place ({@link Verb}), runs it, and writes replies. Inputs that arrive while
 * a policy call is pending are queued and reading stops, so a pipelining client is answered in
 * order (RFC 2920 §3.1) and memory stays bounded.
 */
public final class SmtpSession extends ChannelInboundHandlerAdapter implements SessionContext {

    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);

    private final SmtpServerConfig config;
    private final SessionHandlerFactory factory;
    private final SmtpServerDecoder decoder;
    private final ContentReceiver content;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private ChannelHandlerContext ctx;
    private SessionHandler handler;
    private SessionState state = SessionState.PRE_GREETING;
    private Transaction transaction = new Transaction();
    private boolean busy;
    private boolean draining;
    private boolean esmtp;
    private int errors;
    private String helo;
    private String forwardedHelo;
    private InetSocketAddress client;
    private String clientName;
    private InetSocketAddress server;
    private boolean forwarded;
    private String protocolOverride;
    private String authIdentity;
    private Object authExchange;
    private long lastReadNanos;
    private ScheduledFuture<?> timeout;

    public SmtpSession(SmtpServerConfig config, SessionHandlerFactory factory, SmtpServerDecoder decoder) {
        this.config = config;
        this.factory = factory;
        this.decoder = decoder;
        this.content = new ContentReceiver(this, config.limits().maxMessageSize());
    }

    // ---- lifecycle ------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        client = inet(ctx.channel().remoteAddress());
        server = inet(ctx.channel().localAddress());
        lastReadNanos = System.nanoTime();
        armTimeout(config.commandTimeout().toNanos());
        if (config.proxyProtocol() == null) {
            begin();
        }
        ctx.fireChannelActive();
    }

    /**
     * The PROXY handler has decided who the client is; only now is the greeting sent, since the
     * header comes before any SMTP byte.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ClientAddressResolved r && state == SessionState.PRE_GREETING) {
            if (r.client().origin() == ProxiedAddress.Origin.PROXY_HEADER) {
                client = r.client().source();
                server = r.client().destination();
                forwarded = true;
            }
            begin();
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void begin() {
        String verifiedName = ctx.channel().attr(SessionAttributes.VERIFIED_CLIENT_NAME).get();
        if (verifiedName != null && !forwarded) {
            // Only a name verified for the TCP peer itself; a PROXY-forwarded client is someone else.
            clientName = verifiedName;
        }
        handler = factory.newSession(info());
        await(handler.connect(info()), d -> {
            if (d instanceof Decision.Accept a) {
                state = SessionState.CONNECTED;
                reply(a.reply() != null ? a.reply() : greeting());
            } else {
                // RFC 5321 §3.1: a server may refuse with 554 (or 421) instead of the greeting.
                replyAndClose(Commands.replyOf(d));
            }
        });
    }

    private Reply greeting() {
        // RFC 5321 §4.2: 220 <domain> Service ready.
        return Reply.of(220, config.hostname() + " ESMTP ready");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = SessionState.CLOSING;
        cancelTimeout();
        transaction.abort();
        while (!queue.isEmpty()) {
            ReferenceCountUtil.release(queue.poll());
        }
        if (handler != null) {
            handler.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS handshake failures and resets end here; the session cannot go on.
        log.debug("session {} closed after error: {}", id, cause.toString());
        ctx.close();
    }

    // ---- input ----------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = System.nanoTime();
        if (state == SessionState.CLOSING) {
            ReferenceCountUtil.release(msg);
            return;
        }
        queue.add(msg);
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    private void drain() {
        if (draining) {
            // Re-entered from a command that resumed the decoder: the outer loop takes the new input.
            return;
        }
        draining = true;
        try {
            while (!busy && !queue.isEmpty() && state != SessionState.CLOSING && state != SessionState.PRE_GREETING) {
                process(queue.poll());
            }
        } finally {
            draining = false;
        }
        // Back-pressure: read on only when nothing is waiting.
        ctx.channel().config().setAutoRead(!busy && queue.isEmpty() && state != SessionState.CLOSING);
        if (!busy) {
            ctx.flush();
        }
    }

    private void process(Object input) {
        try {
            if (input instanceof SmtpInput.CommandLine c) {
                command(c.bytes());
            } else if (input instanceof SmtpInput.Content c) {
                content.content(c);
            } else if (input instanceof SmtpInput.LineTooLong t) {
                lineError(Reply.LINE_TOO_LONG.withText("Line too long (limit " + t.limit() + " octets)"));
            } else if (input instanceof SmtpInput.MalformedLine m) {
                lineError(Reply.of(500, "5.5.2", "Syntax error: " + m.reason()));
            } else if (input instanceof SmtpInput.AuthLine a) {
                Commands.AUTH.continueExchange(this, a.bytes());
            } else if (input instanceof SmtpInput.Bdat b) {
                content.bdat(b);
            } else if (input instanceof SmtpInput.BdatEnd e) {
                content.bdatEnd(e);
            } else if (input instanceof SmtpInput.DataEnd e) {
                content.dataEnd(e);
            } else {
                ReferenceCountUtil.release(input);
            }
        } catch (SmtpException e) {
            reply(e.reply());
            resumeIfWaiting();
        } catch (RuntimeException e) {
            log.error("session {}: internal error", id, e);
            reply(Reply.LOCAL_ERROR);
            resumeIfWaiting();
        }
    }

    private void lineError(Reply reply) {
        if (state == SessionState.AUTH) {
            Commands.AUTH.abort(this, Reply.AUTH_LINE_TOO_LONG);
            return;
        }
        reply(reply);
    }

    private void command(byte[] bytes) throws SmtpException {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SmtpException(Reply.of(500, "5.5.2", "Syntax error: command is not valid UTF-8"));
        }
        int sp = line.indexOf(' ');
        String word = sp < 0 ? line : line.substring(0, sp);
        String args = sp < 0 ? "" : line.substring(sp + 1);
        Verb verb = Verb.of(word);
        if (verb == null) {
            throw new SmtpException(Reply.COMMAND_UNRECOGNIZED);
        }
        if (!verb.validIn(state)) {
            throw new SmtpException(verb.outOfSequence(state));
        }
        Commands.of(verb).execute(this, args);
    }

    private void resumeIfWaiting() {
        if (decoder.mode() == DecoderMode.WAIT && state != SessionState.DATA && state != SessionState.AUTH) {
            decoder.resume(DecoderMode.COMMAND);
        }
    }

    // ---- SessionContext -------------------------------------------------------------------

    @Override public SmtpServerConfig config() { return config; }
    @Override public SessionHandler handler() { return handler; }
    @Override public SessionState state() { return state; }
    @Override public Transaction transaction() { return transaction; }
    @Override public boolean esmtp() { return esmtp; }
    @Override public boolean authenticated() { return authIdentity != null; }
    @Override public Object authExchange() { return authExchange; }
    @Override public void authExchange(Object exchange) { this.authExchange = exchange; }

    @Override
    public void state(SessionState next) {
        if (state != SessionState.CLOSING) {
            state = next;
        }
        armTimeout((next == SessionState.DATA || next == SessionState.BDAT ? config.dataTimeout() : config.commandTimeout()).toNanos());
    }

    @Override
    public SessionInfo info() {
        SslHandler ssl = ctx == null ? null : ctx.pipeline().get(SslHandler.class);
        SessionInfo.TlsInfo tls = null;
        if (ssl != null && ssl.handshakeFuture().isSuccess()) {
            SSLSession s = ssl.engine().getSession();
            tls = new SessionInfo.TlsInfo(s.getProtocol(), s.getCipherSuite());
        }
        String proto = protocolOverride != null ? protocolOverride : esmtp ? "ESMTP" : "SMTP";
        if (protocolOverride == null) {
            // RFC 3848 §1: ESMTPS with TLS, ESMTPA with AUTH, ESMTPSA with both.
            proto += (tls != null ? "S" : "") + (authIdentity != null && esmtp ? "A" : "");
        }
        String shownHelo = forwardedHelo != null ? forwardedHelo : helo;
        return new SessionInfo(id, client, clientName, server, shownHelo, proto, tls, authIdentity, forwarded);
    }

    @Override
    public void resetTransaction() {
        transaction.abort();
        transaction = new Transaction();
        if (handler != null) {
            handler.reset();
        }
    }

    @Override
    public void reply(Reply reply) {
        if (!ctx.channel().isActive()) {
            return;
        }
        // Count permanent protocol errors (RFC 3463 §3.6, 5.5.X) toward the disconnect limit.
        if (reply.status() != null && reply.status().cls() == 5 && reply.status().subject() == 5 && ++errors >= config.maxErrors()) {
            replyAndClose(Reply.TOO_MANY_ERRORS);
            return;
        }
        ctx.write(ctx.alloc().buffer().writeBytes(reply.renderBytes(esmtp)));
        if (busy || queue.isEmpty()) {
            ctx.flush();
        }
    }

    @Override
    public void replyAndClose(Reply reply) {
        state = SessionState.CLOSING;
        cancelTimeout();
        transaction.abort();
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(reply.renderBytes(esmtp))).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public <T> void await(CompletionStage<T> stage, Consumer<T> then) {
        busy = true;
        stage.whenCompleteAsync((value, failure) -> {
            busy = false;
            if (state == SessionState.CLOSING || !ctx.channel().isActive()) {
                ReferenceCountUtil.release(value);
                return;
            }
            if (failure != null) {
                log.warn("session {}: policy or storage call failed: {}", id, failure.toString());
                reply(Reply.LOCAL_ERROR);
                resumeIfWaiting();
            } else {
                try {
                    then.accept(value);
                } catch (RuntimeException e) {
                    log.error("session {}: internal error", id, e);
                    reply(Reply.LOCAL_ERROR);
                    resumeIfWaiting();
                }
            }
            drain();
        }, ctx.executor());
    }

    @Override
    public void resumeDecoder(DecoderMode mode) {
        decoder.resume(mode);
    }

    @Override
    public InetAddress transportPeer() {
        return inet(ctx.channel().remoteAddress()).getAddress();
    }

    /** Non-IP transports (tests' embedded channels) count as an unspecified address. */
    private static InetSocketAddress inet(java.net.SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : new InetSocketAddress("0.0.0.0", 0);
    }

    @Override
    public boolean tlsActive() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    @Override
    public void startTls() {
        decoder.discardBuffered();
        // The SslHandler goes in before the 220 is written; startTls=true lets that reply out in clear.
        SslHandler ssl = new SslHandler(config.tls().newEngine(ctx.alloc()), true);
        ctx.pipeline().addBefore(ctx.pipeline().context(decoder).name(), "tls", ssl);
        reply(Reply.READY_TO_START_TLS);
        ctx.flush();
        ssl.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("session {}: TLS handshake failed: {}", id, f.cause().toString());
                ctx.close();
            }
        });
        // RFC 3207 §4.2: forget everything learnt from the client before TLS.
        resetTransaction();
        helo = null;
        esmtp = false;
        state = SessionState.CONNECTED;
        decoder.resume(DecoderMode.COMMAND);
    }

    @Override
    public void greeted(String heloName, boolean isEsmtp) {
        resetTransaction();
        this.helo = heloName;
        this.esmtp = isEsmtp;
        state = SessionState.READY;
    }

    @Override
    public void authenticated(String identity) {
        this.authIdentity = identity;
    }

    @Override
    public void applyForwardedClient(InetSocketAddress newClient, String name, boolean nameSent, String heloName,
                                     String protocol, String login, InetSocketAddress destination) {
        if (newClient != null) {
            client = newClient;
            forwarded = true;
        }
        if (nameSent) {
            clientName = name;
        }
        if (heloName != null) {
            forwardedHelo = heloName;
        }
        if (protocol != null) {
            protocolOverride = protocol;
        }
        if (login != null) {
            authIdentity = login;
        }
        if (destination != null) {
            server = destination;
        }
        // Postfix XCLIENT_README: success resets the session and sends a fresh 220 greeting.
        resetTransaction();
        helo = null;
        esmtp = false;
        state = SessionState.CONNECTED;
        reply(greeting());
    }

    // ---- timeouts -------------------------------------------------------------------------

    private void armTimeout(long nanos) {
        cancelTimeout();
        if (ctx == null) {
            return;
        }
        long left = busy ? nanos : nanos - (System.nanoTime() - lastReadNanos);
        if (left <= 0) {
            // RFC 5321 §4.5.3.2.7: the server may close after its timeout with 421.
            log.debug("session {}: timeout in state {}", id, state);
            replyAndClose(Reply.IDLE_TIMEOUT);
            return;
        }
        timeout = ctx.executor().schedule(() -> armTimeout(nanos), left, TimeUnit.NANOSECONDS);
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    String id() {
        return id;
    }
}
