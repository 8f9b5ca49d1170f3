package org.hearthmail.tunnel.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a third-party program for a test, bounded in time, and fails loudly on a non-zero exit. */
public final class Cmd {
    private Cmd() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static boolean available(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program)) || Files.isExecutable(Path.of("/sbin", program));
    }

    public static Result exec(List<String> command, String stdin) {
        try {
            Path out = Files.createTempFile("hm-cmd", ".out");
            Path err = Files.createTempFile("hm-cmd", ".err");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                try (var in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    public static String run(List<String> command, String stdin) {
        Result r = exec(command, stdin);
        if (r.exitCode() != 0) {
            throw new AssertionError(command + " exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    public static String run(String... command) {
        return run(List.of(command), null);
    }
}
