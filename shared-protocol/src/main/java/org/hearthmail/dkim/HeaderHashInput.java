package org.hearthmail.dkim;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 6376 §3.7: the bytes the header signature covers. */
final class HeaderHashInput {
    private HeaderHashInput() { }

    /**
     * @param fields       the message's header fields
     * @param names        the h= names
     * @param canon        header canonicalisation
     * @param signatureRaw the DKIM-Signature field itself with an empty b= value
     */
    static byte[] of(List<HeaderField> fields, List<String> names, Canonicalization canon, String signatureRaw) {
        StringBuilder sb = new StringBuilder();
        for (HeaderField f : HeaderSelector.select(fields, names)) {
            sb.append(canon.header(f));
        }
        String sig = canon.header(new HeaderField(signatureRaw.substring(0, signatureRaw.indexOf(':')), signatureRaw));
        // §3.7: the signature field is hashed without its trailing CRLF.
        if (sig.endsWith("\r\n")) {
            sig = sig.substring(0, sig.length() - 2);
        }
        sb.append(sig);
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
