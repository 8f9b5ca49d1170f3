package org.hearthmail.relay.delivery.tlsrpt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** The JSON report of RFC 8460 §4.4 for one policy domain. */
public final class TlsReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TlsReport() {
    }

    public static ObjectNode json(String organization, String contact, String reportId, Instant start, Instant end,
                                  Map<TlsReportCollector.PolicyKey, TlsReportCollector.Counts> domainCounts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("organization-name", organization);
        ObjectNode range = root.putObject("date-range");
        range.put("start-datetime", start.toString());
        range.put("end-datetime", end.toString());
        root.put("contact-info", contact);
        root.put("report-id", reportId);
        ArrayNode policies = root.putArray("policies");
        domainCounts.forEach((key, counts) -> {
            ObjectNode p = policies.addObject();
            ObjectNode policy = p.putObject("policy");
            policy.put("policy-type", key.type().json);
            ArrayNode strings = policy.putArray("policy-string");
            key.policyStrings().forEach(strings::add);
            policy.put("policy-domain", key.domain());
            ObjectNode summary = p.putObject("summary");
            summary.put("total-successful-session-count", counts.success());
            summary.put("total-failure-session-count", counts.failureTotal());
            if (!counts.failures().isEmpty()) {
                ArrayNode details = p.putArray("failure-details");
                counts.failures().forEach((f, n) -> {
                    ObjectNode d = details.addObject();
                    d.put("result-type", f.resultType());
                    if (f.receivingMxHostname() != null) {
                        d.put("receiving-mx-hostname", f.receivingMxHostname());
                    }
                    if (f.receivingIp() != null) {
                        d.put("receiving-ip", f.receivingIp());
                    }
                    d.put("failed-session-count", n);
                });
            }
        });
        return root;
    }

    /** RFC 8460 §5.1: reports are sent gzip-compressed ({@code application/tlsrpt+gzip}). */
    public static byte[] gzip(ObjectNode report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(JSON.writeValueAsBytes(report));
        }
        return out.toByteArray();
    }
}
