package org.hearthmail.e2e.testbed;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away Postfix in "internet": its own config_directory, queue_directory and
 * data_directory, its own myhostname, listening only on its namespace address. The master runs in
 * the foreground ({@code master -d}), so the testbed stops it, and with it its children, by PID.
 * Postfix logs into {@code maillog} in its directory (postlogd), not to syslog.
 */
public final class PostfixInstance {
    public static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    /** Debian's daemon_directory. */
    public static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");

    private final Path dir;
    private final StartedProcess master;

    private PostfixInstance(Path dir, StartedProcess master) {
        this.dir = dir;
        this.master = master;
    }

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(POSTFIX) && Files.isExecutable(MASTER), "Postfix missing; install Debian package postfix");
    }

    /**
     * The MX of {@code domain}: every recipient in it is delivered into one maildir
     * ({@link #delivered()}); mail for any other domain is refused (no open relay).
     */
    public static PostfixInstance remoteMx(Testbed tb, String label, String hostname, String address, String domain) {
        Path dir = tb.dir().resolve(label);
        String mail = dir.resolve("mail").toString();
        return start(tb, label, dir, hostname, address, List.of(
                "mynetworks = 127.0.0.0/8",
                "virtual_mailbox_domains = " + domain,
                "virtual_mailbox_base = " + mail,
                // "inbox/": one maildir (trailing slash = maildir) for every recipient.
                "virtual_mailbox_maps = static:inbox/",
                "virtual_uid_maps = static:65534",
                "virtual_gid_maps = static:65534"));
    }

    /**
     * A sending MTA: accepts mail from {@code clients} (CIDR) on {@code address}:25 and delivers it
     * to each recipient domain's MX found in DNS, from {@code address}, with opportunistic TLS.
     */
    public static PostfixInstance sendingMta(Testbed tb, String label, String hostname, String address, String clients) {
        Path dir = tb.dir().resolve(label);
        return start(tb, label, dir, hostname, address, List.of(
                "mynetworks = 127.0.0.0/8 " + clients,
                "smtp_bind_address = " + address,
                // RFC 3207 STARTTLS when offered; the relay's certificate is self-signed here.
                "smtp_tls_security_level = may"));
    }

    private static PostfixInstance start(Testbed tb, String label, Path dir, String hostname, String address, List<String> extra) {
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("queue"));
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("mail"));
            List<String> main = new ArrayList<>(List.of(
                    "compatibility_level = 3.6",
                    "queue_directory = " + dir.resolve("queue"),
                    "data_directory = " + dir.resolve("data"),
                    "myhostname = " + hostname,
                    "mydomain = " + hostname.substring(hostname.indexOf('.') + 1),
                    "myorigin = $myhostname",
                    "inet_interfaces = " + address,
                    "inet_protocols = ipv4",
                    "mydestination =",
                    "alias_maps =",
                    "alias_database =",
                    "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                    "maillog_file_prefixes = " + dir,
                    "maillog_file = " + dir.resolve("maillog"),
                    // Retry soon: a test waits for delivery, not a real queue run interval.
                    "queue_run_delay = 5s",
                    "minimal_backoff_time = 5s",
                    "maximal_backoff_time = 10s"));
            main.addAll(extra);
            Files.writeString(conf.resolve("main.cf"), String.join("\n", main) + "\n", StandardCharsets.US_ASCII);
            try (var in = PostfixInstance.class.getResourceAsStream("postfix-master.cf")) {
                if (in == null) {
                    throw new TestbedException("test resource postfix-master.cf is missing");
                }
                Files.copy(in, conf.resolve("master.cf"));
            }
        } catch (IOException e) {
            throw new TestbedException("cannot write Postfix configuration in " + dir + ": " + e.getMessage(), e);
        }
        Exec.run(List.of("chown", "postfix", dir.resolve("data").toString())).requireOk();
        Exec.run(List.of("chown", "nobody:nogroup", dir.resolve("mail").toString())).requireOk();
        String confDir = dir.resolve("conf").toString();
        // Creates the queue directories with their owners; inside the namespace, where inet_interfaces exists.
        tb.internet.exec(POSTFIX.toString(), "-c", confDir, "check").requireOk();
        StartedProcess master = tb.start(tb.internet, label, List.of(MASTER.toString(), "-c", confDir, "-d"));
        tb.internet.awaitListening(address, 25, Duration.ofSeconds(60), master);
        return new PostfixInstance(dir, master);
    }

    /** The maildir files delivered so far (new/ and cur/), oldest name first. */
    public List<Path> delivered() {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path d = dir.resolve("mail").resolve("inbox").resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    files.sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /** Postfix's own log (postlogd), for failure messages. */
    public String maillog() {
        try {
            Path log = dir.resolve("maillog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no maillog yet)";
        } catch (IOException e) {
            return "(maillog unreadable: " + e.getMessage() + ")";
        }
    }

    public StartedProcess master() {
        return master;
    }
}
