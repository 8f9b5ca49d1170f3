package org.hearthmail.mailstore.submission;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's /usr/bin/python3 with a script from this package's test resources, bounded in time. */
final class Python {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT_SECONDS = 60;

    private Python() {
    }

    record Result(int exit, String stdout, String stderr) {
    }

    /** Skips only when python3 or a module is genuinely absent (the message names the Debian package). */
    static void assumeModules(String packages, String... modules) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed (Debian python3)");
        Result r = run(List.of("-c", "import " + String.join(", ", modules)));
        assumeTrue(r.exit() == 0, "Python modules " + List.of(modules) + " missing; install Debian " + packages);
    }

    static Path script(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = Python.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            Files.copy(in, p);
        }
        return p;
    }

    static Result run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.addAll(args);
        Path out = Files.createTempFile("py-out", ".txt");
        Path err = Files.createTempFile("py-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("python3 did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
