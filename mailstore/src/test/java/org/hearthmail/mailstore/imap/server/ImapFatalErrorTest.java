package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.hearthmail.mailstore.store.MailStore;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A command whose worker hits an {@link Error} ends its session with BYE and frees it, and the
 * server goes on serving others. The store is the real in-memory one; looking up the mailbox
 * "Deep" overflows the stack for real, "Huge" throws an OutOfMemoryError (a real one would take
 * the test JVM with it).
 */
class ImapFatalErrorTest {
    private ImapTestServer server;
    /** Store subscriptions the sessions hold: each logged-in session has one until it is closed. */
    private final java.util.concurrent.atomic.AtomicInteger subscriptions = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        MailStore store = failing(new MemoryMailStore(StoreOptions.defaults()));
        // The server-wide search index subscribes on first use (a delivery's parse may do it at any
        // moment): make it now, so the counts below see only the sessions' subscriptions change.
        org.hearthmail.mailstore.imap.command.HeaderIndex.of(store);
        server = new ImapTestServer(store, b -> b.allowPlaintextAuth(true));
        server.deliver(ImapTranscriptTest.MSG1);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
    }

    /** The real store, except for the two mailbox names above. */
    private MailStore failing(MailStore real) {
        return (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("mailbox") && args != null && args.length == 2) {
                        if ("Deep".equals(args[1])) {
                            return recurse(0);
                        }
                        if ("Huge".equals(args[1])) {
                            throw new OutOfMemoryError("Java heap space (simulated)");
                        }
                    }
                    if (method.getName().equals("subscribe")) {
                        AutoCloseable handle = (AutoCloseable) method.invoke(real, args);
                        subscriptions.incrementAndGet();
                        return (AutoCloseable) () -> {
                            subscriptions.decrementAndGet();
                            handle.close();
                        };
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void stackOverflowInACommandEndsThatSessionWithByeAndOthersGoOn() throws Exception {
        try (ImapClient other = server.login(); ImapClient c = server.login()) {
            other.command("s", "SELECT INBOX");
            c.command("s", "SELECT INBOX");
            awaitSessions(2);
            c.send("a SELECT Deep\r\n");
            assertThat(c.readLine()).isEqualTo("* BYE Internal server error, closing the connection");
            assertThat(c.readLine()).isNull();
            awaitSessions(1);
            assertThat(other.command("b", "FETCH 1 UID")).containsExactly("* 1 FETCH (UID 1)", "b OK FETCH completed");
        }
        try (ImapClient again = server.login()) {
            assertThat(ImapClient.last(again.command("c", "SELECT INBOX"))).isEqualTo("c OK [READ-WRITE] SELECT completed");
        }
    }

    @Test
    void outOfMemoryInACommandEndsThatSessionWithBye() throws Exception {
        int before = subscriptions.get(); // the server's own (parse cache, header index)
        try (ImapClient c = server.login()) {
            assertThat(subscriptions.get()).isEqualTo(before + 1);
            List<String> r = c.command("a", "NOOP");
            assertThat(r).containsExactly("a OK NOOP completed");
            c.send("b STATUS Huge (MESSAGES)\r\n");
            assertThat(c.readLine()).isEqualTo("* BYE Internal server error, closing the connection");
            assertThat(c.readLine()).isNull();
        }
        awaitSessions(0);
        // The dead session let go of its store subscription.
        for (int i = 0; i < 100 && subscriptions.get() != before; i++) {
            Thread.sleep(50);
        }
        assertThat(subscriptions.get()).isEqualTo(before);
        server.deliver(ImapTranscriptTest.MSG2);
        try (ImapClient c = server.login()) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("a", "FETCH 2 UID")).containsExactly("* 2 FETCH (UID 2)", "a OK FETCH completed");
        }
    }

    private void awaitSessions(int n) throws InterruptedException {
        for (int i = 0; i < 200 && server.server.activeSessions() != n; i++) {
            Thread.sleep(50);
        }
        assertThat(server.server.activeSessions()).isEqualTo(n);
    }
}
