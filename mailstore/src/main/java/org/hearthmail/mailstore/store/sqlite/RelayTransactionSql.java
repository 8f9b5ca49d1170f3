package org.hearthmail.mailstore.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.hearthmail.mailstore.store.TransactionMemory;

/**
 * Table {@code relay_transactions}: the relay transaction ids whose message this store committed,
 * written in the same transaction as the message rows, so "stored" and "id remembered" cannot part
 * (a crash loses both or neither). Kept for {@link TransactionMemory#keep()} and at most
 * {@link TransactionMemory#max()} rows: both bounds are enforced at every insert, each with one
 * index seek.
 */
final class RelayTransactionSql {

    private RelayTransactionSql() {
    }

    /** True when {@code id} was committed at or after {@code since}. */
    static boolean committedSince(Connection c, String id, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM relay_transactions WHERE id = ? AND committed_at >= ?")) {
            ps.setString(1, id);
            ps.setLong(2, since.getEpochSecond());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Records {@code id} as committed {@code now}, then drops what is past either bound. */
    static void remember(Connection c, String id, Instant now, TransactionMemory memory) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR REPLACE INTO relay_transactions(id, committed_at) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, now.getEpochSecond());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM relay_transactions WHERE committed_at < ?")) {
            ps.setLong(1, now.minus(memory.keep()).getEpochSecond());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM relay_transactions WHERE seq <= (SELECT max(seq) FROM relay_transactions) - ?")) {
            ps.setLong(1, memory.max());
            ps.executeUpdate();
        }
    }

    /** Rows held now; for tests and status. */
    static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM relay_transactions");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
