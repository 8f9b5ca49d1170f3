package org.hearthmail.mailstore.cli;

import org.hearthmail.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
class MailstoreCommandTest {

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = MailstoreCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static ch.qos.logback.classic.Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private final Level rootLevelBefore = root().getLevel();

    @AfterEach
    void restoreRootLevel() {
        root().setLevel(rootLevelBefore);
    }

    @Test
    void helpListsEverySubcommandAndTheExitCodes() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("init", "run", "status", "relay", "dns", "domain", "user", "alias",
                "app-password", "backup", "completion", "--log-level", "Exit codes:", "3   not implemented yet");
    }

    @Test
    void groupHelpListsTheirSubcommands() {
        assertThat(run("dns", "--help").out()).contains("records", "check");
        assertThat(run("relay", "--help").out()).contains("bundle");
    }

    @Test
    void versionPrintsTheMavenProjectVersion() {
        String expected = System.getProperty("hearthmail.expectedVersion");
        assertThat(expected).as("surefire passes the pom's version").isNotBlank();
        Result r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("mailstore " + expected + System.lineSeparator());
    }

    @Test
    void unknownFlagExitsWithUsageErrorNamingTheFlag() {
        Result r = run("status", "--colour");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option: '--colour'");
    }

    @Test
    void initRequiresDomainAndMxHostAndNamesTheMissingOne() {
        Result r = run("init", "--domain", "example.org");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Missing required option").contains("--mx-host");
    }

    @Test
    void initWithMalformedDomainIsAUsageErrorNamingDomain() {
        Result r = run("init", "--domain", "-bad-.example", "--mx-host", "mx.example.org");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--domain").contains("-bad-");
    }

    @Test
    void relayBundleWithBadEndpointIsAUsageErrorNamingEndpoint() {
        Result r = run("relay", "bundle", "--endpoint", "203.0.113.10");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--endpoint").contains("HOST:PORT");
    }

    @Test
    void groupsWithoutSubcommandAreUsageErrors() {
        assertThat(run("dns").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("relay").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run().exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void runWithoutAnInstallationFailsWithOneLineNamingTheProblem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        Result r = run("run", "--data-dir", empty.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("mailstore.toml").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void logLevelIsAcceptedOnAnySubcommand() {
        run("dns", "check", "--log-level", "trace");
        assertThat(root().getLevel()).isEqualTo(Level.TRACE);
    }

    @Test
    void completionPrintsABashCompletionScriptCoveringNestedSubcommands() {
        Result r = run("completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F").contains("app-password").contains("records");
    }

    @Test
    void endpointParsesHostPortAndBracketedIpv6() {
        assertThat(Endpoint.parse("203.0.113.10:51820")).isEqualTo(new Endpoint("203.0.113.10", 51820));
        assertThat(Endpoint.parse("[2001:db8::1]:51820")).isEqualTo(new Endpoint("2001:db8::1", 51820));
        assertThat(Endpoint.parse("[2001:db8::1]:51820").toString()).isEqualTo("[2001:db8::1]:51820");
        assertThatThrownBy(() -> Endpoint.parse("relay.example.org:70000")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> Endpoint.parse("2001:db8::1:51820")).hasMessageContaining("[IPv6]:PORT");
    }

    @Test
    void hostNamesAreNormalisedAndMalformedOnesRejected() {
        HostNameConverter c = new HostNameConverter();
        assertThat(c.convert("MX.Example.Org.")).isEqualTo("mx.example.org");
        assertThat(c.convert("0mail.example.test")).isEqualTo("0mail.example.test");
        assertThatThrownBy(() -> c.convert("localhost")).hasMessageContaining("fully qualified");
        assertThatThrownBy(() -> c.convert("a..b")).hasMessageContaining("label ''");
        assertThatThrownBy(() -> c.convert("x".repeat(64) + ".org")).hasMessageContaining("1..63");
        assertThatThrownBy(() -> c.convert("under_score.org")).hasMessageContaining("under_score");
        assertThat(c.convert("Bücher.Example")).isEqualTo("xn--bcher-kva.example");
    }
}
