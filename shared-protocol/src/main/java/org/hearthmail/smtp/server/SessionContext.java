package org.hearthmail.smtp.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.codec.DecoderMode;

/** What a command may see and do in its session. All methods run on the channel's event loop. */
public interface SessionContext {

    SmtpServerConfig config();

    SessionHandler handler();

    SessionState state();

    void state(SessionState next);

    /** A snapshot for policy calls. */
    SessionInfo info();

    Transaction transaction();

    /** Ends the transaction: aborts any content sink, clears the envelope, tells the handler. */
    void resetTransaction();

    void reply(Reply reply);

    void replyAndClose(Reply reply);

    /**
     * Runs {@code then} on the event loop when {@code stage} completes, reading no further input
     * meanwhile. A failed stage is answered with 451 4.3.0 and logged.
     */
    <T> void await(CompletionStage<T> stage, Consumer<T> then);

    /** Chooses how the decoder reads on after DATA, AUTH or STARTTLS. */
    void resumeDecoder(DecoderMode mode);

    /** The TCP peer's address (not what PROXY or XCLIENT said): trust decisions use this. */
    InetAddress transportPeer();

    boolean tlsActive();

    /** RFC 3207: installs TLS after a 220 reply, discarding input pipelined after STARTTLS. */
    void startTls();

    boolean esmtp();

    /** Records EHLO/HELO; RFC 5321 §4.1.4: it also resets any transaction. */
    void greeted(String heloName, boolean esmtp);

    boolean authenticated();

    /** The SASL exchange in progress (RFC 4954 §4), or null. */
    Object authExchange();

    void authExchange(Object exchange);

    void authenticated(String identity);

    /**
     * Applies XCLIENT attributes and restarts the session with a fresh greeting. Null means "not
     * sent", except for {@code name}, where {@code nameSent} tells an unknown name from an absent one.
     */
    void applyForwardedClient(InetSocketAddress client, String name, boolean nameSent, String helo, String protocol,
                              String login, InetSocketAddress destination);
}
