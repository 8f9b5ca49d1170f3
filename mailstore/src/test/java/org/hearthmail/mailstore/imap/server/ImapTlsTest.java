package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.hearthmail.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** STARTTLS on the plain port, implicit TLS, and the rules that keep passwords off the wire in clear. */
class ImapTlsTest {
    private static final String LOGIN = "LOGIN " + ImapTestServer.USER + " \"" + ImapTestServer.PASSWORD + "\"";

    @Test
    void beforeStartTlsLoginIsDisabledAfterItWorks() throws Exception {
        try (ImapTestServer server = ImapTestServer.tls(new MemoryMailStore(StoreOptions.defaults()), false);
             ImapClient c = server.connect()) {
            assertThat(c.readLine()).contains("STARTTLS", "LOGINDISABLED").doesNotContain("AUTH=PLAIN");
            assertThat(c.command("a", LOGIN)).containsExactly("a NO [PRIVACYREQUIRED] Log in after STARTTLS");
            assertThat(c.command("b", "AUTHENTICATE PLAIN AGFsaWNlAHB3"))
                    .containsExactly("b NO [PRIVACYREQUIRED] Log in after STARTTLS");
            assertThat(c.command("c", "STARTTLS")).containsExactly("c OK Begin TLS negotiation now");
            c.startTls();
            List<String> caps = c.command("d", "CAPABILITY");
            assertThat(caps.get(0)).contains("AUTH=PLAIN").doesNotContain("STARTTLS", "LOGINDISABLED");
            assertThat(ImapClient.last(c.command("e", LOGIN))).startsWith("e OK [CAPABILITY");
            assertThat(c.command("f", "STARTTLS")).containsExactly("f BAD STARTTLS is not valid in state AUTHENTICATED");
        }
    }

    @Test
    void commandsPipelinedAfterStartTlsAreDiscarded() throws Exception {
        try (ImapTestServer server = ImapTestServer.tls(new MemoryMailStore(StoreOptions.defaults()), false);
             ImapClient c = server.connect()) {
            c.readLine();
            // CVE-2011-0411 style injection: a command sent in clear right behind STARTTLS.
            c.send("a STARTTLS\r\nb " + LOGIN + "\r\n");
            assertThat(c.readLine()).isEqualTo("a OK Begin TLS negotiation now");
            c.startTls();
            assertThat(c.command("c", "NOOP")).containsExactly("c OK NOOP completed");
            assertThat(server.server.activeSessions()).isEqualTo(1);
        }
    }

    @Test
    void implicitTlsSpeaksTlsFromTheFirstByteWithTls12OrLater() throws Exception {
        try (ImapTestServer server = ImapTestServer.tls(new MemoryMailStore(StoreOptions.defaults()), true);
             SSLSocket s = (SSLSocket) ImapClient.trustingContext().getSocketFactory()
                     .createSocket(server.address.getAddress(), server.address.getPort())) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
            byte[] greeting = new byte[512];
            int n = s.getInputStream().read(greeting);
            String g = new String(greeting, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(g).startsWith("* OK [CAPABILITY").contains("AUTH=PLAIN").doesNotContain("STARTTLS");
        }
    }

    @Test
    void tls11IsRefused() throws Exception {
        try (ImapTestServer server = ImapTestServer.tls(new MemoryMailStore(StoreOptions.defaults()), true);
             SSLSocket s = (SSLSocket) ImapClient.trustingContext().getSocketFactory()
                     .createSocket(server.address.getAddress(), server.address.getPort())) {
            s.setSoTimeout(10_000);
            s.setEnabledProtocols(new String[] {"TLSv1.1"});
            org.assertj.core.api.Assertions.assertThatThrownBy(s::startHandshake).isInstanceOf(java.io.IOException.class);
        }
    }

    /** The mailstore ships netty-tcnative: its IMAP and submission TLS is BoringSSL, not the JDK's (1.5 ms a handshake). */
    @Test
    void theMailstoreSpeaksTlsThroughBoringSsl() throws Exception {
        assertThat(TlsContexts.fastestProvider()).isEqualTo(SslProvider.OPENSSL);
        assertThat(ImapTestServer.tlsContext()).isInstanceOf(OpenSslContext.class);
    }

    /** RFC 9325 §4.2: for TLS 1.2 only ECDHE with an AEAD suite; a client offering only CBC is refused, by either engine. */
    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void aTls12ClientOfferingOnlyCbcSuitesIsRefusedAndAeadIsAccepted(SslProvider provider) throws Exception {
        SslContext tls = TlsContexts.clientFacing(provider, ImapTestServer.CERT.privateKey(), ImapTestServer.CERT.certificate());
        try (ImapTestServer server = new ImapTestServer(new MemoryMailStore(StoreOptions.defaults()),
                b -> b.tls(tls).implicitTls(true))) {
            try (SSLSocket cbc = tls12Socket(server, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")) {
                assertThatThrownBy(cbc::startHandshake).isInstanceOf(IOException.class);
            }
            try (SSLSocket gcm = tls12Socket(server, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")) {
                gcm.startHandshake();
                assertThat(gcm.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
                assertThat(new String(gcm.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("* OK");
            }
        }
    }

    private static SSLSocket tls12Socket(ImapTestServer server, String suite) throws IOException {
        SSLSocket s = (SSLSocket) ImapClient.trustingContext().getSocketFactory()
                .createSocket(server.address.getAddress(), server.address.getPort());
        s.setSoTimeout(10_000);
        s.setEnabledProtocols(new String[] {"TLSv1.2"});
        s.setEnabledCipherSuites(new String[] {suite});
        return s;
    }
}
