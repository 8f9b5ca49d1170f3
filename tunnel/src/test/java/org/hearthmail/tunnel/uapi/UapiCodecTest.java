package org.hearthmail.tunnel.uapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.hearthmail.tunnel.PeerStatus;
import org.hearthmail.tunnel.TunnelStatus;
import org.hearthmail.tunnel.config.IpPrefix;
import org.hearthmail.tunnel.config.InterfaceSection;
import org.hearthmail.tunnel.config.PeerSection;
import org.hearthmail.tunnel.config.WgQuickConfig;
import org.hearthmail.tunnel.keys.WgPresharedKey;
import org.hearthmail.tunnel.keys.WgPrivateKey;
import org.junit.jupiter.api.Test;

class UapiCodecTest {
    private static final WgPrivateKey OWN = WgPrivateKey.generate();
    private static final WgPrivateKey PEER = WgPrivateKey.generate();
    private static final WgPresharedKey PSK = WgPresharedKey.generate();
    private static final EndpointResolver LITERAL = e -> new InetSocketAddress(IpPrefix.parseLiteral(e.host()), e.port());

    @Test
    void setRequestReplacesPeersAndSendsKeysInHex() throws Exception {
        WgQuickConfig config = new WgQuickConfig(
                InterfaceSection.builder(OWN).address("10.77.0.2/24").listenPort(51820).build(),
                List.of(PeerSection.builder(PEER.publicKey()).presharedKey(PSK)
                        .allowedIp("10.77.0.1/32").allowedIp("10.78.0.9/16")
                        .endpoint("[2001:db8::1]:51820").persistentKeepalive(25).build()));
        assertThat(UapiCodec.setRequest(config, LITERAL)).isEqualTo("""
                set=1
                private_key=%s
                listen_port=51820
                replace_peers=true
                public_key=%s
                preshared_key=%s
                endpoint=[2001:db8::1]:51820
                persistent_keepalive_interval=25
                replace_allowed_ips=true
                allowed_ip=10.77.0.1/32
                allowed_ip=10.78.0.0/16

                """.formatted(OWN.toHex(), PEER.publicKey().toHex(), PSK.toHex()));
    }

    @Test
    void peerWithoutPskOrKeepaliveClearsBoth() throws Exception {
        WgQuickConfig config = new WgQuickConfig(InterfaceSection.builder(OWN).build(),
                List.of(PeerSection.builder(PEER.publicKey()).build()));
        String request = UapiCodec.setRequest(config, LITERAL);
        assertThat(request).contains("preshared_key=" + "0".repeat(64) + "\n")
                .contains("persistent_keepalive_interval=0\n")
                .doesNotContain("listen_port").doesNotContain("endpoint");
    }

    @Test
    void getReplyBecomesStatusWithoutThePrivateKey() throws Exception {
        String reply = "private_key=" + OWN.toHex() + "\nlisten_port=51820\nfwmark=0\n"
                + "public_key=" + PEER.publicKey().toHex() + "\npreshared_key=" + PSK.toHex()
                + "\nprotocol_version=1\nendpoint=192.0.2.2:51820\nlast_handshake_time_sec=1700000000"
                + "\nlast_handshake_time_nsec=5\ntx_bytes=1234\nrx_bytes=5678\npersistent_keepalive_interval=25"
                + "\nallowed_ip=10.77.0.1/32\n"
                + "public_key=" + OWN.publicKey().toHex() + "\nlast_handshake_time_sec=0\nlast_handshake_time_nsec=0"
                + "\ntx_bytes=0\nrx_bytes=0\npersistent_keepalive_interval=0\n"
                + "errno=0\n\n";
        TunnelStatus status = UapiCodec.parseGet("hm0", reply);
        assertThat(status.publicKey()).contains(OWN.publicKey());
        assertThat(status.listenPort()).hasValue(51820);
        assertThat(status.toString()).doesNotContain(OWN.toHex()).doesNotContain(OWN.toBase64());
        PeerStatus first = status.peers().get(0);
        assertThat(first.publicKey()).isEqualTo(PEER.publicKey());
        assertThat(first.endpoint()).contains(new InetSocketAddress("192.0.2.2", 51820));
        assertThat(first.lastHandshake()).contains(Instant.ofEpochSecond(1_700_000_000L, 5));
        assertThat(first.rxBytes()).isEqualTo(5678);
        assertThat(first.txBytes()).isEqualTo(1234);
        assertThat(first.persistentKeepalive()).hasValue(25);
        assertThat(first.hasPresharedKey()).isTrue();
        assertThat(first.allowedIps()).containsExactly(IpPrefix.parse("10.77.0.1/32"));
        PeerStatus second = status.peers().get(1);
        assertThat(second.lastHandshake()).isEmpty();
        assertThat(second.endpoint()).isEmpty();
        assertThat(second.persistentKeepalive()).isEmpty();
    }

    @Test
    void nonZeroErrnoIsAnError() {
        assertThatThrownBy(() -> UapiCodec.checkSetReply("errno=22\n\n"))
                .isInstanceOf(UapiException.class).hasMessageContaining("errno 22")
                .extracting(e -> ((UapiException) e).errno()).isEqualTo(22);
        assertThatThrownBy(() -> UapiCodec.parseGet("hm0", "listen_port=1\n\n"))
                .isInstanceOf(UapiException.class).hasMessageContaining("without errno");
        assertThatThrownBy(() -> UapiCodec.parseGet("hm0", "private_key=xyz\nerrno=0\n\n"))
                .isInstanceOf(UapiException.class).hasMessageContaining("private_key")
                .hasMessageNotContaining("xyz");
    }
}
