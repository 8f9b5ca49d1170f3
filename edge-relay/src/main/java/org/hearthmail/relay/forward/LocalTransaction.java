package org.hearthmail.relay.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hearthmail.relay.buffer.ContentBuffer;
import org.hearthmail.relay.spool.SpoolEntry;
import org.hearthmail.relay.spool.SpoolFullException;
import org.hearthmail.relay.spool.SpoolWriter;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.server.Decision;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.SessionInfo;
import org.hearthmail.spool.SpoolEntryMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A transaction kept on the relay while the mailstore is unreachable: RCPTs against the cache, content into the spool. */
final class LocalTransaction {

    private static final Logger log = LoggerFactory.getLogger(LocalTransaction.class);
    /** RFC 3463 §3.5: X.4.3 directory server failure; we cannot tell whether the user exists. */
    static final Reply CANNOT_CHECK_RECIPIENT = Reply.of(450, "4.4.3", "Cannot verify the recipient now, try again later");
    /** RFC 3463 §3.3: X.1.1 bad destination mailbox address. */
    static final Reply USER_UNKNOWN = Reply.of(550, "5.1.1", "No such user here");
    /** RFC 3463 §3.4: X.3.1 mail system full. */
    static final Reply SPOOL_FULL = Reply.of(452, "4.3.1", "Insufficient system storage, try again later");
    static final Reply QUEUED = Reply.of(250, "2.0.0", "Queued");

    private final SpoolFallback fallback;

    LocalTransaction(SpoolFallback fallback) {
        this.fallback = fallback;
    }

    /** The cache's verdict; the domain was checked before (never an open relay). */
    Reply recipient(Mailbox recipient) {
        if (fallback.recipients().isEmpty()) {
            return CANNOT_CHECK_RECIPIENT;
        }
        // A missing or stale cache cannot tell: a temporary failure, so the sender retries later.
        return switch (fallback.recipients().get().answer(recipient)) {
            case DELIVERABLE -> Reply.RECIPIENT_OK;
            case UNKNOWN -> USER_UNKNOWN;
            case CANNOT_TELL -> CANNOT_CHECK_RECIPIENT;
        };
    }

    /** {@link #recipient} as the sender's RCPT decision. */
    Decision decision(Mailbox recipient) {
        Reply verdict = recipient(recipient);
        return verdict.isPositive() ? new Decision.Accept(verdict) : Decision.reject(verdict);
    }

    /**
     * Seals [header][Received][content] with the envelope and client facts into the spool; 250 only
     * after the entry is fsynced and renamed (Spool's commit). Runs on {@code executor}.
     */
    CompletableFuture<Reply> spool(SessionInfo session, Envelope envelope, String authResults, byte[] top,
                                   ContentBuffer buffered, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            // RFC 8601 §2.2: the field without its final CRLF.
            String ar = authResults.endsWith("\r\n") ? authResults.substring(0, authResults.length() - 2) : authResults;
            SpoolEntryMeta meta = new SpoolEntryMeta(envelope, ForwardedClient.attributes(session), Instant.now(), ar);
            try (SpoolWriter w = fallback.spool().begin(meta); InputStream content = buffered.open()) {
                OutputStream out = w.content();
                out.write(top);
                content.transferTo(out);
                SpoolEntry entry = w.commit();
                log.info("session {}: mailstore unreachable, message spooled as entry {} ({} bytes sealed)",
                        session.id(), entry.sequence(), entry.size());
                return QUEUED;
            } catch (SpoolFullException e) {
                log.warn("session {}: {}", session.id(), e.getMessage());
                return SPOOL_FULL;
            } catch (IOException e) {
                log.warn("session {}: cannot spool the message: {}", session.id(), e.toString());
                throw new UncheckedIOException(e);
            }
        }, executor);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
