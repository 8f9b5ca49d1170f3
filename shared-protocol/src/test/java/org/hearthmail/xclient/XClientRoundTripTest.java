package org.hearthmail.xclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** encode -> parse gives back the same attributes, within the line limit, NAME and ADDR last. */
class XClientRoundTripTest {

    @Property(tries = 500)
    void encodedCommandsParseBackToTheSameAttributes(@ForAll("attributes") XClientAttributes attributes)
            throws Exception {
        List<String> lines = XClientCommands.encode(attributes);
        assertThat(lines).allMatch(l -> l.length() + 2 <= XClientCommands.DEFAULT_MAX_LINE_LENGTH);
        assertThat(XClientCommandsTest.parseAll(lines)).isEqualTo(attributes);
        if (!lines.isEmpty()) {
            for (String early : lines.subList(0, lines.size() - 1)) {
                assertThat(early).doesNotContain(" NAME=", " ADDR=");
            }
        }
    }

    @Provide
    Arbitrary<XClientAttributes> attributes() {
        Arbitrary<XClientValue<String>> name = special(hostnames(), true);
        Arbitrary<XClientValue<InetAddress>> addr = special(addresses(), false);
        Arbitrary<XClientValue<Integer>> port = special(Arbitraries.integers().between(0, 65535), false);
        Arbitrary<XClientValue<String>> helo = special(Arbitraries.strings()
                .withCharRange('!', '~').ofMinLength(1).ofMaxLength(255).filter(XClientRoundTripTest::fitsXtext),
                false);
        Arbitrary<XClientValue<XClientProto>> proto = special(Arbitraries.of(XClientProto.class), false);
        // Printable ASCII, Latin-1 and some CJK: exercises 1-, 2- and 3-byte UTF-8 within the limits.
        Arbitrary<XClientValue<String>> login = special(Arbitraries.strings().withCharRange(' ', '~')
                .withCharRange('\u00a0', '\u00ff').withCharRange('\u4e00', '\u4e40').ofMinLength(1).ofMaxLength(50),
                false);
        return Combinators.combine(name, addr, port, helo, proto, login, addr, port)
                .as(XClientAttributes::new);
    }

    private static boolean fitsXtext(String value) {
        return Xtext.encode(value).length() <= 480;
    }

    private static <T> Arbitrary<XClientValue<T>> special(Arbitrary<T> known, boolean tempAllowed) {
        Arbitrary<XClientValue<T>> specials = tempAllowed
                ? Arbitraries.of(XClientValue.<T>absent(), XClientValue.<T>unavailable(), XClientValue.<T>tempUnavailable())
                : Arbitraries.of(XClientValue.<T>absent(), XClientValue.<T>unavailable());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, known.map(XClientValue::of)),
                net.jqwik.api.Tuple.of(1, specials));
    }

    private static Arbitrary<String> hostnames() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withChars('-', '_').ofMinLength(1).ofMaxLength(63)
                .filter(l -> !l.startsWith("-") && !l.endsWith("-"));
        return label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    }

    private static Arbitrary<InetAddress> addresses() {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
        return Arbitraries.oneOf(v4, v6).map(bytes -> {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
    }
}
