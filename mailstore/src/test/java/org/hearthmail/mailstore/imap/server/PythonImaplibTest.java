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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Python's imaplib (Debian's python3) runs a script of commands against the server over TLS. */
class PythonImaplibTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"implicit", "starttls"})
    void imaplibScriptPasses(String mode) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs Debian's python3 (package python3-minimal)");
        Path script = dir.resolve("imaplib_client.py");
        try (InputStream in = getClass().getResourceAsStream("/imap/imaplib_client.py")) {
            Files.copy(in, script);
        }
        try (ImapTestServer server = ImapTestServer.tls(
                SqliteMailStore.open(new DataDirectory(dir.resolve("data")), StoreOptions.defaults()),
                mode.equals("implicit"))) {
            server.deliver("Subject: welcome\r\n\r\nhello\r\n");
            String out = run(List.of(PYTHON.toString(), script.toString(), mode, "127.0.0.1",
                    Integer.toString(server.address.getPort()), ImapTestServer.USER, ImapTestServer.PASSWORD));
            assertThat(out).contains("ok login", "ok fetch rfc822", "ok uid copy", "ok expunge").endsWith("DONE\n");
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
