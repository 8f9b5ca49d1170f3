package org.hearthmail.e2e.testbed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the testbed runs one of our programs as its own process: the JDK running this test, the
 * test's class path (which holds both modules and their dependencies) and the program's main class,
 * as bin/mailstore and bin/edge-relay do from the packaged jars.
 */
public record JavaProgram(String mainClass, String maxHeap) {
    public static final JavaProgram MAILSTORE = new JavaProgram("org.hearthmail.mailstore.cli.MailstoreCommand", "384m");
    public static final JavaProgram EDGE_RELAY = new JavaProgram("org.hearthmail.relay.cli.EdgeRelayCommand", "256m");

    /** A long-running command ({@code run}). */
    public List<String> command(String... args) {
        return command(false, args);
    }

    /** A short command (init, user add, dns records): tuned for start-up time, not throughput. */
    public List<String> shortCommand(String... args) {
        return command(true, args);
    }

    private List<String> command(boolean shortLived, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap));
        if (shortLived) {
            cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
