package org.hearthmail.relay.delivery.dane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNSSEC-validated lookups for DANE through dnsjava's validating resolver, from the configured
 * trust anchors (the root KSK in production). Blocking: call from a delivery worker.
 */
public final class DaneLookup {
    private final ValidatingResolver resolver;

    /**
     * @param server       the recursive resolver (or, in tests, an authoritative server) to ask
     * @param trustAnchors DS or DNSKEY records in zone-file form
     */
    public DaneLookup(InetSocketAddress server, String trustAnchors, Duration timeout) throws IOException {
        SimpleResolver upstream = new SimpleResolver(server);
        upstream.setTimeout(timeout);
        this.resolver = new ValidatingResolver(upstream);
        resolver.loadTrustAnchors(new ByteArrayInputStream(trustAnchors.getBytes(StandardCharsets.US_ASCII)));
    }

    /** TLSA records for {@code _port._tcp.host} (RFC 7672 §2.2.3). */
    public TlsaResult tlsa(String host, int port) {
        Message resp;
        try {
            resp = query("_" + port + "._tcp." + host, Type.TLSA);
        } catch (IOException e) {
            return new TlsaResult.Bogus("TLSA lookup for " + host + " failed: " + e.getMessage());
        }
        boolean secure = resp.getHeader().getFlag(Flags.AD);
        int rcode = resp.getRcode();
        if (rcode == Rcode.SERVFAIL) {
            // The validating resolver answers SERVFAIL for bogus data; RFC 7672 §2.2: do not deliver.
            return new TlsaResult.Bogus("TLSA lookup for " + host + ": SERVFAIL (validation failure or server error)");
        }
        if (!secure) {
            return new TlsaResult.Insecure();
        }
        List<TlsaRecord> out = new ArrayList<>();
        for (Record r : resp.getSection(Section.ANSWER)) {
            if (r instanceof TLSARecord t) {
                out.add(new TlsaRecord(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(), t.getCertificateAssociationData()));
            }
        }
        return out.isEmpty() ? new TlsaResult.Insecure() : new TlsaResult.Secure(out);
    }

    /** RFC 7672 §2.2.1: DANE applies only when the MX RRset itself is DNSSEC-secure. */
    public boolean mxSecure(String domain) {
        try {
            Message resp = query(domain, Type.MX);
            return resp.getRcode() == Rcode.NOERROR && resp.getHeader().getFlag(Flags.AD);
        } catch (IOException e) {
            return false;
        }
    }

    private Message query(String name, int type) throws IOException {
        Name n;
        try {
            n = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IOException("bad DNS name " + name, e);
        }
        return resolver.send(Message.newQuery(Record.newRecord(n, type, DClass.IN)));
    }
}
