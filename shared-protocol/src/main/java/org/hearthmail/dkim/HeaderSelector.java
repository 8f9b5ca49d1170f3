package org.hearthmail.dkim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 6376 §5.4.2: which header field instance each h= name refers to. Names are matched from the
 * bottom of the header block up, each instance used once; a name with no instance left selects
 * nothing (the "null string"), which is what makes over-signing work.
 */
final class HeaderSelector {
    private HeaderSelector() { }

    static List<HeaderField> select(List<HeaderField> fields, List<String> names) {
        Map<String, Integer> used = new HashMap<>();
        List<HeaderField> out = new ArrayList<>();
        for (String name : names) {
            String key = name.toLowerCase(Locale.ROOT);
            int skip = used.getOrDefault(key, 0);
            int seen = 0;
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (fields.get(i).is(name)) {
                    if (seen == skip) {
                        out.add(fields.get(i));
                        break;
                    }
                    seen++;
                }
            }
            used.put(key, skip + 1);
        }
        return out;
    }
}
