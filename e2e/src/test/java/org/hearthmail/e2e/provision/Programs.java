package org.hearthmail.e2e.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mailstore} and {@code edge-relay} as separate JVMs from the test's class path,
 * optionally inside a network namespace ({@code ip netns exec} execs, so the handle is the JVM's).
 */
final class Programs {
    static final String MAILSTORE = "org.hearthmail.mailstore.cli.MailstoreCommand";
    static final String EDGE_RELAY = "org.hearthmail.relay.cli.EdgeRelayCommand";

    record Result(int exit, String out, String err) {
    }

    private Programs() {
    }

    static List<String> command(String netns, String main, String... args) {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs to completion (at most 120 s) and returns exit code and output. */
    static Result run(String netns, String main, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("hm-prog", ".out");
        Path err = Files.createTempFile("hm-prog", ".err");
        try {
            Process p = new ProcessBuilder(command(netns, main, args)).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out: " + main + " " + String.join(" ", args));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result ok(String netns, String main, String... args) throws IOException, InterruptedException {
        Result r = run(netns, main, args);
        if (r.exit() != 0) {
            throw new AssertionError(main + " " + String.join(" ", args) + " exited " + r.exit() + ": " + r.err() + r.out());
        }
        return r;
    }

    /** Starts a long-running program with its output appended to {@code log}. */
    static Process start(String netns, Path log, String main, String... args) throws IOException {
        return new ProcessBuilder(command(netns, main, args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGTERM (a clean stop: the program tears its tunnel down), then SIGKILL after 20 s. */
    static void stop(Process p) throws InterruptedException {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
