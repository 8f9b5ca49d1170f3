package org.hearthmail.status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;

/** Reads and writes {@code run/status.json} (layout: package comment). */
public final class StatusFile {
    public static final String DIRECTORY = "run";
    public static final String NAME = "status.json";
    /** Three missed rewrites: the writer is gone or stuck. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(instants())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Instants as ISO-8601 text (RFC 3339), without pulling in a date-time module for two fields. */
    private static SimpleModule instants() {
        SimpleModule m = new SimpleModule("instants");
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        m.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                try {
                    return Instant.parse(p.getValueAsString());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IOException("not an instant: " + p.getValueAsString(), e);
                }
            }
        });
        return m;
    }

    private final Path file;

    public StatusFile(Path dataDir) {
        this.file = dataDir.resolve(DIRECTORY).resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** Replaces the file atomically: a reader sees the old or the new one, never half. */
    public void write(RunStatus status) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + NAME + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status));
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** What a reader finds. */
    public sealed interface Reading {
        /** No file: the program is not running (or never ran with this data directory). */
        record Absent(Path file) implements Reading {
        }

        /** A file too old to trust, or whose process is gone. */
        record Stale(RunStatus last, Duration age, boolean processGone) implements Reading {
        }

        record Current(RunStatus status) implements Reading {
        }
    }

    public Reading read(Instant now) throws IOException {
        RunStatus s;
        try {
            s = JSON.readValue(Files.readAllBytes(file), RunStatus.class);
        } catch (NoSuchFileException e) {
            return new Reading.Absent(file);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not a status file (" + e.getOriginalMessage() + "); is another program writing it?", e);
        }
        Duration age = Duration.between(s.written(), now);
        boolean gone = ProcessHandle.of(s.pid()).map(p -> !p.isAlive()).orElse(true);
        if (gone || age.compareTo(STALE_AFTER) > 0) {
            return new Reading.Stale(s, age, gone);
        }
        return new Reading.Current(s);
    }

    static String json(RunStatus s) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s);
    }
}
