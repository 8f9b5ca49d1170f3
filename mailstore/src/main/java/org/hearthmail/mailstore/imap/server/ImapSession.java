package org.hearthmail.mailstore.imap.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.auth.Authenticator;
import org.hearthmail.mailstore.imap.command.Command;
import org.hearthmail.mailstore.imap.command.CommandContext;
import org.hearthmail.mailstore.imap.command.Commands;
import org.hearthmail.mailstore.imap.command.Outcome;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ParseEvent;
import org.hearthmail.mailstore.imap.proto.RequestParser;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.StoreEvent;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.proxy.ClientAddressResolved;
import org.hearthmail.proxy.ProxiedAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection. On the event loop it takes parsed input in order, checks each command
 * against the state in one place, and answers it at once when the command can without waiting
 * ({@link org.hearthmail.mailstore.imap.command.Command#executeAtOnce}) or else hands it to a worker
 * thread ({@link CommandRunner}); the next input is looked at only when that command has finished. Store events of the user's
 * selected mailbox are queued and reported at command boundaries, or at once while IDLE.
 */
public final class ImapSession extends ChannelInboundHandlerAdapter implements CommandContext {
    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);

    private final ImapConfig config;
    private final MailStore store;
    private final Authenticator authenticator;
    private final Executor executor;
    private final ImapDecoder decoder;
    private final CommandRunner runner;
    private final UpdateReporter updates;
    private final ArrayDeque<ParseEvent> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private WorkerOutput output;
    private InetSocketAddress client;
    private boolean greeted;
    private boolean busy;
    private boolean closing;
    private int badCommands;
    private long lastInputNanos = System.nanoTime();
    private ScheduledFuture<?> timer;

    // Owned by the running command (one at a time); handed over through the event loop.
    private volatile ImapState state = ImapState.NOT_AUTHENTICATED;
    private volatile User user;
    private volatile SelectedMailbox selected;
    private final Set<String> enabled = java.util.Collections.synchronizedSet(new HashSet<>());
    private volatile CommandContext.LineHandler pendingLine;
    private volatile String pendingTag;
    private volatile boolean idling;
    private volatile AutoCloseable subscription;
    private volatile long watchedMailbox = -1;

    public ImapSession(ImapConfig config, MailStore store, Authenticator authenticator, Executor executor,
                       ImapDecoder decoder) {
        this.config = config;
        this.store = store;
        this.authenticator = authenticator;
        this.executor = executor;
        this.decoder = decoder;
        this.runner = new CommandRunner(this);
        this.updates = new UpdateReporter(this);
    }

    // ---- lifecycle --------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.output = new WorkerOutput(ctx);
        client = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : new InetSocketAddress("0.0.0.0", 0);
        long period = Math.max(100, Math.min(30_000, config.preAuthTimeout().toMillis() / 4));
        timer = ctx.executor().scheduleAtFixedRate(this::checkTimeout, period, period, TimeUnit.MILLISECONDS);
        if (config.proxyProtocol() == null) {
            greet();
        }
        ctx.fireChannelActive();
    }

    /** Behind a PROXY listener the greeting waits until the header told who the client is. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ClientAddressResolved r && !greeted) {
            if (r.client().origin() == ProxiedAddress.Origin.PROXY_HEADER) {
                client = r.client().source();
            }
            greet();
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void greet() {
        greeted = true;
        // RFC 3501 §7.1.1: the greeting may carry the capabilities.
        writeLine("* OK [CAPABILITY " + capabilities() + "] " + config.hostname() + " IMAP4rev1 ready");
        ctx.flush();
        decoder.resume(RequestParser.Mode.COMMAND);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (timer != null) {
            timer.cancel(false);
        }
        queue.clear();
        unsubscribe();
        SelectedMailbox view = selected;
        if (view != null) {
            view.close(); // a command still running keeps its snapshot; the shared view may go
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS handshake failures and connection resets end here; the session cannot go on.
        LOG.debug("IMAP connection from {} closed after error: {}", client, cause.toString());
        ctx.close();
    }

    private void checkTimeout() {
        long limit = (state == ImapState.NOT_AUTHENTICATED ? config.preAuthTimeout() : config.idleTimeout()).toNanos();
        if (!busy && !closing && System.nanoTime() - lastInputNanos > limit) {
            // RFC 3501 §5.4: autologout after inactivity, announced with BYE.
            closing = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer("* BYE Autologout, idle for too long\r\n"
                    .getBytes(StandardCharsets.US_ASCII))).addListener(ChannelFutureListener.CLOSE);
        }
    }

    // ---- input ------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastInputNanos = System.nanoTime();
        if (!(msg instanceof ParseEvent e) || closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        queue.add(e);
        drain();
    }

    private void drain() {
        while (!busy && !closing && !queue.isEmpty()) {
            handle(queue.poll());
        }
        if (!busy) {
            ctx.flush();
        }
    }

    private void handle(ParseEvent e) {
        if (e instanceof ParseEvent.ContinuationNeeded) {
            // RFC 3501 §7.5: the client may send the literal now.
            writeLine("+ Ready for literal data");
            ctx.flush();
            QuickAck.now(ctx.channel());
        } else if (e instanceof ParseEvent.Rejected r) {
            rejected(r);
        } else if (e instanceof ParseEvent.Line line) {
            CommandContext.LineHandler h = pendingLine;
            pendingLine = null;
            if (h == null) {
                resume();
                return;
            }
            start(() -> runner.runLine(pendingTag, h, line.bytes()));
        } else if (e instanceof ParseEvent.Request r) {
            request(r);
        }
    }

    private void rejected(ParseEvent.Rejected r) {
        String tag = r.tag() == null ? "*" : r.tag();
        if (pendingLine != null) {
            // A bad line while a command waits for one ends that command.
            tag = pendingTag;
            pendingLine = null;
            idling = false;
        }
        if (r.reason() == ParseEvent.Rejected.Reason.TOO_BIG) {
            // RFC 7889 §4 / RFC 4469: TOOBIG for a literal over the limit.
            writeLine(tag + " NO [TOOBIG] " + r.message());
        } else {
            writeLine(tag + " BAD " + r.message());
            countBad();
        }
        if (r.close()) {
            closeWith("* BYE Literal too big to skip");
            return;
        }
        resume();
    }

    private void request(ParseEvent.Request r) {
        Command c = Commands.of(r.name());
        if (c == null) {
            writeLine(r.tag() + " BAD Unknown command " + printable(r.name()));
            countBad();
            resume();
            return;
        }
        // RFC 3501 §3: every command is valid only in some states; checked here, once.
        if (!c.validIn().contains(state)) {
            writeLine(r.tag() + " BAD " + c.name() + " is not valid in state " + state);
            countBad();
            resume();
            return;
        }
        LOG.debug("IMAP {} {}", client, c.name());
        if (!updates.pending()) {
            busy = true; // as on a worker: the answer ends the command through finished()
            if (runner.runAtOnce(r.tag(), c, new ArgReader(r.args()))) {
                return;
            }
            busy = false;
        }
        start(() -> runner.run(r.tag(), c, new ArgReader(r.args())));
    }

    private void start(Runnable work) {
        busy = true;
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            busy = false;
            closeWith("* BYE Server shutting down");
        }
    }

    /**
     * Called by the runner on the worker thread when a command is done; continues on the event loop
     * in one task that first writes and flushes what the command wrote (when {@code sendOutput}).
     * If the client does not read, the next input waits until it has read the answer (back-pressure,
     * as {@link WorkerOutput#flush} gives mid-command), or the connection closes after
     * {@link WorkerOutput#WRITE_TIMEOUT_MILLIS}.
     */
    void finished(String tag, Outcome outcome, boolean sendOutput) {
        List<ByteBuf> rest = sendOutput ? output.takeRest() : List.of();
        boolean queued = onEventLoop(() -> {
            if (!sendOutput) {
                afterCommand(tag, outcome);
                return;
            }
            ChannelFuture written = WorkerOutput.writeAndFlush(ctx, rest);
            if (ctx.channel().isWritable() || written.isDone()) {
                afterCommand(tag, outcome);
                return;
            }
            ScheduledFuture<?> limit = ctx.executor().schedule(() -> {
                LOG.debug("IMAP {}: client does not read its responses; closing", client);
                ctx.close();
            }, WorkerOutput.WRITE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            written.addListener(f -> {
                limit.cancel(false);
                afterCommand(tag, outcome);
            });
        });
        if (!queued) {
            rest.forEach(ReferenceCountUtil::release);
        }
    }

    /** The session goes on after a command: the next input, or the upgrade the command asked for. Event loop. */
    private void afterCommand(String tag, Outcome outcome) {
        busy = false;
        if (closing) {
            return;
        }
        if (outcome instanceof Outcome.StartTls) {
            startTls(tag);
        } else if (outcome instanceof Outcome.Compress) {
            compress(tag);
        } else if (outcome instanceof Outcome.Logout) {
            closing = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        } else {
            resume();
        }
        drain();
        if (idling) {
            kickIdle();
        }
    }

    /** Runs {@code task} on this connection's event loop; dropped (false) when the server is shutting down. */
    private boolean onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("IMAP {}: event loop gone, server closing", client);
            return false;
        }
    }

    private void resume() {
        if (state != ImapState.NOT_AUTHENTICATED) {
            decoder.allowAppendLiterals();
        }
        decoder.resume(pendingLine != null ? RequestParser.Mode.LINE : RequestParser.Mode.COMMAND);
    }

    private void startTls(String tag) {
        queue.clear();
        PipelineUpgrades.startTls(ctx, decoder, config.tls(), tag + " OK Begin TLS negotiation now");
        decoder.resume(RequestParser.Mode.COMMAND);
    }

    private void compress(String tag) {
        PipelineUpgrades.compress(ctx, decoder, tag + " OK DEFLATE active");
        decoder.resume(RequestParser.Mode.COMMAND);
    }

    @Override
    public boolean compressionActive() {
        return PipelineUpgrades.compressing(ctx);
    }

    // ---- IDLE push --------------------------------------------------------------------------

    private void onStoreEvent(StoreEvent e) {
        User u = user;
        if (u == null || e.userId() != u.id() || e.mailboxId() != watchedMailbox) {
            return;
        }
        if (e instanceof StoreEvent.MailboxDeleted && ctx != null) {
            // RFC 3501 §6.3.4 leaves open what happens to others who have the mailbox selected; like
            // Dovecot, their session ends with BYE (§7.1.5) rather than serving a mailbox that is gone.
            onEventLoop(() -> {
                if (!closing) {
                    closeWith("* BYE Selected mailbox was deleted");
                }
            });
            return;
        }
        updates.offer(e);
        if (idling && ctx != null) {
            onEventLoop(this::kickIdle);
        }
    }

    /** RFC 2177: while IDLE, changes are reported as they come. Event loop only. */
    private void kickIdle() {
        if (!idling || busy || closing || !updates.pending()) {
            return;
        }
        start(() -> {
            try {
                updates.report(true);
                flushOutput();
            } catch (RuntimeException ex) {
                LOG.warn("IMAP {}: reporting changes failed: {}", client, ex.toString());
            } catch (Error err) {
                fatal(err);
            } finally {
                onEventLoop(() -> {
                    busy = false;
                    drain();
                    kickIdle();
                });
            }
        });
    }

    // ---- output -----------------------------------------------------------------------------

    private void writeLine(String line) {
        ctx.write(Unpooled.wrappedBuffer((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private void closeWith(String bye) {
        closing = true;
        writeLine(bye);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void countBad() {
        if (++badCommands >= config.maxBadCommands()) {
            closeWith("* BYE Too many invalid commands");
        }
    }

    /**
     * A command's worker hit an {@link Error}. The session lets go of its view and change queue at
     * once, and on the event loop says BYE (RFC 3501 §7.1.5) and closes; channelInactive then
     * unsubscribes from store events. Worker thread.
     */
    void fatal(Error e) {
        SelectedMailbox view = selected;
        selected = null;
        if (view != null) {
            view.close();
        }
        updates.clear();
        pendingLine = null;
        idling = false;
        onEventLoop(() -> {
            busy = false;
            queue.clear();
            if (!closing) {
                closeWith("* BYE Internal server error, closing the connection");
            }
        });
        LOG.error("IMAP {}: {} while running a command; session closed", client, e.toString());
        LOG.debug("IMAP {}: stack of the error", client, e);
    }

    void countBadFromWorker() {
        onEventLoop(this::countBad);
    }

    void flushOutput() {
        output.flush();
    }

    @Override
    public void write(byte[] response) {
        output.write(response);
    }

    @Override
    public void untagged(String text) {
        write(("* " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void continuation(String text) {
        write(("+ " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
        flushOutput();
    }

    // ---- CommandContext ---------------------------------------------------------------------

    @Override public ImapConfig config() { return config; }
    @Override public MailStore store() { return store; }
    @Override public Authenticator authenticator() { return authenticator; }
    @Override public ImapState state() { return state; }
    @Override public User user() { return user; }
    @Override public SelectedMailbox selected() { return selected; }
    @Override public Set<String> enabled() { return enabled; }
    @Override public InetAddress clientAddress() { return client.getAddress(); }

    @Override
    public boolean tlsActive() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    @Override
    public String capabilities() {
        return Capabilities.of(config, tlsActive(), state);
    }

    @Override
    public void loggedIn(User u) {
        user = u;
        state = ImapState.AUTHENTICATED;
        subscription = store.subscribe(this::onStoreEvent);
    }

    @Override
    public void watch(long mailboxId) {
        watchedMailbox = mailboxId;
    }

    @Override
    public void select(SelectedMailbox mailbox) {
        SelectedMailbox old = selected;
        if (old != null && old != mailbox) {
            old.close(); // lets go of the shared mailbox view
        }
        if (mailbox == null) {
            watchedMailbox = -1;
            updates.clear();
        } else {
            watchedMailbox = mailbox.id();
        }
        selected = mailbox;
        state = mailbox == null ? ImapState.AUTHENTICATED : ImapState.SELECTED;
    }

    @Override
    public void expectLine(LineHandler handler) {
        pendingLine = handler;
    }

    void pendingTag(String tag) {
        pendingTag = tag;
    }

    @Override
    public void reportExpunged(java.util.List<Long> uids) {
        updates.reportExpunged(uids);
    }

    @Override
    public void flushUpdates(boolean expungesAllowed) {
        updates.report(expungesAllowed);
    }

    @Override
    public void idling(boolean on) {
        idling = on;
    }

    private void unsubscribe() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("IMAP {}: unsubscribing from store events failed: {}", client, e.toString());
            }
        }
    }

    InetSocketAddress client() {
        return client;
    }

    private static String printable(String s) {
        String t = s.length() > 32 ? s.substring(0, 32) : s;
        return t.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
