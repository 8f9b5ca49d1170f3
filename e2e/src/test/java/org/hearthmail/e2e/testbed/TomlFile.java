package org.hearthmail.e2e.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets single keys in a TOML file that a program wrote (keeping its comments): the key's line in
 * its table is replaced, or added right below the table's header. Values are TOML literals.
 * Only for the settings no CLI command writes yet.
 */
public final class TomlFile {
    private final Path file;

    public TomlFile(Path file) {
        this.file = file;
    }

    /** @param literal e.g. {@code "\"10.77.0.2:10025\""} or {@code "[\"10.77.0.1/32\"]"} */
    public TomlFile set(String table, String key, String literal) {
        return set(table, key, literal, null);
    }

    /**
     * Like {@link #set(String, String, String)}, with a {@code # test: WHY} comment line right above
     * the key, so whoever reads the file sees which settings the test made and why.
     */
    public TomlFile set(String table, String key, String literal, String why) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            int header = lines.indexOf("[" + table + "]");
            if (header < 0) {
                lines.add("");
                lines.add("[" + table + "]");
                if (why != null) {
                    lines.add(comment(why));
                }
                lines.add(key + " = " + literal);
            } else {
                int i = header + 1;
                boolean replaced = false;
                // TOML v1.0.0 "Table": the table's keys run until the next header.
                for (; i < lines.size() && !lines.get(i).strip().startsWith("["); i++) {
                    String l = lines.get(i).strip();
                    if (l.startsWith(key + " ") || l.startsWith(key + "=")) {
                        lines.set(i, key + " = " + literal);
                        if (why != null) {
                            lines.add(i, comment(why));
                        }
                        replaced = true;
                        break;
                    }
                }
                if (!replaced) {
                    lines.add(header + 1, key + " = " + literal);
                    if (why != null) {
                        lines.add(header + 1, comment(why));
                    }
                }
            }
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new TestbedException("cannot edit " + file + ": " + e.getMessage(), e);
        }
    }

    private static String comment(String why) {
        if (why.contains("\n")) {
            throw new IllegalArgumentException("a one-line reason, not: " + why);
        }
        return "# test: " + why;
    }

    public static String string(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String array(String... values) {
        List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add(string(v));
        }
        return "[" + String.join(", ", quoted) + "]";
    }
}
