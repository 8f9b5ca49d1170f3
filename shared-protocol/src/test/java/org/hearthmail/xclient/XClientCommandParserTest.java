package org.hearthmail.xclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import org.hearthmail.xclient.XClientSyntaxException.Problem;
import org.junit.jupiter.api.Test;

class XClientCommandParserTest {

    @Test
    void relaySessionAttributesAreParsed() throws Exception {
        XClientAttributes a = XClientCommandParser.parse(
                "ADDR=192.0.2.10 PORT=51234 NAME=mail.example.org HELO=mail.example.org PROTO=ESMTP"
                        + " DESTADDR=203.0.113.5 DESTPORT=25 LOGIN=alice");
        assertThat(a).isEqualTo(XClientAttributes.builder().addr(ip("192.0.2.10")).port(51234)
                .name("mail.example.org").helo("mail.example.org").proto(XClientProto.ESMTP)
                .destAddr(ip("203.0.113.5")).destPort(25).login("alice").build());
    }

    @Test
    void namesAndSpecialValuesAreCaseInsensitive() throws Exception {
        XClientAttributes a = XClientCommandParser.parse("addr=ipv6:2001:DB8::1 Name=[unavailable] proto=esmtp");
        assertThat(a.addr()).isEqualTo(XClientValue.of(ip("2001:db8::1")));
        assertThat(a.name()).isEqualTo(XClientValue.unavailable());
        assertThat(a.proto()).isEqualTo(XClientValue.of(XClientProto.ESMTP));
    }

    @Test
    void nameMayBeTemporarilyUnavailable() throws Exception {
        assertThat(XClientCommandParser.parse("NAME=[TEMPUNAVAIL]").name()).isEqualTo(XClientValue.tempUnavailable());
    }

    @Test
    void everyAttributeMayBeUnavailable() throws Exception {
        XClientAttributes a = XClientCommandParser.parse("NAME=[UNAVAILABLE] ADDR=[UNAVAILABLE] PORT=[UNAVAILABLE]"
                + " HELO=[UNAVAILABLE] PROTO=[UNAVAILABLE] LOGIN=[UNAVAILABLE] DESTADDR=[UNAVAILABLE]"
                + " DESTPORT=[UNAVAILABLE]");
        for (XClientAttribute attr : XClientAttribute.values()) {
            assertThat(a.value(attr)).as(attr.name()).isEqualTo(XClientValue.unavailable());
        }
    }

    @Test
    void unsentAttributesStayAbsent() throws Exception {
        XClientAttributes a = XClientCommandParser.parse("HELO=x.example");
        assertThat(a.addr().isSent()).isFalse();
        assertThat(a.name()).isEqualTo(XClientValue.absent());
    }

    @Test
    void xtextValuesAreDecoded() throws Exception {
        assertThat(XClientCommandParser.parse("LOGIN=al+2Bice+3D").login()).isEqualTo(XClientValue.of("al+ice="));
        assertThat(XClientCommandParser.parse("HELO=+5B192.0.2.1+5D").helo()).isEqualTo(XClientValue.of("[192.0.2.1]"));
    }

    @Test
    void extraSpacesBetweenAttributesAreTolerated() throws Exception {
        assertThat(XClientCommandParser.parse("  HELO=a.example   PROTO=SMTP ").proto())
                .isEqualTo(XClientValue.of(XClientProto.SMTP));
    }

    @Test
    void laterCommandsOverrideEarlierOnes() throws Exception {
        XClientAttributes merged = XClientCommandParser.parse("HELO=a.example PROTO=SMTP")
                .mergedWith(XClientCommandParser.parse("PROTO=ESMTP ADDR=192.0.2.1"));
        assertThat(merged).isEqualTo(XClientAttributes.builder().helo("a.example").proto(XClientProto.ESMTP)
                .addr(ip("192.0.2.1")).build());
    }

