package org.hearthmail.tunnel.userspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearthmail.tunnel.TunnelException;

/** Runs a short host command (ip) to completion within a time limit. */
final class HostCommand {
    private HostCommand() {
    }

    /** Runs {@code command}; a non-zero exit becomes a TunnelException carrying its stderr. */
    static String run(List<String> command, Duration timeout) throws TunnelException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new TunnelException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new TunnelException("'" + String.join(" ", command) + "' did not finish within " + timeout);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new TunnelException("'" + String.join(" ", command) + "' failed (exit " + p.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new TunnelException("reading output of " + command.get(0) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TunnelException("interrupted while running " + command.get(0), e);
        }
    }
}
