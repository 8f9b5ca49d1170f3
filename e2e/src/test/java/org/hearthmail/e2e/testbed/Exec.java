package org.hearthmail.e2e.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one short-lived program to completion, bounded in time (killed by its PID when the time is
 * up). Output goes through temporary files so a chatty program can never block on a full pipe.
 */
public final class Exec {
    /** Enough for any set-up command on a machine shared with several builds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Exec() {
    }

    /** What a finished program left behind. */
    public record Result(List<String> command, int exit, String stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }

        /** @throws TestbedException naming the command and its stderr when the exit code is not 0 */
        public Result requireOk() {
            if (exit != 0) {
                throw new TestbedException(command + " exited " + exit + ": " + stderr.strip() + " " + stdout.strip());
            }
            return this;
        }
    }

    public static Result run(List<String> command) {
        return run(command, null, DEFAULT_TIMEOUT);
    }

    /** @param stdin written to the program's standard input, then closed; null for none */
    public static Result run(List<String> command, byte[] stdin, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("hm-exec", ".out");
            err = Files.createTempFile("hm-exec", ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException closedEarly) {
                // The program exited without reading all of its input; its exit code tells the rest.
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new TestbedException(command + " did not finish within " + timeout.toSeconds() + " s: "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TestbedException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("testbed: cannot delete " + p + ": " + e.getMessage());
        }
    }

    /** True when {@code program} is an executable file in PATH, /usr/sbin or /sbin. */
    public static boolean installed(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
