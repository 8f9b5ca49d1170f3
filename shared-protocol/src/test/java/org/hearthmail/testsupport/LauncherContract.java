package org.hearthmail.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every launcher in bin/ must do, run against the jar and lib/ built in the package phase: a
 * module's integration test extends this with its program's name (bin/NAME, "NAME is not running").
 * Needs the system properties {@code hearthmail.repoRoot} and {@code hearthmail.expectedVersion}.
 */
public abstract class LauncherContract {
    private static final Path ROOT = Path.of(System.getProperty("hearthmail.repoRoot", "..")).toAbsolutePath().normalize();

    private final String program;

    protected LauncherContract(String program) {
        this.program = program;
    }

    /** How a launcher run ended. */
    public record Outcome(int exit, String out, String err) {
    }

    /** Runs {@code script} with bash, bounded to 60 s. */
    public static Outcome launch(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished within 60 s").isTrue();
            } finally {
                p.destroyForcibly();
            }
            return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Path launcher() {
        return ROOT.resolve("bin").resolve(program);
    }

    @Test
    public void launcherRunsTheBuiltProgramAndPrintsTheProjectVersion() throws Exception {
        Outcome o = launch(launcher(), "--version");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).startsWith(program + " " + System.getProperty("hearthmail.expectedVersion") + "\n");
    }

    @Test
    public void launcherPassesExitCode3OfStatusThrough(@TempDir Path empty) throws Exception {
        Outcome o = launch(launcher(), "--log-level", "debug", "status", "--data-dir", empty.toString());
        assertThat(o.exit()).isEqualTo(3);
        assertThat(o.out()).contains(program + " is not running");
    }

    @Test
    public void launcherWithoutABuiltJarPrintsTheBuildCommand(@TempDir Path fakeRoot) throws Exception {
        Path script = Files.createDirectories(fakeRoot.resolve("bin")).resolve(program);
        Files.copy(launcher(), script);
        Outcome o = launch(script, "--version");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("not built yet").contains("mvn -B -DskipTests package");
        assertThat(o.out()).isEmpty();
    }
}
