package org.hearthmail.mailstore.store.sqlite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hearthmail.mailstore.store.BlobId;
import org.hearthmail.mailstore.store.DataDirectory;
import org.hearthmail.mailstore.store.StoreException;
import org.hearthmail.mailstore.store.blob.BlobStore;

/**
 * {@code mailstore backup DEST}: a consistent copy of a running store. The database is copied with
 * {@code VACUUM INTO} (one read snapshot); then exactly the blob files that snapshot references are
 * copied, while blob deletions are held back so none of them can vanish mid-copy; then {@code keys/}.
 * The result is a data directory {@link SqliteMailStore#open} accepts. Blocking; may take long.
 */
public final class Backup {

    public enum Phase { DATABASE, BLOBS, KEYS, DONE }

    /** Progress callback; {@code total} is -1 while unknown. Called on the backup's thread. */
    @FunctionalInterface
    public interface Progress {
        void update(Phase phase, long done, long total);
    }

    /** What was copied. */
    public record Report(Path destination, int blobFiles, long blobBytes, int keyFiles) {
    }

    private final SqliteMailStore store;

    public Backup(SqliteMailStore store) {
        this.store = store;
    }

    /**
     * @param destination a directory that does not exist or is empty
     * @throws StoreException if the destination is not empty or a referenced blob is missing
     */
    @SuppressWarnings("try") // the pin only has to be held, not used
    public Report run(Path destination, Progress progress) throws IOException {
        DataDirectory dest = new DataDirectory(destination);
        if (Files.exists(dest.root())) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dest.root())) {
                if (ds.iterator().hasNext()) {
                    throw new StoreException("backup destination " + dest.root() + " is not empty");
                }
            }
        }
        dest.create();
        BlobStore source = store.blobStore();
        BlobStore target = new BlobStore(dest.blobs(), dest.tmp(), null);
        try (AutoCloseable pin = source.pinDeletes()) {
            progress.update(Phase.DATABASE, 0, 1);
            vacuumInto(store.dataDirectory().database(), dest.database());
            progress.update(Phase.DATABASE, 1, 1);

            List<BlobId> blobs = new ArrayList<>(referencedBy(dest.database()));
            long bytes = 0;
            for (int i = 0; i < blobs.size(); i++) {
                BlobId id = blobs.get(i);
                if (!source.exists(id)) {
                    throw new StoreException("backup failed: message file " + id + " is referenced but missing");
                }
                Path to = target.path(id);
                Files.createDirectories(to.getParent());
                source.copyStored(id, to);
                bytes += Files.size(to);
                progress.update(Phase.BLOBS, i + 1, blobs.size());
            }
            int keys = copyKeys(store.dataDirectory().keys(), dest.keys());
            progress.update(Phase.KEYS, keys, keys);
            progress.update(Phase.DONE, 1, 1);
            return new Report(dest.root(), blobs.size(), bytes, keys);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("backup failed: " + e.getMessage(), e);
        }
    }

    /** SQLite VACUUM INTO: writes a transactionally consistent, compacted copy of the database. */
    private static void vacuumInto(Path live, Path copy) {
        try (Connection c = SqliteDatabase.connect(live, true);
             PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, copy.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("backup of the database failed: " + e.getMessage(), e);
        }
    }

    private static Set<BlobId> referencedBy(Path db) {
        // Read-write on purpose: this also switches the fresh copy to WAL, as the store runs it.
        try (Connection c = SqliteDatabase.connect(db, false)) {
            return MessageSql.referencedBlobs(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the database copy: " + e.getMessage(), e);
        }
    }

    private static int copyKeys(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(from)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    n++;
                }
            }
        }
        return n;
    }
}
