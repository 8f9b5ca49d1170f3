package org.hearthmail.mailstore.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hearthmail.proxy.CidrSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the relay's address in proxy_from, bans apply to the client address its PROXY v2 header names. */
class SubmissionProxyTest {

    @TempDir
    Path dir;
    private SubmissionFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** A PROXY protocol v2 header (haproxy proxy-protocol.txt §2.2): PROXY command, TCP over IPv4. */
    static byte[] proxyV2(String source, int sourcePort, String destination, int destinationPort) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16 + 12);
        b.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
        b.put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName(destination).getAddress());
        b.putShort((short) sourcePort).putShort((short) destinationPort);
        return b.array();
    }

    private String greetingFor(String client) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.startTls.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(proxyV2(client, 40000, "198.51.100.1", 587));
            s.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aBannedClientBehindTheRelayIsTurnedAwayAndOthersAreNot() throws Exception {
        f = new SubmissionFixture(dir, (FakeRelay) null, "", CidrSet.of("127.0.0.1/32"));
        InetAddress guesser = InetAddress.getByName("203.0.113.7");
        for (int i = 0; i < 50 && !f.throttle.isBanned(guesser); i++) {
            f.throttle.recordFailure("alice@example.test", guesser);
        }
        assertThat(f.throttle.isBanned(guesser)).isTrue();
        // RFC 2034: no enhanced code before EHLO.
        assertThat(greetingFor("203.0.113.7")).startsWith("421 Too many failed logins");
        assertThat(greetingFor("198.51.100.9")).startsWith("220 home.example.test");
        assertThat(f.throttle.isBanned(InetAddress.getLoopbackAddress())).as("the relay itself is never banned").isFalse();
    }
}
