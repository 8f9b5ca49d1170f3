package org.hearthmail.mailstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hearthmail.testsupport.LauncherContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs bin/mailstore as a real process against the jar and lib/ built in the package phase. */
class LauncherIT extends LauncherContract {
    private static final Path LAUNCHER = Path.of(System.getProperty("hearthmail.repoRoot", "..")).toAbsolutePath()
            .normalize().resolve("bin/mailstore");

    LauncherIT() {
        super("mailstore");
    }

    /** ADR 0011: this JDK accepts every memory default and the JVM runs with them (a JDK before 17.0.9 would not start). */
    @Test
    void theJvmRunsWithTheMemoryBudgetOfAdr0011() throws Exception {
        Run r = run(Map.of("HEARTHMAIL_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("-XX:MaxHeapSize=268435456", "-XX:InitialHeapSize=33554432", "-XX:+UseSerialGC",
                "-XX:MaxDirectMemorySize=67108864",
                "-XX:TrimNativeHeapInterval=5000", "-XX:TieredStopAtLevel=1");
    }

    /** MALLOC_ARENA_MAX=2 reaches the JVM unless the operator set another value; HEARTHMAIL_JAVA_OPTS come last and win. */
    @Test
    void theLauncherLimitsMallocArenasAndLetsTheOperatorOverrideEverything(@TempDir Path stubDir) throws Exception {
        Path java = stubDir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\"\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = stubDir + ":" + System.getenv("PATH");

        Run defaults = run(Map.of("PATH", path), "--version");
        assertThat(defaults.exit()).as(defaults.out()).isZero();
        List<String> args = defaults.out().lines().toList();
        assertThat(args.get(0)).isEqualTo("MALLOC_ARENA_MAX=2");
        assertThat(args).contains("-Xmx256m", "-XX:TrimNativeHeapInterval=5000");

        Run operator = run(Map.of("PATH", path, "MALLOC_ARENA_MAX", "4", "HEARTHMAIL_JAVA_OPTS", "-Xmx512m"), "--version");
        List<String> overridden = operator.out().lines().toList();
        assertThat(overridden.get(0)).isEqualTo("MALLOC_ARENA_MAX=4");
        assertThat(overridden.indexOf("-Xmx512m")).as("the operator's option after the default").isGreaterThan(overridden.indexOf("-Xmx256m"));
    }

    private record Run(int exit, String out) {
    }

    /** bin/mailstore with {@code env} added, stdout and stderr together, bounded to 60 s. */
    private static Run run(Map<String, String> env, String arg) throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), arg)
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().remove("MALLOC_ARENA_MAX");
            pb.environment().remove("HEARTHMAIL_JAVA_OPTS");
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished within 60 s").isTrue();
            } finally {
                p.destroyForcibly();
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
