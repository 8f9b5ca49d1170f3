package org.hearthmail.relay.queue;

import org.hearthmail.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrottleTest {
    @TempDir
    Path dir;

    static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void rateThrottleAllowsPerMinuteAttemptsPerDestinationAndRefills() {
        RateThrottle t = new RateThrottle(2);
        long now = at("2026-01-01T00:00:00Z");
        assertThat(t.tryAcquire("a.test", 1, now)).isTrue();
        assertThat(t.tryAcquire("a.test", 1, now)).isTrue();
        assertThat(t.tryAcquire("a.test", 1, now)).isFalse();
        assertThat(t.tryAcquire("b.test", 1, now)).as("other destinations are separate").isTrue();
        assertThat(t.tryAcquire("a.test", 1, now + 30_000)).as("one token back after half a minute").isTrue();
        assertThat(t.tryAcquire("a.test", 1, now + 30_000)).isFalse();
    }

    @Test
    void warmupCapGrowsByWeekResetsDailyAndSurvivesRestart() {
        LocalDate start = LocalDate.parse("2026-01-01");
        Path counter = dir.resolve("warmup");
        WarmupThrottle w = new WarmupThrottle(List.of(3, 10), start, counter);
        long day1 = at("2026-01-01T10:00:00Z");
        assertThat(w.tryAcquire("x", 2, day1)).isTrue();
        assertThat(w.tryAcquire("y", 2, day1)).as("2 + 2 exceeds the first week's 3").isFalse();
        assertThat(w.tryAcquire("y", 1, day1)).isTrue();
        WarmupThrottle restarted = new WarmupThrottle(List.of(3, 10), start, counter);
        assertThat(restarted.tryAcquire("z", 1, day1 + 60_000)).as("the day's count survived the restart").isFalse();
        assertThat(restarted.tryAcquire("z", 3, at("2026-01-02T00:00:01Z"))).as("a new day").isTrue();
        assertThat(restarted.capOn(LocalDate.parse("2026-01-08"))).isEqualTo(10);
        assertThat(restarted.capOn(LocalDate.parse("2026-01-15"))).as("no cap after the schedule").isEqualTo(-1);
        assertThat(restarted.tryAcquire("z", 10_000, at("2026-01-20T00:00:00Z"))).isTrue();
    }

    @Test
    void schedulerLeavesThrottledDestinationsForALaterScan() {
        QueueStore q = QueueStore.open(dir.resolve("q"));
        for (int i = 0; i < 3; i++) {
            q.enqueue(new QueuedMessage("x", "a@h.test", null, null, null, false, 0, 0, false, Route.MX,
                    List.of(RecipientState.pending("r" + i + "@one.test", List.of(), null))), new byte[] {'x'});
        }
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        DeliveryAgent never = req -> new java.util.concurrent.CompletableFuture<>();
        DeliveryScheduler s = new DeliveryScheduler(q, never, never, NoticeSink.NONE, null, RetryPolicy.defaults(),
                new DeliveryLimits(10, 10), clock);
        s.throttle(new RateThrottle(2));
        assertThat(s.runDue()).isEqualTo(2);
        assertThat(s.runDue()).isZero();
    }
}
