package org.hearthmail.mailstore.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code selectors} file: one selector per line, oldest first,
 * {@code <name> <created ISO-8601> [<published-until ISO-8601>]}; lines starting with '#' are
 * comments. Written to a temporary file, fsynced and renamed over the old one.
 */
final class SelectorState {
    static final String FILE = "selectors";

    private SelectorState() {
    }

    static List<DkimSelector> read(Path dir) {
        Path file = dir.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new DkimStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<DkimSelector> out = new ArrayList<>();
        int n = 0;
        for (String line : lines) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            try {
                if (f.length < 2 || f.length > 3) {
                    throw new IllegalArgumentException("expected: name created [published-until]");
                }
                out.add(new DkimSelector(f[0], Instant.parse(f[1]), f.length == 3 ? Instant.parse(f[2]) : null));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new DkimStoreException(file + " line " + n + ": " + e.getMessage());
            }
        }
        return out;
    }

    static void write(Path dir, List<DkimSelector> selectors) {
        StringBuilder sb = new StringBuilder("# Hearthmail DKIM selectors: name, created, published-until (none = active).\n"
                + "# Managed by 'mailstore dkim rotate'; do not edit while the mailstore runs.\n");
        for (DkimSelector s : selectors) {
            sb.append(s.name()).append(' ').append(s.created());
            if (s.publishedUntil() != null) {
                sb.append(' ').append(s.publishedUntil());
            }
            sb.append('\n');
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            KeyFiles.writePrivate(tmp, sb.toString().getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
            KeyFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            throw new DkimStoreException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
