package org.hearthmail.mailstore.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Message intake and access. <b>Every method blocks</b> (disk, fsync): never call from a Netty
 * event loop; {@link AsyncStore} runs them on an executor.
 */
public interface MessageStore {

    /** Resolves an address at RCPT time; see {@link RecipientResolver} for the rule. */
    Resolution resolveRecipient(String address);

    /**
     * A recent answer of {@link #resolveRecipient} for {@code address} if one is at hand in memory:
     * <b>never blocks</b> (safe on an event loop). Empty when the store keeps none or it may be
     * stale; an implementation may keep positive answers only, since the delivery resolves every
     * recipient again inside its transaction.
     */
    default Optional<Resolution> cachedResolution(String address) {
        return Optional.empty();
    }

    /**
     * Stores {@code body} once for all recipients that resolve and fit their quota, into each one's
     * INBOX. The body is streamed (never held whole in memory) and durable on disk before the single
     * transaction that references it commits; when this method returns normally every
     * {@link RecipientOutcome.Delivered} is committed. Recipients resolving to the same mailbox get
     * one copy.
     *
     * @throws IOException if the body cannot be read or written; nothing was delivered then
     */
    default DeliveryResult deliver(List<String> recipients, InputStream body) throws IOException {
        return deliver(recipients, MailboxRole.INBOX, body);
    }

    /**
     * As {@link #deliver(List, InputStream)}, into each recipient's mailbox with role {@code target}
     * (e.g. JUNK for a quarantine verdict); a user without such a mailbox gets it in INBOX.
     */
    DeliveryResult deliver(List<String> recipients, MailboxRole target, InputStream body) throws IOException;

    /**
     * As {@link #deliver(List, MailboxRole, InputStream)}, at most once per relay transaction: when
     * {@code relayTransactionId} was committed before (within {@link TransactionMemory}), nothing is
     * stored and the result is {@link DeliveryResult#duplicate()}; otherwise the id is remembered in
     * the same transaction as the message. This default, for stores without such a memory, delivers
     * every copy.
     */
    default DeliveryResult deliverOnce(String relayTransactionId, List<String> recipients, MailboxRole target,
                                       InputStream body) throws IOException {
        return deliver(recipients, target, body);
    }

    /**
     * As {@link #deliverOnce} ({@code relayTransactionId} null: as {@link #deliver(List, MailboxRole,
     * InputStream)}), and keeps the parse results {@code parsed} gives once the body was read (null:
     * none) with each stored copy, in the delivery's own transaction, saying so in the
     * {@link StoreEvent.MessageAdded} event ({@code parseCached}). This default ignores them.
     */
    default DeliveryResult deliver(String relayTransactionId, List<String> recipients, MailboxRole target,
                                   InputStream body, java.util.function.Supplier<ParseCache> parsed) throws IOException {
        return relayTransactionId == null ? deliver(recipients, target, body)
                : deliverOnce(relayTransactionId, recipients, target, body);
    }

    /**
     * Stores a message into one mailbox (IMAP APPEND, copies to Sent).
     *
     * @throws OverQuotaException if it does not fit the owner's quota
     * @throws NotFoundException if the mailbox does not exist
     */
    MessageMeta append(long mailboxId, Set<String> flags, Instant internalDate, InputStream body) throws IOException;

    /**
     * As {@link #append(long, Set, Instant, InputStream)}, and keeps the IMAP layer's parse results
     * of the message (what {@link #cacheParse} keeps). Both stores here do it in the message's own
     * transaction, so they cost no write of their own, and say so in the
     * {@link StoreEvent.MessageAdded} event ({@code parseCached}); the default is two writes.
     *
     * @return the stored message, with {@code envelope} and {@code bodyStructure} as given
     */
    default MessageMeta append(long mailboxId, Set<String> flags, Instant internalDate, InputStream body,
                               String envelope, String bodyStructure) throws IOException {
        // For stores without a single-transaction form: two writes, the event without parseCached.
        MessageMeta m = append(mailboxId, flags, internalDate, body);
        cacheParse(mailboxId, m.uid(), envelope, bodyStructure);
        return new MessageMeta(m.mailboxId(), m.uid(), m.modSeq(), m.flags(), m.internalDate(), m.size(), m.blob(),
                envelope, bodyStructure);
    }

    /** Messages of a mailbox in ascending UID order. */
    List<MessageMeta> messages(long mailboxId);

