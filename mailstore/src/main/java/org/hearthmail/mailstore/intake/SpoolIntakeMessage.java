package org.hearthmail.mailstore.intake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hearthmail.mailstore.store.AsyncStore;
import org.hearthmail.mailstore.store.Resolution;
import org.hearthmail.seal.SealException;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MessageSink;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.spool.OpenedSpoolEntry;
import org.hearthmail.spool.SpoolEntryCodec;
import org.hearthmail.spool.SpoolFormatException;
import org.hearthmail.xclient.XClientAttributes;
import org.hearthmail.xclient.XClientValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sealed spool entry handed over by the relay (ADR 0003 §3): the BDAT content (the sealed
 * stream as base64 lines) goes to a temp file;
 * at the end the entry is opened twice with the spool key, first only to authenticate the whole
 * stream (STREAM releases plaintext per segment, so nothing is trusted before the last tag), then
 * to run the normal intake ({@link IntakeMessage}) with the sealed envelope and client facts.
 * Entry ids already delivered are acknowledged without a second delivery. All disk and crypto work
 * runs on {@code worker}, never on the event loop.
 */
final class SpoolIntakeMessage implements MessageSink {

    private static final Logger log = LoggerFactory.getLogger(SpoolIntakeMessage.class);
    /** RFC 3463 §3.7: X.7.5 cryptographic failure; the relay keeps the entry and an operator looks. */
    static final Reply UNREADABLE = Reply.of(554, "5.7.5", "Spool entry cannot be opened with this mailstore's key");
    static final Reply DUPLICATE = Reply.of(250, "2.0.0", "Already delivered");
    private static final int CHUNK = 64 * 1024;
    private static final long STEP_TIMEOUT_SECONDS = 600;

    private final AsyncStore store;
    private final IntakeConfig config;
    private final SpoolIntake spool;
    private final SessionInfo relaySession;
    private final ExecutorService worker;
    private final Path temp;
    private final FileChannel out;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    SpoolIntakeMessage(AsyncStore store, IntakeConfig config, SpoolIntake spool, SessionInfo relaySession,
                       ExecutorService worker) throws IOException {
        this.store = store;
        this.config = config;
        this.spool = spool;
        this.relaySession = relaySession;
        this.worker = worker;
        Files.createDirectories(spool.tmpDir());
        this.temp = Files.createTempFile(spool.tmpDir(), "spool-", ".sealed");
        this.out = FileChannel.open(temp, StandardOpenOption.WRITE);
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        byte[] bytes = new byte[chunk.readableBytes()];
        chunk.readBytes(bytes);
        chunk.release();
        CompletableFuture<Void> previous = tail;
        tail = tail.thenRunAsync(() -> {
            try {
                out.write(java.nio.ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, worker);
        return previous;
    }

    @Override
    public CompletionStage<Reply> finish() {
        return tail.thenApplyAsync(v -> deliver(), worker).handle((r, e) -> {
            cleanUp();
            if (e != null) {
                log.warn("session {}: spool entry not delivered: {}", relaySession.id(), AsyncStore.cause(e).toString());
                return Reply.LOCAL_ERROR;
            }
            return r;
        });
    }

    private Reply deliver() {
        try {
            out.close();
            java.util.UUID id;
            try (OpenedSpoolEntry whole = open()) {
                id = whole.entryId();
                whole.content().transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (spool.ids().contains(id)) {
                log.info("session {}: spool entry {} was delivered before; acknowledged again", relaySession.id(), id);
                return DUPLICATE;
            }
            try (OpenedSpoolEntry entry = open()) {
                Reply r = runIntake(entry);
                if (r.isPositive()) {
                    spool.ids().remember(id);
                    log.info("session {}: spool entry {} delivered", relaySession.id(), id);
                }
                return r;
            }
        } catch (SealException | SpoolFormatException e) {
            log.warn("session {}: spool entry refused: {}", relaySession.id(), e.getMessage());
            return UNREADABLE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OpenedSpoolEntry open() throws IOException {
        // The relay sends the sealed stream as base64 lines (RFC 3030 §3: BDAT content without
        // BINARYMIME is CRLF lines); the MIME decoder skips the line breaks (RFC 2045 §6.8).
        InputStream in = java.util.Base64.getMimeDecoder().wrap(new java.io.BufferedInputStream(Files.newInputStream(temp)));
        try {
            return SpoolEntryCodec.open(in, spool.key());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The normal intake path: recipients checked now, content through the header filter into the store. */
    private Reply runIntake(OpenedSpoolEntry entry) throws IOException {
        List<RcptTo> accepted = new ArrayList<>();
        for (RcptTo r : entry.meta().envelope().recipients()) {
            Resolution res = await(store.resolveRecipient(r.recipient().toString()));
            if (res instanceof Resolution.Resolved) {
                accepted.add(r);
            } else {
                // ADR 0003: such recipients should get a DSN from the mailstore; not built yet.
                log.warn("session {}: a spooled recipient is no longer deliverable ({}); dropped without a DSN",
                        relaySession.id(), res.getClass().getSimpleName());
            }
        }
        if (accepted.isEmpty()) {
            return Reply.of(250, "2.0.0", "No deliverable recipient left; dropped");
        }
        SessionInfo original = originalSession(entry.meta().client());
        IntakeMessage message = new IntakeMessage(store, config, original,
                new Envelope(entry.meta().envelope().mailFrom(), accepted));
        try {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = entry.content().read(buf)) > 0) {
                await(message.write(Unpooled.copiedBuffer(buf, 0, n)).toCompletableFuture());
            }
        } catch (IOException | RuntimeException e) {
            message.abort();
            throw e;
        }
        return await(message.finish().toCompletableFuture());
    }

    /** The sender's session as the relay saw it (XCLIENT facts sealed in the entry); forwarded, so relay headers count. */
    private SessionInfo originalSession(XClientAttributes c) {
        InetAddress addr = known(c.addr());
        Integer port = known(c.port());
        InetAddress dest = known(c.destAddr());
        Integer destPort = known(c.destPort());
        var proto = known(c.proto());
        return new SessionInfo(relaySession.id() + "-spool",
                addr == null ? null : new InetSocketAddress(addr, port == null ? 0 : port),
                known(c.name()),
                dest == null ? null : new InetSocketAddress(dest, destPort == null ? 0 : destPort),
                known(c.helo()), proto == null ? "ESMTP" : proto.name(), null, null, true);
    }

    private static <T> T known(XClientValue<T> v) {
        return v instanceof XClientValue.Known<T> k ? k.value() : null;
    }

    private static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delivering a spool entry");
        } catch (ExecutionException e) {
            Throwable c = AsyncStore.cause(e);
            throw c instanceof IOException io ? io : new IOException(c.toString(), c);
        } catch (TimeoutException e) {
            throw new IOException("delivery of a spool entry took too long");
        }
    }

    @Override
    public void abort() {
        tail.whenCompleteAsync((v, e) -> cleanUp(), worker);
    }

    private void cleanUp() {
        try {
            out.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("cannot delete spool temp file {}: {}", temp.getFileName(), e.toString());
        }
    }
}
