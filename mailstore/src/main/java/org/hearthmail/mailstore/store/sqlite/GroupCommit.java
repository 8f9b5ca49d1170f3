package org.hearthmail.mailstore.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hearthmail.mailstore.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer connection, shared by the threads that write (SQLite allows one writer at a
 * time), with group commit: the calling thread runs its own transaction when the writer is idle
 * (no hand-off to another thread), and while it runs, the writes that queue up behind it are run
 * by the next thread to take the lead, all in one transaction with one commit (one WAL fsync).
 *
 * <p>Invariants: at most one thread (the leader) uses the connection at a time; a write's result is
 * returned only after the transaction holding it committed ({@code synchronous=FULL}: on disk);
 * within a batch each write runs inside its own {@code SAVEPOINT}, so a write that fails is rolled
 * back alone and the others still commit; the after-commit steps of a batch run before the next
 * batch begins.
 */
final class GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** Writes per transaction at most, so one commit never waits for an unbounded batch. */
    static final int MAX_BATCH = 64;

    private final Connection writer;
    private final Runnable afterForeignOrAccountChange;
    private final Object monitor = new Object();
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private boolean leading;
    private boolean closed;
    private volatile Thread leader;
    private long dataVersion = -1;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    /** The connection's {@code PRAGMA synchronous} as last set; FULL as opened (SqliteDatabase.connect). */
    private String synchronous = "FULL";

    /**
     * @param afterForeignOrAccountChange runs (on the leader) after a batch committed a write that
     *        may change what an address resolves to, and when another connection (another process,
     *        such as the CLI) committed since the last batch; used to drop cached resolutions
     */
    GroupCommit(Connection writer, Runnable afterForeignOrAccountChange) {
        this.writer = writer;
        this.afterForeignOrAccountChange = afterForeignOrAccountChange;
        noticeForeignCommits(); // the baseline
    }

    /** What a write may change, and how durable its commit must be. */
    enum Kind {
        /** Anything (accounts, aliases, domains, quotas): cached resolutions are dropped after it. */
        GENERAL,
        /** Messages and usage only (a delivery): cached resolutions stay valid. */
        DELIVERY,
        /**
         * Derived data that may be lost in a crash (parse results, recomputed on demand): committed
         * without waiting for the disk ({@code synchronous=NORMAL}; WAL: no fsync, never corrupt),
         * made durable by the next durable commit anyway. Keeps cached resolutions.
         */
        CACHE
    }

    /**
     * Runs {@code work} in a transaction and returns once it committed; {@code afterCommit} runs
     * after the commit, before any later transaction starts. Blocking.
     */
    <T> T write(SqlWork<T> work, Consumer<T> afterCommit, Kind kind) throws Throwable {
        if (Thread.currentThread() == leader) {
            throw new IllegalStateException("nested write inside a write transaction");
        }
        Pending<T> mine = new Pending<>(work, afterCommit, kind);
        boolean interrupted = false;
        synchronized (monitor) {
            if (closed) {
                throw new StoreException("the database is closed");
            }
            queue.add(mine);
        }
        try {
            while (true) {
                List<Pending<?>> batch;
                synchronized (monitor) {
                    while (!mine.done && leading) {
                        try {
                            monitor.wait();
                        } catch (InterruptedException e) {
                            if (queue.remove(mine)) {
                                // Not started: nothing was written, so the caller may give up.
                                Thread.currentThread().interrupt();
                                throw new StoreException("interrupted while waiting for the database writer", e);
                            }
                            interrupted = true; // in a running batch: its outcome must be reported
                        }
                    }
                    if (mine.done) {
                        break;
                    }
                    batch = new ArrayList<>();
                    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(queue.poll());
                    }
                    if (closed) {
                        batch.forEach(p -> p.failure = new StoreException("the database is closed"));
                        batch.forEach(p -> p.done = true);
                        monitor.notifyAll();
                        continue;
                    }
                    leading = true;
                    leader = Thread.currentThread();
                }
                try {
                    runBatch(batch);
                } finally {
                    synchronized (monitor) {
                        for (Pending<?> p : batch) {
                            if (p.failure == null && !p.committed) {
                                p.failure = new StoreException("the database writer failed");
                            }
                            p.done = true;
                        }
                        leader = null;
                        leading = false;
                        monitor.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Writes waiting for a leader (not those of the running batch). */
    int queued() {
        synchronized (monitor) {
            return queue.size();
        }
    }

    /** Transactions committed so far (one per batch). */
    long commits() {
        return commits.get();
    }

    /** Stops new writes; waits (at most {@code millis}) for a running batch to end. */
    void close(long millis) {
        synchronized (monitor) {
            closed = true;
            long deadline = System.currentTimeMillis() + millis;
            while (leading) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    LOG.warn("closing the database while a write is still running");
                    return;
                }
                try {
                    monitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        boolean relaxed = batch.stream().allMatch(p -> p.kind == Kind.CACHE);
        try {
            synchronous(relaxed ? "NORMAL" : "FULL");
        } catch (SQLException e) {
            batch.forEach(p -> p.failure = e);
            return;
        }
        runTransaction(batch);
    }

    /**
     * Sets {@code PRAGMA synchronous} for the next commit, when it differs. A durable batch never
     * runs unless FULL was set successfully (the pragma is per connection and sticks).
     */
    private void synchronous(String level) throws SQLException {
        if (!level.equals(synchronous)) {
            synchronous = null; // unknown until the pragma returned
            exec("PRAGMA synchronous = " + level);
            synchronous = level;
        }
    }

    private void runTransaction(List<Pending<?>> batch) {
        try {
            // BEGIN IMMEDIATE takes the write lock or waits (busy_timeout) for another process to let it go.
            exec("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            batch.forEach(p -> p.failure = e);
            return;
        }
        if (noticeForeignCommits()) {
            // Committed elsewhere already, so drop cached answers now, whatever becomes of this batch.
            afterForeignOrAccountChange.run();
        }
        boolean savepoints = batch.size() > 1;
        List<Pending<?>> ran = new ArrayList<>(batch.size());
        for (Pending<?> p : batch) {
            try {
                if (savepoints) {
                    exec("SAVEPOINT w");
                }
                p.run(writer);
                if (savepoints) {
                    exec("RELEASE w");
                }
                ran.add(p);
            } catch (SQLException | RuntimeException e) {
                p.failure = e;
                if (!savepoints || !rollbackTo(e)) {
                    rollback(e);
                    ran.forEach(q -> q.failure = e);
                    return;
                }
            } catch (Error e) {
                // Leave no transaction open behind us; the callers learn that the writer failed.
                rollback(new IllegalStateException(e));
                throw e;
            }
        }
        try {
            exec("COMMIT");
        } catch (SQLException e) {
            rollback(e);
            ran.forEach(p -> p.failure = e);
            return;
        }
        commits.incrementAndGet();
        boolean accountsMayHaveChanged = false;
        for (Pending<?> p : ran) {
            p.committed = true;
            accountsMayHaveChanged |= p.kind == Kind.GENERAL;
        }
        if (accountsMayHaveChanged) {
            afterForeignOrAccountChange.run();
        }
        for (Pending<?> p : ran) {
            p.afterCommit();
        }
    }

    /**
     * True when another connection committed since our last transaction ({@code PRAGMA
     * data_version}: unchanged by this connection's own commits). Read inside our write
     * transaction, so nothing else can commit between this check and our commit.
     */
    private boolean noticeForeignCommits() {
        long now;
        try (Statement st = writer.createStatement(); var rs = st.executeQuery("PRAGMA data_version")) {
            now = rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            LOG.warn("cannot read PRAGMA data_version, assuming another process wrote: {}", e.getMessage());
            return true;
        }
        boolean changed = dataVersion != -1 && now != dataVersion;
        dataVersion = now;
        return changed;
    }

    /** Undoes one write of a batch; false if the transaction is gone (SQLite rolled it back itself). */
    private boolean rollbackTo(Exception cause) {
        try {
            exec("ROLLBACK TO w");
            exec("RELEASE w");
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    private void rollback(Exception cause) {
        try {
            exec("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may have rolled back itself (e.g. SQLITE_FULL); keep the original error first.
            if (e != cause) {
                cause.addSuppressed(e);
            }
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute(sql);
        }
    }

    /** One queued write; fields guarded by the monitor once queued, written by the leader. */
    private static final class Pending<T> {
        private final SqlWork<T> work;
        private final Consumer<T> afterCommit;
        private final Kind kind;
        private T result;
        private Throwable failure;
        private boolean committed;
        private boolean done;

        Pending(SqlWork<T> work, Consumer<T> afterCommit, Kind kind) {
            this.work = work;
            this.afterCommit = afterCommit;
            this.kind = kind;
        }

        void run(Connection c) throws SQLException {
            result = work.run(c);
        }

        void afterCommit() {
            try {
                afterCommit.accept(result);
            } catch (RuntimeException e) {
                // Committed already: report success, and leave clean-up to the start-up sweep.
                LOG.warn("after-commit step failed: {}", e.toString());
            }
        }
    }
}
