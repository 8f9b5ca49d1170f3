package org.hearthmail.mailstore.cli;

import org.hearthmail.config.ByteSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hearthmail.cli.ExitCodes;
import org.hearthmail.mailstore.store.sqlite.Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailstore backup DEST}: a consistent copy of the data directory, safe while the server runs. */
@Command(name = "backup", description = "Write a consistent backup of the data directory to DEST (new or empty).")
final class BackupCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DEST", description = "Directory to create (or an empty one).")
    Path destination;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        Backup.Report r;
        try (Installation in = Installation.open(dataDir.dataDir())) {
            BackupProgress progress = new BackupProgress(Cli.err(spec), Cli.terminal(spec).stderrIsTerminal(),
                    System::nanoTime, TimeUnit.SECONDS.toNanos(5));
            r = new Backup(in.store()).run(destination, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("backup to " + destination + " failed: " + e.getMessage(), e);
        }
        Cli.out(spec).println("backup written to " + r.destination() + ": database, " + r.blobFiles() + " message file(s) ("
                + ByteSize.format(r.blobBytes()) + "), " + r.keyFiles() + " key file(s)");
        return ExitCodes.OK;
    }
}
