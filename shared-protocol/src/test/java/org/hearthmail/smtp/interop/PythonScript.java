package org.hearthmail.smtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python script from this package's test resources, copied to a temp directory and run with
 * Debian's {@code /usr/bin/python3 -I} (isolated: no user site packages, no PYTHON* variables).
 * Scripts print results as {@code key<TAB>repr(value)} lines.
 */
final class PythonScript {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A finished run and its results by key. */
    record Result(ExternalProgram.Run run, Map<String, String> values) {
        /** The repr() the script printed for {@code key}; fails when it printed none. */
        String get(String key) {
            assertThat(values).as("script printed no '%s'\n%s", key, run.transcript()).containsKey(key);
            return values.get(key);
        }
    }

    private PythonScript() {
    }

    /** Runs {@code resource} with {@code args}; the script must exit 0. */
    static Result run(Path dir, String resource, String... args) throws IOException, InterruptedException {
        Path script = dir.resolve(resource);
        try (InputStream in = PythonScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + resource);
            }
            Files.copy(in, script);
        }
        List<String> argv = new ArrayList<>(List.of("-I", script.toString()));
        argv.addAll(List.of(args));
        ExternalProgram.Run run = ExternalProgram.PYTHON3.run(dir, TIMEOUT, null, argv.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : run.stdout().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                values.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return new Result(run, values);
    }
}
