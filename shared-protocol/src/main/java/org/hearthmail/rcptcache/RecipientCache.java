package org.hearthmail.rcptcache;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.hearthmail.smtp.Mailbox;

/**
 * An immutable set of salted recipient hashes, as the mailstore built it at one generation.
 * {@link #contains} answers "would the mailstore accept this RCPT?" when it cannot be asked.
 */
public final class RecipientCache {
    private final long generation;
    private final RecipientNormalizer normalizer;
    private final RecipientHasher hasher;
    private final Set<ByteBuffer> hashes;

    RecipientCache(long generation, RecipientNormalizer normalizer, RecipientHasher hasher, Set<ByteBuffer> hashes) {
        this.generation = generation;
        this.normalizer = normalizer;
        this.hasher = hasher;
        this.hashes = Set.copyOf(hashes);
    }

    /**
     * Mailstore side: builds the cache from the deliverable addresses and catch-all domains.
     *
     * @param generation increases with every push, so the relay can refuse an older cache
     * @param separators the sub-address separator characters, e.g. {@code "+"}; empty for none
     */
    public static RecipientCache build(byte[] salt, long generation, String separators, Collection<Mailbox> addresses,
                                       Collection<String> catchAllDomains) {
        RecipientNormalizer normalizer = new RecipientNormalizer(separators);
        RecipientHasher hasher = new RecipientHasher(salt);
        Set<ByteBuffer> hashes = new HashSet<>();
        for (Mailbox m : addresses) {
            hashes.add(ByteBuffer.wrap(hasher.hash(normalizer.address(m))));
        }
        for (String domain : catchAllDomains) {
            hashes.add(ByteBuffer.wrap(hasher.hash(normalizer.catchAll(domain))));
        }
        return new RecipientCache(generation, normalizer, hasher, hashes);
    }

    /** True when the address (tag stripped, any case) or its whole domain is deliverable. */
    public boolean contains(Mailbox address) {
        Objects.requireNonNull(address, "address");
        return hashes.contains(ByteBuffer.wrap(hasher.hash(normalizer.address(address))))
                || hashes.contains(ByteBuffer.wrap(hasher.hash(normalizer.catchAll(address.domain()))));
    }

    public long generation() {
        return generation;
    }

    public String separators() {
        return normalizer.separators();
    }

    public int size() {
        return hashes.size();
    }

    Set<ByteBuffer> hashes() {
        return hashes;
    }

    RecipientHasher hasher() {
        return hasher;
    }

    @Override
    public String toString() {
        return "RecipientCache[generation " + generation + ", " + hashes.size() + " entries]";
    }
}
