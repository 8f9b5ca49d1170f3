package org.hearthmail.relay.delivery.tlsrpt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hearthmail.dns.DnsResolver;
import org.hearthmail.dns.DnsResult;
import org.hearthmail.relay.queue.QueueStore;
import org.hearthmail.relay.queue.QueuedMessage;
import org.hearthmail.relay.queue.RecipientState;
import org.hearthmail.relay.queue.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the day's TLS reports (RFC 8460 §5) to each policy domain's {@code rua}: by mail (queued for
 * delivery like any outbound message) or by HTTPS POST. Blocking; runs once a day.
 */
public final class TlsReportSender {
    private static final Logger LOG = LoggerFactory.getLogger(TlsReportSender.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

    private final DnsResolver dns;
    private final QueueStore queue;
    private final HttpClient http;
    private final String submitter;
    private final String reporterAddress;

    /**
     * @param submitter       our host name (organization, TLS-Report-Submitter)
     * @param reporterAddress the From and envelope sender of mailed reports (contact-info too)
     */
    public TlsReportSender(DnsResolver dns, QueueStore queue, HttpClient http, String submitter, String reporterAddress) {
        this.dns = dns;
        this.queue = queue;
        this.http = http;
        this.submitter = submitter;
        this.reporterAddress = reporterAddress;
    }

    /** Sends one report per policy domain with a TLSRPT record; returns how many reports went out. */
    public int send(Map<TlsReportCollector.PolicyKey, TlsReportCollector.Counts> counts, Instant start, Instant end) {
        Map<String, Map<TlsReportCollector.PolicyKey, TlsReportCollector.Counts>> byDomain = new LinkedHashMap<>();
        counts.forEach((k, c) -> byDomain.computeIfAbsent(k.domain(), d -> new LinkedHashMap<>()).put(k, c));
        int sent = 0;
        for (var e : byDomain.entrySet()) {
            String domain = e.getKey();
            Optional<TlsRptRecord> rec = record(domain);
            if (rec.isEmpty()) {
                continue;
            }
            String reportId = start.toString() + "_" + domain + "_" + HexFormat.of().formatHex(random());
            ObjectNode json = TlsReport.json(submitter, "mailto:" + reporterAddress, reportId, start, end, e.getValue());
            byte[] gz;
            try {
                gz = TlsReport.gzip(json);
            } catch (IOException ex) {
                LOG.error("cannot compress the TLS report for {}: {}", domain, ex.getMessage());
                continue;
            }
            for (URI rua : rec.get().rua()) {
                try {
                    if ("mailto".equalsIgnoreCase(rua.getScheme())) {
                        mail(rua, domain, reportId, start, end, gz);
                    } else {
                        post(rua, gz);
                    }
                    sent++;
                } catch (IOException | RuntimeException ex) {
                    LOG.warn("TLS report for {} to {} failed: {}", domain, rua, ex.getMessage());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return sent;
                }
            }
        }
        return sent;
    }

    private Optional<TlsRptRecord> record(String domain) {
        try {
            DnsResult<String> r = dns.txt("_smtp._tls." + domain).get(30, TimeUnit.SECONDS);
            return TlsRptRecord.select(r.records());
        } catch (Exception e) {
            LOG.warn("TLSRPT lookup for {} failed: {}", domain, e.toString());
            return Optional.empty();
        }
    }

    /** RFC 8460 §5.3: multipart/report; report-type="tlsrpt" with the gzipped JSON attached. */
    private void mail(URI rua, String domain, String reportId, Instant start, Instant end, byte[] gz) {
        String to = URLDecoder.decode(rua.getSchemeSpecificPart().replaceFirst("\\?.*", ""), StandardCharsets.UTF_8);
        String boundary = "=_tlsrpt_" + HexFormat.of().formatHex(random());
        String file = submitter + "!" + domain + "!" + start.getEpochSecond() + "!" + end.getEpochSecond() + ".json.gz";
        StringBuilder sb = new StringBuilder();
        sb.append("From: <").append(reporterAddress).append(">\r\n");
        sb.append("To: <").append(to).append(">\r\n");
        sb.append("Subject: Report Domain: ").append(domain).append(" Submitter: ").append(submitter)
                .append(" Report-ID: <").append(reportId).append(">\r\n");
        sb.append("TLS-Report-Domain: ").append(domain).append("\r\n");
        sb.append("TLS-Report-Submitter: ").append(submitter).append("\r\n");
        sb.append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        sb.append("Message-ID: <").append(HexFormat.of().formatHex(random())).append('@').append(submitter).append(">\r\n");
        sb.append("Auto-Submitted: auto-generated\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"").append(boundary).append("\"\r\n\r\n");
        sb.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        sb.append("This is an aggregate TLS report from ").append(submitter).append(".\r\n\r\n");
        sb.append("--").append(boundary).append("\r\nContent-Type: application/tlsrpt+gzip\r\n");
        sb.append("Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"").append(file).append("\"\r\n\r\n");
        sb.append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(gz)).append("\r\n");
        sb.append("--").append(boundary).append("--\r\n");
        queue.enqueue(new QueuedMessage("pending", reporterAddress, null, null, null, false, System.currentTimeMillis(), 0,
                        false, Route.MX, List.of(RecipientState.pending(to, List.of("NEVER"), null))),
                sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 8460 §5.4: POST with Content-Type application/tlsrpt+gzip; any 2xx is success. */
    private void post(URI rua, byte[] gz) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(rua).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/tlsrpt+gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + r.statusCode());
        }
    }

    private static byte[] random() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
