package org.hearthmail.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** RFC 6376 §3.2: a tag=value list, as used by DKIM-Signature, key records and DMARC records. */
public record TagList(Map<String, String> tags) {

    // tag-name = ALPHA *ALNUMPUNC
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public TagList {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * Parses a tag list. Whitespace (including folding) around names and values is dropped; a
     * trailing ";" is allowed; a duplicate tag is an error (§3.2: "Tags with duplicate names MUST
     * NOT occur within a single tag-list").
     */
    public static TagList parse(String text) throws DkimSyntaxException {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = text.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isBlank()) {
                if (i == parts.length - 1) {
                    break; // tag-list = tag-spec *( ";" tag-spec ) [ ";" ]
                }
                throw new DkimSyntaxException("empty tag-spec");
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new DkimSyntaxException("tag without '=': " + abbreviate(part));
            }
            String name = strip(part.substring(0, eq));
            if (!TAG_NAME.matcher(name).matches()) {
                throw new DkimSyntaxException("invalid tag name: " + abbreviate(name));
            }
            if (out.put(name, strip(part.substring(eq + 1))) != null) {
                throw new DkimSyntaxException("duplicate tag: " + name);
            }
        }
        return new TagList(out);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    public String require(String name) throws DkimSyntaxException {
        String v = tags.get(name);
        if (v == null) {
            throw new DkimSyntaxException("missing required tag " + name + "=");
        }
        return v;
    }

    /** The first tag's name, for rules like "v= MUST be the first tag". */
    public Optional<String> firstTag() {
        return tags.keySet().stream().findFirst();
    }

    /** Removes all whitespace (FWS inside base64 values, §3.5 b= and bh=). */
    public static String removeWhitespace(String s) {
        return s.replaceAll("[ \\t\\r\\n]", "");
    }

    private static String strip(String s) {
        return s.replaceAll("^[ \\t\\r\\n]+|[ \\t\\r\\n]+$", "");
    }

    private static String abbreviate(String s) {
        String t = strip(s);
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
