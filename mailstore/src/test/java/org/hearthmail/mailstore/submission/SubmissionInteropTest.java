package org.hearthmail.mailstore.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearthmail.interop.Python;
import org.hearthmail.mailstore.dkim.DkimKeyStore;
import org.hearthmail.mailstore.dkim.DkimSelector;
import org.hearthmail.proxy.CidrSet;
import org.hearthmail.smtp.client.MessageBody;
import org.hearthmail.smtp.client.SmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Third-party programs against submission: Python's smtplib as the client, dkimpy as the verifier. */
class SubmissionInteropTest {

    @TempDir
    Path dir;
    @TempDir
    Path work;
    private SubmissionFixture f;
    private FakeRelay relay;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void pythonSmtplibSubmitsOverStartTlsAndImplicitTlsAndForgeryIsRefused() throws Exception {
        Python.assumeModules("python3", "smtplib", "ssl");
        f = new SubmissionFixture(dir, (FakeRelay) null, "", CidrSet.empty());
        Path script = Python.script(work, SubmissionInteropTest.class, "smtplib_submit.py");
        Python.Result r = Python.run(List.of(script.toString(), "127.0.0.1", String.valueOf(f.startTls.getPort()),
                String.valueOf(f.implicitTls.getPort()), "alice@example.test", SubmissionFixture.ALICE_PASSWORD,
                "alice@example.test", "bob@example.test"), null);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("587 ok", "465 ok");
        assertThat(r.stdout()).contains("forged refused 550 5.7.1").contains("<ceo@bank.example>");
        List<String> inbox = f.inbox(f.bob);
        assertThat(inbox).hasSize(2);
        assertThat(inbox).allSatisfy(m -> assertThat(m).startsWith("DKIM-Signature:").doesNotContain("smtplib-test"));
    }

    @Test
    void dkimpyVerifiesBothSignaturesOfASubmittedMessage() throws Exception {
        Python.assumeModules("python3-dkim python3-nacl", "dkim", "nacl");
        relay = new FakeRelay();
        f = new SubmissionFixture(dir, relay, relay.fingerprint(), CidrSet.empty());
        String content = "From: Alice <alice@example.test>\r\nTo: friend@elsewhere.example\r\nCc: bob@example.test\r\n"
                + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße   with  spaces  \r\n\r\n\r\n";
        try (SmtpClient c = f.alice()) {
            SmtpClient.await(c.mail("alice@example.test", List.of("BODY=8BITMIME")));
            SmtpClient.await(c.rcpt("friend@elsewhere.example", List.of()));
            assertThat(SmtpClient.await(c.data(MessageBody.of(content.getBytes(StandardCharsets.UTF_8)))).code()).isEqualTo(250);
        }
        assertThat(relay.accepted).hasSize(1);
        Path msg = work.resolve("message.eml");
        Files.write(msg, relay.accepted.get(0).content().getBytes(StandardCharsets.ISO_8859_1));
        Map<String, String> dns = new LinkedHashMap<>();
        DkimKeyStore keys = f.dkim;
        for (DkimSelector s : keys.published()) {
            for (DkimKeyStore.TxtRecord rec : keys.txtRecords(s)) {
                dns.put(rec.name("example.test"), rec.text());
            }
        }
        Path json = work.resolve("dns.json");
        new ObjectMapper().writeValue(json.toFile(), dns);
        Path script = Python.script(work, "dkimpy_tool.py");
        Python.Result r = Python.run(List.of(script.toString(), "verify", msg.toString(), json.toString()), null);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines().toList()).containsExactly("0 True", "1 True");
    }
}
