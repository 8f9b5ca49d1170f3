/**
 * The relay's durable outbound queue and its scheduler (DESIGN.md, "Outbound").
 *
 * <p>On-disk layout under the queue directory:
 * <pre>
 *   lock            advisory lock file: every metadata read-modify-write holds it (relay and CLI)
 *   tmp/            files being written; removed by the start-up sweep
 *   msg/ID.eml      message content exactly as received (CRLF lines, unstuffed)
 *   meta/ID.json    envelope and per-recipient state ({@link org.hearthmail.relay.queue.QueuedMessage})
 * </pre>
 *
 * <p>Invariants: a message exists exactly when {@code meta/ID.json} exists. It is created by
 * writing and fsyncing the content in {@code tmp/}, renaming it into {@code msg/}, then writing the
 * metadata in {@code tmp/}, fsyncing and renaming it into {@code meta/} (the commit point), each
 * rename followed by an fsync of the directory; only then is 250 given. State updates replace the
 * metadata file the same way, so a reader sees the old or the new state, never a mix; an update
 * that leaves nothing to do (every recipient final) removes the message instead. Removal unlinks
 * the metadata and fsyncs {@code meta/} (after that the message is gone), then unlinks the content
 * without an fsync. A content file without metadata is debris of a crash before the commit or
 * after a removal, and is removed by {@link org.hearthmail.relay.queue.QueueStore#recover()}.
 *
 * <p>The scheduler scans the queue every scan interval and also at once when a message is
 * committed or a delivery slot frees (wake-ups fold together while one is pending).
 *
 * <p>Delivery is at least once: a crash after a remote 250 but before the state is recorded
 * sends the message again (RFC 5321 §6.1 accepts duplicates over loss). A recipient is DELIVERED
 * or BOUNCED (final), or PENDING/DEFERRED with a next-attempt time (back-off per
 * {@link org.hearthmail.relay.queue.RetryPolicy}).
 */
package org.hearthmail.relay.queue;
