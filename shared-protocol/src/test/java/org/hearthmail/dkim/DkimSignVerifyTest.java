package org.hearthmail.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.hearthmail.dns.FakeResolver;
import org.junit.jupiter.api.Test;

class DkimSignVerifyTest {

    static final KeyPair ED = DkimKeys.generateEd25519();
    static final KeyPair RSA = DkimKeys.generateRsa2048();
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    static final String MESSAGE = "From: Alice <alice@example.test>\r\n"
            + "To: bob@example.org\r\n"
            + "Subject: Hello\r\n  folded subject\r\n"
            + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
            + "Message-ID: <1@example.test>\r\n"
            + "List-Id: <list.example.test>\r\n"
            + "X-Unsigned: whatever\r\n"
            + "\r\n"
            + "Hi Bob,\r\n\r\n  this is a  test.\r\n\r\n\r\n";

    private final FakeResolver dns = new FakeResolver()
            .txt("ed._domainkey.example.test", DkimKeys.txtRecord(ED.getPublic()))
            .txt("rsa._domainkey.example.test", DkimKeys.txtRecord(RSA.getPublic()));
    private final DkimVerifier verifier = new DkimVerifier(dns, Runnable::run, CLOCK, DkimVerifier.Limits.defaults());

    static DkimSigner signer() {
        return new DkimSigner(List.of(new DkimSigningKey("example.test", "ed", ED.getPrivate()),
                new DkimSigningKey("example.test", "rsa", RSA.getPrivate())), CLOCK);
    }

    static byte[] signed(String message) throws DkimSigningException {
        byte[] m = message.getBytes(StandardCharsets.ISO_8859_1);
        return (signer().sign(m) + message).getBytes(StandardCharsets.ISO_8859_1);
    }

    private List<DkimResult> verify(byte[] message) {
        return verifier.verify(message).join();
    }

