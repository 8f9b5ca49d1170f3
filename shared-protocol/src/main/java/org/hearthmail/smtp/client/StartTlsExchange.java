package org.hearthmail.smtp.client;

import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.hearthmail.smtp.Reply;

/**
 * STARTTLS (RFC 3207 §4): on 220, installs an {@link SslHandler} at the front of the pipeline and
 * finishes when the handshake does. Any byte the server sent after its 220 and before the
 * handshake is a plaintext injection attempt (RFC 3207 §6, CVE-2011-0411 class): the session is
 * closed rather than letting those bytes be read as if they came over TLS.
 */
final class StartTlsExchange extends Exchange<SSLSession> {

    private final TlsPolicy policy;
    private final String peerHost;
    private final int peerPort;

    StartTlsExchange(TlsPolicy policy, String peerHost, int peerPort, Duration timeout) {
        super("STARTTLS", timeout);
        this.policy = policy;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
    }

    @Override
    void start(ExchangeContext cx) {
        cx.writeLine("STARTTLS", "STARTTLS");
    }

    @Override
    boolean onReply(Reply reply, ExchangeContext cx) {
        if (reply.code() != 220) {
            // RFC 3207 §4: 454 TLS not available, 501 syntax error; the session stays plaintext.
            result.completeExceptionally(new SmtpReplyException("STARTTLS", reply));
            return true;
        }
        if (cx.pendingInputBytes() > 0) {
            cx.abort(new SmtpProtocolException("server sent data after its 220 reply to STARTTLS; refusing plaintext injection"));
            return true;
        }
        SSLEngine engine;
        try {
            engine = policy.newEngine(cx.ctx().alloc(), peerHost, peerPort);
        } catch (SSLException | RuntimeException e) {
            cx.abort(new SmtpTlsException("cannot create TLS engine: " + e.getMessage(), e));
            return true;
        }
        engine.setUseClientMode(true);
        SslHandler ssl = new SslHandler(engine);
        Duration limit = cx.config().timeouts().tlsHandshake();
        ssl.setHandshakeTimeout(limit.toMillis(), TimeUnit.MILLISECONDS);
        cx.channel().pipeline().addFirst("tls", ssl);
        cx.arm("TLS handshake", limit);
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                result.complete(engine.getSession());
                cx.finish(this);
            } else {
                cx.abort(new SmtpTlsException("TLS handshake failed: " + f.cause().getMessage(), f.cause()));
            }
        });
        return false;
    }
}
