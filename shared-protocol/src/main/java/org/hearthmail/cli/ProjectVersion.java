package org.hearthmail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the Maven project version, written into {@code version.properties} by resource
 * filtering. Each program subclasses it with its own name.
 */
public abstract class ProjectVersion implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    /** The project version this jar was built from, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String projectVersion() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath; build with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isBlank() || v.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by Maven (version=" + v + ")");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private final String program;

    protected ProjectVersion(String program) {
        this.program = program;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            program + " " + projectVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
