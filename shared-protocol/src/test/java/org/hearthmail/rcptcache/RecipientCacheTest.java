package org.hearthmail.rcptcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.hearthmail.smtp.Mailbox;
import org.junit.jupiter.api.Test;

class RecipientCacheTest {
    static final byte[] SALT = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static RecipientCache sample(long generation) {
        return RecipientCache.build(SALT, generation, "+", List.of(new Mailbox("Alice", "Home.Example"),
                new Mailbox("bob", "home.example")), List.of("Catch.Example"));
    }

    @Test
    void knownAddressesMatchInAnyCase() {
        RecipientCache c = sample(1);
        assertThat(c.contains(new Mailbox("alice", "home.example"))).isTrue();
        assertThat(c.contains(new Mailbox("ALICE", "HOME.EXAMPLE"))).isTrue();
        assertThat(c.contains(new Mailbox("mallory", "home.example"))).isFalse();
    }

    @Test
    void subAddressTagIsStrippedByTheConfiguredSeparator() {
        RecipientCache c = sample(1);
        assertThat(c.contains(new Mailbox("bob+lists", "home.example"))).isTrue();
        assertThat(c.contains(new Mailbox("bob-lists", "home.example"))).as("'-' is not a separator here").isFalse();
        RecipientCache dash = RecipientCache.build(SALT, 1, "+-", List.of(new Mailbox("bob", "h.example")), List.of());
        assertThat(dash.contains(new Mailbox("bob-lists", "h.example"))).isTrue();
        RecipientCache none = RecipientCache.build(SALT, 1, "", List.of(new Mailbox("bob", "h.example")), List.of());
        assertThat(none.contains(new Mailbox("bob+x", "h.example"))).isFalse();
    }

    @Test
    void leadingSeparatorIsPartOfTheName() {
        RecipientNormalizer n = new RecipientNormalizer("+");
        assertThat(n.address(new Mailbox("+tag", "x.example"))).isEqualTo("+tag@x.example");
        assertThat(n.address(new Mailbox("A+b+c", "X.example"))).isEqualTo("a@x.example");
    }

    @Test
    void catchAllDomainAcceptsAnyLocalPart() {
        RecipientCache c = sample(1);
        assertThat(c.contains(new Mailbox("anyone", "catch.example"))).isTrue();
        assertThat(c.contains(new Mailbox("anyone", "other.example"))).isFalse();
    }

    @Test
    void anotherSaltGivesOtherHashes() {
        byte[] otherSalt = SALT.clone();
        otherSalt[0] ^= 1;
        assertThat(new RecipientHasher(SALT).hash("a@b")).isNotEqualTo(new RecipientHasher(otherSalt).hash("a@b"));
        assertThatThrownBy(() -> new RecipientHasher(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileRoundTripKeepsGenerationSeparatorsAndMembership() throws Exception {
        RecipientCache back = RecipientCacheCodec.decode(RecipientCacheCodec.encode(sample(42)), SALT);
        assertThat(back.generation()).isEqualTo(42);
        assertThat(back.separators()).isEqualTo("+");
        assertThat(back.size()).isEqualTo(3);
        assertThat(back.contains(new Mailbox("alice+x", "home.example"))).isTrue();
        assertThat(back.contains(new Mailbox("z", "catch.example"))).isTrue();
        assertThat(back.contains(new Mailbox("carol", "home.example"))).isFalse();
    }

    @Test
    void fileHoldsNoAddressInTheClear() {
        String text = new String(RecipientCacheCodec.encode(sample(1)), StandardCharsets.ISO_8859_1).toLowerCase();
        assertThat(text).doesNotContain("alice").doesNotContain("home.example").doesNotContain("catch");
    }

    @Test
    void everyAlteredByteIsRefused() {
        byte[] file = RecipientCacheCodec.encode(sample(1));
        for (int i = 0; i < file.length; i++) {
            byte[] bad = file.clone();
            bad[i] ^= 0x04;
            int at = i;
            assertThatThrownBy(() -> RecipientCacheCodec.decode(bad, SALT)).as("byte %d", at)
                    .isInstanceOf(RecipientCacheFormatException.class);
        }
        assertThatThrownBy(() -> RecipientCacheCodec.decode(Arrays.copyOf(file, file.length - 1), SALT))
                .isInstanceOf(RecipientCacheFormatException.class);
    }

    @Test
    void aFileMadeWithAnotherSaltIsRefusedWithAClearMessage() {
        byte[] otherSalt = SALT.clone();
        otherSalt[5] ^= 1;
        byte[] file = RecipientCacheCodec.encode(sample(1));
        assertThatThrownBy(() -> RecipientCacheCodec.decode(file, otherSalt))
                .isInstanceOf(RecipientCacheFormatException.class).hasMessageContaining("different salt");
    }
}
