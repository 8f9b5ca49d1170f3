package org.hearthmail.relay.delivery.tlsrpt;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code _smtp._tls} TXT record (RFC 8460 §3): where reports for a domain go. */
public record TlsRptRecord(List<URI> rua) {
    public TlsRptRecord {
        rua = List.copyOf(rua);
    }

    /**
     * RFC 8460 §3: records not starting with {@code v=TLSRPTv1} are ignored; exactly one must remain,
     * with an {@code rua} of comma-separated mailto: or https: URIs.
     */
    public static Optional<TlsRptRecord> select(List<String> txt) {
        List<String> recs = txt.stream().filter(t -> t.startsWith("v=TLSRPTv1")).toList();
        if (recs.size() != 1) {
            return Optional.empty();
        }
        List<URI> rua = new ArrayList<>();
        for (String field : recs.get(0).split(";")) {
            String f = field.strip();
            if (f.startsWith("rua=")) {
                for (String u : f.substring(4).split(",")) {
                    try {
                        URI uri = URI.create(u.strip());
                        if ("mailto".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
                            rua.add(uri);
                        }
                    } catch (IllegalArgumentException bad) {
                        // RFC 8460 §3: an invalid URI is skipped; the others still count.
                    }
                }
            }
        }
        return rua.isEmpty() ? Optional.empty() : Optional.of(new TlsRptRecord(rua));
    }
}