    @Test
    void malformedInputsAreEachRejectedWithAClearMessage() {
        rejects("", Problem.NO_ATTRIBUTES, "at least one");
        rejects("   ", Problem.NO_ATTRIBUTES, "at least one");
        rejects("ADDR", Problem.MALFORMED_ATTRIBUTE, "attribute=value");
        rejects("=192.0.2.1", Problem.MALFORMED_ATTRIBUTE, "attribute=value");
        rejects("COLOUR=blue", Problem.UNKNOWN_ATTRIBUTE, "COLOUR");
        rejects("HELO=a HELO=b", Problem.DUPLICATE_ATTRIBUTE, "HELO");
        rejects("LOGIN=a+4", Problem.BAD_XTEXT, "LOGIN");
        rejects("LOGIN=a=b", Problem.BAD_XTEXT, "LOGIN");
        rejects("ADDR=999.0.2.1", Problem.BAD_ADDRESS, "ADDR");
        rejects("ADDR=2001:db8::1", Problem.BAD_ADDRESS, "IPV6:");
        rejects("ADDR=IPV6:192.0.2.1", Problem.BAD_ADDRESS, "ADDR");
        rejects("ADDR=IPV6:fe80::1+25eth0", Problem.BAD_ADDRESS, "ADDR");
        rejects("DESTADDR=mx.example.org", Problem.BAD_ADDRESS, "DESTADDR");
        rejects("ADDR=", Problem.BAD_ADDRESS, "ADDR");
        rejects("PORT=65536", Problem.BAD_PORT, "0..65535");
        rejects("PORT=-1", Problem.BAD_PORT, "PORT");
        rejects("DESTPORT=25x", Problem.BAD_PORT, "DESTPORT");
        rejects("PORT=123456", Problem.BAD_PORT, "PORT");
        rejects("PROTO=LMTP", Problem.BAD_VALUE, "SMTP or ESMTP");
        rejects("NAME=bad..host", Problem.BAD_VALUE, "NAME");
        rejects("NAME=-bad.example", Problem.BAD_VALUE, "NAME");
        rejects("NAME=" + "a".repeat(64) + ".example", Problem.BAD_VALUE, "NAME");
        rejects("HELO=" + "a".repeat(256), Problem.BAD_VALUE, "HELO");
        rejects("HELO=a+20b", Problem.BAD_VALUE, "HELO");
        rejects("HELO=" + "+2B".repeat(200), Problem.BAD_VALUE, "480");
        rejects("LOGIN=" + "+C3+A9".repeat(100), Problem.BAD_VALUE, "480");
        rejects("LOGIN=al+0D+0Aice", Problem.BAD_VALUE, "LOGIN");
        rejects("ADDR=[TEMPUNAVAIL]", Problem.BAD_VALUE, "only NAME");
    }

    @Test
    void errorMessagesNeverEchoControlCharactersAndMapTo501_5_5_4() {
        XClientSyntaxException e = catchSyntax("HELO=a+0D+0A250+20OK");
        assertThat(e.getMessage()).doesNotContain("\r", "\n");
        assertThat(e.reply().code()).isEqualTo(501);
        assertThat(e.reply().render(true)).startsWith("501 5.5.4 ");
    }

    private static void rejects(String args, Problem problem, String messagePart) {
        XClientSyntaxException e = catchSyntax(args);
        assertThat(e.problem()).as(args).isEqualTo(problem);
        assertThat(e.getMessage()).as(args).contains(messagePart);
        assertThat(e.getMessage().chars()).as(args).allMatch(c -> c >= ' ' && c <= '~');
    }

    private static XClientSyntaxException catchSyntax(String args) {
        try {
            XClientCommandParser.parse(args);
        } catch (XClientSyntaxException e) {
            return e;
        }
        throw new AssertionError("accepted: " + args);
    }

    static InetAddress ip(String literal) {
        return NetUtil.createInetAddressFromIpAddressString(literal);
    }
}
