package org.hearthmail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command, run as a user would: it comes up on the fixed demo ports, the welcome
 * message has been delivered through the relay into the mailstore, a message submitted on 2587 ends
 * up in the relay's outbound queue (provisioned on both sides by the script), and Ctrl-C stops both programs.
 */
class QuickstartTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void quickstartDeliversTheWelcomeMessageQueuesSubmittedMailAtTheRelayAndStopsOnCtrlC() throws Exception {
        Process p = new ProcessBuilder(ROOT.resolve("bin/quickstart").toString()).directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        String password = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
                out.append(line).append('\n');
                Matcher m = Pattern.compile("^\\s+password\\s+(\\S+)$").matcher(line);
                if (m.find()) {
                    password = m.group(1);
                }
                if (line.contains("Ctrl-C stops the demo.")) {
                    break;
                }
            }
            assertThat(out).as(out.toString()).contains("welcome message delivered through the relay to demo@example.test")
                    .contains("relay MX (SMTP, STARTTLS)   127.0.0.1:2525");
            assertThat(password).as("printed password").hasSizeGreaterThanOrEqualTo(12);

            Process list = new ProcessBuilder(ROOT.resolve("bin/mailstore").toString(), "user", "list", "--json",
                    "--data-dir", ROOT.resolve("demo-data/mailstore").toString()).redirectErrorStream(true).start();
            String users = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(list.waitFor()).isZero();
            assertThat(users).contains("demo@example.test");
            assertThat(Files.readString(ROOT.resolve("demo-data/mailstore.log"))).doesNotContain(password);

            // A real IMAP client reads the welcome message with the printed password.
            Process imap = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                    "import imaplib, ssl, sys",
                    "c = imaplib.IMAP4_SSL('127.0.0.1', 2993, ssl_context=ssl._create_unverified_context())",
                    "c.login('demo@example.test', sys.argv[1])",
                    "typ, data = c.select('INBOX')",
                    "print('EXISTS', data[0].decode())",
                    "typ, data = c.fetch(b'1', b'(BODY[HEADER.FIELDS (SUBJECT)])')",
                    "print(data[0][1].decode().strip())",
                    "c.logout()"), password).redirectErrorStream(true).start();
            String read = new String(imap.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(imap.waitFor()).as(read).isZero();
            assertThat(read).contains("EXISTS 1").contains("Subject: Welcome to Hearthmail");

            // Outbound: a real SMTP client submits to 2587 (STARTTLS, AUTH); the mailstore signs it and hands it
            // to the demo relay's outbound listener, whose queue holds it (deferred: the demo has no internet).
            Process submit = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                    "import smtplib, ssl, sys",
                    "s = smtplib.SMTP('127.0.0.1', 2587, timeout=60)",
                    "s.starttls(context=ssl._create_unverified_context())",
                    "s.login('demo@example.test', sys.argv[1])",
                    "s.sendmail('demo@example.test', ['friend@example.net'], 'From: demo@example.test\\r\\n'",
                    "    'To: friend@example.net\\r\\nSubject: Hello from the demo\\r\\n\\r\\nOut through the relay.\\r\\n')",
                    "s.quit()",
                    "print('submitted')"), password).redirectErrorStream(true).start();
            String submitted = new String(submit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(submit.waitFor()).as(submitted).isZero();
            assertThat(submitted).contains("submitted");
            String queued = "";
            long queueDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!queued.contains("friend@example.net") && System.nanoTime() < queueDeadline) {
                Process queue = new ProcessBuilder(ROOT.resolve("bin/edge-relay").toString(), "queue", "list", "--json",
                        "--data-dir", ROOT.resolve("demo-data/relay").toString()).redirectErrorStream(true).start();
                queued = new String(queue.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(queue.waitFor()).as(queued).isZero();
                if (!queued.contains("friend@example.net")) {
                    Thread.sleep(500);
                }
            }
            assertThat(queued).as("the relay's queue after the submission").contains("friend@example.net")
                    .contains("demo@example.test");
            assertThat(Files.readString(ROOT.resolve("demo-data/relay.log"))).doesNotContain(password);
            // The mailstore pushed its recipient cache to the relay (same salt on both sides).
            Path cache = ROOT.resolve("demo-data/relay/rcptcache.bin");
            long cacheDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(cache) && System.nanoTime() < cacheDeadline) {
                Thread.sleep(200);
            }
            assertThat(cache).as("the relay's recipient cache, pushed by the mailstore").exists();
            assertThat(Files.readString(ROOT.resolve("demo-data/mailstore.log")))
                    .doesNotContain("refused the recipient cache push");

            // Ctrl-C: the script stops both programs and exits.
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("quickstart exits after Ctrl-C").isTrue();
            String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).contains("stopped");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains("demo-data")).count())
                .as("demo processes left running").isZero();
    }
}
