package org.hearthmail.mailstore.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.hearthmail.mailstore.store.sqlite.Backup;

/**
 * Shows {@link Backup} progress on stderr: a bar redrawn in place on a terminal, otherwise plain
 * lines (logs, cron mail) at each phase change and at most every {@code intervalNanos} in between.
 */
final class BackupProgress implements Backup.Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private Backup.Phase lastPhase;
    private long lastLine;

    BackupProgress(PrintWriter err, boolean terminal, LongSupplier nanoClock, long intervalNanos) {
        this.err = err;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void update(Backup.Phase phase, long done, long total) {
        if (terminal) {
            bar(phase, done, total);
        } else {
            line(phase, done, total);
        }
    }

    private void bar(Backup.Phase phase, long done, long total) {
        if (phase == Backup.Phase.DONE) {
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            err.flush();
            return;
        }
        int filled = total > 0 ? (int) (WIDTH * Math.min(done, total) / total) : 0;
        String pct = total > 0 ? String.format(Locale.ROOT, "%3d%%", 100 * Math.min(done, total) / total) : "   ?";
        err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + pct + " " + label(phase)
                + " " + done + "/" + (total < 0 ? "?" : total) + "   ");
        err.flush();
    }

    private void line(Backup.Phase phase, long done, long total) {
        long now = nanoClock.getAsLong();
        boolean phaseChanged = phase != lastPhase;
        lastPhase = phase;
        if (phase == Backup.Phase.DONE) {
            return; // the command prints the summary itself
        }
        boolean phaseComplete = total >= 0 && done >= total;
        if (phaseChanged || phaseComplete || now - lastLine >= intervalNanos) {
            lastLine = now;
            err.println("backup: " + label(phase) + " " + done + "/" + (total < 0 ? "?" : total));
            err.flush();
        }
    }

    private static String label(Backup.Phase phase) {
        return switch (phase) {
            case DATABASE -> "database";
            case BLOBS -> "message files";
            case KEYS -> "key files";
            case DONE -> "done";
        };
    }
}
