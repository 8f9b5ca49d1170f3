package org.hearthmail.relay.outbound;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.hearthmail.rcptcache.RecipientCacheFormatException;
import org.hearthmail.rcptcache.RecipientCachePush;
import org.hearthmail.relay.rcptcache.RecipientCacheStore;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.MessageSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content of a recipient cache push (docs/adr/0007): held in memory up to
 * {@link RecipientCachePush#MAX_MESSAGE_BYTES}, then checked and installed on the disk executor.
 * A push that is damaged, of another version or salt, or too large leaves the cache in force as it was.
 */
final class RecipientCacheSink implements MessageSink {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientCacheSink.class);
    /** RFC 3463 §3.4 X.3.4: message too big for system. */
    static final Reply TOO_BIG = Reply.of(552, "5.3.4", "Recipient cache push exceeds "
            + RecipientCachePush.MAX_MESSAGE_BYTES + " bytes");

    private final RecipientCacheStore store;
    private final Executor disk;
    private final String session;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private boolean tooBig;

    RecipientCacheSink(RecipientCacheStore store, Executor disk, String session) {
        this.store = store;
        this.disk = disk;
        this.session = session;
    }

    @Override
    public CompletionStage<Void> write(ByteBuf chunk) {
        try {
            if (!tooBig && content.size() + chunk.readableBytes() <= RecipientCachePush.MAX_MESSAGE_BYTES) {
                chunk.readBytes(content, chunk.readableBytes());
            } else {
                tooBig = true;
                content.reset();
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            chunk.release();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Reply> finish() {
        if (tooBig) {
            LOG.warn("session {}: recipient cache push refused: larger than {} bytes; keeping {}", session,
                    RecipientCachePush.MAX_MESSAGE_BYTES, store.describe());
            return CompletableFuture.completedFuture(TOO_BIG);
        }
        byte[] message = content.toByteArray();
        return CompletableFuture.supplyAsync(() -> install(message), disk);
    }

    private Reply install(byte[] message) {
        try {
            RecipientCacheStore.Outcome outcome = store.replace(RecipientCachePush.cacheFile(message));
            if (outcome instanceof RecipientCacheStore.Outcome.Installed i) {
                return RecipientCachePush.installed(i.generation(), i.entries());
            }
            if (outcome instanceof RecipientCacheStore.Outcome.Confirmed c) {
                LOG.info("session {}: recipient cache confirmed by the mailstore: {}", session, store.describe());
                return RecipientCachePush.current(c.generation());
            }
            return RecipientCachePush.outdated(((RecipientCacheStore.Outcome.Outdated) outcome).installed());
        } catch (RecipientCacheFormatException e) {
            LOG.error("session {}: recipient cache push refused: {}; keeping {}", session, e.getMessage(), store.describe());
            return RecipientCachePush.rejected(e.getMessage());
        } catch (IOException e) {
            LOG.error("session {}: cannot write the pushed recipient cache: {}; keeping {}", session, e.toString(),
                    store.describe());
            return Reply.LOCAL_ERROR;
        }
    }

    @Override
    public void abort() {
        content.reset();
    }
}
