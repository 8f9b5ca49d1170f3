package org.hearthmail.smtp.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Duration;

/** What an {@link Exchange} may do with the session; implemented by {@link SessionHandler}. */
interface ExchangeContext {

    ChannelHandlerContext ctx();

    default Channel channel() {
        return ctx().channel();
    }

    SmtpClientConfig config();

    /**
     * Writes one command line plus CRLF. {@code logForm} is what debug logging shows (AUTH
     * payloads are masked there). Throws IllegalArgumentException if the line contains CR, LF or NUL.
     */
    ChannelFuture writeLine(String line, String logForm);

    ChannelFuture write(Object msg);

    ChannelFuture write(Object msg, ChannelPromise promise);

    void flush();

    /** (Re)starts the timer for the reply or progress now awaited. */
    void arm(String what, Duration limit);

    /** Marks {@code e} (the head) finished outside {@link Exchange#onReply}, e.g. after a TLS handshake. */
    void finish(Exchange<?> e);

    /** Fails every pending command with {@code cause} and closes the connection. */
    void abort(Throwable cause);

    /** Bytes received that are not yet part of a complete reply. */
    int pendingInputBytes();
}
