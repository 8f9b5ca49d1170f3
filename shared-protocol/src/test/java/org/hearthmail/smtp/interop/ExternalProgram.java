package org.hearthmail.smtp.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A third-party program run as a child process: fixed path, bounded run time, stdout and stderr
 * captured to files (no pipe can fill up and stall the child), killed with its descendants in all
 * cases.
 *
 * @param path           absolute path of the executable
 * @param debianPackage  the Debian package that provides it, named in the failure when it is missing
 */
record ExternalProgram(Path path, String debianPackage) {

    static final ExternalProgram SWAKS = new ExternalProgram(Path.of("/usr/bin/swaks"), "swaks");
    /** Debian's interpreter, not whatever a version manager put first on PATH. */
    static final ExternalProgram PYTHON3 = new ExternalProgram(Path.of("/usr/bin/python3"), "python3");

    /** What one run produced. */
    record Run(int exitCode, String stdout, String stderr) {
        /** Both streams, for assertion messages. */
        String transcript() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Fails (never skips) when the program is absent: CI installs it through deploy/install-deps. */
    ExternalProgram require() {
        if (!Files.isExecutable(path)) {
            throw new AssertionError(path + " is missing: install the Debian package '" + debianPackage
                    + "' (deploy/install-deps installs it)");
        }
        return this;
    }

    /**
     * Runs the program with {@code args} in {@code workDir}, stdin from {@code stdin} (or empty),
     * and waits at most {@code timeout}; on time-out the process tree is killed and the test fails.
     */
    Run run(Path workDir, Duration timeout, Path stdin, String... args) throws IOException, InterruptedException {
        require();
        List<String> command = new ArrayList<>();
        command.add(path.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        } else {
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        // A predictable environment: no user config files, and Python without pyenv or site hooks.
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONSTARTUP");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(path.getFileName() + " did not finish within " + timeout + "\n"
                        + new Run(-1, read(out), read(err)).transcript());
            }
            return new Run(p.exitValue(), read(out), read(err));
        } finally {
            kill(p);
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        if (p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) throws IOException {
        // Transcripts may hold 8-bit message bytes: decode leniently.
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
