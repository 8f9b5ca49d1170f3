package org.hearthmail.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmtpSessionTranscriptTest {

    private SmtpHarness h;

    private SmtpHarness start() {
        h = new SmtpHarness(SmtpHarness.config().build());
        return h;
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void greetingIs220WithHostName() {
        start().expect("220 mx.example.test ESMTP ready");
    }

    @Test
    void ehloAdvertisesTheExtensionsButNotTlsAuthOrXclientWhenNotConfigured() {
        start().replies();
        h.send("EHLO client.example\r\n").expect(
                "250-mx.example.test greets client.example",
                "250-PIPELINING",
                "250-SIZE 26214400",
                "250-8BITMIME",
                "250-SMTPUTF8",
                "250-ENHANCEDSTATUSCODES",
                "250-CHUNKING",
                "250-DSN",
                "250 HELP");
    }

    @Test
    void heloGetsAPlain250AndRepliesWithoutEnhancedCodes() {
        start().replies();
        h.send("HELO client.example\r\n").expect("250 mx.example.test");
        h.send("FOO\r\n").expect("500 Command unrecognized");
    }

    @Test
    void ehloWithoutArgumentIs501() {
        start().replies();
        h.send("EHLO\r\n").expectCodes("501 ");
    }

    @Test
    void mailBeforeEhloIs503() {
        start().replies();
        h.send("MAIL FROM:<a@example.org>\r\n").expect("503 Send EHLO or HELO first");
    }

    @Test
    void rcptBeforeMailIs503_5_5_1() {
        start().ehlo();
        h.send("RCPT TO:<b@example.test>\r\n").expect("503 5.5.1 Need MAIL before RCPT");
    }

    @Test
    void dataWithoutAcceptedRecipientIs554_5_5_1() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<unknown@example.test>\r\nDATA\r\n")
                .expect("250 2.1.0 Sender OK", "550 5.1.1 Mailbox unavailable", "554 5.5.1 No valid recipients");
        h.send("RSET\r\n").expect("250 2.0.0 Reset OK");
    }

    @Test
    void nestedMailIs503() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org>\r\nMAIL FROM:<a@example.org>\r\n")
                .expect("250 2.1.0 Sender OK", "503 5.5.1 Nested MAIL command");
    }

    @Test
    void pipelinedTransactionIsAnsweredInOrderAndStoredUnstuffed() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org> SIZE=100\r\nRCPT TO:<b@example.test>\r\nRCPT TO:<unknown@example.test>\r\n"
                        + "RCPT TO:<c@example.test>\r\nDATA\r\n")
                .expect("250 2.1.0 Sender OK", "250 2.1.5 Recipient OK", "550 5.1.1 Mailbox unavailable",
                        "250 2.1.5 Recipient OK", "354 Start mail input; end with <CRLF>.<CRLF>");
        h.send("Subject: hi\r\n\r\n..leading dot\r\n.\r\n").expect("250 2.0.0 Message accepted");
        assertThat(h.handler.stored).hasSize(1);
        RecordingHandler.Stored m = h.handler.stored.get(0);
        assertThat(m.text()).isEqualTo("Subject: hi\r\n\r\n.leading dot\r\n");
        assertThat(m.envelope().recipients()).extracting(r -> r.recipient().toString())
                .containsExactly("b@example.test", "c@example.test");
        assertThat(m.envelope().mailFrom().size()).isEqualTo(100);
    }

    @Test
    void emptyMessageIsAccepted() {
        start().ehlo();
        h.send("MAIL FROM:<>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n").replies();
        h.send(".\r\n").expect("250 2.0.0 Message accepted");
        assertThat(h.handler.stored.get(0).content()).isEmpty();
        assertThat(h.handler.stored.get(0).envelope().mailFrom().isNullSender()).isTrue();
    }

    @Test
    void contentSplitAtEveryPositionIsFramedIdentically() {
        String body = "From: a\r\n\r\n.\r\n..\r\n...x\r\nend.\r\n.x\r\n";
        String wire = body.replace("\r\n.", "\r\n..").replaceFirst("^\\.", "..") + ".\r\n";
        String expected = body;
        for (int size = 1; size <= wire.length(); size++) {
            start().ehlo();
            h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\nDATA\r\n").replies();
            h.sendSplit(wire, size);
            assertThat(h.replies()).as("split %d", size).isEqualTo("250 2.0.0 Message accepted\r\n");
            assertThat(h.handler.stored.get(0).text()).as("split %d", size).isEqualTo(expected);
            h.close();
        }
        h = null;
    }

    @Test
    void unknownCommandIs500_5_5_1() {
        start().ehlo();
        h.send("FROB x\r\n").expect("500 5.5.1 Command unrecognized");
    }

    @Test
    void commandLineOver512OctetsIs500_5_5_2AndTheSessionGoesOn() {
        start().ehlo();
        h.send("NOOP " + "x".repeat(600) + "\r\n").expect("500 5.5.2 Line too long (limit 512 octets)");
        h.send("NOOP\r\n").expect("250 2.0.0 OK");
    }

    @Test
    void overLongLineArrivingInPiecesIsDiscardedAsItArrives() {
        start().ehlo();
        for (int i = 0; i < 100; i++) {
            h.send("y".repeat(10_000));
        }
        h.send("\r\nNOOP\r\n").expect("500 5.5.2 Line too long (limit 512 octets)", "250 2.0.0 OK");
    }

    @Test
    void mailWithExtensionParametersMayExceed512Octets() {
        start().ehlo();
        String envid = "E".repeat(100);
        String local = "l".repeat(64);
        h.send("MAIL FROM:<" + local + "@" + "d".repeat(60) + ".example.org> SIZE=10 RET=HDRS ENVID=" + envid
                + " AUTH=<> BODY=8BITMIME " + "\r\n").expect("250 2.1.0 Sender OK");
    }

    @Test
    void bareLfEndedCommandIs500_5_5_2() {
        start().ehlo();
        h.send("NOOP\n").expect("500 5.5.2 Syntax error: line must end with CRLF");
    }

    @Test
    void nulInCommandIs500_5_5_2() {
        start().ehlo();
        h.send("NOOP\0x\r\n").expect("500 5.5.2 Syntax error: NUL in command line");
    }

    @Test
    void invalidUtf8InAddressIsRejected() {
        start().ehlo();
        h.sendBytes(new byte[] {'M', 'A', 'I', 'L', ' ', 'F', 'R', 'O', 'M', ':', '<', (byte) 0xC3, (byte) 0x28, '@', 'x', '>', '\r', '\n'})
                .expect("500 5.5.2 Syntax error: command is not valid UTF-8");
    }

    @Test
    void nonAsciiAddressNeedsSmtpUtf8() {
        start().ehlo();
        h.send("MAIL FROM:<jörg@example.org>\r\n").expect("553 5.6.7 Non-ASCII address requires SMTPUTF8");
        h.send("MAIL FROM:<jörg@example.org> SMTPUTF8\r\nRCPT TO:<Ωmega@bücher.example>\r\n")
                .expect("250 2.1.0 Sender OK", "250 2.1.5 Recipient OK");
    }

    @Test
    void badAddressSyntaxIs501() {
        start().ehlo();
        h.send("MAIL FROM:<a..b@example.org>\r\n").expectCodes("501 5.1.7 Bad sender address syntax");
        h.send("MAIL FROM:a@example.org\r\n").expectCodes("501 5.1.7");
        h.send("MAIL FROM:<a@example.org\r\n").expectCodes("501 5.1.7");
        h.send("MAIL FROM:<>\r\nRCPT TO:<>\r\n").expectCodes("250 2.1.0", "501 5.1.3");
    }

    @Test
    void sourceRouteIsIgnoredAndPostmasterIsAccepted() {
        start().ehlo();
        h.send("MAIL FROM:<@relay.example:a@example.org>\r\nRCPT TO:<Postmaster>\r\n")
                .expect("250 2.1.0 Sender OK", "250 2.1.5 Recipient OK");
    }

    @Test
    void declaredSizeOverTheLimitIs552_5_3_4() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org> SIZE=999999999999\r\n").expectCodes("552 5.3.4");
    }

    @Test
    void unknownParameterIs555_5_5_4AndBinarymimeIsRefused() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org> FOO=bar\r\n").expect("555 5.5.4 Parameter FOO not recognized");
        h.send("MAIL FROM:<a@example.org> BODY=BINARYMIME\r\n").expectCodes("504 5.5.4");
        h.send("MAIL FROM:<a@example.org> SIZE=1 SIZE=2\r\n").expectCodes("501 5.5.4 Duplicate parameter SIZE");
    }

    @Test
    void aParameterRepeatedWithTheSameValueIsTakenOnce() {
        // Python's smtplib sends "SMTPUTF8 SMTPUTF8" for send_message(msg, mail_options=["SMTPUTF8"]).
        start().ehlo();
        h.send("MAIL FROM:<j\u00f6rg@example.org> SIZE=10 SMTPUTF8 SMTPUTF8 BODY=8BITMIME SIZE=10\r\n")
                .expect("250 2.1.0 Sender OK");
        h.send("RCPT TO:<b@example.test>\r\nDATA\r\n").replies();
        h.send("x\r\n.\r\n").expect("250 2.0.0 Message accepted");
        MailFrom m = h.handler.stored.get(0).envelope().mailFrom();
        assertThat(m.smtpUtf8()).isTrue();
        assertThat(m.size()).isEqualTo(10);
        assertThat(m.body()).isEqualTo("8BITMIME");
        h.send("MAIL FROM:<a@example.org> BODY=7BIT BODY=8BITMIME\r\n").expectCodes("501 5.5.4 Duplicate parameter BODY");
    }

    @Test
    void dsnParametersAreParsedAndKept() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org> RET=HDRS ENVID=QQ314159\r\n"
                + "RCPT TO:<b@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+40example.test\r\n"
                + "RCPT TO:<c@example.test> NOTIFY=NEVER\r\nDATA\r\n").replies();
        h.send("x\r\n.\r\n").expect("250 2.0.0 Message accepted");
        Envelope e = h.handler.stored.get(0).envelope();
        assertThat(e.mailFrom().ret()).isEqualTo("HDRS");
        assertThat(e.mailFrom().envId()).isEqualTo("QQ314159");
        assertThat(e.recipients().get(0).notifyOn()).containsExactlyInAnyOrder("SUCCESS", "FAILURE");
        assertThat(e.recipients().get(0).orcpt()).isEqualTo("rfc822;b+40example.test");
        assertThat(e.recipients().get(1).notifyOn()).containsExactly("NEVER");
    }

    @Test
    void badDsnParametersAre501() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org> RET=ALL\r\n").expectCodes("501 5.5.4");
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test> NOTIFY=NEVER,SUCCESS\r\n").expectCodes("250", "501 5.5.4");
        h.send("RCPT TO:<b@example.test> ORCPT=nosemicolon\r\n").expectCodes("501 5.5.4");
    }

    @Test
    void tenThousandRecipientsGet452AfterTheLimitAndTheTransactionStillWorks() {
        start().ehlo();
        StringBuilder sb = new StringBuilder("MAIL FROM:<a@example.org>\r\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("RCPT TO:<r").append(i).append("@example.test>\r\n");
        }
        h.send(sb.toString());
        String[] lines = h.replies().split("\r\n");
        assertThat(lines).hasSize(10_001);
        assertThat(lines[100]).isEqualTo("250 2.1.5 Recipient OK");
        assertThat(lines[101]).isEqualTo("452 4.5.3 Too many recipients");
        assertThat(lines[10_000]).isEqualTo("452 4.5.3 Too many recipients");
        assertThat(h.open()).isTrue();
        h.send("DATA\r\n").expectCodes("354");
        h.send("hi\r\n.\r\n").expect("250 2.0.0 Message accepted");
        assertThat(h.handler.stored.get(0).envelope().recipients()).hasSize(100);
    }

    @Test
    void vrfyIsDisabledWith252AndExpnWith502() {
        start().ehlo();
        h.send("VRFY root\r\nEXPN staff\r\nHELP\r\nNOOP ignored args\r\n")
                .expect("252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery",
                        "502 5.5.1 EXPN is disabled", "214 2.0.0 See RFC 5321", "250 2.0.0 OK");
    }

    @Test
    void quitSays221AndCloses() {
        start().ehlo();
        h.send("QUIT\r\n").expect("221 2.0.0 Bye");
        assertThat(h.open()).isFalse();
    }

    @Test
    void tooManyProtocolErrorsEndTheSessionWith421() {
        start().ehlo();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append("BOGUS\r\n");
        }
        String[] lines = h.send(sb.toString()).replies().split("\r\n");
        assertThat(lines).hasSize(10);
        assertThat(lines[8]).isEqualTo("500 5.5.1 Command unrecognized");
        assertThat(lines[9]).isEqualTo("421 4.7.0 Too many errors, closing connection");
        assertThat(h.open()).isFalse();
    }

    @Test
    void rsetAbandonsTheTransaction() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\nRSET\r\nDATA\r\n")
                .expect("250 2.1.0 Sender OK", "250 2.1.5 Recipient OK", "250 2.0.0 Reset OK",
                        "503 5.5.1 Need MAIL and RCPT before DATA");
    }

    @Test
    void dataWithArgumentsIs501AndTheSessionReadsCommandsAgain() {
        start().ehlo();
        h.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.test>\r\nDATA now\r\nNOOP\r\n")
                .expectCodes("250", "250", "501 5.5.4 DATA takes no arguments", "250 2.0.0 OK");
    }

    @Test
    void startTlsWhenNotOfferedIs502() {
        start().ehlo();
        h.send("STARTTLS\r\nNOOP\r\n").expect("502 5.5.1 STARTTLS not offered", "250 2.0.0 OK");
    }

    @Test
    void authWithoutTlsIs538EvenWhenConfigured() {
        h = new SmtpHarness(SmtpHarness.config()
                .authenticator((s, c) -> java.util.concurrent.CompletableFuture.completedFuture(new Authenticator.Result.Success(c.username())))
                .build());
        h.replies();
        h.send("EHLO c\r\n");
        assertThat(h.replies()).doesNotContain("AUTH");
        h.send("AUTH PLAIN AGFAYg==\r\nNOOP\r\n").expect("538 5.7.11 Encryption required for requested authentication mechanism", "250 2.0.0 OK");
    }

    @Test
    void xclientIsNotUnderstoodWhereNotConfigured() {
        start().ehlo();
        h.send("XCLIENT ADDR=192.0.2.1\r\n").expectCodes("5");
    }
}
