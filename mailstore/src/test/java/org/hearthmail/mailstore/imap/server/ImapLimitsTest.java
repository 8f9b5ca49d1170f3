package org.hearthmail.mailstore.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hearthmail.mailstore.store.StoreOptions;
import org.hearthmail.mailstore.store.memory.MemoryMailStore;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.proxy.ProxyProtocolConfig;
import org.junit.jupiter.api.Test;

/** Timeouts, connection and error limits, login throttling, and the PROXY header before the greeting. */
class ImapLimitsTest {

    private static ImapTestServer server(java.util.function.UnaryOperator<ImapConfig.Builder> config) throws Exception {
        return new ImapTestServer(new MemoryMailStore(StoreOptions.defaults()), b -> config.apply(b.allowPlaintextAuth(true)));
    }

    @Test
    void silentClientIsLoggedOutWithBye() throws Exception {
        try (ImapTestServer s = server(b -> b.preAuthTimeout(Duration.ofMillis(300)));
             ImapClient c = s.connect()) {
            c.readLine();
            assertThat(c.readLine()).isEqualTo("* BYE Autologout, idle for too long");
            assertThat(c.readLine()).isNull();
        }
    }

    @Test
    void connectionsBeyondTheLimitGetBye() throws Exception {
        try (ImapTestServer s = server(b -> b.maxSessions(1));
             ImapClient first = s.connect()) {
            // The first session is counted once it is greeted; only then does the second connect
            // (two connections opened at once may be accepted in either order).
            assertThat(first.readLine()).startsWith("* OK");
            try (ImapClient second = s.connect()) {
                assertThat(second.readLine()).isEqualTo("* BYE Too many connections, try later");
                assertThat(second.readLine()).isNull();
            }
        }
    }

    @Test
    void tooManyBadCommandsCloseTheConnection() throws Exception {
        try (ImapTestServer s = server(b -> b.maxBadCommands(3));
             ImapClient c = s.connect()) {
            c.readLine();
            c.send("a X\r\nb X\r\nc X\r\n");
            assertThat(c.readLine()).startsWith("a BAD");
            assertThat(c.readLine()).startsWith("b BAD");
            assertThat(c.readLine()).startsWith("c BAD");
            assertThat(c.readLine()).isEqualTo("* BYE Too many invalid commands");
            assertThat(c.readLine()).isNull();
        }
    }

    @Test
    void repeatedWrongPasswordsAreThrottledWithoutCheckingThePassword() throws Exception {
        try (ImapTestServer s = server(b -> b);
             ImapClient c = s.connect()) {
            c.readLine();
            for (int i = 0; i < 4; i++) {
                assertThat(c.command("a" + i, "LOGIN " + ImapTestServer.USER + " wrong"))
                        .containsExactly("a" + i + " NO [AUTHENTICATIONFAILED] Authentication failed");
            }
            // Even the right password is not tried while the back-off lasts.
            assertThat(c.command("b", "LOGIN " + ImapTestServer.USER + " \"" + ImapTestServer.PASSWORD + "\""))
                    .containsExactly("b NO [UNAVAILABLE] Too many failed logins, try again later");
        }
    }

    @Test
    void behindAProxyListenerTheGreetingFollowsTheHeader() throws Exception {
        ProxyProtocolConfig proxy = ProxyProtocolConfig.trusting(CidrSet.of("127.0.0.1/32"))
                .withHeaderTimeout(Duration.ofMillis(500));
        try (ImapTestServer s = server(b -> b.proxyProtocol(proxy))) {
            try (ImapClient c = s.connect()) {
                c.send("PROXY TCP4 203.0.113.7 192.0.2.1 40000 143\r\n");
                assertThat(c.readLine()).startsWith("* OK [CAPABILITY");
                assertThat(c.command("a", "NOOP")).containsExactly("a OK NOOP completed");
            }
            try (ImapClient c = s.connect()) {
                // No header from a trusted proxy: no greeting, and the connection is dropped.
                assertThat(c.readLine()).isNull();
            }
        }
    }
}
