package org.hearthmail.relay.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.hearthmail.seal.SealPrivateKey;
import org.hearthmail.spool.OpenedSpoolEntry;
import org.hearthmail.spool.SpoolEntryCodec;

/**
 * A committed spool entry. Only non-personal facts are readable here (queue position, arrival
 * time, size); the envelope and content are sealed. All methods block on the disk.
 */
public final class SpoolEntry {
    private final Spool spool;
    private final Path path;
    private final SpoolFiles.EntryName name;
    private final long size;

    SpoolEntry(Spool spool, Path path, SpoolFiles.EntryName name, long size) {
        this.spool = spool;
        this.path = path;
        this.name = name;
        this.size = size;
    }

    /** Position in the queue: strictly increasing in commit order, also across restarts. */
    public long sequence() {
        return name.sequence();
    }

    /** When the relay accepted the message (millisecond precision; exact time is in the sealed meta). */
    public Instant arrival() {
        return name.arrival();
    }

    /** Bytes on disk: what {@link #openSealed()} yields. */
    public long size() {
        return size;
    }

    /** The sealed bytes to hand to the mailstore as they are (see ADR 0003). */
    public InputStream openSealed() throws IOException {
        return Files.newInputStream(path);
    }

    /** Opens the entry with the mailstore's private key: for tests and tools, never on the relay. */
    public OpenedSpoolEntry open(SealPrivateKey key) throws IOException {
        InputStream in = openSealed();
        try {
            return SpoolEntryCodec.open(in, key);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Deletes the entry durably. Call only after the mailstore answered 250 for it. Idempotent. */
    public void remove() throws IOException {
        spool.remove(this);
    }

    Path path() {
        return path;
    }

    @Override
    public String toString() {
        return "SpoolEntry[" + sequence() + ", " + arrival() + ", " + size + " bytes]";
    }
}
