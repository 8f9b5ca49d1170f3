package org.hearthmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearthmail.smtp.client.SmtpClient.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hearthmail.smtp.EnhancedStatus;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against Postfix's smtp-sink, a real third-party SMTP server, on loopback. */
class SmtpSinkTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static SmtpSink sink;
    private static EventLoopGroup group;
    private static SmtpClientConfig config;

    @BeforeAll
    static void startSink() throws Exception {
        Assumptions.assumeTrue(SmtpSink.available(), "smtp-sink not installed (Debian package postfix)");
        sink = SmtpSink.start();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        config = SmtpClientConfig.defaults().withTimeouts(SmtpTimeouts.uniform(T));
    }

    @AfterAll
    static void stopSink() throws Exception {
        if (sink != null) {
            sink.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @BeforeEach
    void clean() throws IOException {
        sink.clearDumps();
    }

    private static SmtpClient connect() throws Exception {
        return await(SmtpClient.connect(group, config, "127.0.0.1", sink.port(), T));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void plainSessionReadsGreetingCapabilitiesAndDeliversOneMessage() throws Exception {
        try (SmtpClient c = connect()) {
            assertThat(c.greeting().code()).isEqualTo(220);
            Capabilities caps = await(c.ehlo("client.example"));
            assertThat(caps.esmtp()).isTrue();
            assertThat(caps.serverName()).isEqualTo("smtp-sink");
            assertThat(caps.pipelining()).isTrue();
            assertThat(caps.eightBitMime()).isTrue();
            assertThat(caps.enhancedStatusCodes()).isTrue();
            assertThat(caps.dsn()).isTrue();
            assertThat(caps.authMechanisms()).containsExactlyInAnyOrder("PLAIN", "LOGIN");
            assertThat(caps.xclientAttributes()).containsExactlyInAnyOrder("NAME", "HELO");
            assertThat(caps.chunking()).as("Postfix 3.7 smtp-sink has no CHUNKING").isFalse();

            Reply mail = await(c.mail("sender@example.org", List.of("BODY=8BITMIME")));
            assertThat(mail.code()).isEqualTo(250);
            assertThat(mail.status()).isEqualTo(EnhancedStatus.of("2.1.0"));
            assertThat(await(c.rcpt("rcpt@example.net", List.of("NOTIFY=NEVER"))).status()).isEqualTo(EnhancedStatus.of("2.1.5"));
            Reply data = await(c.data(MessageBody.of("Subject: hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII))));
            assertThat(data.code()).isEqualTo(250);
            assertThat(await(c.noop()).code()).isEqualTo(250);
            assertThat(await(c.quit()).code()).isEqualTo(221);
        }
        String dump = text(sink.awaitDumps(1).get(0));
        assertThat(dump).contains("X-Helo-Args: client.example\n", "X-Mail-Args: <sender@example.org> BODY=8BITMIME\n",
                "X-Rcpt-Args: <rcpt@example.net> NOTIFY=NEVER\n");
        assertThat(dump).endsWith("Subject: hi\n\nHello\n\n");
    }

    @Test
    void pipelinedTransactionWithManyRecipientsReportsEachInOrder() throws Exception {
        List<Envelope.Recipient> rcpts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rcpts.add(Envelope.Recipient.of("user" + i + "@example.net"));
        }
        try (SmtpClient c = connect()) {
            await(c.ehlo("client.example"));
            TransactionResult r = await(c.send(new Envelope("s@example.org", List.of(), rcpts),
                    MessageBody.of("Subject: many\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII))));
            assertThat(r.delivered()).isTrue();
            assertThat(r.recipients()).hasSize(300).allMatch(TransactionResult.RecipientResult::accepted);
            assertThat(r.recipients().get(299).recipient().address()).isEqualTo("user299@example.net");
            // the session is reusable for a second transaction
            assertThat(await(c.send(Envelope.of("", "x@example.net"), MessageBody.of(new byte[0]))).delivered()).isTrue();
        }
        List<byte[]> dumps = sink.awaitDumps(2);
        String all = text(dumps.get(0)) + text(dumps.get(1));
        assertThat(all.split("X-Rcpt-Args: ", -1)).hasSize(302);
        assertThat(all).contains("X-Rcpt-Args: <user0@example.net>\nX-Rcpt-Args: <user1@example.net>\n",
                "X-Rcpt-Args: <user299@example.net>\n", "X-Mail-Args: <>\n");
    }

    @Test
    void multiMegabyteBodyArrivesByteExactWithDotLinesIntact(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("big.eml");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random rnd = new Random(42);
        try (OutputStream out = Files.newOutputStream(file)) {
            String head = "Subject: big\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            expected.writeBytes("Subject: big\n\n".getBytes(StandardCharsets.US_ASCII));
            String[] specials = {".", "..", ".leading dot", "...", " .", ".\t"};
            long size = 0;
            for (int i = 0; size < 6_000_000; i++) {
                String line = i % 97 == 0 ? specials[(i / 97) % specials.length]
                        : randomLine(rnd, 1 + rnd.nextInt(200));
                byte[] b = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
                out.write(b);
                expected.writeBytes((line + "\n").getBytes(StandardCharsets.US_ASCII));
                size += b.length;
            }
        }
        try (SmtpClient c = connect()) {
            await(c.ehlo("client.example"));
            TransactionResult r = await(c.send(Envelope.of("a@example.org", "b@example.net"), MessageBody.of(file)));
            assertThat(r.delivered()).isTrue();
        }
        String dump = text(sink.awaitDumps(1).get(0));
        int start = dump.indexOf("Subject: big\n");
        // smtp-sink writes lines with LF and appends one empty line after the content
        assertThat(dump.substring(start)).isEqualTo(text(expected.toByteArray()) + "\n");
    }

    private static String randomLine(Random rnd, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) (' ' + rnd.nextInt(95)));
        }
        return sb.toString();
    }

    @Test
    void allRecipientsRefusedMeansNoDataIsSentAndTheTransactionIsReset() throws Exception {
        try (SmtpSink refusing = SmtpSink.start("-f", "RCPT");
             SmtpClient c = await(SmtpClient.connect(group, config, "127.0.0.1", refusing.port(), T))) {
            Capabilities caps = await(c.ehlo("client.example"));
            assertThat(caps.pipelining()).as("-f implies -p").isFalse();
            TransactionResult r = await(c.send(Envelope.of("a@example.org", "b@example.net", "c@example.net"),
                    MessageBody.of("x\r\n".getBytes(StandardCharsets.US_ASCII))));
            assertThat(r.delivered()).isFalse();
            assertThat(r.recipients()).allMatch(rr -> rr.reply().code() == 500);
            assertThat(r.message()).isEmpty();
            assertThat(await(c.mail("next@example.org", List.of())).code()).as("RSET cleared the transaction").isEqualTo(250);
        }
    }

    @Test
    void refusedGreetingFailsTheConnectWithTheReply() throws Exception {
        try (SmtpSink refusing = SmtpSink.start("-f", "CONNECT")) {
            assertThatThrownBy(() -> await(SmtpClient.connect(group, config, "127.0.0.1", refusing.port(), T)))
                    .isInstanceOf(SmtpReplyException.class)
                    .satisfies(e -> assertThat(((SmtpReplyException) e).reply().isPermanentFailure()).isTrue());
        }
    }

    @Test
    void xclientAnsweredWith250InsteadOf220IsRefused() throws Exception {
        // smtp-sink answers XCLIENT with 250; Postfix's smtpd (XCLIENT_README) answers 220.
        try (SmtpClient c = connect()) {
            await(c.ehlo("client.example"));
            assertThatThrownBy(() -> await(c.xclient(List.of("XCLIENT NAME=mx.example.org"))))
                    .isInstanceOf(SmtpReplyException.class).hasMessageContaining("250");
        }
    }

    @Test
    void serverThatDisconnectsFailsTheCommandWithAConnectionError() throws Exception {
        try (SmtpSink dropping = SmtpSink.start("-q", "MAIL");
             SmtpClient c = await(SmtpClient.connect(group, config, "127.0.0.1", dropping.port(), T))) {
            await(c.ehlo("client.example"));
            assertThatThrownBy(() -> await(c.mail("a@example.org", List.of())))
                    .isInstanceOf(SmtpConnectionException.class);
            assertThat(c.isOpen()).isFalse();
        }
    }

    @Test
    void poolReusesAnIdleSessionAfterAnRsetCheck() throws Exception {
        SmtpClientPool.Destination dest = new SmtpClientPool.Destination("127.0.0.1", sink.port());
        SmtpClientPool.Opener opener = d -> SmtpClient.connect(group, config, d.host(), d.port(), T)
                .thenCompose(c -> c.ehlo("client.example").thenApply(caps -> c));
        try (SmtpClientPool pool = new SmtpClientPool(opener, 2, Duration.ofSeconds(30), Duration.ofMillis(800))) {
            SmtpClient first;
            try (SmtpClientPool.Lease l = await(pool.acquire(dest))) {
                first = l.client();
                assertThat(await(first.send(Envelope.of("a@example.org", "b@example.net"),
                        MessageBody.of("x\r\n".getBytes(StandardCharsets.US_ASCII)))).delivered()).isTrue();
            }
            assertThat(pool.idle(dest)).isEqualTo(1);
            try (SmtpClientPool.Lease l = await(pool.acquire(dest));
                 SmtpClientPool.Lease l2 = await(pool.acquire(dest))) {
                assertThat(l.client()).isSameAs(first);
                assertThat(l2.client()).isNotSameAs(first);
                assertThat(pool.size(dest)).isEqualTo(2);
                // at the limit, a third acquire waits and times out
                SmtpClientPool small = pool;
                assertThat(small.acquire(dest)).failsWithin(Duration.ofSeconds(5))
                        .withThrowableThat().havingCause().isInstanceOf(SmtpTimeoutException.class);
            }
            assertThat(pool.idle(dest)).isEqualTo(2);
        }
    }
}
