package org.hearthmail.dkim;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM key record (RFC 6376 §3.6.1).
 *
 * @param keyType     k=, default "rsa"
 * @param publicKey   p= decoded; empty means revoked
 * @param hashes      h=, empty when absent (all hashes allowed)
 * @param flags       t= flags, lower case ("y" testing, "s" strict identity)
 * @param services    s=, default "*"
 */
public record DkimKeyRecord(String keyType, byte[] publicKey, List<String> hashes, List<String> flags,
                            List<String> services) {

    public DkimKeyRecord {
        hashes = List.copyOf(hashes);
        flags = List.copyOf(flags);
        services = List.copyOf(services);
        publicKey = publicKey.clone();
    }

    public static DkimKeyRecord parse(String txt) throws DkimSyntaxException {
        TagList tags = TagList.parse(txt);
        if (tags.get("v").isPresent()) {
            // §3.6.1 v=: if present it MUST be the first tag and MUST be "DKIM1".
            if (!tags.firstTag().orElse("").equals("v") || !tags.get("v").get().equals("DKIM1")) {
                throw new DkimSyntaxException("key record v= is not DKIM1 as first tag");
            }
        }
        String p = TagList.removeWhitespace(tags.require("p"));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw new DkimSyntaxException("bad base64 in key p=");
        }
        return new DkimKeyRecord(
                tags.get("k").map(TagList::removeWhitespace).orElse("rsa").toLowerCase(Locale.ROOT),
                key, list(tags, "h"), list(tags, "t"),
                tags.get("s").isPresent() ? list(tags, "s") : List.of("*"));
    }

    private static List<String> list(TagList tags, String name) {
        return tags.get(name)
                .map(v -> Arrays.stream(v.split(":")).map(TagList::removeWhitespace)
                        .map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public boolean revoked() {
        return publicKey.length == 0;
    }

    public boolean testing() {
        return flags.contains("y");
    }

    /** t=s: the i= domain must equal d= exactly. */
    public boolean strictIdentity() {
        return flags.contains("s");
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DkimKeyRecord r && keyType.equals(r.keyType) && Arrays.equals(publicKey, r.publicKey)
                && hashes.equals(r.hashes) && flags.equals(r.flags) && services.equals(r.services);
    }

    @Override
    public int hashCode() {
        return keyType.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "DkimKeyRecord[k=" + keyType + ", bytes=" + publicKey.length + ", t=" + flags + "]";
    }
}
