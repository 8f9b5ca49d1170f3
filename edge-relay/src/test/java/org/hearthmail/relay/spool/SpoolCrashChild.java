package org.hearthmail.relay.spool;

import java.nio.file.Path;
import org.hearthmail.seal.SealPublicKey;

/**
 * Run in a separate JVM by {@link SpoolCrashTest}: spools messages until killed, printing
 * {@code committed <sequence> <content seed>} after each commit returned. Bounded to 10 000 messages.
 */
public final class SpoolCrashChild {
    private SpoolCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SealPublicKey key = SealPublicKey.fromBase64(args[1]);
        try (Spool spool = Spool.open(dir, Long.MAX_VALUE, key)) {
            for (int i = 0; i < 10_000; i++) {
                long seed = System.nanoTime();
                try (SpoolWriter w = spool.begin(SpoolFixtures.meta("s" + i, -1))) {
                    w.content().write(SpoolCrashTest.content(seed));
                    SpoolEntry e = w.commit();
                    System.out.println("committed " + e.sequence() + " " + seed);
                    System.out.flush();
                }
            }
        }
    }

}
