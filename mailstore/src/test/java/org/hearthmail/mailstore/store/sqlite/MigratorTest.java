package org.hearthmail.mailstore.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreException;
import org.hearthmail.mailstore.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
    @TempDir
    Path tmp;

    @Test
    void freshDatabaseIsMigratedToTheLatestVersionInWalMode() throws Exception {
        DataDirectory dir = new DataDirectory(tmp);
        SqliteMailStore.open(dir, StoreOptions.defaults()).close();
        try (Connection c = SqliteDatabase.connect(dir.database(), true)) {
            assertThat(Migrator.version(c)).isEqualTo(Migrator.fromClasspath().latest()).isPositive();
            assertThat(single(c, "PRAGMA journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotReapplyMigrations() {
        DataDirectory dir = new DataDirectory(tmp);
        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            s.addDomain("example.test");
        }
        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            assertThat(s.domains()).hasSize(1);
        }
    }

    @Test
    void databaseFromANewerProgramIsRefusedNamingBothVersions() throws Exception {
        DataDirectory dir = new DataDirectory(tmp);
        SqliteMailStore.open(dir, StoreOptions.defaults()).close();
        int known = Migrator.fromClasspath().latest();
        try (Connection c = SqliteDatabase.connect(dir.database(), false); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = " + (known + 41));
        }
        assertThatThrownBy(() -> SqliteMailStore.open(dir, StoreOptions.defaults()))
                .isInstanceOfSatisfying(SchemaVersionException.class, e -> {
                    assertThat(e.found()).isEqualTo(known + 41);
                    assertThat(e.known()).isEqualTo(known);
                })
                .hasMessageContaining("version " + (known + 41)).hasMessageContaining("version " + known);
    }

    @Test
    void failingMigrationIsRolledBackAndLeavesThePreviousVersion() throws Exception {
        Migration v1 = new Migration(1, "V1__a.sql", "CREATE TABLE a (x INTEGER);\n");
        Migration v2 = new Migration(2, "V2__b.sql", "CREATE TABLE b (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n");
        try (Connection c = SqliteDatabase.connect(tmp.resolve("m.db"), false)) {
            Migrator m = new Migrator(List.of(v1, v2));
            assertThatThrownBy(() -> m.migrate(c)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("V2__b.sql").hasMessageContaining("version 1");
            assertThat(Migrator.version(c)).isEqualTo(1);
            assertThat(single(c, "SELECT count(*) FROM sqlite_master WHERE name = 'b'")).isEqualTo("0");
            assertThat(single(c, "SELECT count(*) FROM sqlite_master WHERE name = 'a'")).isEqualTo("1");
        }
    }

    @Test
    void migrationsMustBeNumberedWithoutGaps() {
        assertThatThrownBy(() -> new Migrator(List.of(new Migration(2, "V2__x.sql", ""))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
