package org.hearthmail.relay.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Addresses that bounced hard (the remote said the mailbox does not exist). New mail to them is
 * refused when the mailstore hands it over, instead of being sent to the remote again: repeated
 * attempts to unknown mailboxes hurt the relay's reputation. One address per line, lower case.
 */
public final class SuppressionList {
    private final Path file;
    private final Set<String> addresses = new HashSet<>();

    private SuppressionList(Path file) {
        this.file = file;
    }

    public static SuppressionList open(Path file) {
        SuppressionList s = new SuppressionList(file);
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        s.addresses.add(line.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new QueueException("cannot read the suppression list " + file + ": " + e.getMessage(), e);
        }
        return s;
    }

    public synchronized boolean contains(String address) {
        return addresses.contains(address.toLowerCase(Locale.ROOT));
    }

    /** Adds an address durably (the whole list rewritten with temp + fsync + rename). */
    public synchronized void add(String address) {
        if (!addresses.add(address.toLowerCase(Locale.ROOT))) {
            return;
        }
        writeOut();
    }

    public synchronized boolean remove(String address) {
        boolean removed = addresses.remove(address.toLowerCase(Locale.ROOT));
        if (removed) {
            writeOut();
        }
        return removed;
    }

    private void writeOut() {
        StringBuilder sb = new StringBuilder();
        addresses.stream().sorted().forEach(a -> sb.append(a).append('\n'));
        try {
            DurableFiles.replace(file.resolveSibling(file.getFileName() + ".tmp"), file,
                    sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new QueueException("cannot write the suppression list " + file + ": " + e.getMessage(), e);
        }
    }
}
