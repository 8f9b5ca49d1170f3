package org.hearthmail.relay.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Warm-up of a new sending IP: a daily cap on recipients handed to remote MXes that grows week by
 * week ({@code weeklyCaps.get(n)} in week n after {@code start}; none after the last week). The day's
 * count is kept in a small file so a restart does not reset it.
 */
public final class WarmupThrottle implements Throttle {
    private final List<Integer> weeklyCaps;
    private final LocalDate start;
    private final Path counterFile;
    private LocalDate day;
    private int count;

    public WarmupThrottle(List<Integer> weeklyCaps, LocalDate start, Path counterFile) {
        this.weeklyCaps = List.copyOf(weeklyCaps);
        this.start = start;
        this.counterFile = counterFile;
        load();
    }

    /** The cap on {@code date}, or -1 for none. */
    public int capOn(LocalDate date) {
        long week = Math.max(0, ChronoUnit.DAYS.between(start, date) / 7);
        return week < weeklyCaps.size() ? weeklyCaps.get((int) week) : -1;
    }

    @Override
    public synchronized boolean tryAcquire(String destination, int recipients, long nowMillis) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            count = 0;
        }
        int cap = capOn(today);
        if (cap >= 0 && count + recipients > cap) {
            return false;
        }
        count += recipients;
        save();
        return true;
    }

    private void load() {
        try {
            if (Files.exists(counterFile)) {
                String[] parts = Files.readString(counterFile, StandardCharsets.US_ASCII).strip().split(" ");
                day = LocalDate.parse(parts[0]);
                count = Integer.parseInt(parts[1]);
            }
        } catch (IOException | RuntimeException e) {
            throw new QueueException("unreadable warm-up counter " + counterFile + ": " + e.getMessage(), e);
        }
    }

    private void save() {
        try {
            // No fsync: losing a few counts in a crash only lets a handful more through that day.
            Path tmp = counterFile.resolveSibling(counterFile.getFileName() + ".tmp");
            Files.writeString(tmp, day + " " + count + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, counterFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new QueueException("cannot write the warm-up counter " + counterFile + ": " + e.getMessage(), e);
        }
    }
}
