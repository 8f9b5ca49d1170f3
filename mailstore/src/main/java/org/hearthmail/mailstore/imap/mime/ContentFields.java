package org.hearthmail.mailstore.imap.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses Content-Type and Content-Disposition values: a value and {@code ;}-separated parameters
 * (RFC 2045 §5.1), with RFC 2231 continuations ({@code name*0}, {@code name*1}) joined and
 * charset-encoded values ({@code name*=utf-8''%E2%82%AC}) decoded. Lenient: a broken parameter is
 * dropped, never the whole field.
 */
public final class ContentFields {

    /** The value before the first ';' and the parameters after it. */
    public record Parsed(String value, List<Param> params) {
    }

    private ContentFields() {
    }

    public static Parsed parse(String field) {
        if (field == null) {
            return new Parsed("", List.of());
        }
        List<String[]> raw = new ArrayList<>();
        int i = field.indexOf(';');
        String value = stripComments(i < 0 ? field : field.substring(0, i)).strip();
        while (i >= 0 && i < field.length()) {
            i++;
            int eq = field.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = field.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int p = eq + 1;
            while (p < field.length() && (field.charAt(p) == ' ' || field.charAt(p) == '\t')) {
                p++;
            }
            StringBuilder v = new StringBuilder();
            if (p < field.length() && field.charAt(p) == '"') {
                p++;
                while (p < field.length() && field.charAt(p) != '"') {
                    char c = field.charAt(p);
                    if (c == '\\' && p + 1 < field.length()) {
                        c = field.charAt(++p);
                    }
                    v.append(c);
                    p++;
                }
                int semi = field.indexOf(';', p);
                i = semi;
            } else {
                int semi = field.indexOf(';', p);
                v.append(field, p, semi < 0 ? field.length() : semi);
                i = semi;
                String t = stripComments(v.toString()).strip();
                v.setLength(0);
                v.append(t);
            }
            if (!name.isEmpty() && name.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '(')) {
                raw.add(new String[] {name, v.toString()});
            }
        }
        return new Parsed(value, rfc2231(raw));
    }

    private static String stripComments(String s) {
        return s.indexOf('(') < 0 ? s : s.replaceAll("\\([^()]*\\)", "");
    }

    /** RFC 2231 §3 and §4: joins name*0, name*1... and decodes name*= charset'language'value. */
    private static List<Param> rfc2231(List<String[]> raw) {
        Map<String, TreeMap<Integer, String[]>> segments = new LinkedHashMap<>();
        for (String[] nv : raw) {
            String name = nv[0];
            boolean extended = name.endsWith("*");
            String base = extended ? name.substring(0, name.length() - 1) : name;
            int index = 0;
            int star = base.lastIndexOf('*');
            if (star > 0 && base.substring(star + 1).chars().allMatch(Character::isDigit) && star + 1 < base.length()) {
                index = Integer.parseInt(base.substring(star + 1).length() > 6 ? "999999" : base.substring(star + 1));
                base = base.substring(0, star);
            }
            segments.computeIfAbsent(base, k -> new TreeMap<>())
                    .putIfAbsent(index, new String[] {extended ? "*" : "", nv[1]});
        }
        List<Param> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, String[]>> e : segments.entrySet()) {
            Charset charset = null;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StringBuilder plain = new StringBuilder();
            boolean anyExtended = false;
            boolean first = true;
            for (String[] seg : e.getValue().values()) {
                String v = seg[1];
                if (seg[0].equals("*")) {
                    anyExtended = true;
                    if (first) {
                        int q1 = v.indexOf('\'');
                        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                        if (q2 > 0) {
                            charset = charset(v.substring(0, q1));
                            v = v.substring(q2 + 1);
                        }
                    }
                    percentDecode(v, bytes);
                } else {
                    byte[] b = v.getBytes(StandardCharsets.UTF_8);
                    bytes.write(b, 0, b.length);
                }
                plain.append(seg[1]);
                first = false;
            }
            String value = anyExtended
                    ? new String(bytes.toByteArray(), charset == null ? StandardCharsets.UTF_8 : charset)
                    : plain.toString();
            out.add(new Param(e.getKey(), value));
        }
        return out;
    }

    private static Charset charset(String name) {
        try {
            return name.isEmpty() ? StandardCharsets.US_ASCII : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static void percentDecode(String v, ByteArrayOutputStream out) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 2 < v.length() + 0 && i + 2 <= v.length() - 1
                    && Character.digit(v.charAt(i + 1), 16) >= 0 && Character.digit(v.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
    }
}
