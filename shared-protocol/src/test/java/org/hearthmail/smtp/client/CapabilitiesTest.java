package org.hearthmail.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hearthmail.smtp.Reply;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static final Reply EHLO = new Reply(250, null, List.of("mx.example.org greets you", "PIPELINING",
            "SIZE 10240000", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "STARTTLS", "CHUNKING", "DSN",
            "auth plain LOGIN", "XCLIENT NAME ADDR PORT PROTO HELO", "!bad keyword"));

    @Test
    void ehloKeywordsAreParsedCaseInsensitively() {
        Capabilities c = Capabilities.parse(EHLO);
        assertThat(c.esmtp()).isTrue();
        assertThat(c.serverName()).isEqualTo("mx.example.org");
        assertThat(c.pipelining()).isTrue();
        assertThat(c.size()).hasValue(10240000);
        assertThat(c.eightBitMime()).isTrue();
        assertThat(c.smtpUtf8()).isTrue();
        assertThat(c.enhancedStatusCodes()).isTrue();
        assertThat(c.startTls()).isTrue();
        assertThat(c.chunking()).isTrue();
        assertThat(c.binaryMime()).isFalse();
        assertThat(c.dsn()).isTrue();
        assertThat(c.authMechanisms()).containsExactlyInAnyOrder("PLAIN", "LOGIN");
        assertThat(c.xclientAttributes()).containsExactlyInAnyOrder("NAME", "ADDR", "PORT", "PROTO", "HELO");
        assertThat(c.has("!bad")).isFalse();
        assertThat(c.keywords()).hasSize(10);
    }

    @Test
    void sizeWithoutNumberMeansNoFixedLimit() {
        Capabilities c = Capabilities.parse(new Reply(250, null, List.of("x", "SIZE")));
        assertThat(c.size()).hasValue(0);
        assertThat(Capabilities.parse(new Reply(250, null, List.of("x"))).size()).isEmpty();
    }

    @Test
    void heloFallbackHasNoExtensions() {
        Capabilities c = Capabilities.helo(Reply.of(250, "mx.example.org"));
        assertThat(c.esmtp()).isFalse();
        assertThat(c.pipelining()).isFalse();
        assertThat(c.authMechanisms()).isEmpty();
    }
}
