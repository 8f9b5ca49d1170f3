package org.hearthmail.xclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearthmail.xclient.XClientCommandParserTest.ip;

import java.util.List;
import org.junit.jupiter.api.Test;

class XClientCommandsTest {

    static final XClientAttributes RELAYED = XClientAttributes.builder().addr(ip("2001:db8::17")).port(51234)
            .name("mail.example.org").helo("mail.example.org").proto(XClientProto.ESMTP)
            .destAddr(ip("203.0.113.5")).destPort(25).build();

    @Test
    void shortSetFitsOneCommandWithNameAndAddrAtTheEnd() {
        assertThat(XClientCommands.encode(RELAYED)).containsExactly("XCLIENT HELO=mail.example.org PROTO=ESMTP"
                + " DESTADDR=203.0.113.5 DESTPORT=25 PORT=51234 NAME=mail.example.org ADDR=IPV6:2001:db8::17");
    }

    @Test
    void ipv6AddressesCarryThePrefixAndCompressedForm() {
        List<String> lines = XClientCommands.encode(XClientAttributes.builder()
                .addr(ip("2001:0db8:0000:0000:0000:0000:0000:0001")).build());
        assertThat(lines).containsExactly("XCLIENT ADDR=IPV6:2001:db8::1");
    }

    @Test
    void specialValuesAreSentVerbatim() {
        XClientAttributes a = XClientAttributes.builder().name(XClientValue.tempUnavailable())
                .addr(XClientValue.unavailable()).login(XClientValue.unavailable()).build();
        assertThat(XClientCommands.encode(a)).containsExactly("XCLIENT LOGIN=[UNAVAILABLE] NAME=[TEMPUNAVAIL] ADDR=[UNAVAILABLE]");
    }

    @Test
    void valuesAreXtextEncoded() {
        XClientAttributes a = XClientAttributes.builder().login("al+ice=é").build();
        assertThat(XClientCommands.encode(a)).containsExactly("XCLIENT LOGIN=al+2Bice+3D+C3+A9");
    }

    @Test
    void nothingToSendGivesNoCommands() {
        assertThat(XClientCommands.encode(XClientAttributes.none())).isEmpty();
    }

    @Test
    void longSetIsSplitWithinTheLimitAndNameAndAddrComeLastTogether() throws Exception {
        String longName = label(63) + "." + label(63) + "." + label(63) + "." + label(61);
        XClientAttributes a = RELAYED.toBuilder().name(longName).helo(longName).login("l".repeat(200)).build();
        List<String> lines = XClientCommands.encode(a);
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines).allMatch(l -> l.length() + 2 <= 512);
        String last = lines.get(lines.size() - 1);
        assertThat(last).contains("NAME=" + longName, "ADDR=IPV6:2001:db8::17");
        assertThat(lines.subList(0, lines.size() - 1)).noneMatch(l -> l.contains(" NAME=") || l.contains(" ADDR="));
        assertThat(parseAll(lines)).isEqualTo(a);
    }

    @Test
    void lineExactlyAtTheLimitIsAllowedAndOneMoreOctetSplits() {
        XClientAttributes a = XClientAttributes.builder().helo("h.example").proto(XClientProto.SMTP).build();
        String single = "XCLIENT HELO=h.example PROTO=SMTP";
        assertThat(XClientCommands.encode(a, single.length() + 2)).containsExactly(single);
        assertThat(XClientCommands.encode(a, single.length() + 1))
                .containsExactly("XCLIENT HELO=h.example", "XCLIENT PROTO=SMTP");
    }

    @Test
    void attributeThatCannotFitAnyLineIsRefused() {
        XClientAttributes a = XClientAttributes.builder().helo("h".repeat(40)).build();
        assertThatThrownBy(() -> XClientCommands.encode(a, 40)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line limit 40");
    }

    @Test
    void nameAndAddrThatDoNotFitOneLineTogetherAreRefused() {
        XClientAttributes a = XClientAttributes.builder().name("n".repeat(30)).addr(ip("192.0.2.1")).build();
        assertThatThrownBy(() -> XClientCommands.encode(a, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidAttributeValuesCannotBeBuilt() {
        assertThatThrownBy(() -> XClientAttributes.builder().name("not a host").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME");
        assertThatThrownBy(() -> XClientAttributes.builder().port(70000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PORT");
        assertThatThrownBy(() -> XClientAttributes.builder().helo(XClientValue.tempUnavailable()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME");
    }

    static XClientAttributes parseAll(List<String> lines) throws XClientSyntaxException {
        XClientAttributes merged = XClientAttributes.none();
        for (String line : lines) {
            assertThat(line).startsWith("XCLIENT ");
            merged = merged.mergedWith(XClientCommandParser.parse(line.substring("XCLIENT ".length())));
        }
        return merged;
    }

    private static String label(int n) {
        return "a".repeat(n);
    }
}
