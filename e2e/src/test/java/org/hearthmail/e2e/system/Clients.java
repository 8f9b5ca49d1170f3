package org.hearthmail.e2e.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hearthmail.e2e.testbed.Exec;
import org.hearthmail.e2e.testbed.Netns;
import org.hearthmail.e2e.testbed.TestbedException;

/** Third-party clients run in "internet": swaks, Python's imaplib and smtplib, dkimpy's dkimverify. */
final class Clients {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SWAKS = Path.of("/usr/bin/swaks");
    static final Path DKIMVERIFY = Path.of("/usr/bin/dkimverify");
    private static final Duration TIMEOUT = Duration.ofSeconds(150);

    private final Netns ns;
    private final Path scripts;

    Clients(Netns ns, Path dir) {
        this.ns = ns;
        try {
            this.scripts = Files.createDirectories(dir.resolve("client-scripts"));
            for (String name : List.of("imap_fetch.py", "smtp_submit.py", "smtp_flap.py", "imap_message_ids.py")) {
                try (InputStream in = Clients.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new TestbedException("missing test resource " + name);
                    }
                    Files.copy(in, scripts.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new TestbedException("cannot copy the client scripts: " + e.getMessage(), e);
        }
    }

    /** swaks with a 30 s timeout per step; the transcript is in stdout. */
    Exec.Result swaks(String... args) {
        List<String> cmd = new ArrayList<>(List.of(SWAKS.toString(), "--timeout", "30"));
        cmd.addAll(List.of(args));
        return ns.exec(cmd, null, TIMEOUT);
    }

    /** What an IMAP client read: the server's greeting and the raw message (null: none arrived in time). */
    record Fetched(String greeting, String message) {
    }

    /** The raw message in {@code user}'s INBOX whose Subject contains {@code subject}, waiting up to {@code wait}. */
    Fetched imapFetch(String host, int port, String user, String password, String subject, Duration wait) {
        Exec.Result r = ns.exec(List.of(PYTHON.toString(), scripts.resolve("imap_fetch.py").toString(), host,
                String.valueOf(port), user, subject, String.valueOf(wait.toSeconds())),
                (password + "\n").getBytes(StandardCharsets.UTF_8), wait.plus(TIMEOUT));
        String greeting = r.stderr().lines().filter(l -> l.startsWith("greeting: ")).findFirst().orElse("");
        if (r.exit() == 3) {
            return new Fetched(greeting, null);
        }
        return new Fetched(greeting, r.requireOk().stdout());
    }

    /** smtplib: STARTTLS, AUTH, one message; stdout is "accepted" or "refused CODE TEXT". */
    Exec.Result submit(String host, int port, String user, String password, String from, String to, String message) {
        return ns.exec(List.of(PYTHON.toString(), scripts.resolve("smtp_submit.py").toString(), host, String.valueOf(port),
                user, from, to), (password + "\n" + message).getBytes(StandardCharsets.UTF_8), TIMEOUT);
    }

    /** The Message-IDs in {@code user}'s INBOX of messages whose Subject contains {@code text}, once {@code expected} are there or {@code wait} passed. */
    List<String> imapMessageIds(String host, int port, String user, String password, String text, int expected, Duration wait) {
        Exec.Result r = ns.exec(List.of(PYTHON.toString(), scripts.resolve("imap_message_ids.py").toString(), host,
                String.valueOf(port), user, text, String.valueOf(expected), String.valueOf(wait.toSeconds())),
                (password + "\n").getBytes(StandardCharsets.UTF_8), wait.plus(TIMEOUT)).requireOk();
        return r.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The command line of smtp_flap.py (run it with {@code Testbed.start}; it reports one line per message). */
    List<String> flapSender(String host, int port, String runId, int count, double intervalSeconds, List<String> sources,
                            String from, String to) {
        return List.of(PYTHON.toString(), "-u", scripts.resolve("smtp_flap.py").toString(), host, String.valueOf(port), runId,
                String.valueOf(count), String.valueOf(intervalSeconds), String.join(",", sources), from, to);
    }

    /** {@code dkimverify --index N < message}: checks the N-th DKIM-Signature against the key in DNS. */
    Exec.Result dkimverify(Path message, int index) {
        try {
            return ns.exec(List.of(DKIMVERIFY.toString(), "--index", String.valueOf(index)), Files.readAllBytes(message), TIMEOUT);
        } catch (IOException e) {
            throw new TestbedException("cannot read " + message + ": " + e.getMessage(), e);
        }
    }
}
