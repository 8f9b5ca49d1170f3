package org.hearthmail.xclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class XtextTest {

    @Test
    void plusEqualsSpaceAndControlsAreHexEncodedInUpperCase() {
        assertThat(Xtext.encode("a+b=c d\r\n")).isEqualTo("a+2Bb+3Dc+20d+0D+0A");
    }

    @Test
    void printableAsciiOtherThanPlusAndEqualsIsKept() {
        assertThat(Xtext.encode("[UNAVAILABLE]")).isEqualTo("[UNAVAILABLE]");
        assertThat(Xtext.encode("IPV6:2001:db8::1")).isEqualTo("IPV6:2001:db8::1");
    }

    @Test
    void nonAsciiIsEncodedAsUtf8Bytes() {
        assertThat(Xtext.encode("é")).isEqualTo("+C3+A9");
    }

    @Test
    void lowerCaseHexIsAcceptedWhenDecoding() throws Exception {
        assertThat(Xtext.decode("a+2bb")).isEqualTo("a+b");
    }

    @Test
    void malformedXtextIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> Xtext.decode("abc+")).isInstanceOf(XtextException.class).hasMessageContaining("position 3");
        assertThatThrownBy(() -> Xtext.decode("a+4")).isInstanceOf(XtextException.class);
        assertThatThrownBy(() -> Xtext.decode("a+ZZ")).isInstanceOf(XtextException.class);
        assertThatThrownBy(() -> Xtext.decode("a=b")).isInstanceOf(XtextException.class).hasMessageContaining("'='");
        assertThatThrownBy(() -> Xtext.decode("a b")).isInstanceOf(XtextException.class).hasMessageContaining("U+0020");
        assertThatThrownBy(() -> Xtext.decode("é")).isInstanceOf(XtextException.class);
        assertThatThrownBy(() -> Xtext.decode("+C3")).isInstanceOf(XtextException.class).hasMessageContaining("UTF-8");
    }

    @Property(tries = 300)
    void anyTextRoundTrips(@ForAll String text) throws Exception {
        // Lone surrogates are not text; UTF-8 cannot carry them.
        if (text.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)) {
            return;
        }
        String encoded = Xtext.encode(text);
        assertThat(encoded.chars()).allMatch(c -> c >= '!' && c <= '~' && c != '=');
        assertThat(Xtext.decode(encoded)).isEqualTo(text);
    }
}
