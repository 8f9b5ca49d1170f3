package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;

/**
 * The RETURN options of ESEARCH (RFC 4731 §3.1) and ESORT (RFC 5267 §3), and the ESEARCH response
 * both answer with.
 */
final class Esearch {
    private Esearch() {
    }

    /** Reads {@code RETURN (...)} when it comes next; null when the command has none. */
    static List<String> returnOptions(ArgReader args) throws ImapSyntaxException {
        if (!args.accept("RETURN")) {
            return null;
        }
        List<String> ret = new ArrayList<>();
        for (Arg a : args.list()) {
            ret.add(a.toString().toUpperCase(Locale.ROOT));
        }
        if (ret.isEmpty()) {
            ret.add("ALL"); // RFC 4731 §3.1 and RFC 5267 §3: RETURN () means ALL
        }
        return ret;
    }

    /** RFC 3501 §6.4.4, RFC 5256 §3: CHARSET UTF-8 and US-ASCII are known, others are BADCHARSET. */
    static void requireKnownCharset(String charset) throws ImapException {
        if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
            throw ImapException.no("BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset");
        }
    }

    /**
     * RFC 4731 §3.1: * ESEARCH (TAG "t") [UID] MIN n MAX n COUNT n ALL set. MIN and MAX are the
     * first and last of {@code found} as ordered (ascending for SEARCH, the sort order for SORT,
     * RFC 5267 §3.1), and {@code all} renders the ALL set.
     */
    static String render(String tag, boolean uid, List<Long> found, List<String> ret,
                         Function<List<Long>, String> all) throws ImapSyntaxException {
        StringBuilder sb = new StringBuilder("ESEARCH (TAG \"").append(tag).append("\")");
        if (uid) {
            sb.append(" UID");
        }
        for (String r : ret) {
            switch (r) {
                case "MIN" -> { if (!found.isEmpty()) sb.append(" MIN ").append(found.get(0)); }
                case "MAX" -> { if (!found.isEmpty()) sb.append(" MAX ").append(found.get(found.size() - 1)); }
                case "COUNT" -> sb.append(" COUNT ").append(found.size());
                case "ALL" -> { if (!found.isEmpty()) sb.append(" ALL ").append(all.apply(found)); }
                case SearchResults.SAVE -> { }
                default -> throw new ImapSyntaxException("unknown RETURN option " + r);
            }
        }
        return sb.toString();
    }
}
