package org.hearthmail.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's /usr/bin/python3 with a helper script from the test resources, bounded in time. */
public final class Python {
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 60;

    private Python() { }

    /** Skips the test when python3 or a module is genuinely absent (Debian packages named in the message). */
    public static void assumeModules(String packages, String... modules) {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        try {
            Result r = run(List.of("-c", "import " + String.join(", ", modules)), null);
            assumeTrue(r.exit() == 0, "Python modules " + List.of(modules) + " missing; install Debian " + packages);
        } catch (IOException e) {
            assumeTrue(false, "cannot run python3: " + e.getMessage());
        }
    }

    /** Copies a resource script of this package to {@code dir}. */
    public static Path script(Path dir, String name) throws IOException {
        return script(dir, Python.class, name);
    }

    /** Copies the resource script {@code name} of {@code anchor}'s package to {@code dir}. */
    public static Path script(Path dir, Class<?> anchor, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            Files.copy(in, p);
        }
        return p;
    }

    public record Result(int exit, String stdout, String stderr) {
        public Result requireSuccess() {
            if (exit != 0) {
                throw new AssertionError("python3 exited " + exit + ": " + stderr);
            }
            return this;
        }
    }

    public static Result run(List<String> args, Path workDir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Path out = Files.createTempFile("py-out", ".txt");
        Path err = Files.createTempFile("py-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("python3 did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
