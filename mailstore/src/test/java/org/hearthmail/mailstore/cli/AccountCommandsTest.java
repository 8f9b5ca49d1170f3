package org.hearthmail.mailstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.auth.PasswordHasher;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** domain, user, alias and app-password commands against a real installation made by init. */
class AccountCommandsTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String NL = System.lineSeparator();

    @TempDir
    Path tmp;
    private CliFixture cli;

    @BeforeEach
    void init() {
        cli = new CliFixture(tmp.resolve("data"));
        assertThat(cli.run("init", "--domain", "example.org", "--mx-host", "mx.example.org").exit()).isZero();
    }

    private SqliteMailStore store() {
        return SqliteMailStore.openBeside(new DataDirectory(cli.dataDir), StoreOptions.defaults());
    }

    @Test
    void domainAddListJsonAndRemove() {
        CliFixture.Result add = cli.run("domain", "add", "Bücher.Example");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("added domain xn--bcher-kva.example (bücher.example)" + NL);
        assertThat(cli.run("domain", "list").out()).isEqualTo("example.org" + NL + "xn--bcher-kva.example (bücher.example)" + NL);
        assertThat(cli.run("domain", "list", "--json").out()).contains("\"name\" : \"xn--bcher-kva.example\"",
                "\"unicode\" : \"bücher.example\"").startsWith("[");
        assertThat(cli.run("domain", "remove", "xn--bcher-kva.example").exit()).isZero();
        assertThat(cli.run("domain", "list").out()).isEqualTo("example.org" + NL);
    }

    @Test
    void domainErrorsAreUsageOrRuntimeFailuresWithClearMessages() {
        CliFixture.Result bad = cli.run("domain", "add", "not_a_domain");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("DOMAIN", "not_a_domain");
        CliFixture.Result dup = cli.run("domain", "add", "EXAMPLE.org");
        assertThat(dup.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(dup.err()).isEqualTo("mailstore domain add: error: domain example.org exists already" + NL);
        CliFixture.Result missing = cli.run("domain", "remove", "other.example");
        assertThat(missing.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(missing.err()).contains("domain other.example is not hosted here");
    }

    @Test
    void userAddReadsThePasswordFromStdinStoresAnArgon2HashAndPrintsNothingSecret() {
        CliFixture.Result r = cli.runWithStdin(PASSWORD + "\n", "user", "add", "Alice@Example.org", "--password-stdin",
                "--quota", "1G");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("added user alice@example.org (quota 1 GiB)" + NL);
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain("argon2");
        try (SqliteMailStore s = store()) {
            User u = s.user("alice@example.org").orElseThrow();
            String hash = s.passwordHash(u.id()).orElseThrow();
            assertThat(hash).startsWith("$argon2id$");
            assertThat(new PasswordHasher(Installation.HASH_PARAMS).verify(PASSWORD.toCharArray(), hash)).isTrue();
            assertThat(s.quota(u.id()).limitBytes()).isEqualTo(1L << 30);
        }
        assertThat(cli.run("user", "list").out()).startsWith("alice@example.org").contains("0 B used of 1 GiB");
        assertThat(cli.run("user", "list", "--json").out()).contains("\"address\" : \"alice@example.org\"",
                "\"quota_bytes\" : 1073741824", "\"used_bytes\" : 0");
    }

    @Test
    void userAddRefusesBadInputBeforeAskingForAPassword() {
        CliFixture.Result badAddress = cli.run("user", "add", "no-at-sign");
        assertThat(badAddress.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badAddress.err()).contains("'no-at-sign' is not an address of the form local@domain");
        CliFixture.Result quoted = cli.run("user", "add", "\"a b\"@example.org");
        assertThat(quoted.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(quoted.err()).contains("local part '\"a b\"' must be");
        CliFixture.Result dots = cli.run("user", "add", "a..b@example.org");
        assertThat(dots.exit()).isEqualTo(ExitCodes.USAGE);
        CliFixture.Result foreign = cli.runWithStdin(PASSWORD + "\n", "user", "add", "bob@elsewhere.example", "--password-stdin");
        assertThat(foreign.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(foreign.err()).isEqualTo("mailstore user add: error: domain elsewhere.example is not hosted here; "
                + "add it with 'mailstore domain add elsewhere.example'" + NL);
        CliFixture.Result badQuota = cli.run("user", "add", "bob@example.org", "--quota", "lots");
        assertThat(badQuota.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badQuota.err()).contains("--quota", "\"lots\" is not a size");
    }

    @Test
    void passwordIsNeverAnArgumentAndNeedsATerminalOrStdin() {
        CliFixture.Result asArg = cli.run("user", "add", "bob@example.org", "--password", PASSWORD);
        assertThat(asArg.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(asArg.err()).contains("Unknown options: '--password'");
        CliFixture.Result noConsole = cli.run("user", "add", "bob@example.org");
        assertThat(noConsole.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(noConsole.err()).contains("no terminal to ask for the password; pipe it in with --password-stdin");
        CliFixture.Result empty = cli.runWithStdin("\n", "user", "add", "bob@example.org", "--password-stdin");
        assertThat(empty.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(empty.err()).contains("no password on stdin");
        CliFixture.Result weak = cli.runWithStdin("short\n", "user", "add", "bob@example.org", "--password-stdin");
        assertThat(weak.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(weak.err()).contains("password must have at least 10 characters").doesNotContain("short\n");
        try (SqliteMailStore s = store()) {
            assertThat(s.user("bob@example.org")).isEmpty();
        }
    }

    @Test
    void passwdReplacesThePasswordOfAnExistingUserOnly() {
        assertThat(cli.runWithStdin(PASSWORD + "\r\n", "user", "add", "carol@example.org", "--password-stdin").exit()).isZero();
        CliFixture.Result r = cli.runWithStdin("another long secret\n", "user", "passwd", "carol@example.org", "--password-stdin");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("password changed for carol@example.org" + NL);
        try (SqliteMailStore s = store()) {
            String hash = s.passwordHash(s.user("carol@example.org").orElseThrow().id()).orElseThrow();
            assertThat(new PasswordHasher(Installation.HASH_PARAMS).verify("another long secret".toCharArray(), hash)).isTrue();
        }
        CliFixture.Result ghost = cli.runWithStdin(PASSWORD + "\n", "user", "passwd", "ghost@example.org", "--password-stdin");
        assertThat(ghost.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(ghost.err()).isEqualTo("mailstore user passwd: error: no user ghost@example.org" + NL);
    }

    @Test
    void quotaShowsAndSetsAndRemoveNeedsYes() {
        try (SqliteMailStore s = store()) {
            s.addUser("dave@example.org", null, 0);
        }
        assertThat(cli.run("user", "quota", "dave@example.org").out()).isEqualTo("dave@example.org: 0 B used of unlimited" + NL);
        assertThat(cli.run("user", "quota", "dave@example.org", "500M").out())
                .isEqualTo("dave@example.org: 0 B used of 500 MiB" + NL);
        assertThat(cli.run("user", "quota", "dave@example.org", "unlimited").out()).contains("unlimited");
        assertThat(cli.run("user", "quota", "ghost@example.org").err()).contains("no user ghost@example.org");

        CliFixture.Result noYes = cli.run("user", "remove", "dave@example.org");
        assertThat(noYes.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noYes.err()).contains("add --yes to confirm");
        CliFixture.Result yes = cli.run("user", "remove", "dave@example.org", "--yes");
        assertThat(yes.exit()).as(yes.err()).isZero();
        assertThat(cli.run("user", "list").out()).isEmpty();
        assertThat(cli.run("user", "remove", "dave@example.org", "--yes").exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(cli.run("domain", "remove", "example.org").exit()).isZero();
    }

    @Test
    void aliasesAddListRemoveIncludingCatchAll() {
        try (SqliteMailStore s = store()) {
            s.addUser("erin@example.org", null, 0);
        }
        assertThat(cli.run("alias", "add", "Info@example.org", "erin@example.org").out())
                .isEqualTo("added alias info@example.org -> erin@example.org" + NL);
        assertThat(cli.run("alias", "add", "@example.org", "erin@example.org").exit()).isZero();
        assertThat(cli.run("alias", "list").out()).contains("@example.org", "info@example.org", "-> erin@example.org");
        assertThat(cli.run("alias", "list", "--json").out()).contains("\"source\" : \"info@example.org\"",
                "\"target\" : \"erin@example.org\"", "\"catch_all\" : true");
        assertThat(cli.run("alias", "add", "x@example.org", "ghost@example.org").err()).contains("no user ghost@example.org");
        assertThat(cli.run("alias", "add", "x@other.example", "erin@example.org").err())
                .contains("domain other.example is not hosted here");
        assertThat(cli.run("alias", "add", "info@example.org", "erin@example.org").err()).contains("exists already");
        assertThat(cli.run("alias", "add", "@", "erin@example.org").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("alias", "remove", "@example.org").exit()).isZero();
        CliFixture.Result gone = cli.run("alias", "remove", "@example.org");
        assertThat(gone.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(gone.err()).isEqualTo("mailstore alias remove: error: no alias @example.org" + NL);
    }

    @Test
    void appPasswordIsPrintedOnceListedWithoutSecretAndRevocable() {
        try (SqliteMailStore s = store()) {
            s.addUser("frank@example.org", null, 0);
        }
        CliFixture.Result add = cli.run("app-password", "add", "frank@example.org", "--label", "phone");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).matches("[a-z2-7]{4}(-[a-z2-7]{4}){4}" + NL);
        assertThat(add.err()).contains("(phone) for frank@example.org; shown only now");
        String secret = add.out().strip();
        CliFixture.Result list = cli.run("app-password", "list", "frank@example.org");
        assertThat(list.out()).contains("phone").doesNotContain(secret);
        CliFixture.Result json = cli.run("app-password", "list", "frank@example.org", "--json");
        assertThat(json.out()).contains("\"label\" : \"phone\"").doesNotContain(secret).doesNotContain("sha256");
        long id = Long.parseLong(list.out().strip().split("\\s+")[0]);
        assertThat(cli.run("app-password", "revoke", "frank@example.org", Long.toString(id)).exit()).isZero();
        assertThat(cli.run("app-password", "list", "frank@example.org").out()).isEmpty();
        CliFixture.Result again = cli.run("app-password", "revoke", "frank@example.org", Long.toString(id));
        assertThat(again.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(again.err()).contains("no active app password " + id);
        assertThat(cli.run("app-password", "add", "frank@example.org").err()).contains("--label");
        assertThat(cli.run("app-password", "revoke", "frank@example.org", "abc").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void commandsOnADirectoryWithoutInstallationSaySoAndCreateNothing() {
        CliFixture nowhere = new CliFixture(tmp.resolve("nowhere"));
        CliFixture.Result r = nowhere.run("user", "list");
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).contains("no mailstore installation in " + tmp.resolve("nowhere"), "run 'mailstore init'");
        assertThat(tmp.resolve("nowhere")).doesNotExist();
    }

    @Test
    void anInvalidConfigFileStopsEveryCommandWithTheConfigMessage() throws Exception {
        java.nio.file.Files.writeString(cli.dataDir.resolve("mailstore.toml"), "hostname = \"mx.example.org\"\nmx_host = \"mx.example.org\"\n"
                + "[intake]\nlisten = \"10.0.0.1:99999\"\n");
        CliFixture.Result r = cli.run("domain", "list");
        assertThat(r.exit()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
        assertThat(r.err()).isEqualTo("mailstore domain list: error: mailstore.toml: intake.listen: \"10.0.0.1:99999\" "
                + "is not host:port (port 1-65535)" + NL);
    }
}
