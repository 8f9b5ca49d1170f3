package org.hearthmail.tunnel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearthmail.tunnel.userspace.UserspaceBackend;
import org.hearthmail.tunnel.userspace.UserspaceOptions;

/**
 * Picks the WireGuard backend for this host (docs/adr/0001-tunnel-backends.md): the kernel when it
 * has WireGuard and a kernel backend is built in, else wireguard-go, else a
 * {@link NoBackendAvailableException} naming the packages to install.
 */
public final class BackendSelector {
    /**
     * The kernel (generic netlink "wireguard" family) backend is not written yet; until it is,
     * the kernel is never chosen even when it has WireGuard.
     */
    static final boolean KERNEL_BACKEND_BUILT = false;

    private final HostProbe probe;
    private final boolean kernelBackendBuilt;

    public BackendSelector(HostProbe probe) {
        this(probe, KERNEL_BACKEND_BUILT);
    }

    BackendSelector(HostProbe probe, boolean kernelBackendBuilt) {
        this.probe = probe;
        this.kernelBackendBuilt = kernelBackendBuilt;
    }

    public BackendChoice choose() throws NoBackendAvailableException {
        boolean kernel = probe.kernelHasWireGuard();
        if (kernel && kernelBackendBuilt) {
            return new BackendChoice.Kernel();
        }
        Optional<Path> wireguardGo = probe.findExecutable("wireguard-go");
        Optional<Path> ip = probe.findExecutable("ip");
        if (wireguardGo.isPresent() && ip.isPresent()) {
            return new BackendChoice.Userspace(wireguardGo.get(), ip.get());
        }
        List<String> missing = new ArrayList<>();
        wireguardGo.ifPresentOrElse(p -> { }, () -> missing.add("'wireguard-go'"));
        ip.ifPresentOrElse(p -> { }, () -> missing.add("'iproute2'"));
        String kernelFact = kernel
                ? "the kernel has WireGuard, but this build drives WireGuard only through wireguard-go"
                : "the kernel has no WireGuard module";
        throw new NoBackendAvailableException("No usable WireGuard backend on this host: " + kernelFact
                + ", and wireguard-go or ip is missing. Install the Debian package"
                + (missing.size() > 1 ? "s " : " ") + String.join(" and ", missing)
                + " (and 'wireguard-tools' for the wg diagnostic command).");
    }

    /** Opens a backend for {@code interfaceName} according to {@link #choose()}. */
    public TunnelBackend open(String interfaceName) throws NoBackendAvailableException {
        BackendChoice choice = choose();
        if (choice instanceof BackendChoice.Userspace u) {
            UserspaceOptions defaults = UserspaceOptions.defaults(interfaceName);
            return new UserspaceBackend(new UserspaceOptions(interfaceName, defaults.netns(), defaults.socketDir(),
                    u.wireguardGo(), u.ip(), true, defaults.timeout()));
        }
        throw new NoBackendAvailableException("the kernel WireGuard backend is not available in this build");
    }
}
