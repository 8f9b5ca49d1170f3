package org.hearthmail.relay.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientStatus;
import org.hearthmail.relay.queue.SuppressionList;
import org.hearthmail.smtp.client.Envelope;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.hearthmail.smtp.client.SmtpReplyException;
import org.hearthmail.smtp.client.TransactionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real listener on loopback, driven by our real SMTP client as the mailstore would. */
class OutboundListenerTest {
    @TempDir
    Path dir;
    QueueStore queue;
    SuppressionList suppression;
    OutboundListener listener;
    InetSocketAddress addr;

    @BeforeEach
    void start() throws Exception {
        queue = QueueStore.open(dir.resolve("queue"));
        suppression = SuppressionList.open(dir.resolve("suppressed"));
        listener = OutboundFixture.listener(queue, suppression);
        addr = listener.start();
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    @Test
    void messageIsOnDiskWithEnvelopeWhenTheListenerAnswers250() throws Exception {
        try (SmtpClient c = OutboundFixture.handOff(addr, OutboundFixture.RELAY, OutboundFixture.SECRET)) {
            Envelope env = new Envelope("alice@home.example.test", List.of("RET=HDRS", "ENVID=abc123"), List.of(
                    new Envelope.Recipient("bob@remote.example.test", List.of("NOTIFY=FAILURE,DELAY")),
                    Envelope.Recipient.of("carol@other.example.test")));
            TransactionResult r = c.send(env, MessageBody.of(OutboundFixture.message("one").getBytes())).get();
            assertThat(r.message().orElseThrow().code()).isEqualTo(250);
            String id = r.message().orElseThrow().text().replaceAll(".*Queued as ", "").trim();

            QueuedMessage m = queue.find(id).orElseThrow();
            assertThat(m.sender()).isEqualTo("alice@home.example.test");
            assertThat(m.ret()).isEqualTo("HDRS");
            assertThat(m.envId()).isEqualTo("abc123");
            assertThat(m.recipients()).extracting(x -> x.address())
                    .containsExactly("bob@remote.example.test", "carol@other.example.test");
            assertThat(m.recipients().get(0).notifyOn()).containsExactlyInAnyOrder("FAILURE", "DELAY");
            assertThat(m.recipients()).allMatch(x -> x.status() == RecipientStatus.PENDING);
            String content = Files.readString(queue.contentPath(id));
            assertThat(content).startsWith("Received: from mailstore.example.test").contains("Subject: one\r\n\r\nHello one");
            assertThat(m.size()).isEqualTo(Files.size(queue.contentPath(id)));
        }
    }

    @Test
    void wrongSecretIsRefusedWith535AndNothingIsQueued() {
        assertThatThrownBy(() -> OutboundFixture.handOff(addr, OutboundFixture.RELAY, "not the secret at all!!"))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SmtpReplyException.class)
                .hasMessageContaining("535");
        assertThatThrownBy(() -> OutboundFixture.handOff(addr, "other-relay", OutboundFixture.SECRET))
                .cause().hasMessageContaining("535");
        assertThat(queue.list()).isEmpty();
    }

    @Test
    void mailWithoutStartTlsIsRefusedWith530() throws Exception {
        try (SmtpClient c = SmtpClient.connect(addr.getHostString(), addr.getPort(), Duration.ofSeconds(5)).get()) {
            c.ehlo("mailstore.example.test").get();
            assertThat(c.mail("alice@home.example.test", List.of()).get().code()).isEqualTo(530);
        }
    }

    @Test
    void suppressedRecipientIsRefusedAtRcptAndOthersAreQueued() throws Exception {
        suppression.add("Gone@Remote.example.test");
        try (SmtpClient c = OutboundFixture.handOff(addr, OutboundFixture.RELAY, OutboundFixture.SECRET)) {
            TransactionResult r = OutboundFixture.send(c, "alice@home.example.test", OutboundFixture.message("two"),
                    "gone@remote.example.test", "bob@remote.example.test");
            assertThat(r.recipients().get(0).reply().code()).isEqualTo(550);
            assertThat(r.recipients().get(0).reply().status().toString()).isEqualTo("5.1.1");
            assertThat(r.message().orElseThrow().code()).isEqualTo(250);
        }
        assertThat(queue.list()).singleElement().satisfies(m ->
                assertThat(m.recipients()).extracting(x -> x.address()).containsExactly("bob@remote.example.test"));
    }
}
