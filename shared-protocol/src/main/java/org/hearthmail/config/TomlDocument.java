package org.hearthmail.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reading a TOML configuration file: UTF-8 text, parsed with Jackson's TOML reader, syntax errors
 * naming the line, unknown keys rejected against a schema (they are nearly always typos).
 */
public final class TomlDocument {

    private static final TomlMapper TOML = new TomlMapper();

    private TomlDocument() {
    }

    /**
     * The text of {@code file}.
     *
     * @param label        the file's name in messages, e.g. {@code mailstore.toml}
     * @param missingHint  what to tell the operator when it does not exist
     */
    public static String read(Path file, String label, String missingHint) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(label + ": not found in " + file.getParent() + " (" + missingHint + ")");
        } catch (CharacterCodingException e) {
            throw new InvalidConfigException(label + ": not UTF-8 text (TOML files are UTF-8)");
        } catch (IOException e) {
            throw new InvalidConfigException(label + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The top-level table of {@code text}; schema maps each table ("" = top level) to its allowed keys. */
    public static TomlTable parse(String text, String label, Map<String, List<String>> schema) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            throw syntaxError(e, label);
        }
        if (root == null || root.isMissingNode()) {
            root = TOML.createObjectNode();
        }
        TomlTable top = new TomlTable(label, "", (ObjectNode) root);
        rejectUnknownKeys(top, label, schema);
        return top;
    }

    private static void rejectUnknownKeys(TomlTable top, String label, Map<String, List<String>> schema) {
        List<String> unknown = new ArrayList<>(top.unknownKeys(schema.get("")));
        for (Map.Entry<String, List<String>> e : schema.entrySet()) {
            if (!e.getKey().isEmpty()) {
                unknown.addAll(top.table(e.getKey()).unknownKeys(e.getValue()));
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        LinkedHashSet<String> tables = new LinkedHashSet<>();
        for (String k : unknown) {
            int dot = k.indexOf('.');
            tables.add(dot < 0 ? "" : k.substring(0, dot));
        }
        StringBuilder allowed = new StringBuilder();
        for (String t : tables) {
            allowed.append(allowed.length() == 0 ? "" : "; ")
                    .append(t.isEmpty() ? "top level" : "[" + t + "]").append(": ")
                    .append(String.join(", ", schema.get(t)));
        }
        throw new InvalidConfigException(label + ": unknown key" + (unknown.size() > 1 ? "s " : " ")
                + String.join(", ", unknown) + " (allowed in " + allowed + ")");
    }

    /** A file named by the configuration must exist and be readable. */
    public static void requireFile(String label, Path dataDir, String key, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(label + ": " + key + ": " + dataDir.relativize(file) + " does not exist in "
                    + dataDir);
        }
        if (!Files.isReadable(file)) {
            throw new InvalidConfigException(label + ": " + key + ": " + file + " is not readable");
        }
    }

    private static InvalidConfigException syntaxError(JacksonException e, String label) {
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage();
        int line = loc == null ? -1 : loc.getLineNr();
        if (line > 1 && loc.getColumnNr() == 1 && msg.startsWith("Duplicate key")) {
            // The TOML reader notices a duplicate after consuming the whole key/value line, newline
            // included; the key itself is on the line before.
            line--;
        }
        String where = line > 0 ? " line " + line + ":" : "";
        return new InvalidConfigException(label + ":" + where + " TOML syntax error: " + msg, e);
    }
}
