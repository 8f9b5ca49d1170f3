package org.hearthmail.e2e.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.MailboxRole;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.User;
import org.hearthmail.mailstore.store.sqlite.SqliteMailStore;
import org.hearthmail.rcptcache.RecipientCache;
import org.hearthmail.rcptcache.RecipientCacheCodec;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.tunnel.testbed.Cmd;
import org.hearthmail.tunnel.testbed.NetnsPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md "Provisioning", end to end with a real WireGuard tunnel: two network namespaces, "home"
 * (192.0.2.1) and "vps" (192.0.2.2), joined by a veth pair, wireguard-go in each. Both ends are set
 * up only with the CLI ({@code mailstore init}, {@code relay bundle}, {@code edge-relay init --bundle});
 * swaks sends to the relay's port 25; the mail lands in the mailbox through the tunnel; with the
 * mailstore stopped the relay reports the tunnel down and spools (250), and after a restart the
 * spooled mail is delivered.
 */
class ProvisionedTunnelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSPHRASE = "tunnel test passphrase";

    @TempDir
    Path tmp;
    private NetnsPair net;
    private Process relay;
    private Process mailstore;

    @AfterEach
    void tearDown() throws Exception {
        Programs.stop(mailstore);
        Programs.stop(relay);
        if (net != null) {
            // wireguard-go daemons a killed JVM left behind: ours, found by namespace, ended by pid.
            for (String ns : List.of(net.nsA, net.nsB)) {
                for (String pid : Cmd.exec(List.of("ip", "netns", "pids", ns), null).stdout().split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        Cmd.exec(List.of("kill", "-9", pid), null);
                    }
                }
            }
            net.close();
        }
    }

    @Test
    @Timeout(300)
    void provisionedByTheCliTheTunnelCarriesMailAndTheRelaySpoolsWhileHomeIsDown() throws Exception {
        NetnsPair.assumeTestbed();
        org.junit.jupiter.api.Assumptions.assumeTrue(Cmd.available("swaks"), "swaks (Debian package swaks) is not installed");
        net = NetnsPair.create();
        String home = net.nsA;
        String vps = net.nsB;
        Path homeDir = tmp.resolve("home");
        Path vpsDir = tmp.resolve("vps");

        // home: mailstore init, a user, relay bundle
        Programs.ok(null, Programs.MAILSTORE, "init", "--domain", "example.test", "--mx-host", "mx.example.test",
                "--data-dir", homeDir.toString());
        User alice;
        try (SqliteMailStore s = SqliteMailStore.openBeside(new DataDirectory(homeDir), StoreOptions.defaults())) {
            alice = s.addUser("alice@example.test", null, 0);
        }
        Path pass = Files.writeString(tmp.resolve("passphrase"), PASSPHRASE + "\n");
        Path bundle = tmp.resolve("relay.bundle");
        Programs.ok(null, Programs.MAILSTORE, "relay", "bundle", "--endpoint", NetnsPair.ADDRESS_B + ":51820",
                "--passphrase-file", pass.toString(), "--output", bundle.toString(), "--data-dir", homeDir.toString());
        // A distinct interface name per namespace (wireguard-go's socket directory is shared), and a fast
        // keepalive so the relay notices a stopped mailstore within seconds instead of minutes.
        edit(homeDir.resolve("mailstore.toml"), "interface = \"hm0\"", "interface = \"" + net.wgA + "\"");
        edit(homeDir.resolve("mailstore.toml"), "keepalive = 25", "keepalive = 1");
        edit(homeDir.resolve("mailstore.toml"), "stale_after = 150", "stale_after = 4");
        edit(homeDir.resolve("mailstore.toml"), "down_after = 180", "down_after = 6");

        // vps: edge-relay init --bundle
        Programs.Result init = Programs.ok(null, Programs.EDGE_RELAY, "init", "--bundle", bundle.toString(),
                "--passphrase-file", pass.toString(), "--interface", net.wgB, "--data-dir", vpsDir.toString());
        assertThat(init.out()).contains("relay vps1 set up");
        edit(vpsDir.resolve("relay.toml"), "keepalive = 25", "keepalive = 1");
        edit(vpsDir.resolve("relay.toml"), "stale_after = 150", "stale_after = 4");
        edit(vpsDir.resolve("relay.toml"), "down_after = 180", "down_after = 6");
        // No DNS in the test bed: a closed port, so sender checks end in temperror and refuse nothing.
        Files.writeString(vpsDir.resolve("relay.toml"), "\n[dns]\nresolver = \"127.0.0.1:9\"\n"
                + "[gate]\npregreet_delay = \"0s\"\nfcrdns = \"off\"\n", java.nio.file.StandardOpenOption.APPEND);
        writeRecipientCache(vpsDir);

        relay = Programs.start(vps, tmp.resolve("relay.log"), Programs.EDGE_RELAY, "run", "--data-dir", vpsDir.toString());
        awaitStatus("edge-relay", vpsDir, s -> s.path("listeners").size() > 0, Duration.ofSeconds(60), relay);
        mailstore = Programs.start(home, tmp.resolve("mailstore.log"), Programs.MAILSTORE, "run", "--data-dir",
                homeDir.toString());

        JsonNode relayUp = awaitStatus("edge-relay", vpsDir, s -> health(s).equals("UP"), Duration.ofSeconds(60), relay);
        assertThat(relayUp.at("/tunnel/peers/0/lastHandshake").isTextual()).as("handshake completed").isTrue();
        assertThat(relayUp.at("/tunnel/peers/0/name").asText()).isEqualTo("mailstore");
        JsonNode homeUp = awaitStatus("mailstore", homeDir, s -> health(s).equals("UP"), Duration.ofSeconds(60), mailstore);
        assertThat(homeUp.at("/tunnel/peers/0/name").asText()).isEqualTo("vps1");
        Programs.Result text = Programs.ok(null, Programs.EDGE_RELAY, "status", "--data-dir", vpsDir.toString());
        assertThat(text.out()).contains("tunnel " + net.wgB + ": up").contains("peer mailstore");

        // Live through the tunnel: the mailstore's own 250.
        assertThat(swaks(vps, "live")).contains("250 2.0.0 Stored");
        assertThat(inboxSize(homeDir, alice)).isEqualTo(1);

        // Home goes away: the relay sees the tunnel down and keeps the mail in its spool.
        Programs.stop(mailstore);
        mailstore = null;
        assertThat(Cmd.exec(List.of("ip", "-n", home, "link", "show", net.wgA), null).exitCode())
                .as("a stopped mailstore tears its WireGuard interface down").isNotZero();
        awaitStatus("edge-relay", vpsDir, s -> health(s).equals("DOWN"), Duration.ofSeconds(60), relay);
        Programs.Result down = Programs.run(null, Programs.MAILSTORE, "status", "--data-dir", homeDir.toString());
        assertThat(down.exit()).as("a stopped mailstore's status").isEqualTo(3);
        assertThat(swaks(vps, "spooled")).contains("250 2.0.0 Queued");
        awaitStatus("edge-relay", vpsDir, s -> s.at("/counts/spool entries").asLong() == 1, Duration.ofSeconds(20), relay);

        // Home is back: the tunnel comes up and the spool is handed over.
        mailstore = Programs.start(home, tmp.resolve("mailstore.log"), Programs.MAILSTORE, "run", "--data-dir",
                homeDir.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (inboxSize(homeDir, alice) < 2 && System.nanoTime() < deadline) {
            assertThat(mailstore.isAlive()).as("mailstore run is alive; log:\n%s", log("mailstore.log")).isTrue();
            Thread.sleep(500);
        }
        assertThat(inboxSize(homeDir, alice)).as("spooled mail delivered after the restart; relay log:\n%s",
                log("relay.log")).isEqualTo(2);
        awaitStatus("edge-relay", vpsDir, s -> s.at("/counts/spool entries").asLong() == 0, Duration.ofSeconds(20), relay);
    }

    private static String health(JsonNode status) {
        return status.at("/tunnel/health").asText();
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String s = Files.readString(file);
        assertThat(s).as(file + " contains " + from).contains(from);
        Files.writeString(file, s.replace(from, to));
    }

    /** What the mailstore would push (another engineer's job): the salted hash of alice's address. */
    private static void writeRecipientCache(Path vpsDir) throws Exception {
        String toml = Files.readString(vpsDir.resolve("relay.toml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("recipient_cache_salt = \"([^\"]+)\"").matcher(toml);
        assertThat(m.find()).isTrue();
        byte[] salt = Base64.getDecoder().decode(m.group(1));
        Files.write(vpsDir.resolve("rcptcache.bin"), RecipientCacheCodec.encode(RecipientCache.build(salt, 1, "+",
                List.of(new Mailbox("alice", "example.test")), List.of())));
    }

    private String swaks(String ns, String subject) {
        Cmd.Result r = net.execIn(ns, "swaks", "--server", NetnsPair.ADDRESS_B + ":25", "--from", "bob@sender.example",
                "--to", "alice@example.test", "--helo", "sender.example", "--header", "Subject: " + subject,
                "--timeout", "15");
        assertThat(r.exitCode()).as("swaks: %s%s", r.stdout(), r.stderr()).isZero();
        return r.stdout();
    }

    private static int inboxSize(Path homeDir, User alice) {
        try (SqliteMailStore s = SqliteMailStore.openBeside(new DataDirectory(homeDir), StoreOptions.defaults())) {
            return s.messages(s.mailbox(alice.id(), MailboxRole.INBOX).orElseThrow().id()).size();
        }
    }

    private String log(String name) {
        try {
            return Files.readString(tmp.resolve(name), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Polls {@code PROGRAM status --json} until {@code ok} holds; fails with the program's log otherwise. */
    private JsonNode awaitStatus(String program, Path dataDir, Predicate<JsonNode> ok, Duration limit, Process p)
            throws Exception {
        String main = program.equals("mailstore") ? Programs.MAILSTORE : Programs.EDGE_RELAY;
        String logName = program.equals("mailstore") ? "mailstore.log" : "relay.log";
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("%s run is alive; log:\n%s", program, log(logName)).isTrue();
            Programs.Result r = Programs.run(null, main, "status", "--json", "--data-dir", dataDir.toString());
            last = r.out() + r.err();
            if (r.exit() == 0) {
                JsonNode s = JSON.readTree(r.out());
                if (ok.test(s)) {
                    return s;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(program + " status did not reach the expected state within " + limit.toSeconds()
                + " s; last status:\n" + last + "\nlog:\n" + log(logName));
    }
}
