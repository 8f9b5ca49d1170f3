package org.hearthmail.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.Test;

class MessageSummaryTest {

    @Test
    void theLineCarriesTheFactsAndAddressesOnlyAsThePrivacyModeRendersThem() throws Exception {
        MessageSummary s = new MessageSummary("3f9a.1", "Q123", "in", Reply.of(250, "2.0.0", "Queued as Q123"), 5000, true,
                List.of("spf:pass", "dkim:fail"), InetAddress.getByName("198.51.100.9"), "bob@sender.example",
                List.of("alice@example.org", "carol@example.org"));
        assertThat(s.render(new LogPrivacy(AddressLogging.DOMAIN, Clock.systemUTC()))).isEqualTo(
                "msg id=3f9a.1 queue=Q123 dir=in result=250/2.0.0 size=1K-10K tls=yes auth=spf:pass,dkim:fail "
                        + "client=198.51.100.0/24 from=@sender.example to=@example.org rcpts=2");
    }

    @Test
    void anAbandonedMessageSaysSo() {
        MessageSummary s = new MessageSummary("a.2", null, "intake", null, 0, false, List.of(), null, "", List.of());
        assertThat(s.render(LogPrivacy.current())).isEqualTo(
                "msg id=a.2 dir=intake result=aborted size=0-1K tls=no auth=none client=- from=<> to=- rcpts=0");
    }

    @Test
    void authMethodsKeepMethodAndResultButNoPropertiesOrComments() {
        String field = "Authentication-Results: mx.example.org;\r\n spf=pass (sender SPF authorized) smtp.mailfrom=bob@sender.example;"
                + "\r\n dkim=pass header.d=sender.example header.s=sel; dmarc=pass header.from=sender.example";
        assertThat(MessageSummary.authMethods(field)).containsExactly("spf:pass", "dkim:pass", "dmarc:pass");
        assertThat(MessageSummary.authMethods("Authentication-Results: mx.example.org; none")).isEmpty();
    }

    @Test
    void sizesFallIntoBuckets() {
        assertThat(MessageSummary.sizeBucket(0)).isEqualTo("0-1K");
        assertThat(MessageSummary.sizeBucket(1024)).isEqualTo("1K-10K");
        assertThat(MessageSummary.sizeBucket(200_000)).isEqualTo("100K-1M");
        assertThat(MessageSummary.sizeBucket(50L << 20)).isEqualTo("10M+");
    }

    @Test
    void theLeadingAuthResultsFieldIsReadWithItsContinuationLines() {
        byte[] head = "Authentication-Results: mx; spf=pass\r\n\tsmtp.mailfrom=x@y; dkim=none\r\nReceived: x\r\n".getBytes();
        assertThat(SummarizingSessions.firstAuthResults(head)).isEqualTo(
                "Authentication-Results: mx; spf=pass\r\n\tsmtp.mailfrom=x@y; dkim=none");
        assertThat(SummarizingSessions.firstAuthResults("Received: x\r\n".getBytes())).isNull();
    }
}
