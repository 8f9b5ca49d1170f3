package org.hearthmail.dkim;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.hearthmail.dns.DnsResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376 §6). Start a {@link Session} per message,
 * feed it the message bytes as they arrive, then {@link Session#finish()}. Key lookups start as
 * soon as the header block is complete, while the body is still streaming.
 */
public final class DkimVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(DkimVerifier.class);

    /**
     * @param maxHeaderBytes header block size beyond which the message is not verified
     * @param maxSignatures  signatures beyond this count are not evaluated (neutral)
     */
    public record Limits(int maxHeaderBytes, int maxSignatures) {
        public Limits {
            if (maxHeaderBytes < 1024 || maxSignatures < 1) {
                throw new IllegalArgumentException("limits too small: " + maxHeaderBytes + ", " + maxSignatures);
            }
        }

        public static Limits defaults() {
            return new Limits(256 * 1024, 8);
        }
    }

    private final DnsResolver dns;
    private final Executor cryptoExecutor;
    private final Clock clock;
    private final Limits limits;

    /**
     * @param dns            resolver for key records
     * @param cryptoExecutor where signature checks run (never a Netty event loop)
     */
    public DkimVerifier(DnsResolver dns, Executor cryptoExecutor, Clock clock, Limits limits) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.cryptoExecutor = Objects.requireNonNull(cryptoExecutor, "cryptoExecutor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Session begin() {
        return new Session();
    }

    /** Verifies a complete message held in memory. */
    public CompletableFuture<List<DkimResult>> verify(byte[] message) {
        Session s = begin();
        s.update(message, 0, message.length);
        return s.finish();
    }

    /** Verification of one message. Not thread-safe: feed it from one thread at a time. */
    public final class Session implements MessageSplitter.Listener {
        private final MessageSplitter splitter = new MessageSplitter(limits.maxHeaderBytes(), this);
        private final List<Pending> pending = new ArrayList<>();
        private final List<DkimResult> early = new ArrayList<>();
        private List<HeaderField> fields = List.of();
        private boolean finished;

        private record Pending(DkimSignature sig, BodyHasher hasher, CompletableFuture<KeyLookup.Outcome> key) { }

        public void update(byte[] b, int off, int len) {
            if (finished) {
                throw new IllegalStateException("session finished");
            }
            splitter.update(b, off, len);
        }

        /** True once a signature's body hash is being computed (hashing is work: not for an event loop). */
        public boolean hashing() {
            return !pending.isEmpty();
        }

        /** Ends the message. The future never completes exceptionally; an unsigned message gives an empty list. */
        public CompletableFuture<List<DkimResult>> finish() {
            if (finished) {
                throw new IllegalStateException("session finished");
            }
            finished = true;
            splitter.finish();
            if (splitter.overflowed()) {
                return CompletableFuture.completedFuture(List.of(DkimResult.unparsed(DkimStatus.PERMERROR,
                        "header block larger than " + limits.maxHeaderBytes() + " bytes", "", "")));
            }
            List<CompletableFuture<DkimResult>> results = new ArrayList<>();
            for (DkimResult r : early) {
                results.add(CompletableFuture.completedFuture(r));
            }
            for (Pending p : pending) {
                byte[] bodyHash = p.hasher().finish();
                long bodyLength = p.hasher().canonicalLength();
                results.add(p.key().thenApplyAsync(k -> check(p.sig(), k, bodyHash, bodyLength), cryptoExecutor)
                        .exceptionally(e -> {
                            LOG.warn("DKIM verification of d={} s={} failed unexpectedly", p.sig().domain(),
                                    p.sig().selector(), e);
                            return DkimResult.of(DkimStatus.TEMPERROR,
                                    "verification failed: " + e.getClass().getSimpleName(), p.sig());
                        }));
            }
            return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                    .thenApply(x -> results.stream().map(CompletableFuture::join).toList());
        }

        @Override
        public void headers(List<HeaderField> parsed) {
            fields = parsed;
            int count = 0;
            for (HeaderField f : parsed) {
                if (!f.is("DKIM-Signature")) {
                    continue;
                }
                if (++count > limits.maxSignatures()) {
                    early.add(DkimResult.unparsed(DkimStatus.NEUTRAL, "too many signatures; not evaluated", "", ""));
                    continue;
                }
                DkimSignature sig;
                try {
                    sig = DkimSignature.parse(f);
                } catch (DkimSyntaxException e) {
                    early.add(DkimResult.unparsed(DkimStatus.PERMERROR, "bad signature: " + e.getMessage(), "", ""));
                    continue;
                }
                DkimResult refused = refuse(sig);
                if (refused != null) {
                    early.add(refused);
                    continue;
                }
                pending.add(new Pending(sig, new BodyHasher(sig.bodyCanon(), sig.length()),
                        KeyLookup.fetch(dns, sig)));
            }
        }

        @Override
        public void body(byte[] b, int off, int len) {
            for (Pending p : pending) {
                p.hasher().update(b, off, len);
            }
        }

        /** Checks that need neither the key nor the body. */
        private DkimResult refuse(DkimSignature sig) {
            if (sig.algorithmTag().equalsIgnoreCase("rsa-sha1")) {
                // RFC 8301 §3.1: verifiers MUST NOT consider rsa-sha1 signatures valid.
                return DkimResult.of(DkimStatus.PERMERROR, "rsa-sha1 is not accepted (RFC 8301)", sig);
            }
            if (DkimAlgorithm.of(sig.algorithmTag()).isEmpty()) {
                return DkimResult.of(DkimStatus.NEUTRAL, "unsupported algorithm " + sig.algorithmTag(), sig);
            }
            long now = clock.instant().getEpochSecond();
            if (sig.expiration().isPresent() && sig.expiration().getAsLong() < now) {
                // RFC 6376 §3.5 x=: verifiers may treat an expired signature as invalid.
                return DkimResult.of(DkimStatus.FAIL, "signature expired", sig);
            }
            return null;
        }

        private DkimResult check(DkimSignature sig, KeyLookup.Outcome key, byte[] bodyHash, long bodyLength) {
            if (key instanceof KeyLookup.Outcome.Failed f) {
                return DkimResult.of(f.status(), f.reason(), sig);
            }
            KeyLookup.Outcome.Usable k = (KeyLookup.Outcome.Usable) key;
            DkimAlgorithm alg = DkimAlgorithm.of(sig.algorithmTag()).orElseThrow();
            if (!alg.keyType().equals(k.record().keyType())) {
                return DkimResult.of(DkimStatus.PERMERROR, "key type k=" + k.record().keyType() + " does not match a=", sig);
            }
            if (sig.length().isPresent() && sig.length().getAsLong() > bodyLength) {
                return DkimResult.of(DkimStatus.FAIL, "l= is longer than the body", sig);
            }
            // RFC 6376 §6.1.3: compare the body hash first, then the header signature.
            if (!MessageDigest.isEqual(bodyHash, sig.bodyHashBytes())) {
                return DkimResult.of(DkimStatus.FAIL, "body hash did not verify", sig);
            }
            byte[] data = HeaderHashInput.of(fields, sig.signedHeaders(), sig.headerCanon(), sig.withEmptySignature());
            if (!DkimCrypto.verify(alg, k.key(), data, sig.signatureBytes())) {
                return DkimResult.of(DkimStatus.FAIL, "signature did not verify", sig);
            }
            return DkimResult.of(DkimStatus.PASS, k.record().testing() ? "good signature (key in test mode)"
                    : "good signature", sig);
        }
    }
}
