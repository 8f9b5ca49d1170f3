package org.hearthmail.smtp.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLSession;
import org.hearthmail.smtp.Reply;

/**
 * One SMTP client session over one TCP connection (RFC 5321), on Netty.
 *
 * <p>Every method returns at once with a {@link CompletableFuture}; a blocking caller uses
 * {@link #await}. Futures complete on the connection's event loop, so a caller must never block
 * there. Every reply is bounded by a timer ({@link SmtpTimeouts}); a future therefore always
 * completes, with an {@link SmtpClientException} when no usable reply came.
 *
 * <p>Commands may be issued without waiting for earlier replies; they are written in call order.
 * After EHLO advertised PIPELINING (RFC 2920), RSET, MAIL and RCPT are written at once and the
 * group ends with the next other command; without it, each command waits for the previous
 * reply. Session commands (EHLO, STARTTLS, AUTH, XCLIENT) change what may follow, so callers
 * should await them before issuing more.
 *
 * <p>Replies to MAIL, RCPT, DATA, BDAT, RSET, NOOP and QUIT are returned as values, whatever
 * their code. Greeting, EHLO, STARTTLS, AUTH and XCLIENT fail with {@link SmtpReplyException}
 * when refused, because the session cannot go on as intended.
 */
public final class SmtpClient implements AutoCloseable {

