package org.hearthmail.service;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** Runs a started service in the foreground until the JVM is asked to stop (SIGTERM, Ctrl-C). */
public final class Foreground {

    /** A service that starts its listeners and stops them on close. */
    public interface Service extends AutoCloseable {
        /** Binds the listeners and starts the background work; returns this. */
        Service start() throws InterruptedException;

        java.util.List<Listeners.Listener> listeners();

        @Override
        void close();
    }

    private Foreground() {
    }

    /** Starts {@code service} (closing it when the start fails), then {@link #run}s it. */
    public static int startAndRun(String program, Service service, PrintWriter err) throws InterruptedException {
        try {
            service.start();
        } catch (RuntimeException | InterruptedException e) {
            service.close();
            throw e;
        }
        return run(program, service, err);
    }

    /** Prints the listeners to {@code err} as {@code program: NAME on IP:PORT}, then waits until stopped. */
    public static int run(String program, Service service, PrintWriter err) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "shutdown"));
        for (Listeners.Listener l : service.listeners()) {
            err.println(program + ": " + l.display());
        }
        err.flush();
        stopped.await();
        return 0;
    }
}
