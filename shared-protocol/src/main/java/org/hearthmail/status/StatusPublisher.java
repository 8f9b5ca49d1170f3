package org.hearthmail.status;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rewrites the status file every {@link #INTERVAL} from a snapshot supplier; deletes it on close. */
public final class StatusPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private final StatusFile file;
    private final Supplier<RunStatus> snapshot;
    private final ScheduledExecutorService timer;
    private volatile boolean warned;

    private StatusPublisher(StatusFile file, Supplier<RunStatus> snapshot) {
        this.file = file;
        this.snapshot = snapshot;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status-file");
            t.setDaemon(true);
            return t;
        });
    }

    /** Writes once now, then every {@link #INTERVAL}. */
    public static StatusPublisher start(StatusFile file, Supplier<RunStatus> snapshot) {
        StatusPublisher p = new StatusPublisher(file, snapshot);
        p.timer.scheduleWithFixedDelay(p::publish, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    /** Writes a snapshot now (also called on health changes, so status is not up to 5 s behind). */
    public void publishNow() {
        timer.execute(this::publish);
    }

    private void publish() {
        try {
            file.write(snapshot.get());
            warned = false;
        } catch (IOException | RuntimeException e) {
            if (!warned) { // once per failure streak, not every 5 s
                log.warn("cannot write the status file {}: {}", file.path(), e.toString());
                warned = true;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            file.delete();
        } catch (IOException e) {
            log.warn("cannot delete the status file {}: {}", file.path(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
