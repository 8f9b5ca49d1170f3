package org.hearthmail.mailstore.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearthmail.mailstore.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the newest schema this program knows. Each migration runs in its own
 * transaction together with the {@code user_version} bump, so a failed step leaves the previous
 * version intact. A database newer than the code is refused.
 */
final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final String DIR = "db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

    private final List<Migration> migrations;

    Migrator(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("migrations must be numbered 1..n without gaps, found "
                        + migrations.get(i).name() + " at position " + (i + 1));
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** The migrations listed in {@code db/migration/migrations.txt} on the class path. */
    static Migrator fromClasspath() {
        List<Migration> list = new ArrayList<>();
        for (String line : resource(DIR + "migrations.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("bad migration file name " + name);
            }
            list.add(new Migration(Integer.parseInt(m.group(1)), name, resource(DIR + name)));
        }
        return new Migrator(list);
    }

    int latest() {
        return migrations.size();
    }

    /** @return the schema version after migrating */
    int migrate(Connection c) throws SQLException {
        int current = version(c);
        if (current > latest()) {
            throw new SchemaVersionException(current, latest());
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Migration m : migrations.subList(current, migrations.size())) {
                try (Statement s = c.createStatement()) {
                    for (String sql : m.statements()) {
                        s.executeUpdate(sql);
                    }
                    s.executeUpdate("PRAGMA user_version = " + m.version());
                    c.commit();
                    LOG.info("database schema migrated to version {} ({})", m.version(), m.name());
                } catch (SQLException e) {
                    c.rollback();
                    throw new StoreException("schema migration " + m.name() + " failed, database left at version "
                            + version(c) + ": " + e.getMessage(), e);
                }
            }
        } finally {
            c.setAutoCommit(auto);
        }
        return version(c);
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String resource(String path) {
        try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path + ": " + e.getMessage(), e);
        }
    }
}
