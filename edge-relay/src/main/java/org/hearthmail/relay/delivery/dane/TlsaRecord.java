package org.hearthmail.relay.delivery.dane;

/**
 * One TLSA record (RFC 6698 §2.1).
 *
 * @param usage    0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE
 * @param selector 0 full certificate, 1 SubjectPublicKeyInfo
 * @param matching 0 exact, 1 SHA-256, 2 SHA-512
 */
public record TlsaRecord(int usage, int selector, int matching, byte[] data) {
    public TlsaRecord {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** RFC 7672 §3.1.3: SMTP clients use only DANE-TA(2) and DANE-EE(3) with known selector and matching types. */
    public boolean usable() {
        return (usage == 2 || usage == 3) && (selector == 0 || selector == 1) && matching >= 0 && matching <= 2;
    }
}
