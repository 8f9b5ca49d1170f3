package org.hearthmail.tunnel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.hearthmail.tunnel.testbed.Cmd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WgQuickConfigTest {
    private static final WgPrivateKey HOME = WgPrivateKey.generate();
    private static final WgPrivateKey RELAY = WgPrivateKey.generate();
    private static final WgPresharedKey PSK = WgPresharedKey.generate();
    private static final WgPrivateKey OTHER = WgPrivateKey.generate();

    static WgQuickConfig sample() {
        return new WgQuickConfig(
                InterfaceSection.builder(HOME)
                        .address("10.77.0.2/24").address("fd77::2/64")
                        .listenPort(51820).fwMark(0x51820).mtu(1380)
                        .dns("10.77.0.1").dns("example.test")
                        .table("off")
                        .preUp("true").postUp("echo up").postUp("echo again")
                        .preDown("echo going").postDown("echo gone")
                        .build(),
                java.util.List.of(
                        PeerSection.builder(RELAY.publicKey())
                                .presharedKey(PSK)
                                .allowedIp("10.77.0.1/32").allowedIp("fd77::1/128")
                                .endpoint("203.0.113.10:51820")
                                .persistentKeepalive(25)
                                .build(),
                        PeerSection.builder(OTHER.publicKey())
                                .allowedIp("10.77.0.3/32")
                                .endpoint("[2001:db8::3]:51821")
                                .build()));
    }

    @Test
    void writtenConfigParsesBackToTheSameModel() throws Exception {
        WgQuickConfig config = sample();
        String text = WgQuickWriter.write(config);
        assertThat(WgQuickParser.parse(text, "wg0.conf")).isEqualTo(config);
        assertThat(WgQuickWriter.write(WgQuickParser.parse(text, "wg0.conf"))).isEqualTo(text);
    }

    @Test
    void strippedConfigKeepsOnlyWireGuardKeys() throws Exception {
        String stripped = WgQuickWriter.strip(sample());
        // The keys left of '=' (a base64 key may itself contain "DNS" or "MTU"; only names count).
        java.util.List<String> keys = stripped.lines().filter(l -> l.contains("="))
                .map(l -> l.substring(0, l.indexOf('=')).trim()).toList();
        assertThat(keys).contains("PrivateKey", "ListenPort", "FwMark", "PublicKey", "PresharedKey",
                "AllowedIPs", "Endpoint", "PersistentKeepalive");
        assertThat(keys).doesNotContain("Address", "MTU", "DNS", "Table", "PostUp", "PreDown", "SaveConfig");
        WgQuickConfig back = WgQuickParser.parse(stripped, "stripped");
        assertThat(back.peers()).isEqualTo(sample().peers());
        assertThat(back.iface().addresses()).isEmpty();
        assertThat(back.iface().listenPort()).isEqualTo(OptionalInt.of(51820));
    }

    @Test
    void ourStripMatchesWgQuickStripLineForLine(@TempDir Path dir) throws Exception {
        assumeTrue(Cmd.available("wg-quick"), "wg-quick (Debian package wireguard-tools) is not installed");
        Path file = dir.resolve("hmstrip0.conf");
        Files.writeString(file, WgQuickWriter.write(sample()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        String theirs = Cmd.run("wg-quick", "strip", file.toString());
        // wg-quick prints its buffer with echo, which adds one newline after the last line.
        assertThat(theirs).isEqualTo(WgQuickWriter.strip(sample()) + "\n");
    }

    @Test
    void handWrittenFileWithCommentsAndOddCaseParses() throws Exception {
        String text = """
                # home side
                [interface]
                  privatekey=%s   # secret
                Address = 10.77.0.2/24,fd77::2/64
                address = 10.77.1.2/24
                listenport = 0
                PersistentKeepalive_is_not_here = nope
                """.formatted(HOME.toBase64()).replace("PersistentKeepalive_is_not_here = nope\n", "")
                + """

                [PEER]
                AllowedIPs = 0.0.0.0/0, ::/0
                PublicKey = %s
                Endpoint = relay.example.test:51820
                PersistentKeepalive = off
                """.formatted(RELAY.publicKey().toBase64());
        WgQuickConfig c = WgQuickParser.parse(text, "home.conf");
        assertThat(c.iface().privateKey()).isEqualTo(HOME);
        assertThat(c.iface().addresses()).extracting(IpPrefix::toString)
                .containsExactly("10.77.0.2/24", "fd77::2/64", "10.77.1.2/24");
        assertThat(c.iface().listenPort()).isEqualTo(OptionalInt.of(0));
        PeerSection peer = c.peers().get(0);
        assertThat(peer.publicKey()).isEqualTo(RELAY.publicKey());
        assertThat(peer.allowedIps()).allMatch(IpPrefix::isDefaultRoute);
        assertThat(peer.endpoint()).contains(new Endpoint("relay.example.test", 51820));
        assertThat(peer.persistentKeepalive()).isEmpty();
    }

    @Test
    void wgQuickStripOfHandWrittenFileMeansTheSameAsOurStrip(@TempDir Path dir) throws Exception {
        assumeTrue(Cmd.available("wg-quick"), "wg-quick (Debian package wireguard-tools) is not installed");
        String text = "[Interface]\n# a comment\nAddress = 10.77.0.2/24\nPrivateKey = " + HOME.toBase64()
                + "\nDNS = 10.77.0.1\nMTU = 1400\nListenPort = 51000\n\n[Peer]\nPublicKey = "
                + RELAY.publicKey().toBase64() + "\nAllowedIPs = 10.77.0.0/24\nEndpoint = 192.0.2.1:51820\n";
        Path file = dir.resolve("hmstrip1.conf");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        WgQuickConfig theirs = WgQuickParser.parse(Cmd.run("wg-quick", "strip", file.toString()), "wg-quick strip");
        WgQuickConfig ours = WgQuickParser.parse(WgQuickWriter.strip(WgQuickParser.parse(text, "x")), "ours");
        assertThat(ours).isEqualTo(theirs);
    }

    private static ConfigParseException parseError(String text) {
        try {
            WgQuickParser.parse(text, "bad.conf");
        } catch (ConfigParseException e) {
            return e;
        }
        throw new AssertionError("expected a parse error for:\n" + text);
    }

    @Test
    void parseErrorsNameTheLineAndTheKey() {
        String head = "[Interface]\nPrivateKey = " + HOME.toBase64() + "\n";
        ConfigParseException e = parseError(head + "ListenPort = 70000\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.key()).isEqualTo("ListenPort");
        assertThat(e.getMessage()).isEqualTo("bad.conf line 3, key 'ListenPort': 70000 is outside 0-65535");

        e = parseError(head + "\n[Peer]\nPublicKey = " + RELAY.publicKey().toBase64() + "\nAllowedIPs = 10.77.0.0/33\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.key()).isEqualTo("AllowedIPs");

        e = parseError(head + "Colour = blue\n");
        assertThat(e.getMessage()).contains("line 3", "'Colour'", "unknown key");

        e = parseError(head + "MTU = 1400\nmtu = 1420\n");
        assertThat(e.getMessage()).contains("line 4", "given twice");

        e = parseError(head + "[Peer]\nEndpoint = 192.0.2.1:51820\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("no PublicKey");

        e = parseError("[Peer]\nPublicKey = " + RELAY.publicKey().toBase64() + "\n");
        assertThat(e.getMessage()).contains("no [Interface]");

        e = parseError("[Interface]\nListenPort = 1\n");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("no PrivateKey");

        e = parseError(head + "[Peer]\nPublicKey = " + RELAY.publicKey().toBase64() + "\nEndpoint = fd00::1:51820\n");
        assertThat(e.key()).isEqualTo("Endpoint");
        assertThat(e.getMessage()).contains("[address]:port");
    }

    @Test
    void aBadSecretIsReportedWithoutQuotingIt() {
        String almost = HOME.toBase64().substring(0, 40) + "@@@=";
        ConfigParseException e = parseError("[Interface]\nPrivateKey = " + almost + "\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.key()).isEqualTo("PrivateKey");
        assertThat(e.getMessage()).doesNotContain(almost).doesNotContain(almost.substring(0, 40));
    }

    @Test
    void peerKeysBeforePublicKeyStillReportTheirOwnLine() {
        ConfigParseException e = parseError("[Interface]\nPrivateKey = " + HOME.toBase64()
                + "\n[Peer]\nPersistentKeepalive = soon\nPublicKey = " + RELAY.publicKey().toBase64() + "\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.key()).isEqualTo("PersistentKeepalive");
    }

    @Test
    void prefixesKnowTheirNetwork() {
        IpPrefix p = IpPrefix.parse("10.77.0.9/24");
        assertThat(p.network()).hasToString("10.77.0.0/24");
        assertThat(p.contains(IpPrefix.parseLiteral("10.77.0.200"))).isTrue();
        assertThat(p.contains(IpPrefix.parseLiteral("10.77.1.1"))).isFalse();
        assertThat(IpPrefix.parse("198.51.100.7")).hasToString("198.51.100.7/32");
        assertThat(IpPrefix.parse("2001:0db8:0:0:1:0:0:1/64")).hasToString("2001:db8::1:0:0:1/64");
        assertThat(IpPrefix.parse("::/0")).hasToString("::/0");
        assertThat(IpPrefix.parse("fd77:0:0:1::")).hasToString("fd77:0:0:1::/128");
        assertThatThrownBy(() -> IpPrefix.parse("mx.example.test/24")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> IpPrefix.parse("300.1.1.1/8")).hasMessageContaining("not an IP address");
    }
}
