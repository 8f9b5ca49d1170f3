package org.hearthmail.relay.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hearthmail.dns.InetAddressLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ban list on disk: a small UTF-8 text file in the relay's data directory, one ban per line as
 * {@code address TAB until-epoch-seconds TAB reason}, after a version line. Replaced as a whole
 * (temporary file, fsync, atomic rename), so a crash leaves the old or the new list, never half.
 */
public final class BanFile {

    private static final Logger log = LoggerFactory.getLogger(BanFile.class);
    static final String HEADER = "# hearthmail relay bans v1";

    private final Path path;

    public BanFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The bans in the file still active at {@code now}; a missing file is an empty list. */
    public List<Ban> load(Instant now) throws IOException {
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException("ban file " + path + ": first line must be '" + HEADER + "'");
        }
        List<Ban> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Optional<Ban> ban = parse(line);
            if (ban.isEmpty()) {
                // One bad line must not lift every other ban at restart.
                log.warn("ban file {} line {}: not 'address<TAB>epoch-seconds<TAB>reason'; skipped", path, i + 1);
            } else if (ban.get().activeAt(now)) {
                out.add(ban.get());
            }
        }
        return out;
    }

    public void save(Collection<Ban> bans) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Ban b : bans) {
            sb.append(b.address().getHostAddress()).append('\t').append(b.until().getEpochSecond()).append('\t')
                    .append(b.reason()).append('\n');
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ban file " + path + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Ban> parse(String line) {
        String[] f = line.split("\t", 3);
        if (f.length != 3) {
            return Optional.empty();
        }
        Optional<java.net.InetAddress> address = InetAddressLiteral.tryParse(f[0]);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Ban(address.get(), Instant.ofEpochSecond(Long.parseLong(f[1])), f[2]));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
