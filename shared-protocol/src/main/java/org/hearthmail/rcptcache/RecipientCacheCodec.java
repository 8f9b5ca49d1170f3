package org.hearthmail.rcptcache;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The recipient cache file, pushed by the mailstore and kept by the relay:
 * <pre>
 *   "HMRCPT" | version 0x01 | generation (u64 BE) | separators (u8 length + UTF-8)
 *   | count (u32 BE) | count hashes of 32 bytes, ascending | MAC (32 bytes)
 *   MAC = HMAC-SHA256(HMAC-SHA256(salt, "hearthmail-rcptcache-file-mac"), everything before it)
 * </pre>
 * The MAC catches damage and, with a clear message, a relay configured with another salt. Hashes
 * are sorted so the file reveals nothing about the order addresses were added in.
 */
public final class RecipientCacheCodec {
    private static final byte[] MAGIC = {'H', 'M', 'R', 'C', 'P', 'T'};
    private static final int VERSION = 1;
    /** A generous ceiling for a home installation; bounds what a reader allocates. */
    public static final int MAX_ENTRIES = 10_000_000;

    private RecipientCacheCodec() {
    }

    public static byte[] encode(RecipientCache cache) {
        byte[] separators = cache.separators().getBytes(StandardCharsets.UTF_8);
        if (separators.length > 255) {
            throw new IllegalArgumentException("too many sub-address separators");
        }
        List<byte[]> sorted = new ArrayList<>();
        for (ByteBuffer h : cache.hashes()) {
            byte[] b = new byte[RecipientHasher.HASH_LENGTH];
            h.duplicate().get(b);
            sorted.add(b);
        }
        sorted.sort(Arrays::compareUnsigned);
        int bodyLength = MAGIC.length + 1 + 8 + 1 + separators.length + 4 + sorted.size() * RecipientHasher.HASH_LENGTH;
        ByteBuffer out = ByteBuffer.allocate(bodyLength + RecipientHasher.HASH_LENGTH);
        out.put(MAGIC).put((byte) VERSION).putLong(cache.generation()).put((byte) separators.length).put(separators)
                .putInt(sorted.size());
        sorted.forEach(out::put);
        out.put(cache.hasher().fileMac(out.array(), bodyLength));
        return out.array();
    }

    /** @throws RecipientCacheFormatException when damaged, of another version, or made with another salt */
    public static RecipientCache decode(byte[] file, byte[] salt) throws RecipientCacheFormatException {
        RecipientHasher hasher = new RecipientHasher(salt);
        if (file.length < MAGIC.length + 1 + RecipientHasher.HASH_LENGTH
                || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new RecipientCacheFormatException("not a recipient cache file");
        }
        if ((file[MAGIC.length] & 0xff) != VERSION) {
            throw new RecipientCacheFormatException("unsupported recipient cache version " + (file[MAGIC.length] & 0xff)
                    + " (this build reads " + VERSION + ")");
        }
        int bodyLength = file.length - RecipientHasher.HASH_LENGTH;
        byte[] mac = Arrays.copyOfRange(file, bodyLength, file.length);
        if (!MessageDigest.isEqual(mac, hasher.fileMac(file, bodyLength))) {
            throw new RecipientCacheFormatException("recipient cache fails its integrity check: damaged, or made "
                    + "with a different salt than this relay's");
        }
        ByteBuffer in = ByteBuffer.wrap(file, 0, bodyLength);
        in.position(MAGIC.length + 1);
        try {
            long generation = in.getLong();
            byte[] separators = new byte[in.get() & 0xff];
            in.get(separators);
            int count = in.getInt();
            if (count < 0 || count > MAX_ENTRIES || (long) count * RecipientHasher.HASH_LENGTH != in.remaining()) {
                throw new RecipientCacheFormatException("recipient cache declares " + Integer.toUnsignedString(count)
                        + " entries but holds " + in.remaining() + " bytes of hashes");
            }
            Set<ByteBuffer> hashes = new HashSet<>(count * 2);
            for (int i = 0; i < count; i++) {
                byte[] h = new byte[RecipientHasher.HASH_LENGTH];
                in.get(h);
                hashes.add(ByteBuffer.wrap(h));
            }
            return new RecipientCache(generation,
                    new RecipientNormalizer(new String(separators, StandardCharsets.UTF_8)), hasher, hashes);
        } catch (BufferUnderflowException e) {
            throw new RecipientCacheFormatException("recipient cache file ends early");
        } catch (IllegalArgumentException e) {
            throw new RecipientCacheFormatException("recipient cache holds invalid separators");
        }
    }
}