    Optional<MessageMeta> message(long mailboxId, long uid);

    /**
     * Messages of a mailbox in ascending UID order <em>without</em> the IMAP layer's parse caches:
     * {@code envelope} and {@code bodyStructure} are null whether cached or not. One cheap read
     * (nothing unsealed) for what needs only UIDs, flags, dates and sizes: SELECT, STORE, SEARCH.
     * Use {@link #messages} or {@link #message} for FETCH.
     */
    List<MessageMeta> summaries(long mailboxId);

    /** As {@link #summaries(long)}, only the messages {@code filter} accepts (tested by the store). */
    List<MessageMeta> summaries(long mailboxId, MessageFilter filter);

    /**
     * Streams the rows of the messages of a mailbox with a UID above {@code afterUid}, ascending,
     * into {@code sink}: UID, MODSEQ, flags, internal date, size and body id only, read in one snapshot.
     * For in-memory indexes that load a mailbox once and then follow the change events.
     *
     * @return the mailbox's HIGHESTMODSEQ in the same snapshot (every change up to it is in the
     *     rows read), or -1 when the store cannot say
     */
    default long rows(long mailboxId, long afterUid, MessageRowSink sink) {
        for (MessageMeta m : summaries(mailboxId, new MessageFilter.UidRange(afterUid + 1, Long.MAX_VALUE))) {
            sink.accept(m.uid(), m.modSeq(), m.flags(), m.internalDate().toEpochMilli(), m.size(), m.blob());
        }
        return -1;
    }

    /** The plain message bytes; the caller closes the stream. */
    InputStream openBody(MessageMeta message) throws IOException;

    /**
     * The plain message bytes when they can be had at once, without waiting for a disk: its stored
     * form is at most {@code maxStored} octets and already in memory (the page cache, or a store
     * that lives in memory). Null otherwise; then {@link #openBody} reads it. May be called on an
     * event loop.
     */
    default byte[] bodyIfCached(MessageMeta message, int maxStored) throws IOException {
        return null;
    }

    /**
     * Replaces the flags of a message, giving it a new MODSEQ (RFC 7162 §3.1.1).
     *
     * @throws NotFoundException if the message does not exist
     */
    MessageMeta setFlags(long mailboxId, long uid, Set<String> flags);

    /**
     * Replaces the flags of several messages in one transaction (one commit, one fsync), as IMAP
     * {@code STORE 1:*} needs. Each message gets its own new MODSEQ, ascending in UID order, all
     * greater than any before in the mailbox (RFC 7162 §3.1.1); one {@code FlagsChanged} event per
     * message, as from {@link #setFlags(long, long, Set)}. UIDs that no longer exist are skipped.
     *
     * @return the changed messages, ascending by UID, as {@link #summaries} (no parse caches)
     * @throws NotFoundException if the mailbox does not exist
     */
    List<MessageMeta> setFlags(long mailboxId, java.util.SortedMap<Long, Set<String>> flagsByUid);

    /**
     * Removes messages; their UIDs are never used again in this mailbox. Blob files no other
     * message references are deleted after the commit.
     *
     * @return the UIDs actually removed, ascending
     */
    List<Long> expunge(long mailboxId, Collection<Long> uids);

    /**
     * UIDs expunged from a mailbox by a change with a mod-sequence greater than {@code modSeq},
     * ascending (RFC 7162 §3.2.5 QRESYNC, §3.2.6 VANISHED).
     */
    List<Long> expungedSince(long mailboxId, long modSeq);

    /**
     * Copies messages into another mailbox of the same user, in one transaction (IMAP COPY/MOVE).
     * The copies share the source's body file, keep flags, internal date and cached parse results,
     * and get new UIDs in ascending source-UID order. Source UIDs that do not exist are skipped.
     *
     * @return one entry per copied message, ascending by source UID
     * @throws NotFoundException if either mailbox does not exist
     * @throws OverQuotaException if the copies do not fit the owner's quota (nothing is copied)
     * @throws IllegalArgumentException if the mailboxes belong to different users
     */
    List<CopiedMessage> copy(long fromMailboxId, Collection<Long> uids, long toMailboxId);

    /** Keeps the IMAP layer's parse results of a message (sealed through the {@link Sealer}). */
    void cacheParse(long mailboxId, long uid, String envelope, String bodyStructure);
}
