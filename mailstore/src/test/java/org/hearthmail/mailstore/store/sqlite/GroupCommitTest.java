package org.hearthmail.mailstore.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on a real SQLite file: batching, per-write rollback, durability level, change notice. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupCommitTest {
    @TempDir
    Path tmp;

    private Connection writer;
    private Connection other;
    private final AtomicInteger changeNotices = new AtomicInteger();
    private GroupCommit writes;
    private final ExecutorService pool = Executors.newFixedThreadPool(10);

    @BeforeEach
    void open() throws SQLException {
        Path file = tmp.resolve("t.db");
        writer = SqliteDatabase.connect(file, false);
        try (Statement st = writer.createStatement()) {
            st.execute("CREATE TABLE t(v INTEGER NOT NULL UNIQUE)");
        }
        other = SqliteDatabase.connect(file, false);
        writes = new GroupCommit(writer, changeNotices::incrementAndGet);
    }

    @AfterEach
    void close() throws SQLException {
        pool.shutdownNow();
        writes.close(10_000);
        writer.close();
        other.close();
    }

    private static int insert(Connection c, int v) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate("INSERT INTO t(v) VALUES (" + v + ")");
        }
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private <T> T write(SqlWork<T> work, GroupCommit.Kind kind) throws Exception {
        try {
            return writes.write(work, r -> { }, kind);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void writesQueuedBehindARunningWriteCommitTogetherInOneTransaction() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<?> first = startWriteHeldUntil(releaseFirst, 0);
        long before = writes.commits();
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int v = i;
            queued.add(pool.submit(() -> write(c -> insert(c, v), GroupCommit.Kind.DELIVERY)));
        }
        waitUntilQueued(8);
        releaseFirst.countDown();
        first.get(60, TimeUnit.SECONDS);
        for (Future<Integer> f : queued) {
            assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(query(other, "SELECT count(*) FROM t")).isEqualTo(9);
        assertThat(writes.commits() - before).as("the first write's commit, then one for the eight queued").isEqualTo(2);
    }

    @Test
    void aFailingWriteInABatchIsRolledBackAloneAndTheOthersCommit() throws Exception {
        write(c -> insert(c, 42), GroupCommit.Kind.GENERAL);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<?> first = startWriteHeldUntil(releaseFirst, 1);
        Future<Integer> before = pool.submit(() -> write(c -> insert(c, 2), GroupCommit.Kind.DELIVERY));
        waitUntilQueued(1);
        // Inserts a row, then violates the UNIQUE constraint: its own row must go too.
        Future<Integer> failing = pool.submit(() -> write(c -> insert(c, 3) + insert(c, 42), GroupCommit.Kind.DELIVERY));
        waitUntilQueued(2);
        Future<Integer> after = pool.submit(() -> write(c -> insert(c, 4), GroupCommit.Kind.DELIVERY));
        waitUntilQueued(3);
        releaseFirst.countDown();
        first.get(60, TimeUnit.SECONDS);
        assertThat(before.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(after.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> failing.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
        try (Statement st = other.createStatement(); ResultSet rs = st.executeQuery("SELECT v FROM t ORDER BY v")) {
            List<Integer> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1));
            }
            assertThat(rows).containsExactly(1, 2, 4, 42);
        }
    }

    @Test
    void aWriteInsideAWriteIsRefused() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> inner = new java.util.concurrent.atomic.AtomicReference<>();
        write(c -> {
            try {
                writes.write(c2 -> insert(c2, 1), r -> { }, GroupCommit.Kind.GENERAL);
            } catch (Throwable t) {
                inner.set(t);
            }
            return insert(c, 2);
        }, GroupCommit.Kind.GENERAL);
        assertThat(inner.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("nested");
        assertThat(query(other, "SELECT count(*) FROM t")).as("the outer write still commits").isEqualTo(1);
    }

    @Test
    void aCacheWriteCommitsWithoutSyncAndTheNextDurableWriteRunsWithSynchronousFull() throws Exception {
        long level = write(c -> {
            insert(c, 1);
            return query(c, "PRAGMA synchronous");
        }, GroupCommit.Kind.CACHE);
        assertThat(level).as("NORMAL").isEqualTo(1);
        assertThat(query(other, "SELECT count(*) FROM t")).as("committed").isEqualTo(1);
        long next = write(c -> query(c, "PRAGMA synchronous"), GroupCommit.Kind.DELIVERY);
        assertThat(next).as("FULL").isEqualTo(2);
    }

    @Test
    void generalWritesAndOtherConnectionsCommitsAreReportedButDeliveriesAndCacheWritesAreNot() throws Exception {
        write(c -> insert(c, 1), GroupCommit.Kind.DELIVERY);
        write(c -> insert(c, 2), GroupCommit.Kind.CACHE);
        assertThat(changeNotices).hasValue(0);
        write(c -> insert(c, 3), GroupCommit.Kind.GENERAL);
        assertThat(changeNotices).hasValue(1);
        insert(other, 4); // another process (auto-commit)
        assertThat(changeNotices).as("noticed only at our next write").hasValue(1);
        write(c -> insert(c, 5), GroupCommit.Kind.DELIVERY);
        assertThat(changeNotices).hasValue(2);
        write(c -> insert(c, 6), GroupCommit.Kind.DELIVERY);
        assertThat(changeNotices).hasValue(2);
    }

    @Test
    void writesAfterCloseAreRefused() {
        writes.close(1000);
        assertThatThrownBy(() -> write(c -> insert(c, 1), GroupCommit.Kind.GENERAL))
                .hasMessageContaining("closed");
    }

    /** Starts a write of {@code v} that holds the writer until {@code release}; returns once it runs. */
    private Future<?> startWriteHeldUntil(CountDownLatch release, int v) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Future<?> f = pool.submit(() -> write(c -> {
            running.countDown();
            await(release);
            return insert(c, v);
        }, GroupCommit.Kind.DELIVERY));
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        return f;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits (bounded) until at least {@code n} writes wait behind the running one. */
    private void waitUntilQueued(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writes.queued() < n) {
            assertThat(System.nanoTime()).as("writes queued in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
