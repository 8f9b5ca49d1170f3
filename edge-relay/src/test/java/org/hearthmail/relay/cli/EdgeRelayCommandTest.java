package org.hearthmail.relay.cli;

import org.hearthmail.cli.ExitCodes;
import org.hearthmail.cli.ErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Runs the real picocli command objects in-process and checks what a user would see. */
class EdgeRelayCommandTest {

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = EdgeRelayCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static ch.qos.logback.classic.Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private Level rootLevelBefore = root().getLevel();

    @AfterEach
    void restoreRootLevel() {
        root().setLevel(rootLevelBefore);
    }

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("init", "run", "status", "queue", "completion", "--log-level")
                .contains("Exit codes:").contains("3   not implemented yet");
    }

    @Test
    void queueHelpListsItsSubcommands() {
        Result r = run("queue", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("list", "show", "retry", "delete", "hold", "release", "flush");
    }

    @Test
    void versionPrintsTheMavenProjectVersion() {
        String expected = System.getProperty("hearthmail.expectedVersion");
        assertThat(expected).as("surefire passes the pom's version").isNotBlank();
        Result r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("edge-relay " + expected + System.lineSeparator());
    }

    @Test
    void unknownFlagExitsWithUsageErrorNamingTheFlag() {
        Result r = run("run", "--frobnicate");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--frobnicate");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void initWithoutBundleExitsWithUsageErrorNamingBundle() {
        Result r = run("init");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Missing required option").contains("--bundle");
    }

    @Test
    void badLogLevelExitsWithUsageErrorNamingTheOption() {
        Result r = run("--log-level", "loud", "status");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--log-level").contains("loud");
    }

    @Test
    void logLevelBeforeOrAfterTheSubcommandSetsTheRootLogger() {
        run("--log-level", "debug", "status");
        assertThat(root().getLevel()).isEqualTo(Level.DEBUG);
        run("status", "--log-level", "WARN");
        assertThat(root().getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void groupWithoutSubcommandIsAUsageError() {
        Result r = run("queue");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Missing required subcommand");
    }

    @Test
    void statusWithoutARunningRelaySaysSoAndExits3(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        Result r = run("status", "--data-dir", empty.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("edge-relay is not running");
    }

    @Test
    void initWithAMissingBundleNamesTheFlagAndTheFix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        Result r = run("init", "--bundle", empty.resolve("relay.bundle").toString(), "--data-dir", empty.resolve("d").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("--bundle").contains("does not exist").contains("mailstore relay bundle");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void runWithoutAConfigurationFailsWithOneLineSayingWhatToDo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        Result r = run("run", "--data-dir", empty.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("relay.toml: not found").contains("edge-relay init");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void completionPrintsABashCompletionScriptCoveringSubcommands() {
        Result r = run("completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F").contains("edge-relay").contains("flush");
    }

    @Test
    void runtimeFailureIsOneLineOnStderrWithExit1AndNoStackTrace() {
        @CommandLine.Command(name = "boom")
        class Boom implements Runnable {
            @Override
            public void run() {
                throw new IllegalStateException("spool directory is not writable");
            }
        }
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Boom()).setExecutionExceptionHandler(new ErrorHandler());
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(err.toString()).isEqualTo("boom: error: spool directory is not writable" + System.lineSeparator());
    }
}
