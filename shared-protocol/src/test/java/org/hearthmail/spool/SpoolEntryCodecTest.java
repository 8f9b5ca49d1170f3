package org.hearthmail.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hearthmail.seal.SealIntegrityException;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.seal.SealedWriter;
import org.hearthmail.smtp.Mailbox;
import org.hearthmail.smtp.server.Envelope;
import org.hearthmail.smtp.server.MailFrom;
import org.hearthmail.smtp.server.RcptTo;
import org.hearthmail.xclient.XClientAttributes;
import org.hearthmail.xclient.XClientProto;
import org.hearthmail.xclient.XClientValue;
import org.junit.jupiter.api.Test;

class SpoolEntryCodecTest {
    private final SealPrivateKey key = SealPrivateKey.generate();

    static SpoolEntryMeta fullMeta() throws IOException {
        MailFrom from = new MailFrom(new Mailbox("alice", "example.org"), 12345, "8BITMIME", true, "HDRS",
                "env+2Bid", "alice+40example.org", Map.of("MT-PRIORITY", "3"));
        List<RcptTo> rcpts = List.of(
                new RcptTo(new Mailbox("bob", "example.test"), Set.of("SUCCESS", "FAILURE"), "rfc822;bob@example.test"),
                new RcptTo(new Mailbox("Jörg", "example.test"), Set.of(), null));
        XClientAttributes client = XClientAttributes.builder()
                .addr(InetAddress.getByName("2001:db8::5")).port(40123).name("mail.example.org")
                .helo("mail.example.org").proto(XClientValue.of(XClientProto.ESMTP))
                .destAddr(InetAddress.getByName("203.0.113.10")).destPort(25).build();
        return new SpoolEntryMeta(new Envelope(from, rcpts), client, Instant.parse("2025-05-01T10:15:30.123456789Z"),
                "Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=example.org");
    }

    private byte[] write(UUID id, SpoolEntryMeta meta, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SealedWriter w = SpoolEntryCodec.begin(out, key.publicKey(), id, meta)) {
            w.write(content);
        }
        return out.toByteArray();
    }

    @Test
    void roundTripRestoresIdMetaAndContent() throws IOException {
        UUID id = UUID.randomUUID();
        SpoolEntryMeta meta = fullMeta();
        byte[] content = "Subject: hi\r\n\r\nbody\r\n".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        try (OpenedSpoolEntry e = SpoolEntryCodec.open(new ByteArrayInputStream(write(id, meta, content)), key)) {
            assertThat(e.entryId()).isEqualTo(id);
            assertThat(e.meta()).isEqualTo(meta);
            assertThat(e.content().readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void nullSenderNoClientFactsAndUnavailableValuesRoundTrip() throws IOException {
        MailFrom from = new MailFrom(null, -1, null, false, null, null, null, Map.of());
        XClientAttributes client = XClientAttributes.builder().name(XClientValue.tempUnavailable())
                .addr(XClientValue.unavailable()).build();
        for (XClientAttributes c : List.of(XClientAttributes.none(), client)) {
            SpoolEntryMeta meta = new SpoolEntryMeta(new Envelope(from,
                    List.of(new RcptTo(new Mailbox("x", "y.test"), Set.of("NEVER"), null))), c, Instant.EPOCH, "");
            try (OpenedSpoolEntry e = SpoolEntryCodec.open(new ByteArrayInputStream(write(UUID.randomUUID(), meta,
                    new byte[0])), key)) {
                assertThat(e.meta()).isEqualTo(meta);
                assertThat(e.content().readAllBytes()).isEmpty();
            }
        }
    }

    @Test
    void envelopeAndClientFactsAreNotInTheClear() throws IOException {
        String sealed = new String(write(UUID.randomUUID(), fullMeta(), new byte[10]), StandardCharsets.ISO_8859_1);
        assertThat(sealed).doesNotContain("alice").doesNotContain("bob").doesNotContain("example")
                .doesNotContain("spf=pass");
    }

    @Test
    void wrongKeyCannotOpenTheMeta() throws IOException {
        byte[] sealed = write(UUID.randomUUID(), fullMeta(), new byte[10]);
        assertThatThrownBy(() -> SpoolEntryCodec.open(new ByteArrayInputStream(sealed), SealPrivateKey.generate()))
                .isInstanceOf(SealIntegrityException.class);
    }

    @Test
    void metaToStringRevealsNoAddresses() throws IOException {
        assertThat(fullMeta().toString()).doesNotContain("alice").doesNotContain("bob").contains("2 recipient(s)");
    }

    @Test
    void sealedPayloadThatIsNotASpoolEntryIsAFormatError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SealedWriter w = SealedWriter.open(out, key.publicKey())) {
            w.write(new byte[] {9, 1, 2});
        }
        assertThatThrownBy(() -> SpoolEntryCodec.open(new ByteArrayInputStream(out.toByteArray()), key))
                .isInstanceOf(SpoolFormatException.class).hasMessageContaining("layout 9");
    }

    @Test
    void metaLengthBeyondTheLimitIsAFormatError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SealedWriter w = SealedWriter.open(out, key.publicKey())) {
            w.write(new byte[] {1});
            w.write(new byte[16]);
            w.write(new byte[] {0x7f, 0, 0, 0});
        }
        assertThatThrownBy(() -> SpoolEntryCodec.open(new ByteArrayInputStream(out.toByteArray()), key))
                .isInstanceOf(SpoolFormatException.class).hasMessageContaining("limit");
    }
}
