package org.hearthmail.mailstore.auth;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not a test: times what a LOGIN spends in the password check, {@link PasswordHasher#verify} of a
 * stored {@code $argon2id$v=19$m=65536,t=3,p=4$...} hash, native against BouncyCastle. The two
 * alternate hash by hash, so a machine shared with other work loads both alike; printed per
 * implementation: median and best wall time, and median CPU time of the whole process (all
 * threads). Native variants: the default (kept huge-page blocks, a thread per lane), 4 KiB pages,
 * at most one thread per processor, and the library's own per-hash allocation. A second argument
 * {@code native-only} leaves BouncyCastle out. Run as docs/benchmarks.md ("Native Argon2id") says,
 * with bin/mailstore's JVM options.
 */
public final class Argon2idTiming {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    private Argon2idTiming() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = Math.max(3, rounds / 4);
        Map<String, PasswordHasher> hashers = new LinkedHashMap<>();
        hashers.put("native", hasher(NativeArgon2.load(LibArgon2.SONAME)));
        hashers.put("native, 4K pages", hasher(NativeArgon2.load(LibArgon2.SONAME,
                new NativeArgon2.Tuning(NativeArgon2.Tuning.BlockMemory.KEPT_MALLOC, true))));
        hashers.put("native, thr<=nproc", hasher(NativeArgon2.load(LibArgon2.SONAME,
                new NativeArgon2.Tuning(NativeArgon2.Tuning.BlockMemory.KEPT_HUGE_PAGES, false))));
        hashers.put("native, fresh blocks", hasher(NativeArgon2.load(LibArgon2.SONAME,
                new NativeArgon2.Tuning(NativeArgon2.Tuning.BlockMemory.LIBRARY_EACH_HASH, true))));
        if (args.length < 2 || !args[1].equals("native-only")) {
            hashers.put("bouncycastle", hasher(new BouncyCastleArgon2()));
        }
        String stored = hashers.get("native").hash(PASSWORD.clone());
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        System.out.printf("nproc %d, load average before: %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
        Map<String, long[][]> samples = new LinkedHashMap<>();
        hashers.keySet().forEach(k -> samples.put(k, new long[2][rounds]));
        for (int i = -warmup; i < rounds; i++) {
            for (Map.Entry<String, PasswordHasher> e : hashers.entrySet()) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                if (!e.getValue().verify(PASSWORD.clone(), stored)) {
                    throw new IllegalStateException(e.getKey() + " did not verify the stored hash");
                }
                long wall = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - cpu0;
                if (i >= 0) {
                    samples.get(e.getKey())[0][i] = wall;
                    samples.get(e.getKey())[1][i] = cpu;
                }
            }
        }
        System.out.printf("load average after: %s%n", loadAverage());
        System.out.printf("%-21s %6s %14s %14s %14s%n", "verify", "n", "median wall", "best wall", "median CPU");
        for (Map.Entry<String, long[][]> e : samples.entrySet()) {
            long[] wall = e.getValue()[0];
            long[] cpu = e.getValue()[1];
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf("%-21s %6d %11.1f ms %11.1f ms %11.1f ms%n", e.getKey(), rounds, median(wall) / 1e6,
                    wall[0] / 1e6, median(cpu) / 1e6);
        }
    }

    private static PasswordHasher hasher(Argon2Function f) {
        return new PasswordHasher(Argon2Params.RFC9106_LOW_MEMORY, new SecureRandom(), Argon2id.using(f));
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String loadAverage() throws java.io.IOException {
        return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    }
}
