package org.hearthmail.authres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.hearthmail.dkim.DkimResult;
import org.hearthmail.dkim.DkimStatus;
import org.hearthmail.dmarc.DmarcPolicy;
import org.hearthmail.dmarc.DmarcResult;
import org.hearthmail.dmarc.DmarcVerdict;
import org.hearthmail.spf.SpfResult;
import org.hearthmail.spf.SpfVerdict;
import org.junit.jupiter.api.Test;

class AuthResultsTest {

    private static DkimResult dkim(DkimStatus s, String b) {
        return new DkimResult(s, s == DkimStatus.PASS ? "good signature" : "body hash did not verify",
                "example.test", "ed", b, "@example.test", "ed25519-sha256");
    }

    @Test
    void buildsAllMethodsFoldedOnePerLine() {
        String field = new AuthResultsBuilder("mx.example.org")
                .spfMailFrom(new SpfVerdict(SpfResult.PASS, SpfVerdict.Identity.MAILFROM, "example.test", Optional.empty(), "x"),
                        "<alice@example.test>")
                .spfHelo(new SpfVerdict(SpfResult.NONE, SpfVerdict.Identity.HELO, "mail.example.test", Optional.empty(), "x"))
                .dkim(List.of(dkim(DkimStatus.PASS, "abcdEFGHijkl"), dkim(DkimStatus.FAIL, "abcdEFGXzzzz")))
                .dmarc(new DmarcVerdict(DmarcResult.PASS, DmarcPolicy.NONE, "example.test", "example.test",
                        Optional.empty(), true, true, false, "x"))
                .build();
        assertThat(field).isEqualTo("Authentication-Results: mx.example.org;\r\n"
                + "\tspf=pass smtp.mailfrom=alice@example.test;\r\n"
                + "\tspf=none smtp.helo=mail.example.test;\r\n"
                + "\tdkim=pass header.d=example.test header.s=ed header.b=abcdEFGH;\r\n"
                + "\tdkim=fail reason=\"body hash did not verify\" header.d=example.test header.s=ed header.b=abcdEFGX;\r\n"
                + "\tdmarc=pass header.from=example.test\r\n");
    }

    @Test
    void headerBPrefixGrowsUntilUniqueAndIsQuotedWhenNeeded() {
        List<DkimResult> two = List.of(dkim(DkimStatus.PASS, "abcdefgh1xyz"), dkim(DkimStatus.PASS, "abcdefgh2xyz"));
        assertThat(AuthResultsBuilder.prefix("abcdefgh1xyz", two)).isEqualTo("abcdefgh1");
        String field = new AuthResultsBuilder("mx.test").dkim(List.of(dkim(DkimStatus.PASS, "ab/d+fgh=="))).build();
        assertThat(field).contains("header.b=\"ab/d+fgh\"");
    }

    @Test
    void unsignedMessageIsDkimNoneAndNoResultsIsNone() {
        assertThat(new AuthResultsBuilder("mx.test").dkim(List.of()).build()).contains("dkim=none");
        assertThat(new AuthResultsBuilder("mx.test").build()).isEqualTo("Authentication-Results: mx.test; none\r\n");
    }

    @Test
    void hostileValuesAreQuotedSoTheyCannotInjectResults() {
        SpfVerdict v = new SpfVerdict(SpfResult.FAIL, SpfVerdict.Identity.MAILFROM, "evil.test", Optional.empty(), "x");
        String field = new AuthResultsBuilder("mx.test").spfMailFrom(v, "\"a; dkim=pass\"@evil.test").build();
        assertThat(field).contains("smtp.mailfrom=evil.test").doesNotContain("dkim=pass");
        assertThat(AuthResValues.value("x\"; dmarc=pass")).isEqualTo("\"x\\\"; dmarc=pass\"");
        assertThatThrownBy(() -> new AuthResultsBuilder("mx.test; spf=pass")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parserFindsAuthservIdPastCommentsAndQuotes() {
        assertThat(AuthResultsParser.authservId("Authentication-Results: mx.example.org; spf=pass")).contains("mx.example.org");
        assertThat(AuthResultsParser.authservId(" (comment (nested)) mx.example.org 1; none")).contains("mx.example.org");
        assertThat(AuthResultsParser.authservId("\"mx.example.org\"; dkim=pass")).contains("mx.example.org");
        assertThat(AuthResultsParser.authservId("\r\n\tmx.example.org;")).contains("mx.example.org");
        assertThat(AuthResultsParser.authservId(" (unterminated mx.example.org;")).isEmpty();
        assertThat(AuthResultsParser.authservId("  ")).isEmpty();
    }

    @Test
    void forgedFieldClaimingOurIdIsRecognisedCaseInsensitively() {
        assertThat(AuthResultsParser.claims("MX.Example.ORG; dkim=pass", "mx.example.org")).isTrue();
        assertThat(AuthResultsParser.claims("other.example.org; dkim=pass", "mx.example.org")).isFalse();
        assertThat(AuthResultsParser.claims("mx.example.org.evil; dkim=pass", "mx.example.org")).isFalse();
    }

    @Test
    void builtFieldParsesBackToItsAuthservId() {
        String field = new AuthResultsBuilder("mx.example.org").dkim(List.of()).build();
        assertThat(AuthResultsParser.authservId(field)).contains("mx.example.org");
    }
}
