package org.hearthmail.relay.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorDomainTest {

    @Test
    void singleAddressGivesItsLowerCaseDomain() {
        assertThat(AuthorDomain.of(List.of("Bob <Bob@Example.ORG>"))).isEqualTo(new AuthorDomain.Single("example.org"));
    }

    @Test
    void unicodeDomainIsConvertedToAnALabel() {
        assertThat(AuthorDomain.of(List.of("bob@bücher.example"))).isEqualTo(new AuthorDomain.Single("xn--bcher-kva.example"));
    }

    @Test
    void emptyGroupAndGarbageHaveNoAuthorDomain() {
        assertThat(AuthorDomain.of(List.of())).isInstanceOf(AuthorDomain.Missing.class);
        assertThat(AuthorDomain.of(List.of("undisclosed-recipients:;"))).isInstanceOf(AuthorDomain.Missing.class);
        assertThat(AuthorDomain.of(List.of("just a name"))).isInstanceOf(AuthorDomain.Missing.class);
        assertThat(AuthorDomain.of(List.of("<bob@"))).isInstanceOf(AuthorDomain.Missing.class);
    }

    @Test
    void headerCaptureUnfoldsAndStopsAtTheBody() {
        HeaderCapture h = new HeaderCapture(1024);
        byte[] b = "Subject: x\r\nfrom: a\r\n b <a@x.test>\r\n\r\nFrom: body@y.test\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte x : b) {
            h.update(new byte[] {x}, 0, 1);
        }
        assertThat(h.values("From")).containsExactly("a b <a@x.test>");
        assertThat(h.overflowed()).isFalse();
    }

    @Test
    void headerCaptureIsBounded() {
        HeaderCapture h = new HeaderCapture(16);
        byte[] b = "X-Long: 0123456789012345678901234567890\r\nFrom: a@x.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        h.update(b, 0, b.length);
        assertThat(h.overflowed()).isTrue();
        assertThat(h.values("From")).isEmpty();
    }
}
