package org.hearthmail.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

    /** A host described as data: whether the kernel has WireGuard and which programs exist. */
    private record FakeHost(boolean kernel, Set<String> programs) implements HostProbe {
        @Override
        public boolean kernelHasWireGuard() {
            return kernel;
        }

        @Override
        public Optional<Path> findExecutable(String name) {
            return programs.contains(name) ? Optional.of(Path.of("/usr/bin", name)) : Optional.empty();
        }
    }

    @Test
    void userspaceIsChosenWhenWireguardGoAndIpExist() throws Exception {
        BackendChoice choice = new BackendSelector(new FakeHost(false, Set.of("wireguard-go", "ip"))).choose();
        assertThat(choice).isEqualTo(new BackendChoice.Userspace(Path.of("/usr/bin/wireguard-go"), Path.of("/usr/bin/ip")));
    }

    @Test
    void kernelIsPreferredOnceAKernelBackendIsBuilt() throws Exception {
        BackendChoice choice = new BackendSelector(new FakeHost(true, Set.of("wireguard-go", "ip")), true).choose();
        assertThat(choice).isInstanceOf(BackendChoice.Kernel.class);
    }

    @Test
    void kernelWithoutKernelBackendFallsBackToUserspace() throws Exception {
        BackendChoice choice = new BackendSelector(new FakeHost(true, Set.of("wireguard-go", "ip")), false).choose();
        assertThat(choice).isInstanceOf(BackendChoice.Userspace.class);
    }

    @Test
    void nothingAvailableNamesThePackagesToInstall() {
        assertThatThrownBy(() -> new BackendSelector(new FakeHost(false, Set.of())).choose())
                .isInstanceOf(NoBackendAvailableException.class)
                .hasMessageContaining("kernel has no WireGuard module")
                .hasMessageContaining("Install the Debian packages 'wireguard-go' and 'iproute2'");
        assertThatThrownBy(() -> new BackendSelector(new FakeHost(false, Set.of("ip"))).choose())
                .hasMessageContaining("Install the Debian package 'wireguard-go' (");
    }

    @Test
    void thisHostHasAUserspaceBackend() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(HostProbe.system().findExecutable("wireguard-go").isPresent(),
                "wireguard-go (Debian package wireguard-go) is not installed");
        assertThat(new BackendSelector(HostProbe.system()).choose()).isInstanceOf(BackendChoice.Userspace.class);
    }
}
