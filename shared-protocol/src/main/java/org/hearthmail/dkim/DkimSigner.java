package org.hearthmail.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Signs messages with relaxed/relaxed canonicalisation (RFC 6376 §5), one DKIM-Signature per key
 * (typically an Ed25519 and an RSA-2048 key, RFC 8463 §5). Stream the message through a
 * {@link Session}; {@link Session#finish()} returns the header fields to prepend.
 */
public final class DkimSigner {

    /** RFC 6376 §5.4.1's recommended set, in signing order. */
    static final List<String> SIGNED = List.of("From", "To", "Cc", "Subject", "Date", "Message-ID", "Reply-To",
            "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding");
    /** Listed once more than present, so none can be added after signing (RFC 6376 §8.15). */
    static final Set<String> OVERSIGNED = Set.of("from", "subject", "to", "date");
    private static final int MAX_HEADER_BYTES = 1024 * 1024;
    private static final int LINE = 76;

    private final List<DkimSigningKey> keys;
    private final Clock clock;

    public DkimSigner(List<DkimSigningKey> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is needed");
        }
        this.keys = List.copyOf(keys);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Session begin() {
        return new Session();
    }

    /** Signs a complete message; returns the DKIM-Signature fields (CRLF-terminated) to prepend. */
    public String sign(byte[] message) throws DkimSigningException {
        Session s = begin();
        s.update(message, 0, message.length);
        return s.finish();
    }

    /** One message being signed. Not thread-safe. */
    public final class Session implements MessageSplitter.Listener {
        private final MessageSplitter splitter = new MessageSplitter(MAX_HEADER_BYTES, this);
        private final BodyHasher body = new BodyHasher(Canonicalization.RELAXED, OptionalLong.empty());
        private List<HeaderField> fields = List.of();

        public void update(byte[] b, int off, int len) {
            splitter.update(b, off, len);
        }

        /**
         * Completes the message and signs it. Signing is CPU work: call from a worker thread.
         *
         * @throws DkimSigningException if the header block is too large, has no From, or a key fails
         */
        public String finish() throws DkimSigningException {
            splitter.finish();
            if (splitter.overflowed()) {
                throw new DkimSigningException("header block larger than " + MAX_HEADER_BYTES + " bytes");
            }
            if (fields.stream().noneMatch(f -> f.is("From"))) {
                throw new DkimSigningException("message has no From header field (RFC 6376 §5.4)");
            }
            String bh = Base64.getEncoder().encodeToString(body.finish());
            List<String> names = headerNames(fields);
            StringBuilder out = new StringBuilder();
            long now = clock.instant().getEpochSecond();
            for (DkimSigningKey key : keys) {
                out.append(signOne(key, names, bh, now));
            }
            return out.toString();
        }

        private String signOne(DkimSigningKey key, List<String> names, String bh, long now)
                throws DkimSigningException {
            String unsigned = unsignedField(key, names, bh, now);
            byte[] data = HeaderHashInput.of(fields, names, Canonicalization.RELAXED, unsigned);
            byte[] sig;
            try {
                sig = DkimCrypto.sign(key.algorithm(), key.privateKey(), data);
            } catch (GeneralSecurityException e) {
                throw new DkimSigningException("signing with " + key + " failed: " + e.getClass().getSimpleName());
            }
            return unsigned + fold(Base64.getEncoder().encodeToString(sig)) + "\r\n";
        }

        @Override
        public void headers(List<HeaderField> parsed) {
            fields = parsed;
        }

        @Override
        public void body(byte[] b, int off, int len) {
            body.update(b, off, len);
        }
    }

    /** The h= list: each present field of the set once per instance, plus one for the over-signed ones. */
    static List<String> headerNames(List<HeaderField> fields) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : SIGNED) {
            wanted.add(s.toLowerCase(Locale.ROOT));
        }
        for (HeaderField f : fields) {
            String n = f.name().strip().toLowerCase(Locale.ROOT);
            if (n.startsWith("list-")) {
                wanted.add(n);
            }
        }
        List<String> names = new ArrayList<>();
        for (String n : wanted) {
            long present = fields.stream().filter(f -> f.is(n)).count();
            long times = present + (OVERSIGNED.contains(n) ? 1 : 0);
            for (long i = 0; i < times; i++) {
                names.add(n);
            }
        }
        return names;
    }

    /** The field up to and including "b=", folded, exactly as the verifier will see it with b= emptied. */
    private static String unsignedField(DkimSigningKey key, List<String> names, String bh, long now) {
        StringBuilder sb = new StringBuilder("DKIM-Signature: v=1; a=").append(key.algorithm().tag())
                .append("; c=relaxed/relaxed; d=").append(key.domain()).append(";\r\n\ts=").append(key.selector())
                .append("; t=").append(now).append(";\r\n\th=");
        int col = 3;
        for (int i = 0; i < names.size(); i++) {
            String piece = names.get(i) + (i + 1 < names.size() ? ":" : ";");
            if (col + piece.length() > LINE) {
                sb.append("\r\n\t ");
                col = 2;
            }
            sb.append(piece);
            col += piece.length();
        }
        sb.append("\r\n\tbh=").append(bh).append(";\r\n\tb=");
        return sb.toString();
    }

    private static String fold(String b64) {
        StringBuilder sb = new StringBuilder();
        int first = LINE - 3;
        sb.append(b64, 0, Math.min(first, b64.length()));
        for (int i = first; i < b64.length(); i += LINE - 2) {
            sb.append("\r\n\t ").append(b64, i, Math.min(i + LINE - 2, b64.length()));
        }
        return sb.toString();
    }

    /** Bytes of the signature fields, as they go on the wire in front of the message. */
    public static byte[] bytes(String fields) {
        return fields.getBytes(StandardCharsets.ISO_8859_1);
    }
}
