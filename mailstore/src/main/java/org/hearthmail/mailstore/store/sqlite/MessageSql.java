package org.hearthmail.mailstore.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.Flags;
import org.hearthmail.mailstore.store.MessageFilter;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.MessageRowSink;
import org.hearthmail.mailstore.store.Sealer;

/** SQL for message rows. Cached parse results are sealed on the way in and unsealed on the way out. */
final class MessageSql {
    private static final String COLS = "SELECT m.mailbox_id, m.uid, m.modseq, m.flags, m.internal_date, m.size, "
            + "m.blob_id, m.envelope, m.body_structure, b.user_id FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id ";

    private MessageSql() {
    }

    static void insert(Connection c, long mailboxId, long uid, long modSeq, Set<String> flags, Instant internalDate,
                       long size, BlobId blob) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(mailbox_id, uid, modseq, flags, "
                + "internal_date, size, blob_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, uid);
            ps.setLong(3, modSeq);
            ps.setString(4, Flags.encode(flags));
            ps.setLong(5, internalDate.toEpochMilli());
            ps.setLong(6, size);
            ps.setString(7, blob.hex());
            ps.executeUpdate();
        }
    }

    static List<MessageMeta> byMailbox(Connection c, long mailboxId, Sealer sealer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLS + "WHERE m.mailbox_id = ? ORDER BY m.uid")) {
            ps.setLong(1, mailboxId);
            return list(ps, sealer);
        }
    }

    /** UID, MODSEQ, flags, date, size and body of every message; the cache columns are not read. */
    static List<MessageMeta> summaries(Connection c, long mailboxId, MessageFilter filter) throws SQLException {
        FilterSql where = FilterSql.of(filter);
        try (PreparedStatement ps = c.prepareStatement("SELECT uid, modseq, flags, internal_date, size, blob_id "
                + "FROM messages WHERE mailbox_id = ? AND " + where.where() + " ORDER BY uid")) {
            ps.setLong(1, mailboxId);
            for (int i = 0; i < where.params().size(); i++) {
                ps.setObject(i + 2, where.params().get(i));
            }
            List<MessageMeta> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MessageMeta(mailboxId, rs.getLong(1), rs.getLong(2), Flags.decode(rs.getString(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5), new BlobId(rs.getString(6)), null, null));
                }
            }
            return out;
        }
    }

    /**
     * The in-memory mailbox index's read: six integer/text columns of the rows above {@code afterUid},
     * walked along the (mailbox_id, uid) unique index, handed over without an object per row; and
     * the mailbox's HIGHESTMODSEQ in the same snapshot (-1 when the mailbox is gone).
     */
    static long rows(Connection c, long mailboxId, long afterUid, MessageRowSink sink) throws SQLException {
        long highest = -1;
        try (PreparedStatement ps = c.prepareStatement("SELECT highest_modseq FROM mailboxes WHERE id = ?")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    highest = rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT uid, modseq, flags, internal_date, size, "
                + "blob_id FROM messages WHERE mailbox_id = ? AND uid > ? ORDER BY uid")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, afterUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getLong(2), Flags.decode(rs.getString(3)), rs.getLong(4), rs.getLong(5),
                            new BlobId(rs.getString(6)));
                }
            }
        }
        return highest;
    }

    /**
     * Sets the flags of each message in {@code flagsByUid} with one statement, the i-th existing
     * message getting {@code firstModSeq + i}; returns the rows changed (summaries), ascending.
     */
    static List<MessageMeta> setFlags(Connection c, long mailboxId, java.util.SortedMap<Long, Set<String>> flagsByUid,
                                      long firstModSeq) throws SQLException {
        List<MessageMeta> out = new ArrayList<>(flagsByUid.size());
        long modSeq = firstModSeq;
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET flags = ?, modseq = ? "
                + "WHERE mailbox_id = ? AND uid = ? RETURNING internal_date, size, blob_id")) {
            for (var e : flagsByUid.entrySet()) {
                ps.setString(1, Flags.encode(e.getValue()));
                ps.setLong(2, modSeq);
                ps.setLong(3, mailboxId);
                ps.setLong(4, e.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(new MessageMeta(mailboxId, e.getKey(), modSeq, e.getValue(),
                                Instant.ofEpochMilli(rs.getLong(1)), rs.getLong(2), new BlobId(rs.getString(3)), null, null));
                        modSeq++;
                    }
                }
            }
        }
        return out;
    }

    static Optional<MessageMeta> one(Connection c, long mailboxId, long uid, Sealer sealer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLS + "WHERE m.mailbox_id = ? AND m.uid = ?")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, uid);
            List<MessageMeta> l = list(ps, sealer);
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }
    }

    static int setFlags(Connection c, long mailboxId, long uid, Set<String> flags, long modSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET flags = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?")) {
            ps.setString(1, Flags.encode(flags));
            ps.setLong(2, modSeq);
            ps.setLong(3, mailboxId);
            ps.setLong(4, uid);
            return ps.executeUpdate();
        }
    }

    static int delete(Connection c, long mailboxId, long uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM messages WHERE mailbox_id = ? AND uid = ?")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, uid);
            return ps.executeUpdate();
        }
    }

    /** RFC 7162 §3.2.5: remembers which UIDs left the mailbox at which mod-sequence. */
    static void recordExpunged(Connection c, long mailboxId, List<Long> uids, long modSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR REPLACE INTO expunged(mailbox_id, uid, modseq) VALUES (?, ?, ?)")) {
            for (long uid : uids) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, uid);
                ps.setLong(3, modSeq);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<Long> expungedSince(Connection c, long mailboxId, long modSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, modSeq);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    static boolean blobReferenced(Connection c, BlobId blob) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM messages WHERE blob_id = ? LIMIT 1")) {
            ps.setString(1, blob.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Set<BlobId> referencedBlobs(Connection c) throws SQLException {
        Set<BlobId> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT blob_id FROM messages");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new BlobId(rs.getString(1)));
            }
        }
        return out;
    }

    static int cacheParse(Connection c, long mailboxId, long uid, String envelope, String bodyStructure)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE messages SET envelope = ?, body_structure = ? WHERE mailbox_id = ? AND uid = ?")) {
            ps.setString(1, envelope);
            ps.setString(2, bodyStructure);
            ps.setLong(3, mailboxId);
            ps.setLong(4, uid);
            return ps.executeUpdate();
        }
    }

    private static List<MessageMeta> list(PreparedStatement ps, Sealer sealer) throws SQLException {
        List<MessageMeta> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long userId = rs.getLong(10);
                String env = rs.getString(8);
                String bs = rs.getString(9);
                out.add(new MessageMeta(rs.getLong(1), rs.getLong(2), rs.getLong(3), Flags.decode(rs.getString(4)),
                        Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6), new BlobId(rs.getString(7)),
                        env == null ? null : sealer.unsealText(userId, env),
                        bs == null ? null : sealer.unsealText(userId, bs)));
            }
        }
        return out;
    }
}
