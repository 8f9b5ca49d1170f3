package org.hearthmail.provision;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Seals a {@link RelayBundle} under a passphrase and opens it again (format: package comment). */
public final class BundleCodec {
    public static final int VERSION = 1;
    public static final String BEGIN = "-----BEGIN HEARTHMAIL RELAY BUNDLE-----";
    public static final String END = "-----END HEARTHMAIL RELAY BUNDLE-----";
    /** Passphrases shorter than this are refused when sealing. */
    public static final int MIN_PASSPHRASE = 12;

    private static final byte[] MAGIC = {'H', 'M', 'R', 'B'};
    private static final int KDF_ARGON2ID = 1;
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int CHECK = 16;
    private static final int HEADER = MAGIC.length + 1 + 1 + 4 + 4 + 1 + SALT + NONCE + CHECK;
    private static final int TAG_BITS = 128;
    private static final byte[] CHECK_LABEL = "hearthmail relay bundle passphrase check".getBytes(StandardCharsets.US_ASCII);

    private BundleCodec() {
    }

    /** The armoured bundle; the passphrase array is left for the caller to wipe. */
    public static String seal(RelayBundle bundle, char[] passphrase, KdfParams kdf, SecureRandom random) {
        if (passphrase.length < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("the passphrase must be at least " + MIN_PASSPHRASE + " characters");
        }
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] keys = derive(passphrase, salt, kdf);
        byte[] plain = BundlePayload.encode(bundle);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            header.put(MAGIC).put((byte) VERSION).put((byte) KDF_ARGON2ID).putInt(kdf.memoryKiB())
                    .putInt(kdf.iterations()).put((byte) kdf.parallelism()).put(salt).put(nonce).put(check(keys));
            byte[] aad = header.array();
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, keys, nonce, aad).doFinal(plain);
            byte[] all = Arrays.copyOf(aad, aad.length + sealed.length);
            System.arraycopy(sealed, 0, all, aad.length, sealed.length);
            return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(all) + "\n" + END + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        } finally {
            Arrays.fill(keys, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    public static String seal(RelayBundle bundle, char[] passphrase) {
        return seal(bundle, passphrase, KdfParams.DEFAULT, new SecureRandom());
    }

    /**
     * @throws BundleException.Malformed          not a bundle, or cut short
     * @throws BundleException.UnsupportedVersion a format version this program does not read
     * @throws BundleException.WrongPassphrase    the passphrase does not open it
     * @throws BundleException.Tampered           the right passphrase, but the content was altered
     */
    public static RelayBundle open(String armoured, char[] passphrase) {
        byte[] raw = unarmour(armoured);
        if (raw.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(raw, MAGIC.length), MAGIC)) {
            throw new BundleException.Malformed("not a relay bundle (no HMRB header)");
        }
        int version = raw[MAGIC.length] & 0xff;
        if (version != VERSION) {
            throw new BundleException.UnsupportedVersion("bundle format version " + version + " is not supported (this "
                    + "program reads version " + VERSION + "); make the bundle with a matching 'mailstore' or upgrade 'edge-relay'");
        }
        if (raw.length < HEADER + TAG_BITS / 8) {
            throw new BundleException.Malformed("the bundle is cut short (" + raw.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(raw, MAGIC.length + 1, HEADER - MAGIC.length - 1);
        int kdfId = in.get() & 0xff;
        if (kdfId != KDF_ARGON2ID) {
            throw new BundleException.UnsupportedVersion("bundle key derivation " + kdfId + " is not supported");
        }
        KdfParams kdf;
        try {
            kdf = new KdfParams(in.getInt(), in.getInt(), in.get() & 0xff);
        } catch (IllegalArgumentException e) {
            throw new BundleException.Malformed("the bundle's key-derivation parameters are refused: " + e.getMessage());
        }
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        byte[] check = new byte[CHECK];
        in.get(salt).get(nonce).get(check);
        byte[] keys = derive(passphrase, salt, kdf);
        try {
            if (!MessageDigest.isEqual(check, check(keys))) {
                throw new BundleException.WrongPassphrase("wrong passphrase for this bundle (or its header was altered)");
            }
            byte[] aad = Arrays.copyOf(raw, HEADER);
            byte[] plain = cipher(Cipher.DECRYPT_MODE, keys, nonce, aad).doFinal(raw, HEADER, raw.length - HEADER);
            try {
                return BundlePayload.decode(plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw new BundleException.Tampered("the bundle was altered after it was made (authentication failed); "
                    + "copy it again or make a new one with 'mailstore relay bundle'");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        } finally {
            Arrays.fill(keys, (byte) 0);
        }
    }

    private static byte[] unarmour(String text) {
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            throw new BundleException.Malformed("not a relay bundle (no '" + BEGIN + "' ... '" + END + "' block)");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + BEGIN.length(), e).strip());
        } catch (IllegalArgumentException ex) {
            throw new BundleException.Malformed("the bundle's text is damaged (not base64)");
        }
    }

    /** RFC 9106 §3: Argon2id over the passphrase's UTF-8 bytes; 64 bytes of output. */
    private static byte[] derive(char[] passphrase, byte[] salt, KdfParams kdf) {
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(kdf.memoryKiB()).withIterations(kdf.iterations())
                .withParallelism(kdf.parallelism()).build());
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(passphrase));
        byte[] pw = new byte[utf8.remaining()];
        utf8.get(pw);
        Arrays.fill(utf8.array(), (byte) 0);
        byte[] out = new byte[64];
        try {
            gen.generateBytes(pw, out);
            return out;
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static byte[] check(byte[] keys) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys, 32, 32, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(CHECK_LABEL), CHECK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static Cipher cipher(int mode, byte[] keys, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(keys, 0, 32, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(aad);
        return c;
    }
}
