package org.hearthmail.mailstore.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearthmail.mailstore.store.Mailbox;
import org.hearthmail.mailstore.store.MailboxRole;

/** SQL for mailboxes and their UID / MODSEQ counters. */
final class MailboxSql {
    private static final String COLS = "SELECT id, user_id, name, role, uid_validity, uid_next, highest_modseq FROM mailboxes ";

    private MailboxSql() {
    }

    static Mailbox insert(Connection c, long userId, String name, MailboxRole role, Instant now) throws SQLException {
        long uidValidity = nextUidValidity(c, now);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO mailboxes(id, user_id, name, role, uid_validity) VALUES ("
                        + RemovalSql.nextId("mailboxes") + ", ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, userId);
            ps.setString(2, name);
            ps.setString(3, role == MailboxRole.NONE ? null : role.name());
            ps.setLong(4, uidValidity);
            ps.executeUpdate();
            return new Mailbox(AccountSql.generatedId(ps), userId, name, role, uidValidity, 1, 1);
        }
    }

    /**
     * RFC 3501 §2.3.1.1: a mailbox re-created under an old name must get a greater UIDVALIDITY.
     * One installation-wide counter, started from the clock, only ever increases.
     */
    private static long nextUidValidity(Connection c, Instant now) throws SQLException {
        long stored = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE key = 'next_uid_validity'");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                stored = Long.parseLong(rs.getString(1));
            }
        }
        long value = Math.max(stored, Math.max(1, now.getEpochSecond() & 0xFFFF_FFFFL));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO settings(key, value) VALUES ('next_uid_validity', ?) "
                        + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, Long.toString(value + 1));
            ps.executeUpdate();
        }
        return value;
    }

    static List<Mailbox> byUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLS + "WHERE user_id = ? ORDER BY id")) {
            ps.setLong(1, userId);
            return list(ps);
        }
    }

    static Optional<Mailbox> byName(Connection c, long userId, String name) throws SQLException {
        if (name.equalsIgnoreCase("INBOX")) {
            return byRole(c, userId, MailboxRole.INBOX);
        }
        try (PreparedStatement ps = c.prepareStatement(COLS + "WHERE user_id = ? AND name = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, name);
            return first(ps);
        }
    }

    /**
     * The user's mailbox named {@code name} without regard to (ASCII) case, the exact spelling
     * first; for folder delivery, whose tag comes from a lower-cased address.
     */
    static Optional<Mailbox> byNameAnyCase(Connection c, long userId, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLS + "WHERE user_id = ? AND name = ? COLLATE NOCASE "
                + "ORDER BY name = ? DESC, id LIMIT 1")) {
            ps.setLong(1, userId);
            ps.setString(2, name);
            ps.setString(3, name);
            return first(ps);
        }
    }

    static Optional<Mailbox> byRole(Connection c, long userId, MailboxRole role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLS + "WHERE user_id = ? AND role = ?")) {
            ps.setLong(1, userId);
            ps.setString(2, role.name());
            return first(ps);
        }
    }

    static Optional<Mailbox> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLS + "WHERE id = ?")) {
            ps.setLong(1, id);
            return first(ps);
        }
    }

    /** Takes the next UID and a new MODSEQ for one message; UIDs never go back (RFC 3501 §2.3.1.1). */
    static long[] allocateUidAndModSeq(Connection c, long mailboxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE mailboxes SET uid_next = uid_next + 1, "
                + "highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING uid_next - 1, highest_modseq")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("mailbox " + mailboxId + " vanished");
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** RFC 7162 §3.1.1: every change gets a mod-sequence greater than all before it in the mailbox. */
    static long nextModSeq(Connection c, long mailboxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE mailboxes SET highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING highest_modseq")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("mailbox " + mailboxId + " vanished");
                }
                return rs.getLong(1);
            }
        }
    }

    /**
     * RFC 7162 §3.1.1: reserves {@code count} consecutive mod-sequences above all before; returns
     * the first. A caller that uses fewer gives the rest back with {@link #setHighestModSeq}.
     */
    static long reserveModSeqs(Connection c, long mailboxId, long count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE mailboxes SET highest_modseq = highest_modseq + ? "
                + "WHERE id = ? RETURNING highest_modseq")) {
            ps.setLong(1, count);
            ps.setLong(2, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("mailbox " + mailboxId + " vanished");
                }
                return rs.getLong(1) - count + 1;
            }
        }
    }

    /** Sets HIGHESTMODSEQ to the last mod-sequence actually used (within the caller's transaction). */
    static void setHighestModSeq(Connection c, long mailboxId, long modSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE mailboxes SET highest_modseq = ? WHERE id = ?")) {
            ps.setLong(1, modSeq);
            ps.setLong(2, mailboxId);
            ps.executeUpdate();
        }
    }

    private static Optional<Mailbox> first(PreparedStatement ps) throws SQLException {
        List<Mailbox> l = list(ps);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static List<Mailbox> list(PreparedStatement ps) throws SQLException {
        List<Mailbox> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String role = rs.getString(4);
                out.add(new Mailbox(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        role == null ? MailboxRole.NONE : MailboxRole.valueOf(role),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)));
            }
        }
        return out;
    }
}
