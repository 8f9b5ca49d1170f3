package org.hearthmail.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Message content: end-of-data detection, smuggling defences, limits and BDAT (RFC 3030). */
class SmtpDataAndSmugglingTest {

    private SmtpHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private SmtpHarness inData(SmtpServerConfig config) {
        h = new SmtpHarness(config);
        h.replies();
        h.ehlo();
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n").replies();
        return h;
    }

    private SmtpHarness inData() {
        return inData(SmtpHarness.config().build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\n.\n", "\r.\r", "\n.\r\n", "\r.\n", "\r\n.\n", "\n.\r"})
    void smugglingSequencesDoNotEndDataAndTheMessageIsRefused(String smuggle) {
        inData();
        String text = "Subject: x\r\n\r\nhello" + smuggle + "MAIL FROM:<evil@example.org>\r\nRCPT TO:<victim@example.test>\r\nDATA\r\n";
        h.send(text);
        // Nothing ended the data: no reply yet, and the injected commands were not run.
        assertThat(h.replies()).isEmpty();
        h.send("more\r\n.\r\n").expect("554 5.6.0 Bare CR or LF in message data is not allowed; use CRLF");
        assertThat(h.handler.stored).isEmpty();
        assertThat(h.handler.aborted).isEqualTo(1);
        // The session is healthy afterwards.
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n").replies();
        h.send("ok\r\n.\r\n").expect("250 2.0.0 Message accepted");
        assertThat(h.handler.stored).hasSize(1);
    }

    @Test
    void nulBytesInContentAreKeptExactly() {
        inData();
        h.send("a\0b\r\n.\r\n").expect("250 2.0.0 Message accepted");
        assertThat(h.handler.stored.get(0).text()).isEqualTo("a\0b\r\n");
    }

    @Test
    void eightBitContentIsKeptExactly() {
        inData();
        byte[] body = {'S', ':', ' ', (byte) 0xE9, (byte) 0xFF, '\r', '\n', '.', '\r', '\n'};
        h.sendBytes(body).expect("250 2.0.0 Message accepted");
        assertThat(h.handler.stored.get(0).content()).containsExactly('S', ':', ' ', (byte) 0xE9, (byte) 0xFF, '\r', '\n');
    }

    @Test
    void textLineOver1000OctetsIsRefusedWith554_5_6_0() {
        inData();
        h.send("x".repeat(998) + "\r\n").send(".\r\n").expect("250 2.0.0 Message accepted");
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n").replies();
        h.send("x".repeat(998) + "y\r\n.\r\n").expect("554 5.6.0 Line too long in message data (limit 1000 octets)");
    }

    @Test
    void aGibibyteStreamAgainstA10MibLimitGets552AndMemoryStaysBounded() {
        long limit = 10L * 1024 * 1024;
        h = new SmtpHarness(SmtpHarness.config().maxMessageSize(limit).build(),
                new RecordingHandler(false, m -> true), new java.net.InetSocketAddress("192.0.2.10", 40000));
        h.replies();
        h.ehlo();
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n").replies();
        byte[] block = ("y".repeat(78) + "\r\n").repeat(64 * 1024 / 80 + 1).substring(0, 64 * 1024 - 64 * 1024 % 80).getBytes();
        long sent = 0;
        long heapBefore = usedHeap();
        long maxHeapGrowth = 0;
        while (sent < 1024L * 1024 * 1024) {
            h.channel.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(block));
            sent += block.length;
            if ((sent / block.length) % 2048 == 0) {
                h.channel.runPendingTasks();
                maxHeapGrowth = Math.max(maxHeapGrowth, usedHeap() - heapBefore);
            }
        }
        h.send("\r\n.\r\n").expect("552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(h.handler.countedBytes).isLessThanOrEqualTo(limit);
        assertThat(h.handler.stored).isEmpty();
        assertThat(maxHeapGrowth).as("heap growth while streaming 1 GiB").isLessThan(256L * 1024 * 1024);
        h.send("NOOP\r\n").expect("250 2.0.0 OK");
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    // ---- BDAT (RFC 3030) ----

    private SmtpHarness readyForBdat() {
        h = new SmtpHarness(SmtpHarness.config().build());
        h.replies();
        h.ehlo();
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\n").replies();
        return h;
    }

    @Test
    void bdatChunksMakeOneMessage() {
        readyForBdat();
        h.send("BDAT 7\r\nSubject").expect("250 2.0.0 7 octets received");
        h.send("BDAT 12 LAST\r\n: x\r\n\r\n.hi\r\n").expect("250 2.0.0 Message accepted");
        assertThat(h.handler.stored.get(0).text()).isEqualTo("Subject: x\r\n\r\n.hi\r\n");
    }

    @Test
    void pipelinedBdatChunksAreAnsweredInOrder() {
        readyForBdat();
        h.send("BDAT 3\r\nab\rBDAT 3 LAST\r\n\ncdNOOP\r\n")
                .expect("250 2.0.0 3 octets received", "250 2.0.0 Message accepted", "250 2.0.0 OK");
        assertThat(h.handler.stored.get(0).text()).isEqualTo("ab\r\ncd");
    }

    @Test
    void crlfSplitAcrossBdatChunksIsFine() {
        readyForBdat();
        h.send("BDAT 3\r\nab\rBDAT 5 LAST\r\n\ncd\r\n")
                .expect("250 2.0.0 3 octets received", "250 2.0.0 Message accepted");
        assertThat(h.handler.stored.get(0).text()).isEqualTo("ab\r\ncd\r\n");
    }

    @Test
    void bdatWithBareLfIsRefused() {
        readyForBdat();
        h.send("BDAT 9 LAST\r\nab\ncd\r\n\r\n").expect("554 5.6.0 Bare CR or LF in message data is not allowed; use CRLF");
        assertThat(h.handler.stored).isEmpty();
    }

    @Test
    void bdatOutOfSequenceConsumesTheChunkThenSays503() {
        h = new SmtpHarness(SmtpHarness.config().build());
        h.replies();
        h.ehlo();
        h.send("BDAT 6 LAST\r\nNOOP\r\nNOOP\r\n").expect("503 5.5.1 Need MAIL and RCPT before BDAT", "250 2.0.0 OK");
    }

    @Test
    void dataInsideABdatTransactionIs503() {
        readyForBdat();
        h.send("BDAT 2\r\nab").replies();
        h.send("DATA\r\nRSET\r\n").expect("503 5.5.1 Only BDAT, RSET, NOOP or QUIT inside a BDAT transaction", "250 2.0.0 Reset OK");
        assertThat(h.handler.aborted).isEqualTo(1);
    }

    @Test
    void bdatSyntaxErrorClosesTheConnection() {
        readyForBdat();
        h.send("BDAT ten\r\n").expectCodes("501 5.5.4 Syntax: BDAT");
        assertThat(h.open()).isFalse();
    }

    @Test
    void bdatOverTheSizeLimitIs552() {
        h = new SmtpHarness(SmtpHarness.config().maxMessageSize(10).build());
        h.replies();
        h.ehlo();
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\n").replies();
        h.send("BDAT 8\r\n12345678BDAT 8 LAST\r\n1234567\n").expect("250 2.0.0 8 octets received",
                "552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(h.handler.stored).isEmpty();
    }

    @Test
    void emptyLastChunkEndsTheMessage() {
        readyForBdat();
        h.send("BDAT 4\r\nhi\r\nBDAT 0 LAST\r\n").expect("250 2.0.0 4 octets received", "250 2.0.0 Message accepted");
        assertThat(h.handler.stored.get(0).text()).isEqualTo("hi\r\n");
    }
}
