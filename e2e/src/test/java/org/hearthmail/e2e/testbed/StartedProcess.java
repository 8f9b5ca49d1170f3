package org.hearthmail.e2e.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A long-running program the testbed started, with its log file; stopped by its own PID only. */
public final class StartedProcess {
    private final String label;
    private final Process process;
    private final Path log;

    private StartedProcess(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} (already wrapped for its namespace) with stdout and stderr into {@code log}. */
    static StartedProcess start(String label, List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new StartedProcess(label, p, log);
        } catch (IOException e) {
            throw new TestbedException("cannot start " + label + " " + command + ": " + e.getMessage(), e);
        }
    }

    public String label() {
        return label;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** The last 40 lines of the log, for failure messages. */
    public String logTail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM to this PID, SIGKILL after 15 s; returns once it has exited or after the SIGKILL wait. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                System.err.println("testbed: " + label + " (PID " + pid() + ") ignored SIGTERM; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
