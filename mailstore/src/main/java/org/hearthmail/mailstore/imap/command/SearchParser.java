package org.hearthmail.mailstore.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hearthmail.mailstore.imap.proto.Arg;
import org.hearthmail.mailstore.imap.proto.ArgReader;
import org.hearthmail.mailstore.imap.proto.ImapSyntaxException;
import org.hearthmail.mailstore.imap.proto.SequenceSet;
import org.hearthmail.mailstore.store.Flags;

/**
 * Parses SEARCH criteria (RFC 3501 §6.4.4, RFC 9051 §6.4.4) into a {@link SearchKey}; several keys
 * are ANDed. One parser per command, because whether the session speaks IMAP4rev2 decides which
 * keys exist.
 */
final class SearchParser {
    /** RFC 9051 Appendix E: NEW, OLD and RECENT went with \Recent; under rev2 they are BAD. */
    private static final java.util.Set<String> REMOVED_IN_REV2 = java.util.Set.of("NEW", "OLD", "RECENT");
    private final boolean rev2;

    private SearchParser(boolean rev2) {
        this.rev2 = rev2;
    }

    /** The criteria of {@code args}; {@code rev2} when the session enabled IMAP4rev2. */
    static SearchKey parseAll(ArgReader args, boolean rev2) throws ImapSyntaxException {
        return new SearchParser(rev2).all(args);
    }

    private SearchKey all(ArgReader args) throws ImapSyntaxException {
        List<SearchKey> keys = new ArrayList<>();
        while (args.hasMore()) {
            keys.add(key(args));
        }
        if (keys.isEmpty()) {
            throw new ImapSyntaxException("SEARCH needs at least one criterion");
        }
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    private SearchKey key(ArgReader args) throws ImapSyntaxException {
        if (args.peekIsList()) {
            List<Arg> items = args.list();
            if (items.isEmpty()) {
                throw new ImapSyntaxException("empty search key list");
            }
            return all(new ArgReader(items));
        }
        String word = args.atom();
        String k = word.toUpperCase(Locale.ROOT);
        if (rev2 && REMOVED_IN_REV2.contains(k)) {
            // RFC 9051 §6.4.4 lists no NEW, OLD or RECENT key (Appendix E: removed with \Recent).
            throw new ImapSyntaxException("search key " + word + " does not exist in IMAP4rev2");
        }
        return switch (k) {
            case "ALL", "OLD" -> new SearchKey.All();
            case "NEW", "RECENT" -> new SearchKey.Nothing();
            case "ANSWERED" -> new SearchKey.Flag(Flags.ANSWERED, true);
            case "DELETED" -> new SearchKey.Flag(Flags.DELETED, true);
            case "DRAFT" -> new SearchKey.Flag(Flags.DRAFT, true);
            case "FLAGGED" -> new SearchKey.Flag(Flags.FLAGGED, true);
            case "SEEN" -> new SearchKey.Flag(Flags.SEEN, true);
            case "UNANSWERED" -> new SearchKey.Flag(Flags.ANSWERED, false);
            case "UNDELETED" -> new SearchKey.Flag(Flags.DELETED, false);
            case "UNDRAFT" -> new SearchKey.Flag(Flags.DRAFT, false);
            case "UNFLAGGED" -> new SearchKey.Flag(Flags.FLAGGED, false);
            case "UNSEEN" -> new SearchKey.Flag(Flags.SEEN, false);
            case "KEYWORD" -> new SearchKey.Flag(args.atom(), true);
            case "UNKEYWORD" -> new SearchKey.Flag(args.atom(), false);
            case "FROM", "TO", "CC", "BCC", "SUBJECT" ->
                    new SearchKey.Header(k.charAt(0) + k.substring(1).toLowerCase(Locale.ROOT), args.astring());
            case "HEADER" -> new SearchKey.Header(args.astring(), args.astring());
            case "BODY" -> new SearchKey.Text(args.astring(), false);
            case "TEXT" -> new SearchKey.Text(args.astring(), true);
            case "BEFORE" -> new SearchKey.Date(SearchKey.When.BEFORE, Dates.parseDate(args.astring()), false);
            case "ON" -> new SearchKey.Date(SearchKey.When.ON, Dates.parseDate(args.astring()), false);
            case "SINCE" -> new SearchKey.Date(SearchKey.When.SINCE, Dates.parseDate(args.astring()), false);
            case "SENTBEFORE" -> new SearchKey.Date(SearchKey.When.BEFORE, Dates.parseDate(args.astring()), true);
            case "SENTON" -> new SearchKey.Date(SearchKey.When.ON, Dates.parseDate(args.astring()), true);
            case "SENTSINCE" -> new SearchKey.Date(SearchKey.When.SINCE, Dates.parseDate(args.astring()), true);
            case "LARGER" -> new SearchKey.Size(true, args.number());
            case "SMALLER" -> new SearchKey.Size(false, args.number());
            case "UID" -> new SearchKey.Numbers(args.sequenceSet(), true);
            case "MODSEQ" -> {
                // RFC 7162 §3.1.5: MODSEQ [entry-name entry-type-req] mod-sequence-valzer
                if (args.peek() instanceof Arg.Str || (args.peek() instanceof Arg.Atom a
                        && !a.value().chars().allMatch(Character::isDigit))) {
                    args.astring();
                    args.atom();
                }
                yield new SearchKey.ModSeq(args.number());
            }
            case "NOT" -> new SearchKey.Not(key(args));
            case "OR" -> new SearchKey.Or(key(args), key(args));
            default -> {
                if (!k.isEmpty() && (Character.isDigit(k.charAt(0)) || k.charAt(0) == '*')) {
                    yield new SearchKey.Numbers(SequenceSet.parse(word), false);
                }
                throw new ImapSyntaxException("unknown search key " + word);
            }
        };
    }
}