    private static final class SharedLoop {
        static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("smtp-client", true), NioIoHandler.newFactory());
    }

    private final Channel channel;
    private final SessionHandler handler;
    private final SmtpClientConfig config;
    private final String host;
    private final int port;
    private volatile Reply greeting;
    private volatile Capabilities capabilities;
    private volatile String heloName;
    private volatile SSLSession tlsSession;

    private SmtpClient(Channel channel, SessionHandler handler, SmtpClientConfig config, String host, int port) {
        this.channel = channel;
        this.handler = handler;
        this.config = config;
        this.host = host;
        this.port = port;
    }

    /** Connects on a shared single-threaded daemon event loop with RFC 5321 default timeouts. */
    public static CompletableFuture<SmtpClient> connect(String host, int port, Duration connectTimeout) {
        return connect(SharedLoop.GROUP, SmtpClientConfig.defaults(), host, port, connectTimeout);
    }

    /**
     * Opens a TCP connection and reads the server's greeting. Completes when a 220 greeting
     * arrived (RFC 5321 §3.1); any other greeting (e.g. 554) is answered with QUIT and fails with
     * {@link SmtpReplyException}.
     */
    public static CompletableFuture<SmtpClient> connect(EventLoopGroup group, SmtpClientConfig config,
                                                        String host, int port, Duration connectTimeout) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(host, "host");
        LineExchange greetingExchange = new LineExchange("greeting", null, config.timeouts().greeting(), false);
        ReplyDecoder decoder = new ReplyDecoder(config.maxReplyLineLength(), config.maxReplyLines());
        SessionHandler handler = new SessionHandler(config, decoder, greetingExchange);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("replies", decoder);
                        ch.pipeline().addLast("chunks", new ChunkedWriteHandler());
                        ch.pipeline().addLast("session", handler);
                    }
                });
        CompletableFuture<SmtpClient> result = new CompletableFuture<>();
        ChannelFuture cf = b.connect(host, port);
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new SmtpConnectionException(
                        "cannot connect to " + host + ":" + port + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        SmtpClient client = new SmtpClient(cf.channel(), handler, config, host, port);
        greetingExchange.result.whenComplete((reply, err) -> {
            if (err != null) {
                result.completeExceptionally(err);
            } else if (reply.code() != 220) {
                client.quit();
                result.completeExceptionally(new SmtpReplyException("greeting", reply));
            } else {
                client.greeting = reply;
                result.complete(client);
            }
        });
        return result;
    }

    /** The server's 220 greeting. */
    public Reply greeting() {
        return greeting;
    }

    /** What the last EHLO returned; empty before EHLO and after STARTTLS or XCLIENT reset the session. */
    public Optional<Capabilities> capabilities() {
        return Optional.ofNullable(capabilities);
    }

    /** The TLS session after a successful {@link #startTls}. */
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(tlsSession);
    }

    /**
     * Tells the connection that a {@link MessageBody#ofChunks live chunk source} has data again after
     * it returned null. Safe from any thread.
     */
    public void resumeTransfer() {
        ChunkedWriteHandler w = channel.pipeline().get(ChunkedWriteHandler.class);
        if (w != null) {
            w.resumeTransfer();
        }
    }

    /** The event loop this session's callbacks run on. */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** True while the connection is open and no failure has ended the session. */
    public boolean isOpen() {
        return channel.isActive() && handler.failure() == null;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /**
     * EHLO, or HELO when EHLO is refused with 5yz (RFC 5321 §4.1.4). Completes with what the
     * server advertised ({@link Capabilities#esmtp()} false after HELO).
     */
    public CompletableFuture<Capabilities> ehlo(String name) {
        checkArgument(name, "EHLO name");
        heloName = name;
        EhloExchange e = new EhloExchange(name, config.timeouts().command());
        // Registered before submitting, so it runs on the event loop before the next command is written.
        CompletableFuture<Capabilities> out = e.result.thenApply(caps -> {
            capabilities = caps;
            handler.setPipelining(caps.pipelining());
            return caps;
        });
        handler.submit(e);
        return out;
    }

    /**
     * STARTTLS, the handshake under {@code policy} (TLS 1.2 or 1.3 only), then EHLO again with
     * the same name: RFC 3207 §4.2, "the client MUST discard any knowledge obtained from the
     * server ... which was not obtained from the TLS negotiation itself" and "SHOULD send an EHLO
     * command as the first command after a successful TLS negotiation". Requires an earlier
     * {@link #ehlo}. A refusal (454) fails with {@link SmtpReplyException} and leaves the session
     * usable in plaintext; a failed handshake closes it ({@link SmtpTlsException}).
     */
    public CompletableFuture<Capabilities> startTls(TlsPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        String name = heloName;
        if (name == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("STARTTLS needs an EHLO first"));
        }
        StartTlsExchange e = new StartTlsExchange(policy, host, port, config.timeouts().command());
        CompletableFuture<SSLSession> tls = e.result.thenApply(s -> {
            capabilities = null;
            handler.setPipelining(false);
            tlsSession = s;
            return s;
        });
        handler.submit(e);
        return tls.thenCompose(s -> ehlo(name));
    }

    /**
     * AUTH (RFC 4954). Completes with the 235 reply; any other outcome fails with
     * {@link SmtpReplyException} (535 bad credentials, 534/538 policy). The payload is never logged.
     */
    public CompletableFuture<Reply> auth(AuthMechanism mechanism, String user, String password) {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        return handler.submit(new AuthExchange(mechanism, user, password, config.timeouts().command())).result;
    }

    /**
     * Sends each {@code XCLIENT ...} line and requires 220 to each (Postfix XCLIENT_README). The
     * server then treats the session as new: the caller must send {@link #ehlo} again before
     * anything else. Attribute values must already be xtext-encoded by the caller.
     */
    public CompletableFuture<Reply> xclient(List<String> attributeLines) {
        attributeLines.forEach(l -> checkArgument(l, "XCLIENT line"));
        XclientExchange e = new XclientExchange(attributeLines, config.timeouts().command());
        CompletableFuture<Reply> out = e.result.thenApply(r -> {
            capabilities = null;
            handler.setPipelining(false);
            return r;
        });
        handler.submit(e);
        return out;
    }

    /** {@code MAIL FROM:<reversePath> params} (RFC 5321 §4.1.1.2); empty path for {@code <>}. */
    public CompletableFuture<Reply> mail(String reversePath, List<String> params) {
        String line = "MAIL FROM:<" + checkArgument(reversePath, "reverse path") + ">" + joinParams(params);
        return handler.submit(new LineExchange("MAIL", line, config.timeouts().mail(), true)).result;
    }

    /** {@code RCPT TO:<forwardPath> params} (RFC 5321 §4.1.1.3). */
    public CompletableFuture<Reply> rcpt(String forwardPath, List<String> params) {
        String line = "RCPT TO:<" + checkArgument(forwardPath, "forward path") + ">" + joinParams(params);
        return handler.submit(new LineExchange("RCPT", line, config.timeouts().rcpt(), true)).result;
    }

    /**
     * DATA with the content streamed, dot-stuffed, bare CR/LF turned into CRLF and terminated by
     * CRLF.CRLF (RFC 5321 §4.1.1.4, §4.5.2). Completes with the final reply, or with the reply to
     * DATA when it was not 354.
     */
    public CompletableFuture<Reply> data(MessageBody body) {
        return data(body, () -> true);
    }

    private CompletableFuture<Reply> data(MessageBody body, java.util.function.BooleanSupplier sendContent) {
        ChunkedInput<ByteBuf> content;
        try {
            content = body.open(config.chunkSize());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return handler.submit(new DataExchange(content, sendContent, config.timeouts().dataInit())).result;
    }

    /**
     * The content as BDAT chunks (RFC 3030), sent as is: no dot-stuffing, so the content must
     * already use CRLF line endings. Only when the server advertised CHUNKING.
     */
    public CompletableFuture<Reply> bdat(MessageBody body) {
        Capabilities caps = capabilities;
        if (caps == null || !caps.chunking()) {
            return CompletableFuture.failedFuture(new IllegalStateException("server did not advertise CHUNKING (RFC 3030 §2)"));
        }
        ChunkedInput<ByteBuf> content;
        try {
            content = body.open(config.chunkSize());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        int window = caps.pipelining() ? config.bdatWindow() : 1;
        return handler.submit(new BdatExchange(content, window, config.timeouts().dataTermination())).result;
    }

    /**
     * One whole transaction: MAIL, every RCPT, then the content. With PIPELINING, MAIL, the RCPTs
     * and DATA go out in one group and replies are matched in order (RFC 2920 §3.1); if the server
     * answers DATA with 354 although no recipient was accepted, only the terminating dot is sent.
     * With CHUNKING and {@code preferBdat}, BDAT replaces DATA after the RCPT replies are in.
     * When the content was not accepted, the transaction is reset with RSET so the session can be
     * reused.
     */
    public CompletableFuture<TransactionResult> send(Envelope envelope, MessageBody body, boolean preferBdat) {
        Capabilities caps = capabilities;
        boolean pipelining = caps != null && caps.pipelining();
        boolean useBdat = preferBdat && caps != null && caps.chunking();
        CompletableFuture<Reply> mail = mail(envelope.reversePath(), envelope.mailParameters());
        List<CompletableFuture<Reply>> rcpts = new ArrayList<>();
        for (Envelope.Recipient r : envelope.recipients()) {
            rcpts.add(rcpt(r.address(), r.parameters()));
        }
        CompletableFuture<Void> allRcpts = CompletableFuture.allOf(rcpts.toArray(CompletableFuture[]::new));
        CompletableFuture<Optional<Reply>> message;
        if (pipelining && !useBdat) {
            // Completes on the event loop in reply order, so by the time DATA's 354 arrives every RCPT reply is known.
            message = data(body, () -> mail.join().isPositive() && rcpts.stream().anyMatch(f -> f.join().isPositive()))
                    .thenApply(Optional::of);
        } else {
            message = allRcpts.thenCompose(v -> {
                boolean go = mail.join().isPositive() && rcpts.stream().anyMatch(f -> f.join().isPositive());
                if (!go) {
                    return CompletableFuture.completedFuture(Optional.<Reply>empty());
                }
                return (useBdat ? bdat(body) : data(body)).thenApply(Optional::of);
            });
        }
        return message.thenCompose(msg -> {
            List<TransactionResult.RecipientResult> results = new ArrayList<>();
            for (int i = 0; i < rcpts.size(); i++) {
                results.add(new TransactionResult.RecipientResult(envelope.recipients().get(i), rcpts.get(i).join()));
            }
            TransactionResult tr = new TransactionResult(mail.join(), results, msg);
            if (tr.delivered() || !isOpen()) {
                return CompletableFuture.completedFuture(tr);
            }
            return rset().thenApply(r -> tr);
        });
    }

    /** {@link #send(Envelope, MessageBody, boolean)} with DATA. */
    public CompletableFuture<TransactionResult> send(Envelope envelope, MessageBody body) {
        return send(envelope, body, false);
    }

    /** RSET (RFC 5321 §4.1.1.5). */
    public CompletableFuture<Reply> rset() {
        return handler.submit(new LineExchange("RSET", "RSET", config.timeouts().command(), true)).result;
    }

    /** NOOP (RFC 5321 §4.1.1.9). */
    public CompletableFuture<Reply> noop() {
        return handler.submit(new LineExchange("NOOP", "NOOP", config.timeouts().command(), false)).result;
    }

    /** QUIT (RFC 5321 §4.1.1.10); the connection is closed after the reply, or after a failure. */
    public CompletableFuture<Reply> quit() {
        CompletableFuture<Reply> r = handler.submit(new LineExchange("QUIT", "QUIT", config.timeouts().command(), false)).result;
        r.whenComplete((reply, err) -> channel.close());
        return r;
    }

    /** Closes the connection without QUIT; outstanding commands fail with {@link SmtpConnectionException}. */
    @Override
    public void close() {
        channel.close();
    }

    /**
     * Waits for {@code f} and unwraps its failure. Bounded, because every command has a timer.
     * Never call on an event-loop thread.
     */
    public static <T> T await(CompletableFuture<T> f) throws SmtpClientException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (c instanceof SmtpClientException s) {
                throw s;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new SmtpConnectionException("command failed: " + c, c);
        }
    }

    private static String joinParams(List<String> params) {
        StringBuilder sb = new StringBuilder();
        for (String p : params) {
            sb.append(' ').append(checkArgument(p, "parameter"));
        }
        return sb.toString();
    }

    /** RFC 5321 §2.3.8: no CR, LF or NUL inside a command; these would inject further commands. */
    private static String checkArgument(String s, String what) {
        Objects.requireNonNull(s, what);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\r' || ch == '\n' || ch == 0) {
                throw new IllegalArgumentException(what + " contains CR, LF or NUL");
            }
        }
        return s;
    }
}
