package org.hearthmail.mailstore.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.store.StoreException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Connections to {@code mailstore.db}: one writer connection used by one thread at a time, with
 * group commit ({@link GroupCommit}; SQLite allows one writer at a time), and a pool of read-only connections that see the last
 * committed snapshot (WAL). {@code synchronous=FULL}: a commit is on disk when it returns.
 */
final class SqliteDatabase implements AutoCloseable {
    private final Connection writer;
    private final GroupCommit writes;
    private volatile Runnable resolutionsChanged = () -> { };
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();

    private SqliteDatabase(Connection writer, List<Connection> readerList) {
        this.writer = writer;
        this.writes = new GroupCommit(writer, () -> resolutionsChanged.run());
        this.readers = new ArrayBlockingQueue<>(readerList.size(), false, readerList);
        this.allReaders.addAll(readerList);
    }

    /** Opens (creating if needed) and migrates the database. */
    static SqliteDatabase open(Path file, Migrator migrator, int readerCount) {
        Connection w = null;
        List<Connection> rs = new ArrayList<>();
        try {
            w = connect(file, false);
            migrator.migrate(w);
            // The writer stays in auto-commit mode and brackets each write() in BEGIN IMMEDIATE/COMMIT
            // itself: with auto-commit off, the driver begins the next transaction right after every
            // commit, so an IMMEDIATE writer would hold the write lock for good and lock out every
            // other process (the CLI while 'mailstore run' is up).
            w.setAutoCommit(true);
            for (int i = 0; i < readerCount; i++) {
                Connection r = connect(file, true);
                r.setAutoCommit(false);
                rs.add(r);
            }
            return new SqliteDatabase(w, rs);
        } catch (SQLException e) {
            closeAll(w, rs);
            throw new StoreException("cannot open database " + file.getFileName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(w, rs);
            throw e;
        }
    }

    static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        if (readOnly) {
            cfg.setReadOnly(true);
            cfg.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        } else {
            // The writer takes the write lock at BEGIN, so a transaction never fails half-way on SQLITE_BUSY.
            cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
    }

    /**
     * Runs {@code work} in one transaction on the writer connection and waits for the commit
     * (possibly shared with other writes: {@link GroupCommit}). Blocking; must not be called from
     * inside another write.
     */
    <T> T write(SqlWork<T> work) {
        return write(work, r -> { });
    }

    /**
     * Like {@link #write(SqlWork)}, then runs {@code afterCommit} before any other transaction can
     * start (used to delete blob files a commit made unreferenced).
     */
    <T> T write(SqlWork<T> work, java.util.function.Consumer<T> afterCommit) {
        return write(work, afterCommit, GroupCommit.Kind.GENERAL);
    }

    /**
     * Like {@link #write(SqlWork, java.util.function.Consumer)} for a write that changes no domain,
     * user, alias, quota limit or mailbox (a delivery), so cached recipient resolutions stay valid.
     */
    <T> T writeDelivery(SqlWork<T> work, java.util.function.Consumer<T> afterCommit) {
        return write(work, afterCommit, GroupCommit.Kind.DELIVERY);
    }

    /**
     * A write of derived data that may be lost in a crash (parse results): committed without an
     * fsync of its own; see {@link GroupCommit.Kind#CACHE}.
     */
    <T> T writeCache(SqlWork<T> work) {
        return write(work, r -> { }, GroupCommit.Kind.CACHE);
    }

    private <T> T write(SqlWork<T> work, java.util.function.Consumer<T> afterCommit, GroupCommit.Kind kind) {
        try {
            return writes.write(work, afterCommit, kind);
        } catch (Error e) {
            throw e;
        } catch (Throwable t) {
            throw translate(t);
        }
    }

    /** Transactions the writer committed so far (a group commit counts once). */
    long commits() {
        return writes.commits();
    }

    /**
     * Runs {@code listener} after a committed write that may change what an address resolves to,
     * and when another process committed (noticed at our next write); see {@link GroupCommit}.
     */
    void onResolutionsChanged(Runnable listener) {
        this.resolutionsChanged = listener;
    }

    /** Runs {@code work} on a pooled read-only connection inside one snapshot. Blocking. */
    <T> T read(SqlWork<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database reader", e);
        }
        try {
            return work.run(c);
        } catch (SQLException | RuntimeException e) {
            throw translate(e);
        } finally {
            try {
                c.rollback();
            } catch (SQLException e) {
                // A reader that cannot end its snapshot would pin the WAL; replace nothing, but say it.
                org.slf4j.LoggerFactory.getLogger(SqliteDatabase.class).warn("reader rollback failed: {}", e.getMessage());
            }
            readers.add(c);
        }
    }

    private static RuntimeException translate(Throwable t) {
        if (t instanceof AccountSql.WrappedSql w) {
            return translate(w.sql());
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
            return new UniqueViolation(s.getMessage(), s);
        }
        if (t instanceof SQLException s) {
            return new StoreException("database error: " + s.getMessage(), s);
        }
        return new StoreException("database error: " + t, t);
    }

    @Override
    public void close() {
        writes.close(TimeUnit.SECONDS.toMillis(30));
        closeAll(writer, allReaders);
    }

    private static void closeAll(Connection w, List<Connection> rs) {
        for (Connection r : rs) {
            closeQuietly(r);
        }
        closeQuietly(w);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(SqliteDatabase.class).warn("closing a connection failed: {}", e.getMessage());
        }
    }

    /** A UNIQUE constraint failed; callers turn it into a ConflictException naming the thing. */
    static final class UniqueViolation extends StoreException {
        UniqueViolation(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
