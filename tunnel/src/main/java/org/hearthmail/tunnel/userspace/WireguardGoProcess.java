package org.hearthmail.tunnel.userspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearthmail.tunnel.TunnelException;
import org.hearthmail.tunnel.TunnelUnavailableException;
import org.hearthmail.tunnel.uapi.UapiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wireguard-go daemon started by us, in the foreground ({@code -f}) so that the process we hold
 * is the daemon itself and can be stopped by its own handle. Its output goes to a log file whose
 * tail is quoted when it fails to start.
 */
public final class WireguardGoProcess {
    private static final Logger LOG = LoggerFactory.getLogger(WireguardGoProcess.class);
    private static final long POLL_MILLIS = 25;

    private final Process process;
    private final Path log;
    private final String interfaceName;

    private WireguardGoProcess(Process process, Path log, String interfaceName) {
        this.process = process;
        this.log = log;
        this.interfaceName = interfaceName;
    }

    /** Starts the daemon and waits until its UAPI socket answers, within the options' timeout. */
    public static WireguardGoProcess start(UserspaceOptions options, UapiClient uapi) throws TunnelException {
        if (!Files.isExecutable(options.wireguardGo())) {
            throw new TunnelUnavailableException(options.wireguardGo()
                    + " is not installed; install the Debian package 'wireguard-go'");
        }
        List<String> cmd = new ArrayList<>();
        options.netns().ifPresent(ns -> cmd.addAll(List.of(options.ip().toString(), "netns", "exec", ns)));
        cmd.addAll(List.of(options.wireguardGo().toString(), "-f", options.interfaceName()));
        Path log;
        Process p;
        try {
            log = Files.createTempFile("wireguard-go-" + options.interfaceName() + "-", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            // wireguard-go reads LOG_LEVEL; "error" keeps the log small but shows why it died.
            pb.environment().put("LOG_LEVEL", "error");
            pb.environment().put("WG_PROCESS_FOREGROUND", "1");
            p = pb.start();
        } catch (IOException e) {
            throw new TunnelUnavailableException("cannot start wireguard-go for " + options.interfaceName()
                    + ": " + e.getMessage(), e);
        }
        WireguardGoProcess daemon = new WireguardGoProcess(p, log, options.interfaceName());
        LOG.info("started wireguard-go for {} (pid {})", options.interfaceName(), p.pid());
        try {
            daemon.awaitSocket(options, uapi);
            return daemon;
        } catch (TunnelException | RuntimeException e) {
            // Whatever went wrong (including an interrupt), do not leave the daemon behind.
            daemon.stop();
            throw e;
        }
    }

    private void awaitSocket(UserspaceOptions options, UapiClient uapi) throws TunnelException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new TunnelUnavailableException("wireguard-go for " + interfaceName
                        + " exited with status " + process.exitValue() + ": " + logTail());
            }
            if (uapi.isListening()) {
                return;
            }
            sleep(POLL_MILLIS);
        }
        throw new TunnelUnavailableException("wireguard-go for " + interfaceName
                + " did not open " + uapi.socket() + " within " + options.timeout() + ": " + logTail());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (wireguard-go then removes its socket and interface), SIGKILL after 3 s. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                LOG.warn("wireguard-go for {} (pid {}) ignored SIGTERM; killing it", interfaceName, process.pid());
                process.destroyForcibly();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            LOG.warn("cannot delete wireguard-go log {}: {}", log, e.getMessage());
        }
    }

    private String logTail() {
        try {
            String text = Files.readString(log).strip();
            return text.isEmpty() ? "(no output)" : text.substring(Math.max(0, text.length() - 500));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) throws TunnelException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TunnelException("interrupted while waiting for wireguard-go", e);
        }
    }
}
