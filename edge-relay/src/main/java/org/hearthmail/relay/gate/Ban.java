package org.hearthmail.relay.gate;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/** One banned address until a moment, with a reason for the log and the refusal text. */
public record Ban(InetAddress address, Instant until, String reason) {

    /** Longest reason kept; reasons come from other hosts (the mailstore) and go into logs and replies. */
    static final int MAX_REASON = 120;

    public Ban {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(until, "until");
        reason = clean(reason);
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }

    /** Printable ASCII only, no line breaks or tabs (the ban file is line- and tab-separated). */
    static String clean(String reason) {
        if (reason == null || reason.isBlank()) {
            return "banned";
        }
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), MAX_REASON));
        for (int i = 0; i < reason.length() && sb.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString().strip();
    }
}
