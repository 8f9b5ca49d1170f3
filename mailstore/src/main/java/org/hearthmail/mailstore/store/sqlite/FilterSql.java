package org.hearthmail.mailstore.store.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hearthmail.mailstore.store.MessageFilter;

/**
 * A {@link MessageFilter} as an SQL condition on {@code messages} (with its parameters), so SQLite
 * returns only the rows that match. Agrees with {@link MessageFilter#test} row for row: flags are
 * stored space-separated and ASCII, and {@code lower()} folds ASCII as Java does.
 */
record FilterSql(String where, List<Object> params) {

    static FilterSql of(MessageFilter f) {
        List<Object> params = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        append(sb, params, f);
        return new FilterSql(sb.toString(), params);
    }

    private static void append(StringBuilder sb, List<Object> params, MessageFilter f) {
        if (f instanceof MessageFilter.Any) {
            sb.append("1");
        } else if (f instanceof MessageFilter.None) {
            sb.append("0");
        } else if (f instanceof MessageFilter.HasFlag h) {
            sb.append("instr(' ' || lower(coalesce(flags, '')) || ' ', ?) ").append(h.set() ? "> 0" : "= 0");
            params.add(" " + h.flag().toLowerCase(Locale.ROOT) + " ");
        } else if (f instanceof MessageFilter.Size s) {
            sb.append(s.larger() ? "size > ?" : "size < ?");
            params.add(s.octets());
        } else if (f instanceof MessageFilter.Received r) {
            sb.append("(1");
            if (r.from() != null) {
                sb.append(" AND internal_date >= ?");
                params.add(r.from().toEpochMilli());
            }
            if (r.to() != null) {
                sb.append(" AND internal_date < ?");
                params.add(r.to().toEpochMilli());
            }
            sb.append(')');
        } else if (f instanceof MessageFilter.UidRange u) {
            sb.append("uid BETWEEN ? AND ?");
            params.add(u.from());
            params.add(u.to());
        } else if (f instanceof MessageFilter.ModSeqAtLeast m) {
            sb.append("modseq >= ?");
            params.add(m.min());
        } else if (f instanceof MessageFilter.Not n) {
            sb.append("NOT (");
            append(sb, params, n.filter());
            sb.append(')');
        } else if (f instanceof MessageFilter.And a) {
            join(sb, params, a.filters(), " AND ", "1");
        } else if (f instanceof MessageFilter.Or o) {
            join(sb, params, o.filters(), " OR ", "0");
        } else {
            throw new IllegalArgumentException("unknown filter " + f);
        }
    }

    private static void join(StringBuilder sb, List<Object> params, List<MessageFilter> fs, String op, String empty) {
        if (fs.isEmpty()) {
            sb.append(empty);
            return;
        }
        sb.append('(');
        for (int i = 0; i < fs.size(); i++) {
            if (i > 0) {
                sb.append(op);
            }
            append(sb, params, fs.get(i));
        }
        sb.append(')');
    }
}
