package org.hearthmail.mailstore.store.sqlite;

import java.util.ArrayList;
import java.util.List;

/** One schema step: after it, {@code PRAGMA user_version} is {@code version}. */
record Migration(int version, String name, String sql) {

    /** Statements end with ';' at the end of a line; '--' lines are comments. */
    List<String> statements() {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            throw new IllegalStateException("migration " + name + " ends without ';'");
        }
        return out;
    }
}
