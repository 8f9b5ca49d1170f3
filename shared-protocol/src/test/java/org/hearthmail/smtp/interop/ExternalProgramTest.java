package org.hearthmail.smtp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner the interop tests rely on: missing tools fail loudly, runaways are killed. */
class ExternalProgramTest {

    @TempDir
    Path dir;

    @Test
    void aMissingProgramFailsNamingTheDebianPackage() {
        ExternalProgram missing = new ExternalProgram(Path.of("/usr/bin/no-such-smtp-client"), "no-such-package");
        assertThatThrownBy(() -> missing.run(dir, Duration.ofSeconds(5), null, "--help"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("install the Debian package 'no-such-package'");
    }

    @Test
    void aProgramOverItsTimeIsKilledAndTheTestFailsWithItsOutput() {
        ExternalProgram sh = new ExternalProgram(Path.of("/bin/sh"), "dash");
        long start = System.nanoTime();
        assertThatThrownBy(() -> sh.run(dir, Duration.ofMillis(500), null, "-c", "echo started; exec sleep 30"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not finish within PT0.5S")
                .hasMessageContaining("started");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void exitCodeAndBothStreamsAreCaptured() throws Exception {
        ExternalProgram sh = new ExternalProgram(Path.of("/bin/sh"), "dash");
        ExternalProgram.Run run = sh.run(dir, Duration.ofSeconds(5), null, "-c", "echo out; echo err >&2; exit 3");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stdout()).isEqualTo("out\n");
        assertThat(run.stderr()).isEqualTo("err\n");
    }
}
