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
import org.hearthmail.mailstore.store.Alias;
import org.hearthmail.mailstore.store.AppPassword;
import org.hearthmail.mailstore.store.Domain;
import org.hearthmail.mailstore.store.Quota;
import org.hearthmail.mailstore.store.RecipientResolver;
import org.hearthmail.mailstore.store.User;

/** SQL for domains, users, aliases, credentials and quotas, on a connection the caller owns. */
final class AccountSql {
    private static final String USER_COLS = "u.id, u.local_part, d.name FROM users u JOIN domains d ON d.id = u.domain_id";

    private AccountSql() {
    }

    static Domain insertDomain(Connection c, String name, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO domains(name, created_at) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setLong(2, now.getEpochSecond());
            ps.executeUpdate();
            return new Domain(generatedId(ps), name);
        }
    }

    static List<Domain> domains(Connection c) throws SQLException {
        List<Domain> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM domains ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Domain(rs.getLong(1), rs.getString(2)));
            }
        }
        return out;
    }

    static Optional<Domain> domain(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM domains WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Domain(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    static User insertUser(Connection c, Domain d, String local, String passwordHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users(id, domain_id, local_part, password_hash, created_at) VALUES ("
                        + RemovalSql.nextId("users") + ", ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, d.id());
            ps.setString(2, local);
            ps.setString(3, passwordHash);
            ps.setLong(4, now.getEpochSecond());
            ps.executeUpdate();
            return new User(generatedId(ps), local, d.name());
        }
    }

    static Optional<User> user(Connection c, String local, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLS + " WHERE u.local_part = ? AND d.name = ?")) {
            ps.setString(1, local);
            ps.setString(2, domain);
            return oneUser(ps);
        }
    }

    static Optional<User> user(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLS + " WHERE u.id = ?")) {
            ps.setLong(1, id);
            return oneUser(ps);
        }
    }

    static List<User> users(Connection c) throws SQLException {
        List<User> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + USER_COLS + " ORDER BY d.name, u.local_part");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new User(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    static Alias insertAlias(Connection c, Domain d, String local, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO aliases(domain_id, local_part, user_id) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, d.id());
            ps.setString(2, local);
            ps.setLong(3, userId);
            ps.executeUpdate();
            return new Alias(generatedId(ps), local, d.name(), userId);
        }
    }

    static Optional<Long> aliasTarget(Connection c, String local, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT a.user_id FROM aliases a JOIN domains d ON d.id = a.domain_id WHERE a.local_part = ? AND d.name = ?")) {
            ps.setString(1, local);
            ps.setString(2, domain);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    static List<Alias> aliases(Connection c) throws SQLException {
        List<Alias> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.local_part, d.name, a.user_id FROM aliases a "
                + "JOIN domains d ON d.id = a.domain_id ORDER BY d.name, a.local_part");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Alias(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return out;
    }

    static Optional<String> passwordHash(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static int setPasswordHash(Connection c, long userId, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setLong(2, userId);
            return ps.executeUpdate();
        }
    }

    static AppPassword insertAppPassword(Connection c, long userId, String label, String hash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_passwords(user_id, label, hash, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, userId);
            ps.setString(2, label);
            ps.setString(3, hash);
            ps.setLong(4, now.getEpochSecond());
            ps.executeUpdate();
            return new AppPassword(generatedId(ps), userId, label, hash, Instant.ofEpochSecond(now.getEpochSecond()));
        }
    }

    static List<AppPassword> appPasswords(Connection c, long userId) throws SQLException {
        List<AppPassword> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, label, hash, created_at FROM app_passwords "
                + "WHERE user_id = ? AND revoked_at IS NULL ORDER BY id")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AppPassword(rs.getLong(1), userId, rs.getString(2), rs.getString(3),
                            Instant.ofEpochSecond(rs.getLong(4))));
                }
            }
        }
        return out;
    }

    static boolean revokeAppPassword(Connection c, long userId, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE app_passwords SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")) {
            ps.setLong(1, now.getEpochSecond());
            ps.setLong(2, id);
            ps.setLong(3, userId);
            return ps.executeUpdate() == 1;
        }
    }

    static void insertQuota(Connection c, long userId, long limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO quotas(user_id, limit_bytes) VALUES (?, ?)")) {
            ps.setLong(1, userId);
            ps.setLong(2, limit);
            ps.executeUpdate();
        }
    }

    static Optional<Quota> quota(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT limit_bytes, used_bytes FROM quotas WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Quota(userId, rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    static int setQuotaLimit(Connection c, long userId, long limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE quotas SET limit_bytes = ? WHERE user_id = ?")) {
            ps.setLong(1, limit);
            ps.setLong(2, userId);
            return ps.executeUpdate();
        }
    }

    static void addUsage(Connection c, long userId, long delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE quotas SET used_bytes = max(0, used_bytes + ?) WHERE user_id = ?")) {
            ps.setLong(1, delta);
            ps.setLong(2, userId);
            ps.executeUpdate();
        }
    }

    /** The resolver's view of one connection (and so of one snapshot or transaction). */
    static RecipientResolver.Lookup lookup(Connection c) {
        return new RecipientResolver.Lookup() {
            @Override
            public boolean hostsDomain(String domain) {
                return unchecked(() -> domain(c, domain).isPresent());
            }

            @Override
            public Optional<User> userByAddress(String localPart, String domain) {
                return unchecked(() -> user(c, localPart, domain));
            }

            @Override
            public Optional<Long> aliasTarget(String localPart, String domain) {
                return unchecked(() -> AccountSql.aliasTarget(c, localPart, domain));
            }

            @Override
            public Optional<User> userById(long id) {
                return unchecked(() -> user(c, id));
            }
        };
    }

    static long generatedId(Statement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated id");
            }
            return keys.getLong(1);
        }
    }

    private static Optional<User> oneUser(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new User(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
        }
    }

    interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    /** Lets SQL run behind the resolver's plain interface; the caller's translate() sees the cause. */
    static <T> T unchecked(SqlSupplier<T> s) {
        try {
            return s.get();
        } catch (SQLException e) {
            throw new WrappedSql(e);
        }
    }

    static final class WrappedSql extends RuntimeException {
        WrappedSql(SQLException cause) {
            super(cause);
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }
}
