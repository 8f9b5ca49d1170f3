package org.hearthmail.relay.delivery.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.hearthmail.dns.FakeResolver;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.testing.LoopbackHttps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 8460: record discovery, report JSON, and delivery by mail (into the real queue) and HTTPS POST. */
class TlsReportTest {
    @TempDir
    Path dir;

    @Test
    void recordNeedsVersionFirstAndKeepsMailtoAndHttpsUris() {
        assertThat(TlsRptRecord.select(List.of("v=TLSRPTv1; rua=mailto:a@x.test,https://r.x.test/v1")).orElseThrow().rua())
                .containsExactly(URI.create("mailto:a@x.test"), URI.create("https://r.x.test/v1"));
        assertThat(TlsRptRecord.select(List.of("rua=mailto:a@x.test"))).isEmpty();
        assertThat(TlsRptRecord.select(List.of("v=TLSRPTv1; rua=ftp://x.test/"))).isEmpty();
        assertThat(TlsRptRecord.select(List.of("v=TLSRPTv1; rua=mailto:a@x.test", "v=TLSRPTv1; rua=mailto:b@x.test"))).isEmpty();
    }

    @Test
    void dailyReportIsMailedAndPostedWithCountsPerPolicy() throws Exception {
        try (LoopbackHttps https = new LoopbackHttps()) {
            FakeResolver dns = new FakeResolver().txt("_smtp._tls.sts.test",
                    "v=TLSRPTv1; rua=mailto:tls-reports@sts.test,https://127.0.0.1:" + https.port() + "/tlsrpt");
            TlsReportCollector c = new TlsReportCollector();
            var key = new TlsReportCollector.PolicyKey("sts.test", TlsReportCollector.PolicyType.STS,
                    List.of("version: STSv1", "mode: enforce", "mx: mx.sts.test", "max_age: 86400"));
            c.success(key);
            c.success(key);
            c.failure(key, new TlsReportCollector.Failure("certificate-not-trusted", "mx.sts.test", null));
            c.success(new TlsReportCollector.PolicyKey("quiet.test", TlsReportCollector.PolicyType.STS, List.of()));
            QueueStore queue = QueueStore.open(dir.resolve("q"));
            HttpClient http = HttpClient.newBuilder().sslContext(https.clientContext()).build();
            TlsReportSender sender = new TlsReportSender(dns, queue, http, "relay.example.test", "tlsrpt@relay.example.test");

            int sent = sender.send(c.drain(), Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));

            assertThat(sent).as("one mail and one POST; quiet.test publishes no record").isEqualTo(2);
            QueuedMessage m = queue.list().get(0);
            assertThat(m.sender()).isEqualTo("tlsrpt@relay.example.test");
            assertThat(m.recipients().get(0).address()).isEqualTo("tls-reports@sts.test");
            assertThat(m.recipients().get(0).notifyOn()).containsExactly("NEVER");
            String mail = Files.readString(queue.contentPath(m.id()));
            assertThat(mail).contains("TLS-Report-Domain: sts.test", "TLS-Report-Submitter: relay.example.test",
                    "report-type=\"tlsrpt\"", "Content-Type: application/tlsrpt+gzip");
            Matcher b64 = Pattern.compile("filename=\"[^\"]+\"\r\n\r\n([A-Za-z0-9+/=\r\n]+)\r\n--").matcher(mail);
            assertThat(b64.find()).isTrue();
            JsonNode mailed = gunzip(Base64.getMimeDecoder().decode(b64.group(1)));
            assertReport(mailed);

            assertThat(https.posts).singleElement().satisfies(p -> {
                assertThat(p.contentType()).isEqualTo("application/tlsrpt+gzip");
                assertReport(gunzip(p.body()));
            });
        }
    }

    private static void assertReport(JsonNode r) {
        assertThat(r.get("organization-name").asText()).isEqualTo("relay.example.test");
        assertThat(r.get("date-range").get("start-datetime").asText()).isEqualTo("2026-01-01T00:00:00Z");
        JsonNode p = r.get("policies").get(0);
        assertThat(p.get("policy").get("policy-type").asText()).isEqualTo("sts");
        assertThat(p.get("policy").get("policy-domain").asText()).isEqualTo("sts.test");
        assertThat(p.get("summary").get("total-successful-session-count").asLong()).isEqualTo(2);
        assertThat(p.get("summary").get("total-failure-session-count").asLong()).isEqualTo(1);
        assertThat(p.get("failure-details").get(0).get("result-type").asText()).isEqualTo("certificate-not-trusted");
        assertThat(p.get("failure-details").get(0).get("receiving-mx-hostname").asText()).isEqualTo("mx.sts.test");
    }

    private static JsonNode gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new ObjectMapper().readTree(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
