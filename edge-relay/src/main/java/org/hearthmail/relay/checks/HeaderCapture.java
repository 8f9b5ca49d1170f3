package org.hearthmail.relay.checks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a copy of a message's header section (RFC 5322 §2.1: everything before the first empty
 * line) as content streams past, up to a bound; the body is never kept.
 */
final class HeaderCapture {

    private final int limit;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
    private int lineLength;
    private boolean complete;
    private boolean overflowed;

    HeaderCapture(int limit) {
        this.limit = limit;
    }

    void update(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end && !complete && !overflowed; i++) {
            byte c = b[i];
            if (c == '\n') {
                if (lineLength == 0) {
                    // RFC 5322 §2.1: the empty line ends the header section.
                    complete = true;
                    return;
                }
                header.write(c);
                lineLength = 0;
            } else {
                if (header.size() >= limit) {
                    overflowed = true;
                    return;
                }
                header.write(c);
                if (c != '\r') {
                    lineLength++;
                }
            }
        }
    }

    /** The header section was larger than the bound: only its beginning was kept. */
    boolean overflowed() {
        return overflowed;
    }

    /**
     * The values of every field named {@code name} (case-insensitive), unfolded (RFC 5322 §2.2.3:
     * CRLF followed by white space is removed), decoded as UTF-8 (RFC 6532 allows it in headers).
     */
    List<String> values(String name) {
        String text = header.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (current != null) {
                    current.append(line);
                }
                continue;
            }
            if (current != null) {
                fields.add(current.toString());
            }
            current = line.isEmpty() ? null : new StringBuilder(line);
        }
        if (current != null) {
            fields.add(current.toString());
        }
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            int colon = f.indexOf(':');
            if (colon > 0 && f.substring(0, colon).strip().equalsIgnoreCase(name)) {
                out.add(f.substring(colon + 1).strip());
            }
        }
        return out;
    }
}
