package org.hearthmail.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hearthmail.dns.FakeResolver;
import org.hearthmail.interop.Python;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks with Debian's dkimpy (python3-dkim, python3-nacl for Ed25519): its signatures verify
 * with us, ours verify with it, and for the same messages both verifiers agree. dkimpy gets the key
 * records through its dnsfunc hook, so no DNS is involved.
 */
class DkimpyInteropTest {

    @TempDir
    static Path dir;
    static Path tool;

    private static final KeyPair ED = DkimSignVerifyTest.ED;
    private static final KeyPair RSA = DkimSignVerifyTest.RSA;
    private static final Map<String, String> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put("ed._domainkey.example.test", DkimKeys.txtRecord(ED.getPublic()));
        RECORDS.put("rsa._domainkey.example.test", DkimKeys.txtRecord(RSA.getPublic()));
    }

    private final DkimVerifier ours = new DkimVerifier(fake(), Runnable::run, java.time.Clock.systemUTC(),
            DkimVerifier.Limits.defaults());

    @BeforeAll
    static void setUp() throws IOException {
        Python.assumeModules("python3-dkim python3-nacl", "dkim", "nacl");
        tool = Python.script(dir, "dkimpy_tool.py");
    }

    private static FakeResolver fake() {
        FakeResolver f = new FakeResolver();
        RECORDS.forEach(f::txt);
        return f;
    }

    private static List<Boolean> dkimpyVerify(String message) throws IOException {
        Path msg = Files.createTempFile(dir, "msg", ".eml");
        Files.write(msg, message.getBytes(StandardCharsets.ISO_8859_1));
        Path json = dir.resolve("records.json");
        Files.writeString(json, RECORDS.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}")));
        Python.Result r = Python.run(List.of(tool.toString(), "verify", msg.toString(), json.toString()), dir)
                .requireSuccess();
        List<Boolean> out = new ArrayList<>();
        for (String line : r.stdout().strip().split("\n")) {
            if (!line.isBlank()) {
                out.add(Boolean.parseBoolean(line.split(" ")[1]));
            }
        }
        return out;
    }

    private static String dkimpySign(String message, String selector, String algorithm, String canon, boolean length)
            throws IOException {
        Path msg = Files.createTempFile(dir, "msg", ".eml");
        Files.write(msg, message.getBytes(StandardCharsets.ISO_8859_1));
        Path key = dir.resolve(selector + ".key");
        if (!Files.exists(key)) {
            if (selector.equals("ed")) {
                Files.writeString(key, Base64.getEncoder().encodeToString(DkimKeys.ed25519Seed(ED.getPrivate())));
            } else {
                Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(RSA.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
            }
        }
        return Python.run(List.of(tool.toString(), "sign", msg.toString(), selector, "example.test", key.toString(),
                algorithm, canon, length ? "1" : "0"), dir).requireSuccess().stdout();
    }

    private List<Boolean> oursVerify(String message) {
        return ours.verify(message.getBytes(StandardCharsets.ISO_8859_1)).join().stream()
                .map(r -> r.status() == DkimStatus.PASS).toList();
    }

    @Test
    void ourSignaturesVerifyWithDkimpyForBothKeyTypes() throws Exception {
        String signed = new String(DkimSignVerifyTest.signed(DkimSignVerifyTest.MESSAGE), StandardCharsets.ISO_8859_1);
        assertThat(signed).contains("a=ed25519-sha256").contains("a=rsa-sha256");
        assertThat(dkimpyVerify(signed)).containsExactly(true, true);
    }

    @Test
    void dkimpySignaturesVerifyWithUs() throws Exception {
        String m = DkimSignVerifyTest.MESSAGE;
        for (String[] c : new String[][] {
                {"ed", "ed25519-sha256", "relaxed/relaxed"},
                {"rsa", "rsa-sha256", "relaxed/relaxed"},
                {"rsa", "rsa-sha256", "simple/simple"},
                {"ed", "ed25519-sha256", "relaxed/simple"},
                {"rsa", "rsa-sha256", "simple/relaxed"}}) {
            String signed = dkimpySign(m, c[0], c[1], c[2], false) + m;
            List<DkimResult> r = ours.verify(signed.getBytes(StandardCharsets.ISO_8859_1)).join();
            assertThat(r).as(String.join(" ", c)).extracting(DkimResult::status).containsExactly(DkimStatus.PASS);
        }
    }

    @Test
    void dkimpyBodyLengthSignatureVerifiesWithUsEvenWithAppendedText() throws Exception {
        String m = DkimSignVerifyTest.MESSAGE;
        String sig = dkimpySign(m, "ed", "ed25519-sha256", "relaxed/relaxed", true);
        assertThat(sig).contains("l=");
        assertThat(oursVerify(sig + m + "-- \r\nappended footer\r\n")).containsExactly(true);
    }

    @Test
    void bothVerifiersAgreeOnTheSameMessages() throws Exception {
        String m = DkimSignVerifyTest.MESSAGE;
        String ourSigned = new String(DkimSignVerifyTest.signed(m), StandardCharsets.ISO_8859_1);
        String simple = dkimpySign(m, "rsa", "rsa-sha256", "simple/simple", false) + m;
        String relaxed = dkimpySign(m, "ed", "ed25519-sha256", "relaxed/relaxed", false) + m;
        List<String> corpus = List.of(
                ourSigned,
                ourSigned.replace("a  test", "a  tesT"),
                ourSigned.replace("Subject: Hello", "Subject: Jello"),
                ourSigned.replace("Subject: Hello", "SUBJECT:  Hello"),
                ourSigned.replace("this is", "this  is"),
                ourSigned.replace("\r\n\r\nHi Bob", "\r\nTo: eve@example.org\r\n\r\nHi Bob"),
                ourSigned + "\r\n\r\n",
                simple,
                simple.replace("this is", "this  is"),
                simple + "\r\n\r\n",
                simple.replace("Subject: Hello", "Subject:  Hello"),
                relaxed,
                relaxed.replace("Hi Bob,", "Hi  Bob, "),
                relaxed.replace("Hi Bob,", "Hi Rob,"));
        for (int i = 0; i < corpus.size(); i++) {
            assertThat(oursVerify(corpus.get(i))).as("message %d", i).isEqualTo(dkimpyVerify(corpus.get(i)));
        }
        // The corpus is not trivially one-sided: it has both outcomes.
        assertThat(oursVerify(corpus.get(1))).containsOnly(false);
        assertThat(oursVerify(corpus.get(4))).containsOnly(true);
    }
}
