package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Python's imaplib (Debian's python3) runs scripts of commands against the server over TLS. */
class PythonImaplibTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"implicit", "starttls"})
    void imaplibScriptPasses(String mode) throws Exception {
        String out = runScript("imaplib_client.py", mode.equals("implicit"), "Subject: welcome\r\n\r\nhello\r\n", mode);
        assertThat(out).contains("ok login", "ok fetch rfc822", "ok uid copy", "ok expunge").endsWith("DONE\n");
    }

    @Test
    void imaplibEnablesImap4rev2AndFetchesBinaryParts() throws Exception {
        String out = runScript("imaplib_rev2.py", true, ImapBinaryTest.MESSAGE);
        assertThat(out).contains("ok fetch binary rev1", "ok search rev1", "ok enable", "ok select rev2", "ok esearch",
                "ok fetch binary partial rev2", "ok status deleted").endsWith("DONE\n");
    }

    @Test
    void imaplibSortsAndThreads() throws Exception {
        String out = runScript("imaplib_sort.py", true, "Subject: welcome\r\n\r\nhello\r\n");
        assertThat(out).contains("ok sort", "ok sort reverse", "ok sort subject", "ok uid sort", "ok badcharset",
                "ok thread references", "ok thread orderedsubject", "ok uid thread").endsWith("DONE\n");
    }

    /** Runs {@code /imap/NAME} with python3 against a TLS server whose INBOX holds {@code message}. */
    private String runScript(String name, boolean implicitTls, String message, String... leading) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs Debian's python3 (package python3-minimal)");
        // Every script may import the helpers of imaplib_client.py, so that one is always beside it.
        for (String file : new java.util.LinkedHashSet<>(List.of(name, "imaplib_client.py"))) {
            try (InputStream in = getClass().getResourceAsStream("/imap/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        Path script = dir.resolve(name);
        try (ImapTestServer server = ImapTestServer.tls(
                SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults()), implicitTls)) {
            server.deliver(message);
            List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), script.toString()));
            command.addAll(List.of(leading));
            command.addAll(List.of("127.0.0.1", Integer.toString(server.address.getPort()), ImapTestServer.USER,
                    ImapTestServer.PASSWORD));
            return run(command);
        }
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("client did not finish in 60 s: "
                        + new String(p.getInputStream().readNBytes(p.getInputStream().available()), StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            p.destroyForcibly();
        }
    }
}
