package org.hearthmail.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearthmail.dns.InetAddressLiteral;

/** Parses an SPF record (RFC 7208 §4.6, §12 ABNF) into an {@link SpfRecord}. */
public final class SpfRecordParser {

    // RFC 7208 §12: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9._-]*)=(.*)", Pattern.DOTALL);
    // RFC 7208 §12: dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]
    private static final Pattern DUAL_CIDR = Pattern.compile("(?:/(0|[1-9][0-9]*))?(?://(0|[1-9][0-9]*))?$");
    private static final Pattern IP_CIDR = Pattern.compile("(.*?)(?:/(0|[1-9][0-9]*))?");

    private SpfRecordParser() { }

    /** §4.5: whether a TXT record is an SPF version 1 record. */
    public static boolean isSpfRecord(String txt) {
        return txt.length() >= 6 && txt.regionMatches(true, 0, "v=spf1", 0, 6)
                && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    public static SpfRecord parse(String txt) throws SpfPermError {
        if (!isSpfRecord(txt)) {
            throw new SpfPermError("not an SPF record");
        }
        for (int i = 0; i < txt.length(); i++) {
            char c = txt.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new SpfPermError("invalid character in record at offset " + i);
            }
        }
        List<SpfRecord.Directive> directives = new ArrayList<>();
        String redirect = null;
        String exp = null;
        // §4.6.1: terms are separated by one or more SP.
        for (String term : txt.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher m = MODIFIER.matcher(term);
            if (m.matches()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2);
                switch (name) {
                    case "redirect" -> {
                        // §6: redirect and exp MUST NOT appear more than once.
                        if (redirect != null) {
                            throw new SpfPermError("redirect= appears more than once");
                        }
                        redirect = domainSpec(value, term);
                    }
                    case "exp" -> {
                        if (exp != null) {
                            throw new SpfPermError("exp= appears more than once");
                        }
                        exp = domainSpec(value, term);
                    }
                    default -> MacroExpander.validate(value, false); // §6: unknown modifiers are ignored
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(directives, Optional.ofNullable(redirect), Optional.ofNullable(exp));
    }

    private static SpfRecord.Directive directive(String term) throws SpfPermError {
        Qualifier q = Qualifier.of(term.charAt(0));
        String rest = q == null ? term : term.substring(1);
        Qualifier qualifier = q == null ? Qualifier.PASS : q; // §4.6.2: default "+"
        int end = 0;
        while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
            end++;
        }
        String name = rest.substring(0, end).toLowerCase(Locale.ROOT);
        String arg = rest.substring(end);
        Mechanism mech = switch (name) {
            case "all" -> {
                requireEmpty(arg, term);
                yield new Mechanism.All();
            }
            case "include" -> new Mechanism.Include(domainSpec(requireColon(arg, term), term));
            case "exists" -> new Mechanism.Exists(domainSpec(requireColon(arg, term), term));
            case "a", "mx" -> addressMechanism(name, arg, term);
            case "ptr" -> new Mechanism.Ptr(arg.isEmpty() ? null : domainSpec(requireColon(arg, term), term));
            case "ip4" -> ip(requireColon(arg, term), term, false);
            case "ip6" -> ip(requireColon(arg, term), term, true);
            default -> throw new SpfPermError("unknown mechanism: " + term);
        };
        return new SpfRecord.Directive(qualifier, mech);
    }

    private static Mechanism addressMechanism(String name, String arg, String term) throws SpfPermError {
        Matcher cidr = DUAL_CIDR.matcher(arg);
        if (!cidr.find()) {
            throw new SpfPermError("bad CIDR length in " + term);
        }
        int p4 = prefix(cidr.group(1), 32, term);
        int p6 = prefix(cidr.group(2), 128, term);
        String before = arg.substring(0, cidr.start());
        String spec = null;
        if (!before.isEmpty()) {
            spec = domainSpec(requireColon(before, term), term);
        }
        return name.equals("a") ? new Mechanism.A(spec, p4, p6) : new Mechanism.Mx(spec, p4, p6);
    }

    private static Mechanism ip(String arg, String term, boolean six) throws SpfPermError {
        Matcher m = IP_CIDR.matcher(arg);
        if (!m.matches()) {
            throw new SpfPermError("bad network in " + term);
        }
        int prefix = prefix(m.group(2), six ? 128 : 32, term);
        Optional<InetAddress> addr = InetAddressLiteral.tryParse(m.group(1));
        if (six) {
            // §5.6: ip6-network = <as per RFC 4291 §2.2>; Java turns ::ffff:a.b.c.d into IPv4.
            if (addr.isEmpty() || m.group(1).indexOf(':') < 0) {
                throw new SpfPermError("bad IPv6 network in " + term);
            }
            InetAddress a = addr.get();
            if (a instanceof Inet4Address) {
                a = mapped(a);
            }
            return new Mechanism.Ip6(a, prefix);
        }
        if (addr.isEmpty() || !(addr.get() instanceof Inet4Address)) {
            throw new SpfPermError("bad IPv4 network in " + term);
        }
        return new Mechanism.Ip4(addr.get(), prefix);
    }

    private static InetAddress mapped(InetAddress v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xFF;
        b[11] = (byte) 0xFF;
        System.arraycopy(v4.getAddress(), 0, b, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int prefix(String digits, int max, String term) throws SpfPermError {
        if (digits == null) {
            return max;
        }
        if (digits.length() > 3 || Integer.parseInt(digits) > max) {
            throw new SpfPermError("CIDR length out of range in " + term);
        }
        return Integer.parseInt(digits);
    }

    private static String requireColon(String arg, String term) throws SpfPermError {
        if (!arg.startsWith(":") || arg.length() == 1) {
            throw new SpfPermError("missing argument in " + term);
        }
        return arg.substring(1);
    }

    private static void requireEmpty(String arg, String term) throws SpfPermError {
        if (!arg.isEmpty()) {
            throw new SpfPermError("unexpected argument in " + term);
        }
    }

    /** §7.1: domain-spec = macro-string domain-end. */
    private static String domainSpec(String spec, String term) throws SpfPermError {
        if (spec.isEmpty()) {
            throw new SpfPermError("empty domain in " + term);
        }
        MacroExpander.validate(spec, false);
        String s = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        // domain-end = ( "." toplabel [ "." ] ) / macro-expand
        if (s.endsWith("}") || s.endsWith("%%") || s.endsWith("%_") || s.endsWith("%-")) {
            return spec;
        }
        int dot = s.lastIndexOf('.');
        if (dot < 0) {
            throw new SpfPermError("domain spec must end in a top label or macro: " + term);
        }
        String top = s.substring(dot + 1);
        // toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
        if (!top.matches("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]")) {
            throw new SpfPermError("invalid top label in " + term);
        }
        return spec;
    }
}
