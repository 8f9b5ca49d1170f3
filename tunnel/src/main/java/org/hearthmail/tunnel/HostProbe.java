package org.hearthmail.tunnel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The facts about this host that backend selection depends on. */
public interface HostProbe {

    /** True when the kernel has WireGuard (module loaded or built in). */
    boolean kernelHasWireGuard();

    /** The executable's path when it is on the search path. */
    Optional<Path> findExecutable(String name);

    /** Looks at /sys/module/wireguard and at PATH (plus /usr/sbin and /sbin for ip). */
    static HostProbe system() {
        return new HostProbe() {
            @Override
            public boolean kernelHasWireGuard() {
                return Files.isDirectory(Path.of("/sys/module/wireguard"));
            }

            @Override
            public Optional<Path> findExecutable(String name) {
                String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
                for (String dir : path.split(":")) {
                    if (!dir.isEmpty()) {
                        Path candidate = Path.of(dir, name);
                        if (Files.isExecutable(candidate)) {
                            return Optional.of(candidate);
                        }
                    }
                }
                return Optional.empty();
            }
        };
    }
}
