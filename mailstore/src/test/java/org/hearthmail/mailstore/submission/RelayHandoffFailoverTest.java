package org.hearthmail.mailstore.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearthmail.smtp.Reply;
import org.hearthmail.smtp.client.Envelope;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClientConfig;
import org.hearthmail.smtp.client.SmtpTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With two relays the hand-off moves on when the first is down or temporarily full, never after a refusal. */
class RelayHandoffFailoverTest {

    @TempDir
    Path dir;
    private FakeRelay first;
    private FakeRelay second;
    private Path credentials;

    @BeforeEach
    void relays() throws Exception {
        first = new FakeRelay();
        second = new FakeRelay();
        credentials = dir.resolve("relay-credentials");
        Files.writeString(credentials, "name = " + FakeRelay.NAME + "\nsecret = " + FakeRelay.SECRET + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private RelayHandoff handoff(RelayHandoff.Target... targets) {
        return new RelayHandoff(List.of(targets), "home.example.test",
                SmtpClientConfig.defaults().withTimeouts(SmtpTimeouts.uniform(Duration.ofSeconds(10))), Duration.ofSeconds(5));
    }

    private RelayHandoff.Target target(FakeRelay r) throws Exception {
        return new RelayHandoff.Target(r.address, r.fingerprint(), credentials);
    }

    private static OutboundMessage message() {
        byte[] body = "From: alice@example.test\r\nTo: carol@remote.test\r\nSubject: hi\r\n\r\nhello\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        return new OutboundMessage("alice@example.test", List.of(), List.of(),
                List.of(Envelope.Recipient.of("carol@remote.test")), MessageBody.of(body));
    }

    private static Reply send(RelayHandoff h) throws Exception {
        return h.handOff(message()).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aRelayThatCannotBeReachedIsSkipped() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
        Reply r = send(handoff(new RelayHandoff.Target(closed, first.fingerprint(), credentials), target(second)));
        assertThat(r.code()).isEqualTo(250);
        assertThat(second.accepted).hasSize(1);
        assertThat(second.accepted.get(0).envelope().recipients().get(0).recipient().toString()).isEqualTo("carol@remote.test");
    }

    @Test
    void aTemporaryRefusalMovesOnAndTheFirstRelayKeepsNothing() throws Exception {
        first.finalReply = Reply.of(452, "4.3.1", "Queue full");
        Reply r = send(handoff(target(first), target(second)));
        assertThat(r.code()).isEqualTo(250);
        assertThat(first.accepted).isEmpty();
        assertThat(second.accepted).hasSize(1);
    }

    @Test
    void aPermanentRefusalIsFinalAndNoOtherRelayIsAsked() throws Exception {
        first.finalReply = Reply.of(554, "5.6.0", "Content refused");
        Reply r = send(handoff(target(first), target(second)));
        assertThat(r.code()).isEqualTo(554);
        assertThat(r.text()).contains("Content refused");
        assertThat(second.accepted).isEmpty();
    }

    @Test
    void whenEveryRelayIsDownTheClientGetsTheTemporaryFailure() throws Exception {
        first.finalReply = Reply.of(451, "4.3.0", "Try later");
        second.finalReply = Reply.of(451, "4.3.0", "Try later");
        Reply r = send(handoff(target(first), target(second)));
        assertThat(r.code()).isEqualTo(451);
        assertThat(first.accepted).isEmpty();
        assertThat(second.accepted).isEmpty();
    }

    @Test
    void theFirstRelayThatTakesTheMessageIsTheOnlyOne() throws Exception {
        Reply r = send(handoff(target(first), target(second)));
        assertThat(r.code()).isEqualTo(250);
        assertThat(first.accepted).hasSize(1);
        assertThat(second.accepted).isEmpty();
    }
}