    private List<DkimResult> verify(String message) {
        return verify(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void ownSignaturesOfBothKeyTypesVerify() throws Exception {
        List<DkimResult> r = verify(signed(MESSAGE));
        assertThat(r).extracting(DkimResult::status).containsExactly(DkimStatus.PASS, DkimStatus.PASS);
        assertThat(r).extracting(DkimResult::algorithm).containsExactly("ed25519-sha256", "rsa-sha256");
        assertThat(r).extracting(DkimResult::domain).containsOnly("example.test");
        assertThat(r).extracting(DkimResult::selector).containsExactly("ed", "rsa");
    }

    @Test
    void signatureListsRecommendedHeadersAndOversigns() throws Exception {
        String fields = signer().sign(MESSAGE.getBytes(StandardCharsets.ISO_8859_1));
        String h = fields.substring(fields.indexOf("h=") + 2, fields.indexOf(';', fields.indexOf("h="))).replaceAll("\\s", "");
        assertThat(h).isEqualTo("from:from:to:to:subject:subject:date:date:message-id:list-id");
        for (String line : fields.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
    }

    @Test
    void streamedInTinyChunksGivesTheSameResultAsWhole() throws Exception {
        byte[] m = signed(MESSAGE);
        DkimVerifier.Session s = verifier.begin();
        for (int i = 0; i < m.length; i += 3) {
            s.update(m, i, Math.min(3, m.length - i));
        }
        assertThat(s.finish().join()).extracting(DkimResult::status).containsExactly(DkimStatus.PASS, DkimStatus.PASS);
    }

    @Test
    void signingStreamedInChunksEqualsSigningWhole() throws Exception {
        byte[] m = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        DkimSigner.Session s = signer().begin();
        for (int i = 0; i < m.length; i += 5) {
            s.update(m, i, Math.min(5, m.length - i));
        }
        String streamed = s.finish();
        String whole = signer().sign(m);
        // RSA signatures are deterministic (PKCS#1 v1.5), Ed25519 too (RFC 8032).
        assertThat(streamed).isEqualTo(whole);
    }

    @Test
    void bareLfMessageVerifiesLikeCrlf() throws Exception {
        String lf = new String(signed(MESSAGE), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        assertThat(verify(lf)).extracting(DkimResult::status).containsOnly(DkimStatus.PASS);
    }

    @Test
    void changedBodyFailsWithBodyHashReason() throws Exception {
        String m = new String(signed(MESSAGE), StandardCharsets.ISO_8859_1).replace("a  test", "a  tent");
        List<DkimResult> r = verify(m);
        assertThat(r).extracting(DkimResult::status).containsOnly(DkimStatus.FAIL);
        assertThat(r.get(0).reason()).contains("body hash");
    }

    @Test
    void relaxedToleratesWhitespaceChangesButNotHeaderEdits() throws Exception {
        String m = new String(signed(MESSAGE), StandardCharsets.ISO_8859_1);
        assertThat(verify(m.replace("Subject: Hello", "subject:   Hello ").replace("a  test", "a test")))
                .extracting(DkimResult::status).containsOnly(DkimStatus.PASS);
        List<DkimResult> r = verify(m.replace("Subject: Hello", "Subject: Hallo"));
        assertThat(r).extracting(DkimResult::status).containsOnly(DkimStatus.FAIL);
        assertThat(r.get(0).reason()).contains("signature did not verify");
    }

    @Test
    void addingAnOversignedHeaderBreaksTheSignature() throws Exception {
        String m = new String(signed(MESSAGE), StandardCharsets.ISO_8859_1);
        String withSecondFrom = m.replace("\r\n\r\nHi Bob", "\r\nFrom: mallory@evil.test\r\n\r\nHi Bob");
        assertThat(verify(withSecondFrom)).extracting(DkimResult::status).containsOnly(DkimStatus.FAIL);
        String withCc = m.replace("\r\n\r\nHi Bob", "\r\nX-Unsigned-2: fine\r\n\r\nHi Bob");
        assertThat(verify(withCc)).extracting(DkimResult::status).containsOnly(DkimStatus.PASS);
    }

    @Test
    void unsignedMessageGivesNoResults() {
        assertThat(verify(MESSAGE)).isEmpty();
    }

    @Test
    void missingKeyIsPermerrorAndDnsFailureIsTemperror() throws Exception {
        FakeResolver empty = new FakeResolver().servfail("rsa._domainkey.example.test");
        DkimVerifier v = new DkimVerifier(empty, Runnable::run, CLOCK, DkimVerifier.Limits.defaults());
        List<DkimResult> r = v.verify(signed(MESSAGE)).join();
        assertThat(r).extracting(DkimResult::status).containsExactly(DkimStatus.PERMERROR, DkimStatus.TEMPERROR);
    }

    @Test
    void revokedKeyIsPermerror() throws Exception {
        FakeResolver revoked = new FakeResolver().txt("ed._domainkey.example.test", "v=DKIM1; k=ed25519; p=");
        DkimVerifier v = new DkimVerifier(revoked, Runnable::run, CLOCK, DkimVerifier.Limits.defaults());
        DkimResult r = v.verify(signed(MESSAGE)).join().get(0);
        assertThat(r.status()).isEqualTo(DkimStatus.PERMERROR);
        assertThat(r.reason()).contains("revoked");
    }

    @Test
    void rsaKeyBelow1024BitsIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(768);
        KeyPair small = g.generateKeyPair();
        byte[] m = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        String sig = new DkimSigner(List.of(new DkimSigningKey("example.test", "small", small.getPrivate())), CLOCK).sign(m);
        dns.txt("small._domainkey.example.test", DkimKeys.txtRecord(small.getPublic()));
        DkimResult r = verify(sig + MESSAGE).get(0);
        assertThat(r.status()).isEqualTo(DkimStatus.PERMERROR);
        assertThat(r.reason()).contains("1024");
    }

    @Test
    void rsaSha1IsRefused() {
        String m = "DKIM-Signature: v=1; a=rsa-sha1; d=example.test; s=rsa; h=from; bh=AAAA; b=AAAA\r\n" + MESSAGE;
        DkimResult r = verify(m).get(0);
        assertThat(r.status()).isEqualTo(DkimStatus.PERMERROR);
        assertThat(r.reason()).contains("rsa-sha1");
    }

    @Test
    void signatureSyntaxErrorsArePermerror() {
        String[] bad = {
            "v=2; a=rsa-sha256; d=example.test; s=rsa; h=from; bh=AAAA; b=AAAA",
            "v=1; a=rsa-sha256; d=example.test; s=rsa; h=to; bh=AAAA; b=AAAA",
            "v=1; a=rsa-sha256; d=example.test; s=rsa; h=from; bh=AAAA",
            "v=1; a=rsa-sha256; d=example.test; s=rsa; h=from; bh=AAAA; b=AAAA; i=x@other.test",
            "v=1; a=rsa-sha256; d=example.test; s=rsa; h=from; bh=AAAA; b=AAAA; t=10; x=5",
        };
        for (String tags : bad) {
            assertThat(verify("DKIM-Signature: " + tags + "\r\n" + MESSAGE).get(0).status()).as(tags)
                    .isEqualTo(DkimStatus.PERMERROR);
        }
    }

    @Test
    void strictKeyFlagRefusesSubdomainIdentity() throws Exception {
        String m = MESSAGE;
        String fields = new DkimSigner(List.of(new DkimSigningKey("example.test", "strict", ED.getPrivate())), CLOCK)
                .sign(m.getBytes(StandardCharsets.ISO_8859_1));
        dns.txt("strict._domainkey.example.test", DkimKeys.txtRecord(ED.getPublic()) + "; t=s");
        assertThat(verify(fields + m).get(0).status()).isEqualTo(DkimStatus.PASS);
        // An i= in a subdomain of d= (added by hand, so the signature is also broken) is refused by t=s first.
        String sub = fields.replace("DKIM-Signature: v=1;", "DKIM-Signature: v=1; i=@sub.example.test;");
        DkimResult r = verify(sub + m).get(0);
        assertThat(r.status()).isEqualTo(DkimStatus.PERMERROR);
        assertThat(r.reason()).contains("t=s");
    }

    @Test
    void bodyLengthLimitAllowsAppendedTextAndRejectsTooLong() throws Exception {
        String body = "Hi Bob,\r\n";
        String head = MESSAGE.substring(0, MESSAGE.indexOf("\r\n\r\n") + 4);
        // Build an l= signature with the relaxed machinery by hand: hash "Hi Bob,\r\n" (9 bytes).
        byte[] bh = DkimCrypto.sha256().digest(body.getBytes(StandardCharsets.ISO_8859_1));
        String unsigned = "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.test; s=ed; l=9;"
                + " h=from:subject; bh=" + Base64.getEncoder().encodeToString(bh) + "; b=";
        byte[] data = HeaderHashInput.of(MessageSplitter.parse(head.substring(0, head.length() - 2)
                .getBytes(StandardCharsets.ISO_8859_1)), List.of("from", "subject"), Canonicalization.RELAXED, unsigned);
        String sig = unsigned + Base64.getEncoder().encodeToString(
                DkimCrypto.sign(DkimAlgorithm.ED25519_SHA256, ED.getPrivate(), data)) + "\r\n";
        assertThat(verify(sig + head + body + "appended junk\r\n").get(0).status()).isEqualTo(DkimStatus.PASS);
        String shortSig = sig.replace("l=9;", "l=99;");
        assertThat(verify(shortSig + head + body).get(0).status()).isEqualTo(DkimStatus.FAIL);
    }

    @Test
    void keyRecordParsing() throws Exception {
        DkimKeyRecord r = DkimKeyRecord.parse("v=DKIM1; k=ed25519; t=y:s; p=" + Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(r.keyType()).isEqualTo("ed25519");
        assertThat(r.testing()).isTrue();
        assertThat(r.strictIdentity()).isTrue();
        assertThat(DkimKeyRecord.parse("p=AAAA").keyType()).isEqualTo("rsa");
        assertThatThrownBy(() -> DkimKeyRecord.parse("k=rsa; v=DKIM1; p=AAAA")).isInstanceOf(DkimSyntaxException.class);
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM2; p=AAAA")).isInstanceOf(DkimSyntaxException.class);
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; k=rsa")).isInstanceOf(DkimSyntaxException.class);
    }

    @Test
    void oversizedHeaderBlockIsNotVerified() {
        DkimVerifier small = new DkimVerifier(dns, Runnable::run, CLOCK, new DkimVerifier.Limits(1024, 4));
        String big = "X-Big: " + "a".repeat(2000) + "\r\n" + MESSAGE;
        DkimResult r = small.verify(big.getBytes(StandardCharsets.ISO_8859_1)).join().get(0);
        assertThat(r.status()).isEqualTo(DkimStatus.PERMERROR);
        assertThat(r.reason()).contains("header block");
    }

    @Test
    void signingKeyToStringDoesNotShowTheKey() {
        String s = new DkimSigningKey("example.test", "ed", ED.getPrivate()).toString();
        assertThat(s).doesNotContain(Base64.getEncoder().encodeToString(ED.getPrivate().getEncoded()).substring(0, 20));
        assertThat(s).contains("ed._domainkey.example.test");
    }
}
