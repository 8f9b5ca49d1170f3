package org.hearthmail.mailstore.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.ConflictException;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MailboxStore;
import org.hearthmail.mailstore.store.NotFoundException;
import org.hearthmail.mailstore.store.StoreEvent;

/**
 * DELETE and RENAME of mailboxes (RFC 3501 §6.3.4, §6.3.5), on a connection and transaction the
 * caller owns; the caller deletes {@link Deleted#garbage()} after the commit and publishes the events.
 */
final class MailboxChangeSql {

    /** What a committed delete leaves to do: unreferenced body files and events to publish. */
    record Deleted(Set<BlobId> garbage, List<StoreEvent> events) {
    }

    /** The mailbox now carrying the new name, and the events to publish. */
    record Renamed(Mailbox mailbox, List<StoreEvent> events) {
    }

    private MailboxChangeSql() {
    }

    static Deleted delete(Connection c, long mailboxId) throws SQLException {
        Mailbox m = MailboxSql.byId(c, mailboxId).orElseThrow(() -> new NotFoundException("no mailbox with id " + mailboxId));
        if (m.role() == MailboxRole.INBOX) {
            // RFC 3501 §6.3.4: it is an error to attempt to delete INBOX.
            throw new ConflictException("INBOX cannot be deleted");
        }
        Set<BlobId> touched = new HashSet<>();
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT blob_id, size FROM messages WHERE mailbox_id = ?")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    touched.add(new BlobId(rs.getString(1)));
                    bytes += rs.getLong(2);
                }
            }
        }
        RemovalSql.retireMailbox(c, mailboxId);
        // ON DELETE CASCADE (schema V1, V2) removes its messages and expunged-UID records.
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM mailboxes WHERE id = ?")) {
            ps.setLong(1, mailboxId);
            ps.executeUpdate();
        }
        AccountSql.addUsage(c, m.userId(), -bytes);
        Set<BlobId> garbage = new HashSet<>();
        for (BlobId b : touched) {
            if (!MessageSql.blobReferenced(c, b)) {
                garbage.add(b);
            }
        }
        return new Deleted(garbage, List.of(new StoreEvent.MailboxDeleted(m.userId(), mailboxId, m.name())));
    }

    static Renamed rename(Connection c, long mailboxId, String newName, Instant now) throws SQLException {
        Mailbox m = MailboxSql.byId(c, mailboxId).orElseThrow(() -> new NotFoundException("no mailbox with id " + mailboxId));
        requireFree(c, m.userId(), newName);
        if (m.role() == MailboxRole.INBOX) {
            return renameInbox(c, m, newName, now);
        }
        String prefix = m.name() + MailboxStore.HIERARCHY_DELIMITER;
        if (newName.startsWith(prefix)) {
            throw new ConflictException("cannot move " + m.name() + " below itself");
        }
        List<Mailbox> children = MailboxSql.byUser(c, m.userId()).stream()
                .filter(b -> b.name().startsWith(prefix) && b.role() != MailboxRole.INBOX).toList();
        for (Mailbox child : children) {
            requireFree(c, m.userId(), newName + child.name().substring(m.name().length()));
        }
        List<StoreEvent> events = new ArrayList<>();
        setName(c, m.id(), newName);
        events.add(new StoreEvent.MailboxRenamed(m.userId(), m.id(), m.name(), newName));
        for (Mailbox child : children) {
            // RFC 3501 §6.3.5: inferior hierarchical names are renamed as well.
            String to = newName + child.name().substring(m.name().length());
            setName(c, child.id(), to);
            events.add(new StoreEvent.MailboxRenamed(m.userId(), child.id(), child.name(), to));
        }
        return new Renamed(MailboxSql.byId(c, m.id()).orElseThrow(), events);
    }

    /**
     * RFC 3501 §6.3.5: renaming INBOX moves all its messages to a new mailbox with the given name,
     * leaving INBOX empty. The new mailbox has a fresh UIDVALIDITY, so the messages keep their UIDs
     * there; INBOX remembers them as expunged (RFC 7162 §3.2.5) and never reuses them.
     */
    private static Renamed renameInbox(Connection c, Mailbox inbox, String newName, Instant now) throws SQLException {
        Mailbox fresh = MailboxSql.insert(c, inbox.userId(), newName, MailboxRole.NONE, now);
        List<Long> uids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid")) {
            ps.setLong(1, inbox.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uids.add(rs.getLong(1));
                }
            }
        }
        List<StoreEvent> events = new ArrayList<>();
        events.add(new StoreEvent.MailboxCreated(inbox.userId(), fresh.id(), newName));
        if (!uids.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET mailbox_id = ? WHERE mailbox_id = ?")) {
                ps.setLong(1, fresh.id());
                ps.setLong(2, inbox.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE mailboxes SET uid_next = ?, highest_modseq = ? WHERE id = ?")) {
                ps.setLong(1, inbox.uidNext());
                ps.setLong(2, inbox.highestModSeq());
                ps.setLong(3, fresh.id());
                ps.executeUpdate();
            }
            long modSeq = MailboxSql.nextModSeq(c, inbox.id());
            MessageSql.recordExpunged(c, inbox.id(), uids, modSeq);
            events.add(new StoreEvent.MessagesExpunged(inbox.userId(), inbox.id(), uids, modSeq));
        }
        return new Renamed(MailboxSql.byId(c, fresh.id()).orElseThrow(), events);
    }

    private static void requireFree(Connection c, long userId, String name) throws SQLException {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("mailbox name must not be empty");
        }
        if (name.equalsIgnoreCase("INBOX") || MailboxSql.byName(c, userId, name).isPresent()) {
            // RFC 3501 §6.3.5: it is an error to rename to a name that exists.
            throw new ConflictException("mailbox " + name + " exists already");
        }
    }

    private static void setName(Connection c, long mailboxId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE mailboxes SET name = ? WHERE id = ?")) {
            ps.setString(1, name);
            ps.setLong(2, mailboxId);
            ps.executeUpdate();
        }
    }
}
