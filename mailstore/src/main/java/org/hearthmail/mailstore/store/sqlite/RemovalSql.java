package org.hearthmail.mailstore.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.hearthmail.mailstore.store.BlobId;

/** SQL that removes domains, users and aliases, on a connection (and transaction) the caller owns. */
final class RemovalSql {

    private RemovalSql() {
    }

    /** Users and aliases of a domain: a domain is removed only when both are 0. */
    static long[] usersAndAliases(Connection c, long domainId) throws SQLException {
        return new long[] {count(c, "SELECT count(*) FROM users WHERE domain_id = ?", domainId),
            count(c, "SELECT count(*) FROM aliases WHERE domain_id = ?", domainId)};
    }

    static int deleteDomain(Connection c, long domainId) throws SQLException {
        return update(c, "DELETE FROM domains WHERE id = ?", domainId);
    }

    /** Distinct body files the user's messages reference, read before the rows go. */
    static Set<BlobId> blobsOfUser(Connection c, long userId) throws SQLException {
        Set<BlobId> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT m.blob_id FROM messages m "
                + "JOIN mailboxes b ON b.id = m.mailbox_id WHERE b.user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new BlobId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /**
     * Deletes the user row; ON DELETE CASCADE (schema V1) removes its mailboxes, messages, aliases,
     * app passwords and quota in the same transaction.
     */
    static int deleteUser(Connection c, long userId) throws SQLException {
        return update(c, "DELETE FROM users WHERE id = ?", userId);
    }

    static int deleteAlias(Connection c, long domainId, String localPart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM aliases WHERE domain_id = ? AND local_part = ?")) {
            ps.setLong(1, domainId);
            ps.setString(2, localPart);
            return ps.executeUpdate();
        }
    }

    /**
     * SQL expression for the id of a new row of {@code table} ("users" or "mailboxes"): one above
     * both the largest id present and the largest id ever removed. Plain INTEGER PRIMARY KEY would
     * hand a removed user's id (and its mailboxes' ids) to the next new one, and a process still
     * holding the old id (an IMAP session in {@code mailstore run} while the CLI removes the user)
     * would then reach the new user's mail.
     */
    static String nextId(String table) {
        return "(SELECT max(coalesce((SELECT max(id) FROM " + table + "), 0), coalesce((SELECT CAST(value AS INTEGER) "
                + "FROM settings WHERE key = 'retired." + table + ".max_id'), 0)) + 1)";
    }

    /** Records the largest user and mailbox ids of {@code userId} as retired; call before deleting it. */
    static void retireIds(Connection c, long userId) throws SQLException {
        retire(c, "users", userId);
        try (PreparedStatement ps = c.prepareStatement("SELECT max(id) FROM mailboxes WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    retire(c, "mailboxes", rs.getLong(1));
                }
            }
        }
    }

    /** Records a deleted mailbox's id as retired, so no later mailbox gets it. */
    static void retireMailbox(Connection c, long mailboxId) throws SQLException {
        retire(c, "mailboxes", mailboxId);
    }

    private static void retire(Connection c, String table, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings(key, value) VALUES (?, ?) "
                + "ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))")) {
            ps.setString(1, "retired." + table + ".max_id");
            ps.setString(2, Long.toString(id));
            ps.executeUpdate();
        }
    }

    private static long count(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return ps.executeUpdate();
        }
    }
}
