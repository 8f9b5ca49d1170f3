package org.hearthmail.relay.delivery.dane;

import java.util.List;

/** The DNSSEC-validated answer to a TLSA (or MX) question, as DANE needs it (RFC 7672 §2.2). */
public sealed interface TlsaResult {

    /** Signed and validated records (possibly none usable). */
    record Secure(List<TlsaRecord> records) implements TlsaResult {
        public Secure {
            records = List.copyOf(records);
        }
    }

    /** Unsigned, or validated non-existence: DANE does not apply. */
    record Insecure() implements TlsaResult {
    }

    /** Signed but failed validation, or a lookup failure: RFC 7672 §2.2 forbids delivery to this host now. */
    record Bogus(String detail) implements TlsaResult {
    }
}
