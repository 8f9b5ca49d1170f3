package org.hearthmail.smtp.client;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reuses SMTP sessions per destination (RFC 5321 §3.3 allows many transactions per session).
 * A session handed out is healthy: an idle one is checked with RSET first (which also clears any
 * half-done transaction, RFC 5321 §4.1.1.5), and a fresh one comes from the caller's
 * {@link Opener} (connect, EHLO, STARTTLS, AUTH or XCLIENT as that caller requires).
 *
 * <p>Event-loop affinity: a caller may name the event loop it runs on ({@link #acquire(Destination,
 * EventLoop)}); it then gets an idle session on that loop if there is one, else a new session opened
 * on that loop while the limit allows, and only at the limit an idle session on another loop. Replies
 * then complete on the caller's own thread, without a hand-off between threads per command.
 *
 * <p>Invariants: per destination, {@code open + leased + idle <= maxPerDestination}; an idle
 * session is closed with QUIT after {@code idleTimeout}; waiters are served in arrival order
 * and give up after {@code acquireTimeout}.
 */
public final class SmtpClientPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpClientPool.class);

    /** Where sessions go. */
    public record Destination(String host, int port) {
        public Destination {
            Objects.requireNonNull(host, "host");
        }
    }

    /** Opens a ready-to-use session (greeting read, EHLO done, TLS and authentication as required). */
    @FunctionalInterface
    public interface Opener {
        CompletableFuture<SmtpClient> open(Destination destination);

        /** Opens the session on {@code loop}; by default wherever {@link #open(Destination)} does. */
        default CompletableFuture<SmtpClient> open(Destination destination, EventLoop loop) {
            return open(destination);
        }
    }

    /** A session on loan. {@link #close()} returns it; {@link #invalidate()} discards it. */
    public final class Lease implements AutoCloseable {
        private final Destination destination;
        private final SmtpClient client;
        private boolean returned;

        private Lease(Destination destination, SmtpClient client) {
            this.destination = destination;
            this.client = client;
        }

        public SmtpClient client() {
            return client;
        }

        /** Returns the session to the pool (or discards it if it is no longer open). */
        @Override
        public void close() {
            giveBack(this, false);
        }

        /** Discards the session, e.g. after a timeout or a 421. */
        public void invalidate() {
            giveBack(this, true);
        }
    }

    private record Idle(SmtpClient client, long sinceNanos) {
    }

    /** A caller waiting for a session, and the event loop it prefers (null: any). */
    private record Waiter(CompletableFuture<Lease> future, EventLoop loop) {
    }

    private static final class Slot {
        final Deque<Idle> idle = new ArrayDeque<>();
        final Deque<Waiter> waiters = new ArrayDeque<>();
        int total; // opening + leased + idle
    }

    private final Opener opener;
    private final int maxPerDestination;
    private final Duration idleTimeout;
    private final Duration acquireTimeout;
    private final Map<Destination, Slot> slots = new HashMap<>();
    private final ScheduledExecutorService sweeper;
    private boolean closed;

    public SmtpClientPool(Opener opener, int maxPerDestination, Duration idleTimeout, Duration acquireTimeout) {
        if (maxPerDestination < 1) {
            throw new IllegalArgumentException("maxPerDestination must be positive, was " + maxPerDestination);
        }
        this.opener = Objects.requireNonNull(opener, "opener");
        this.maxPerDestination = maxPerDestination;
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.acquireTimeout = Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-pool-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, idleTimeout.toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::evictIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** A healthy session for {@code destination}, opening one if none is idle and the limit allows. */
    public CompletableFuture<Lease> acquire(Destination destination) {
        return acquire(destination, null);
    }

    /**
     * A healthy session for {@code destination}, preferably on {@code loop} (see the class comment);
     * null for no preference.
     */
    public CompletableFuture<Lease> acquire(Destination destination, EventLoop loop) {
        CompletableFuture<Lease> f = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("pool closed"));
            }
            slots.computeIfAbsent(destination, d -> new Slot()).waiters.add(new Waiter(f, loop));
        }
        f.orTimeout(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
        dispatch(destination);
        return f.exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof TimeoutException
                ? new SmtpTimeoutException("pool acquire for " + destination.host() + ":" + destination.port(), acquireTimeout)
                : e));
    }

    /** Number of sessions (opening, leased or idle) for {@code destination}. */
    public synchronized int size(Destination destination) {
        Slot s = slots.get(destination);
        return s == null ? 0 : s.total;
    }

    /** Number of idle sessions for {@code destination}. */
    public synchronized int idle(Destination destination) {
        Slot s = slots.get(destination);
        return s == null ? 0 : s.idle.size();
    }

    /** Serves waiters while an idle session or a free slot exists. */
    private void dispatch(Destination d) {
        for (int guard = 0; guard < 1000; guard++) {
            Waiter waiter;
            Idle idle;
            synchronized (this) {
                Slot s = slots.get(d);
                while (!s.waiters.isEmpty() && s.waiters.peek().future().isDone()) {
                    s.waiters.poll(); // timed out
                }
                if (s.waiters.isEmpty() || closed) {
                    return;
                }
                EventLoop loop = s.waiters.peek().loop();
                idle = takeIdle(s, loop, false);
                if (idle == null && s.total < maxPerDestination) {
                    s.total++;
                } else if (idle == null) {
                    idle = takeIdle(s, loop, true);
                    if (idle == null) {
                        return; // at the limit: a release will dispatch again
                    }
                }
                waiter = s.waiters.poll();
            }
            if (idle != null) {
                check(d, idle.client(), waiter);
            } else {
                open(d, waiter);
            }
        }
    }

    /**
     * The most recently used idle session (likeliest alive) on {@code loop}; with {@code anyLoop}, or
     * without a preference, on any loop. Null if there is none.
     */
    private static Idle takeIdle(Slot s, EventLoop loop, boolean anyLoop) {
        for (Iterator<Idle> it = s.idle.descendingIterator(); it.hasNext(); ) {
            Idle i = it.next();
            if (anyLoop || loop == null || i.client().eventLoop() == loop) {
                it.remove();
                return i;
            }
        }
        return null;
    }

    private void check(Destination d, SmtpClient client, Waiter waiter) {
        if (!client.isOpen()) {
            discard(d, client, waiter);
            return;
        }
        client.rset().whenComplete((reply, err) -> {
            if (err == null && reply.code() == 250) {
                hand(d, client, waiter);
            } else {
                LOG.debug("idle session to {}:{} failed its RSET check; discarding", d.host(), d.port());
                discard(d, client, waiter);
            }
        });
    }

    /** Drops a broken session and puts its waiter back at the front. */
    private void discard(Destination d, SmtpClient client, Waiter waiter) {
        client.close();
        synchronized (this) {
            Slot s = slots.get(d);
            s.total--;
            s.waiters.addFirst(waiter);
        }
        dispatch(d);
    }

    private void open(Destination d, Waiter waiter) {
        CompletableFuture<SmtpClient> opening;
        try {
            opening = waiter.loop() == null ? opener.open(d) : opener.open(d, waiter.loop());
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((client, err) -> {
            if (err != null) {
                synchronized (this) {
                    slots.get(d).total--;
                }
                waiter.future().completeExceptionally(err);
                dispatch(d);
            } else {
                hand(d, client, waiter);
            }
        });
    }

    private void hand(Destination d, SmtpClient client, Waiter waiter) {
        Lease lease = new Lease(d, client);
        if (!waiter.future().complete(lease)) {
            giveBack(lease, false); // the waiter timed out meanwhile
        }
    }

    private void giveBack(Lease lease, boolean broken) {
        boolean discard;
        synchronized (this) {
            if (lease.returned) {
                return;
            }
            lease.returned = true;
            Slot s = slots.get(lease.destination);
            discard = broken || closed || !lease.client.isOpen();
            if (discard) {
                s.total--;
            } else {
                s.idle.addLast(new Idle(lease.client, System.nanoTime()));
            }
        }
        if (discard) {
            lease.client.close();
        }
        dispatch(lease.destination);
    }

    private void evictIdle() {
        long now = System.nanoTime();
        Deque<SmtpClient> expired = new ArrayDeque<>();
        synchronized (this) {
            for (Slot s : slots.values()) {
                for (Iterator<Idle> it = s.idle.iterator(); it.hasNext(); ) {
                    Idle i = it.next();
                    if (now - i.sinceNanos() >= idleTimeout.toNanos() || !i.client().isOpen()) {
                        it.remove();
                        s.total--;
                        expired.add(i.client());
                    }
                }
            }
        }
        expired.forEach(SmtpClient::quit);
    }

    /** Closes idle sessions with QUIT, fails waiters; leased sessions are closed when returned. */
    @Override
    public void close() {
        Deque<SmtpClient> idle = new ArrayDeque<>();
        Deque<CompletableFuture<Lease>> waiters = new ArrayDeque<>();
        synchronized (this) {
            closed = true;
            for (Slot s : slots.values()) {
                s.idle.forEach(i -> idle.add(i.client()));
                s.total -= s.idle.size();
                s.idle.clear();
                s.waiters.forEach(w -> waiters.add(w.future()));
                s.waiters.clear();
            }
        }
        idle.forEach(SmtpClient::quit);
        waiters.forEach(w -> w.completeExceptionally(new IllegalStateException("pool closed")));
        sweeper.shutdownNow();
    }
}
