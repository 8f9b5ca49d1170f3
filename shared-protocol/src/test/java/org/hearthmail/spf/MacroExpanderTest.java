package org.hearthmail.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hearthmail.dns.InetAddressLiteral;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7208 §7.4. */
class MacroExpanderTest {

    private static final MacroContext V4 = new MacroContext("strong-bad@email.example.com", "email.example.com",
            InetAddressLiteral.parse("192.0.2.3"), "mx.example.org", "receiver.example.net", null, 1000);
    private static final MacroContext V6 = new MacroContext("strong-bad@email.example.com", "email.example.com",
            InetAddressLiteral.parse("2001:db8::cb01"), "mx.example.org", "receiver.example.net", null, 1000);

    private static String x(String s, MacroContext c) throws SpfPermError {
        return MacroExpander.expand(s, c, false);
    }

    @Test
    void rfc7208Section74Examples() throws SpfPermError {
        assertThat(x("%{s}", V4)).isEqualTo("strong-bad@email.example.com");
        assertThat(x("%{o}", V4)).isEqualTo("email.example.com");
        assertThat(x("%{d}", V4)).isEqualTo("email.example.com");
        assertThat(x("%{d4}", V4)).isEqualTo("email.example.com");
        assertThat(x("%{d3}", V4)).isEqualTo("email.example.com");
        assertThat(x("%{d2}", V4)).isEqualTo("example.com");
        assertThat(x("%{d1}", V4)).isEqualTo("com");
        assertThat(x("%{dr}", V4)).isEqualTo("com.example.email");
        assertThat(x("%{d2r}", V4)).isEqualTo("example.email");
        assertThat(x("%{l}", V4)).isEqualTo("strong-bad");
        assertThat(x("%{l-}", V4)).isEqualTo("strong.bad");
        assertThat(x("%{lr}", V4)).isEqualTo("strong-bad");
        assertThat(x("%{lr-}", V4)).isEqualTo("bad.strong");
        assertThat(x("%{l1r-}", V4)).isEqualTo("strong");
        assertThat(x("%{ir}.%{v}._spf.%{d2}", V4)).isEqualTo("3.2.0.192.in-addr._spf.example.com");
        assertThat(x("%{lr-}.lp._spf.%{d2}", V4)).isEqualTo("bad.strong.lp._spf.example.com");
        assertThat(x("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", V4))
                .isEqualTo("bad.strong.lp.3.2.0.192.in-addr._spf.example.com");
        assertThat(x("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", V4))
                .isEqualTo("3.2.0.192.in-addr.strong.lp._spf.example.com");
        assertThat(x("%{d2}.trusted-domains.example.net", V4)).isEqualTo("example.com.trusted-domains.example.net");
        assertThat(x("%{ir}.%{v}._spf.%{d2}", V6)).isEqualTo(
                "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @Test
    void escapesAndUppercaseUrlEscaping() throws SpfPermError {
        assertThat(x("%%%_%-", V4)).isEqualTo("% %20");
        assertThat(x("%{H}", V4)).isEqualTo("mx.example.org");
        MacroContext odd = V4.withDomain("a b.example");
        assertThat(x("%{D}", odd)).isEqualTo("a%20b.example");
        assertThat(x("%{h}", V4)).isEqualTo("mx.example.org");
    }

    @Test
    void explanationOnlyLettersAreRejectedOutsideExplanations() throws SpfPermError {
        assertThatThrownBy(() -> x("%{c}", V4)).isInstanceOf(SpfPermError.class);
        assertThat(MacroExpander.expand("%{c} %{r} %{t}", V6, true)).isEqualTo("2001:db8::cb01 receiver.example.net 1000");
    }

    @Test
    void syntaxErrorsArePermerrors() {
        for (String bad : new String[] {"%", "%{", "%{d", "%{x}", "%{d0}", "%{d2q}", "%a", "a b"}) {
            assertThatThrownBy(() -> MacroExpander.validate(bad, false)).as(bad).isInstanceOf(SpfPermError.class);
        }
    }
}
