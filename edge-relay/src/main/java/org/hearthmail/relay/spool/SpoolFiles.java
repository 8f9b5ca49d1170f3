package org.hearthmail.relay.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File names in the spool directory and the directory fsync; see package-info for the layout. */
final class SpoolFiles {
    static final String LOCK = "spool.lock";
    static final String LAST_SEQUENCE = "last-sequence";
    static final String LAST_SEQUENCE_TMP = "last-sequence.tmp";
    private static final String TMP_PREFIX = "incoming-";
    private static final String TMP_SUFFIX = ".tmp";
    private static final Pattern ENTRY = Pattern.compile("(\\d{20})-(\\d{1,19})\\.sealed");

    /** The clear part of an entry's name: its place in the queue and its arrival time. */
    record EntryName(long sequence, Instant arrival) {
        String fileName() {
            return String.format("%020d-%d.sealed", sequence, arrival.toEpochMilli());
        }
    }

    private SpoolFiles() {
    }

    static Optional<EntryName> parseEntry(String fileName) {
        Matcher m = ENTRY.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EntryName(Long.parseLong(m.group(1)), Instant.ofEpochMilli(Long.parseLong(m.group(2)))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String tempName() {
        return TMP_PREFIX + UUID.randomUUID() + TMP_SUFFIX;
    }

    static boolean isTemp(String fileName) {
        return (fileName.startsWith(TMP_PREFIX) && fileName.endsWith(TMP_SUFFIX)) || fileName.equals(LAST_SEQUENCE_TMP);
    }

    /** POSIX: a rename or unlink is durable only once the directory itself is fsynced. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
