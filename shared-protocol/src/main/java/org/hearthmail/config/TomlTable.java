package org.hearthmail.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One table of the parsed TOML tree, read with typed getters whose errors name the file and the
 * dotted key ({@code mailstore.toml: log.retention_days: expected an integer, found a string}).
 */
public final class TomlTable {
    private final String file;
    private final String path;
    private final ObjectNode node;

    public TomlTable(String file, String path, ObjectNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public InvalidConfigException error(String name, String message) {
        return new InvalidConfigException(file + ": " + key(name) + ": " + message);
    }

    /** Dotted names of keys below this table that {@code allowed} does not list, in file order. */
    public List<String> unknownKeys(List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                out.add(key(k));
            }
        }
        return out;
    }

    /** The sub-table {@code name}; an empty one if absent. */
    public TomlTable table(String name) {
        JsonNode n = node.get(name);
        if (n == null) {
            return new TomlTable(file, key(name), node.objectNode());
        }
        if (!n.isObject()) {
            throw error(name, "expected a table [" + key(name) + "], found " + describe(n));
        }
        return new TomlTable(file, key(name), (ObjectNode) n);
    }

    public Optional<String> string(String name) {
        JsonNode n = node.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw error(name, "expected a string, found " + describe(n));
        }
        return Optional.of(n.textValue());
    }

    public String requiredString(String name, String hint) {
        return string(name).orElseThrow(() -> error(name, "missing (" + hint + ")"));
    }

    public Optional<Long> integer(String name) {
        JsonNode n = node.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw error(name, "expected an integer, found " + describe(n));
        }
        return Optional.of(n.longValue());
    }

    public Optional<Boolean> bool(String name) {
        JsonNode n = node.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            throw error(name, "expected true or false, found " + describe(n));
        }
        return Optional.of(n.booleanValue());
    }

    /** An array of strings. */
    public Optional<List<String>> strings(String name) {
        JsonNode n = node.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            throw error(name, "expected an array of strings, found " + describe(n));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw error(name, "expected an array of strings, found an element that is " + describe(e));
            }
            out.add(e.textValue());
        }
        return Optional.of(out);
    }

    /** A host name, converted to A-labels (IDN). */
    public Optional<String> hostName(String name) {
        return string(name).map(v -> {
            try {
                return HostNames.toAscii(v);
            } catch (IllegalArgumentException e) {
                throw error(name, e.getMessage());
            }
        });
    }

    /** A listening or target address, {@code IP:port} or {@code [IPv6]:port}. */
    public Optional<HostPort> hostPort(String name) {
        return string(name).map(v -> {
            try {
                return HostPort.parse(v);
            } catch (IllegalArgumentException e) {
                throw error(name, e.getMessage());
            }
        });
    }

    /** A size: integer bytes, or a string such as {@code "50M"}. */
    public Optional<Long> size(String name) {
        JsonNode n = node.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (n.isTextual()) {
            try {
                return Optional.of(ByteSize.parse(n.textValue()));
            } catch (IllegalArgumentException e) {
                throw error(name, e.getMessage());
            }
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return Optional.of(n.longValue());
        }
        throw error(name, "expected a size (integer bytes, or a string such as \"50M\"), found " + describe(n));
    }

    /** A file path relative to the data directory and inside it. */
    public Optional<java.nio.file.Path> relativePath(String name) {
        return string(name).map(value -> {
            java.nio.file.Path p;
            try {
                p = java.nio.file.Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw error(name, "\"" + value + "\" is not a path");
            }
            java.nio.file.Path n = p.normalize();
            if (value.isBlank() || p.isAbsolute() || n.startsWith("..") || n.toString().isEmpty()) {
                throw error(name, "\"" + value + "\" must be a file path relative to the data directory and inside it");
            }
            return n;
        });
    }

    /** The raw node, for values that may be written in more than one type. */
    public Optional<JsonNode> raw(String name) {
        return Optional.ofNullable(node.get(name));
    }

    public static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "the string \"" + n.textValue() + "\"";
        }
        if (n.isIntegralNumber()) {
            return "the integer " + n.asText();
        }
        if (n.isNumber()) {
            return "the float " + n.asText();
        }
        if (n.isBoolean()) {
            return "the boolean " + n.asText();
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "a table";
        }
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
