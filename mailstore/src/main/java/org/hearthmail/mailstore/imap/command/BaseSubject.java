package org.hearthmail.mailstore.imap.command;

/**
 * The base subject of RFC 5256 §2.1, on a subject whose RFC 2047 encoded-words are already decoded
 * (step 1's conversion to UTF-8; Java strings are Unicode, so non-ASCII subjects take the same
 * steps). Also says whether the subject marked a reply or forward, which THREAD=REFERENCES needs
 * when it merges threads by subject (§4, step 5).
 */
record BaseSubject(String text, boolean replyOrForward) {

    /** Extracts the base subject from a decoded subject (null is the empty subject). */
    static BaseSubject of(String decoded) {
        if (decoded == null) {
            return new BaseSubject("", false);
        }
        // §2.1 (1): tabs and continuations to space, runs of spaces to one space.
        String s = decoded.replaceAll("[\\t\\r\\n]", " ").replaceAll(" {2,}", " ");
        boolean refwd = false;
        while (true) {
            // §2.1 (2): remove trailing "(fwd)" and WSP, repeatedly.
            while (true) {
                if (s.endsWith(" ") || s.endsWith("\t")) {
                    s = s.substring(0, s.length() - 1);
                } else if (s.length() >= 5 && s.regionMatches(true, s.length() - 5, "(fwd)", 0, 5)) {
                    s = s.substring(0, s.length() - 5);
                    refwd = true;
                } else {
                    break;
                }
            }
            // §2.1 (3)-(5): remove subj-leader, then a leading subj-blob that leaves a non-empty
            // base, until neither matches.
            while (true) {
                int leader = leader(s);
                if (leader > 0) {
                    refwd |= hasRefwd(s.substring(0, leader));
                    s = s.substring(leader);
                    continue;
                }
                int blob = blob(s, 0);
                if (blob > 0 && !s.substring(blob).isBlank()) {
                    s = s.substring(blob);
                    continue;
                }
                break;
            }
            // §2.1 (6): "[fwd:" ... "]" is removed and the extraction repeats from step (2).
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                refwd = true;
                continue;
            }
            return new BaseSubject(s, refwd);
        }
    }

    /**
     * §2.1 (3), §5: subj-leader = (*subj-blob subj-refwd) / WSP; subj-refwd = ("re" / ("fw" ["d"]))
     * *WSP [subj-blob] ":". Returns the length of the longest leader at the start, or 0.
     */
    private static int leader(String s) {
        if (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(0) == '\t')) {
            return 1;
        }
        int pos = 0;
        while (true) {
            int refwd = refwd(s, pos);
            if (refwd > 0) {
                return refwd;
            }
            int blob = blob(s, pos);
            if (blob == 0) {
                return 0;
            }
            pos += blob;
        }
    }

    /** The end of a subj-refwd starting at {@code pos}, or 0. */
    private static int refwd(String s, int pos) {
        int p;
        if (s.regionMatches(true, pos, "re", 0, 2)) {
            p = pos + 2;
        } else if (s.regionMatches(true, pos, "fwd", 0, 3)) {
            p = pos + 3;
        } else if (s.regionMatches(true, pos, "fw", 0, 2)) {
            p = pos + 2;
        } else {
            return 0;
        }
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        p += blob(s, p);
        return p < s.length() && s.charAt(p) == ':' ? p + 1 : 0;
    }

    /** §5: subj-blob = "[" *BLOBCHAR "]" *WSP, BLOBCHAR any character but "[" and "]"; length or 0. */
    private static int blob(String s, int pos) {
        if (pos >= s.length() || s.charAt(pos) != '[') {
            return 0;
        }
        int p = pos + 1;
        while (p < s.length() && s.charAt(p) != '[' && s.charAt(p) != ']') {
            p++;
        }
        if (p >= s.length() || s.charAt(p) != ']') {
            return 0;
        }
        p++;
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        return p - pos;
    }

    private static boolean hasRefwd(String leader) {
        int pos = 0;
        while (pos < leader.length()) {
            if (refwd(leader, pos) > 0) {
                return true;
            }
            int blob = blob(leader, pos);
            pos += blob > 0 ? blob : 1;
        }
        return false;
    }
}
