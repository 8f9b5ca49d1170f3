package org.hearthmail.mailstore.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.MessageMeta;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI changes accounts while {@code mailstore run} delivers: two processes, one data directory.
 * SQLite's file lock (WAL, BEGIN IMMEDIATE, busy_timeout) serializes their writers; nothing fails
 * with SQLITE_BUSY and the CLI's open does not sweep away the server's bodies.
 */
class TwoProcessWriteTest {
    @TempDir
    Path tmp;

    @Test
    void cliProcessAndServerProcessBothWriteTheSameDataDirectory() throws Exception {
        Path data = tmp.resolve("data");
        DataDirectory dir = new DataDirectory(data);
        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            s.addDomain("example.test");
            s.addUser("server@example.test", null, 0);
        }
        Path childOut = tmp.resolve("child.out");
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                ConcurrentWriterChild.class.getName(), data.toString())
                .redirectOutput(childOut.toFile())
                .redirectError(tmp.resolve("child.err").toFile())
                .start();
        try {
            waitFor(childOut, "ready", child);
            try (SqliteMailStore cli = SqliteMailStore.openBeside(dir, StoreOptions.defaults().withSeparator("+"))) {
                User server = cli.user("server@example.test").orElseThrow();
                long inbox = cli.mailbox(server.id(), MailboxRole.INBOX).orElseThrow().id();
                int before = cli.messages(inbox).size();
                for (int i = 0; i < 20; i++) {
                    User u = cli.addUser("cli" + i + "@example.test", null, 1_000_000);
                    cli.setPasswordHash(u.id(), "$argon2id$dummy" + i);
                    cli.addAlias("alias" + i + "@example.test", u.id());
                    Thread.sleep(20); // an operator's commands come one by one, not in a tight loop
                }
                assertThat(cli.messages(inbox).size()).as("the server delivered while the CLI wrote").isGreaterThan(before);
            }
            Files.createFile(data.resolve("stop"));
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(Files.readString(tmp.resolve("child.err"))).isZero();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
        int delivered = Integer.parseInt(lines(childOut).stream().filter(l -> l.startsWith("delivered "))
                .findFirst().orElseThrow().substring("delivered ".length()));
        try (SqliteMailStore s = SqliteMailStore.open(dir, StoreOptions.defaults())) {
            assertThat(s.integrityCheck()).containsExactly("ok");
            assertThat(s.users()).hasSize(21);
            assertThat(s.aliases()).hasSize(20);
            User server = s.user("server@example.test").orElseThrow();
            List<MessageMeta> msgs = s.messages(s.mailbox(server.id(), MailboxRole.INBOX).orElseThrow().id());
            assertThat(msgs).hasSize(delivered);
            for (MessageMeta m : msgs) {
                try (InputStream in = s.openBody(m)) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).endsWith("body " + (m.uid() - 1) + "\r\n");
                }
            }
        }
    }

    private static void waitFor(Path out, String line, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!lines(out).contains(line) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(lines(out)).as("child said %s", line).contains(line);
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
