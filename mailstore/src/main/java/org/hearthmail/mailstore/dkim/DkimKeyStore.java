package org.hearthmail.mailstore.dkim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hearthmail.dkim.DkimKeys;
import org.hearthmail.dkim.DkimSigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DKIM keys of one installation ({@code keys/dkim} in the data directory; layout in the
 * package comment). Used by the CLI (rotate, list, DNS records) and by the running submission
 * service, which re-reads the state when the file changes, so a rotation takes effect without a
 * restart. Blocking (disk, key generation): never on an event loop. Thread-safe.
 */
public final class DkimKeyStore {
    private static final Logger log = LoggerFactory.getLogger(DkimKeyStore.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    /** Published after rotation unless told otherwise: long enough for queued mail to be delivered and checked. */
    public static final Duration DEFAULT_GRACE = Duration.ofDays(7);

    private final Path dir;
    private final Clock clock;
    private final Map<String, KeyPair[]> loaded = new ConcurrentHashMap<>();

    private DkimKeyStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** @param keysDir the data directory's {@code keys} directory */
    public static DkimKeyStore in(Path keysDir, Clock clock) {
        return new DkimKeyStore(keysDir.resolve("dkim"), clock);
    }

    public Path directory() {
        return dir;
    }

    /** Every selector in the state file, oldest first (expired ones until the next rotation). */
    public synchronized List<DkimSelector> selectors() {
        return SelectorState.read(dir);
    }

    /** The selectors whose public keys belong in DNS now: the active one and those within their grace period. */
    public List<DkimSelector> published() {
        Instant now = clock.instant();
        return selectors().stream().filter(s -> s.published(now)).toList();
    }

    public Optional<DkimSelector> active() {
        return selectors().stream().filter(DkimSelector::active).reduce((a, b) -> b);
    }

    /** The active selector, making the first one when there is none yet. */
    public synchronized DkimSelector ensureActive() {
        Optional<DkimSelector> a = active();
        if (a.isPresent()) {
            return a.get();
        }
        return rotate(DEFAULT_GRACE).created();
    }

    /** What a rotation did. */
    public record Rotation(DkimSelector created, Optional<DkimSelector> retired, List<DkimSelector> removed) {
    }

    /**
     * Makes a new selector with fresh Ed25519 and RSA-2048 keys and makes it the active one; the
     * previous active one stays published for {@code grace}; selectors whose grace ended are
     * dropped and their key files deleted.
     */
    public synchronized Rotation rotate(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative");
        }
        Instant now = clock.instant();
        try {
            KeyFiles.createPrivateDirectory(dir);
        } catch (IOException e) {
            throw new DkimStoreException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        List<DkimSelector> old = SelectorState.read(dir);
        String name = freshName(old, now);
        KeyPair ed = DkimKeys.generateEd25519();
        KeyPair rsa = DkimKeys.generateRsa2048();
        try {
            KeyFiles.writePrivateKey(ed25519File(name), ed.getPrivate());
            KeyFiles.writePrivateKey(rsaFile(name), rsa.getPrivate());
        } catch (IOException e) {
            throw new DkimStoreException("cannot write DKIM keys into " + dir + ": " + e.getMessage(), e);
        }
        DkimSelector created = new DkimSelector(name, now, null);
        List<DkimSelector> next = new ArrayList<>();
        List<DkimSelector> removed = new ArrayList<>();
        DkimSelector retired = null;
        for (DkimSelector s : old) {
            if (s.active()) {
                retired = s.retire(now.plus(grace));
                next.add(retired);
            } else if (s.published(now)) {
                next.add(s);
            } else {
                removed.add(s);
            }
        }
        next.add(created);
        SelectorState.write(dir, next);
        for (DkimSelector s : removed) {
            deleteKeys(s);
        }
        log.info("DKIM selector {} is active{}", name, retired == null ? "" : "; " + retired.name()
                + " stays published until " + retired.publishedUntil());
        return new Rotation(created, Optional.ofNullable(retired), List.copyOf(removed));
    }

    /** A name not used before: {@code hm<yyyyMMdd>}, with a letter suffix when rotated more than once a day. */
    private String freshName(List<DkimSelector> existing, Instant now) {
        String base = "hm" + DAY.format(now);
        String name = base;
        for (char c = 'b'; taken(existing, name); c++) {
            if (c > 'z') {
                throw new DkimStoreException("too many DKIM rotations today");
            }
            name = base + c;
        }
        return name;
    }

    private boolean taken(List<DkimSelector> existing, String name) {
        return existing.stream().anyMatch(s -> s.name().equals(name)) || Files.exists(ed25519File(name))
                || Files.exists(rsaFile(name));
    }

    private void deleteKeys(DkimSelector s) {
        for (Path p : List.of(ed25519File(s.name()), rsaFile(s.name()))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("cannot delete expired DKIM key {}: {}", p, e.toString());
            }
        }
        loaded.remove(s.name());
    }

    Path ed25519File(String name) {
        return dir.resolve(name + ".ed25519.pem");
    }

    Path rsaFile(String name) {
        return dir.resolve(name + ".rsa.pem");
    }

    /** The Ed25519 and RSA key pairs of a selector, in that order. */
    private KeyPair[] keys(DkimSelector s) {
        return loaded.computeIfAbsent(s.name(), n -> new KeyPair[] {
            pair(KeyFiles.readPrivateKey(ed25519File(n))), pair(KeyFiles.readPrivateKey(rsaFile(n)))});
    }

    /**
     * The keys to sign mail from {@code domain} with: the active selector's Ed25519 and RSA keys
     * (RFC 8463 §5: both signatures, so verifiers without Ed25519 still find one they know).
     *
     * @throws DkimStoreException if there is no active selector or its keys cannot be read
     */
    public List<DkimSigningKey> signingKeys(String domain) {
        DkimSelector s = active().orElseThrow(() -> new DkimStoreException(
                "no active DKIM selector in " + dir + "; run 'mailstore dkim rotate'"));
        KeyPair[] k = keys(s);
        return List.of(new DkimSigningKey(domain, s.ed25519Selector(), k[0].getPrivate()),
                new DkimSigningKey(domain, s.rsaSelector(), k[1].getPrivate()));
    }

    /** A DNS TXT record to publish: {@code <selector>._domainkey.<domain>}. */
    public record TxtRecord(String selector, String text) {
        public String name(String domain) {
            return selector + "._domainkey." + domain;
        }
    }

    /** The two key records of a selector (Ed25519 first). */
    public List<TxtRecord> txtRecords(DkimSelector s) {
        KeyPair[] k = keys(s);
        return List.of(new TxtRecord(s.ed25519Selector(), DkimKeys.txtRecord(k[0].getPublic())),
                new TxtRecord(s.rsaSelector(), DkimKeys.txtRecord(k[1].getPublic())));
    }

    /** Derives the public half from a private key (Ed25519 through BouncyCastle, RSA from the CRT key). */
    private static KeyPair pair(PrivateKey key) {
        try {
            PublicKey pub;
            if (key instanceof RSAPrivateCrtKey rsa) {
                pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } else {
                byte[] seed = DkimKeys.ed25519Seed(key);
                var bc = new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(seed, 0);
                byte[] raw = bc.generatePublicKey().getEncoded();
                pub = DkimKeys.publicKeyFromRecord("ed25519", raw);
            }
            return new KeyPair(pub, key);
        } catch (java.security.GeneralSecurityException | org.hearthmail.dkim.DkimKeyException e) {
            throw new DkimStoreException("cannot derive the public key of a DKIM key: " + e.getClass().getSimpleName());
        }
    }
}
