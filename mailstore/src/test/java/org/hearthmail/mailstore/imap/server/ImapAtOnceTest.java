package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.blob.PageCacheEviction;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which requests are answered on the event loop ({@code Command#executeAtOnce}) and which wait for
 * a worker: the workers are held back by a gate, so a request answered while it is closed was
 * answered without one, and one that is not answered until it opens needed one. Real sockets, the
 * SQLite store, real body files in and out of the page cache.
 */
@Timeout(60)
class ImapAtOnceTest {
    private static final int WAIT_MILLIS = 400;

    @TempDir
    Path tmp;
    private ImapTestServer server;
    private final List<ImapClient> clients = new ArrayList<>();
    /** Worker tasks wait for the latch in here; a new latch closes the gate again. */
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final String small = message(1, 5_000);
    private final String large = message(2, 200_000);

    @BeforeEach
    void start() throws Exception {
        server = new ImapTestServer(SqliteMailStore.open(new DataDirectory(tmp.resolve("data")), StoreOptions.defaults()),
                b -> b.allowPlaintextAuth(true), this::gated);
        server.deliver(small);
        server.deliver(large);
    }

    @AfterEach
    void tearDown() throws Exception {
        gate.countDown();
        for (ImapClient c : clients) {
            c.close();
        }
        server.close();
    }

    private Executor gated(Executor workers) {
        return task -> workers.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            task.run();
        });
    }

    /** Logged in, INBOX selected, every body's place known (FETCH 1:* read the rows), the bodies read once. */
    private ImapClient ready() throws Exception {
        ImapClient c = server.login();
        clients.add(c);
        c.command("S", "SELECT INBOX");
        c.command("F", "FETCH 1:* (FLAGS)");
        c.command("W", "UID FETCH 1:2 BODY.PEEK[]");
        return c;
    }

    private static String message(int i, int size) {
        StringBuilder b = new StringBuilder("From: s" + i + "@example.test\r\nTo: alice@example.test\r\nSubject: m" + i
                + "\r\n\r\n");
        while (b.length() < size) {
            b.append("line of message ").append(i).append(" ........................................\r\n");
        }
        return b.toString();
    }

    /** Sends a command; asserts no answer comes while the workers are held. */
    private static void sendExpectingNoAnswer(ImapClient c, String tag, String command) throws IOException {
        c.send(tag + " " + command + "\r\n");
        c.setTimeout(WAIT_MILLIS);
        assertThatThrownBy(c::readLine).as(command + " answered without a worker").isInstanceOf(SocketTimeoutException.class);
        c.setTimeout(10_000);
    }

    @Test
    void aSmallCachedBodyAndNoopAreAnsweredWithoutAWorker() throws Exception {
        ImapClient c = ready();
        gate = new CountDownLatch(1);

        List<String> r = c.command("A", "UID FETCH 1 BODY.PEEK[]");
        assertThat(r.get(0)).isEqualTo("* 1 FETCH (UID 1 BODY[] {" + small.length() + "}\r\n" + small + ")");
        assertThat(ImapClient.last(r)).isEqualTo("A OK UID FETCH completed");
        r = c.command("B", "UID FETCH 1 (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (Subject)])");
        assertThat(r.get(0)).startsWith("* 1 FETCH (UID 1 RFC822.SIZE " + small.length() + " BODY[HEADER.FIELDS (")
                .endsWith("{15}\r\nSubject: m1\r\n\r\n)");
        assertThat(c.command("N", "NOOP")).containsExactly("N OK NOOP completed");
    }

    @Test
    void aLargeBodyFlagsAndASeenSettingFetchWaitForAWorker() throws Exception {
        ImapClient c = ready();
        gate = new CountDownLatch(1);

        sendExpectingNoAnswer(c, "L", "UID FETCH 2 BODY.PEEK[]"); // 200 KB: past the event loop's bound
        gate.countDown();
        List<String> r = c.readUntilTagged("L");
        assertThat(r.get(0)).startsWith("* 2 FETCH (UID 2 BODY[] {" + large.length() + "}");

        gate = new CountDownLatch(1);
        sendExpectingNoAnswer(c, "M", "UID FETCH 1 (FLAGS BODY.PEEK[])"); // flags are in the rows
        gate.countDown();
        assertThat(ImapClient.last(c.readUntilTagged("M"))).isEqualTo("M OK UID FETCH completed");

        gate = new CountDownLatch(1);
        sendExpectingNoAnswer(c, "S", "UID FETCH 1 BODY[]"); // sets \Seen: a write
        gate.countDown();
        r = c.readUntilTagged("S");
        assertThat(r.get(0)).startsWith("* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {");
    }

    @Test
    void aBodyNotInThePageCacheIsReadByAWorker() throws Exception {
        ImapClient c = ready();
        try (Stream<Path> files = Files.walk(tmp.resolve("data").resolve("blobs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                PageCacheEviction.evict(f);
            }
        }
        gate = new CountDownLatch(1);

        sendExpectingNoAnswer(c, "E", "UID FETCH 1 BODY.PEEK[]");
        gate.countDown();
        List<String> r = c.readUntilTagged("E");
        assertThat(r.get(0)).isEqualTo("* 1 FETCH (UID 1 BODY[] {" + small.length() + "}\r\n" + small + ")");
        gate = new CountDownLatch(1);
        assertThat(ImapClient.last(c.command("G", "UID FETCH 1 BODY.PEEK[]")))
                .as("read by the worker, so cached again").isEqualTo("G OK UID FETCH completed");
    }

    @Test
    void aChangeWaitingToBeReportedSendsNoopAndFetchToAWorkerWhichReportsIt() throws Exception {
        ImapClient c = ready();
        gate = new CountDownLatch(1);
        server.deliver(message(3, 1_000)); // the store's event reaches the session at once

        sendExpectingNoAnswer(c, "N", "NOOP");
        gate.countDown();
        List<String> noop = c.readUntilTagged("N");
        assertThat(noop.get(0)).isEqualTo("* 3 EXISTS");
        assertThat(ImapClient.last(noop)).isEqualTo("N OK NOOP completed");

        gate = new CountDownLatch(1);
        server.deliver(message(4, 1_000));
        sendExpectingNoAnswer(c, "F", "UID FETCH 1 BODY.PEEK[]");
        gate.countDown();
        List<String> r = c.readUntilTagged("F");
        assertThat(r).hasSize(3);
        assertThat(r.get(1)).isEqualTo("* 4 EXISTS");
        assertThat(new String(c.literals.get(c.literals.size() - 1), StandardCharsets.UTF_8)).isEqualTo(small);
    }

    @Test
    void aSearchOfFlagsSizesAndNumbersIsAnsweredWithoutAWorkerAHeaderSearchWaitsForOne() throws Exception {
        ImapClient c = ready();
        c.command("T", "UID STORE 2 +FLAGS.SILENT (\\Flagged)");
        c.command("W", "NOOP");
        gate = new CountDownLatch(1);
        // The change still waits to be applied to the shared view: the first search is a worker's
        sendExpectingNoAnswer(c, "S", "UID SEARCH FLAGGED");
        gate.countDown();
        assertThat(c.readUntilTagged("S")).containsExactly("* SEARCH 2", "S OK UID SEARCH completed");
        gate = new CountDownLatch(1);

        assertThat(c.command("A", "UID SEARCH FLAGGED")).containsExactly("* SEARCH 2", "A OK UID SEARCH completed");
        assertThat(c.command("B", "SEARCH NOT FLAGGED LARGER 100 UID 1:*"))
                .containsExactly("* SEARCH 1", "B OK SEARCH completed");
        // RFC 4731 ESEARCH with RFC 5182 SAVE, then "$" in the next SEARCH: all from the view
        assertThat(c.command("C", "UID SEARCH RETURN (SAVE COUNT) OR FLAGGED SMALLER 10000"))
                .containsExactly("* ESEARCH (TAG \"C\") UID COUNT 2", "C OK UID SEARCH completed");
        assertThat(c.command("D", "UID SEARCH $ FLAGGED")).containsExactly("* SEARCH 2", "D OK UID SEARCH completed");

        sendExpectingNoAnswer(c, "H", "UID SEARCH SUBJECT m2"); // the header index: a worker's job
        gate.countDown();
        assertThat(c.readUntilTagged("H")).containsExactly("* SEARCH 2", "H OK UID SEARCH completed");
    }

    @Test
    void badRequestsAreAnsweredByTheWorkerAsBefore() throws Exception {
        ImapClient c = ready();
        gate = new CountDownLatch(1);
        sendExpectingNoAnswer(c, "X", "UID FETCH 1 BODY.PEEK[] (BOGUS 1)");
        gate.countDown();
        assertThat(c.readUntilTagged("X")).singleElement().asString().startsWith("X BAD ");
        gate = new CountDownLatch(1);
        sendExpectingNoAnswer(c, "Y", "NOOP extra");
        gate.countDown();
        assertThat(c.readUntilTagged("Y")).singleElement().asString().startsWith("Y BAD ");
        assertThat(c.command("Z", "NOOP")).containsExactly("Z OK NOOP completed");
    }
}
