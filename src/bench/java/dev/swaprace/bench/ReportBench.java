package dev.swaprace.bench;

import dev.swaprace.check.Code;
import dev.swaprace.mm.Variant;
import dev.swaprace.report.Report;
import dev.swaprace.report.SyntheticBlobs;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.TestCatalog;
import dev.swaprace.results.TestNaming;
import dev.swaprace.scenario.Scenario;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The report benchmark ({@code scripts/bench-report}): writes N blobs of the whole 2-actor suite
 * (every 2-actor scenario x every variant, as {@code dev.swaprace.stress.<Scenario>.<Variant>},
 * F forks per test with jcstress's JVM configurations and realistic outcome counts) with
 * jcstress's own writer, then times reading + merging them and rendering every format.
 *
 * <p>Usage: {@code ReportBench DIR [BLOBS=100] [FORKS=8] [ROUNDS=3]}. Prints one line per round
 * and the best; {@code ROUNDS=0} only writes the blobs.
 */
public final class ReportBench {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int blobs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int forks = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Files.createDirectories(dir);
        List<BlobInput> inputs = generate(dir, blobs, forks);
        long bytes = 0;
        for (BlobInput in : inputs) {
            bytes += Files.size(in.path());
        }
        System.out.printf(Locale.ROOT, "bench-report: %d blobs (%d tests x %d forks each, %.1f MB gzip) in %s%n",
                blobs, tests().size(), forks, bytes / 1e6, dir);
        if (rounds == 0) {
            return;
        }
        long best = Long.MAX_VALUE;
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            Report rep = Report.builder().catalog(TestCatalog.empty()).blobs(inputs).build();
            long t1 = System.nanoTime();
            rep.renderTerminal(new PrintStream(OutputStream.nullOutputStream(), false, "UTF-8"));
            rep.writeAll(dir.resolve("out/report.html"), dir.resolve("out/report.json"), dir.resolve("out/report.csv"),
                    dir.resolve("out/report.xml"));
            long t2 = System.nanoTime();
            long ms = (t2 - t0) / 1_000_000;
            best = Math.min(best, ms);
            System.out.printf(Locale.ROOT, "round %d: read+merge %d ms, render 5 formats %d ms, total %d ms "
                            + "(%d tests, %,d samples, html %.1f MB, csv %.1f MB)%n", r, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, ms, rep.view().tests().size(), rep.view().samples(),
                    Files.size(dir.resolve("out/report.html")) / 1e6, Files.size(dir.resolve("out/report.csv")) / 1e6);
        }
        System.out.printf(Locale.ROOT, "BEST: merge+render of %d blobs in %.2f s (%d cpus)%n", blobs, best / 1000.0,
                Runtime.getRuntime().availableProcessors());
    }

    static List<String> tests() {
        List<String> t = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            if (s.actors().size() == 2) {
                for (Variant v : Variant.values()) {
                    t.add(TestNaming.DEFAULT.prefix() + s.className() + "." + v.name());
                }
            }
        }
        return t;
    }

    /** Writes the blobs, or reuses them when an earlier call wrote them (same file names). */
    static List<BlobInput> generate(Path dir, int blobs, int forks) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (Code c : Code.values()) {
            outcomes.add(c.verdict() + ":" + c.name() + (c == Code.STRAND ? "@SWAPIN" : "") + ";S=D");
        }
        String[][] configs = {
            {"-XX:+UseBiasedLocking", "-Xint"}, {"-XX:-UseBiasedLocking", "-Xint"},
            {"-XX:+UseBiasedLocking", "-XX:TieredStopAtLevel=1"}, {"-XX:-UseBiasedLocking", "-XX:TieredStopAtLevel=1"},
            {"-XX:+UseBiasedLocking", "-XX:-TieredCompilation"}, {"-XX:-UseBiasedLocking", "-XX:-TieredCompilation"},
            {"-XX:+UseBiasedLocking", "-XX:+StressLCM", "-XX:+StressGCM", "-XX:StressSeed=1"},
            {"-XX:-UseBiasedLocking", "-XX:+StressLCM", "-XX:+StressGCM", "-XX:StressSeed=2"},
        };
        List<BlobInput> inputs = new ArrayList<>();
        for (int b = 0; b < blobs; b++) {
            Random rnd = new Random(b);
            List<SyntheticBlobs.Fork> fs = new ArrayList<>();
            for (String test : tests()) {
                for (int f = 0; f < forks; f++) {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    int k = 3 + Math.floorMod(test.hashCode(), 4);
                    for (int i = 0; i < k; i++) {
                        counts.put(outcomes.get(Math.floorMod(test.hashCode() + i * 7, 6)), 1_000_000L + rnd.nextInt(50_000_000));
                    }
                    if (rnd.nextInt(50) == 0) {
                        counts.put(outcomes.get(6 + rnd.nextInt(outcomes.size() - 6)), 1L + rnd.nextInt(3));
                    }
                    fs.add(new SyntheticBlobs.Fork(test, 2, List.of(configs[f % configs.length]), f % 9,
                            org.openjdk.jcstress.infra.Status.NORMAL, counts));
                }
            }
            Path p = dir.resolve(String.format(Locale.ROOT, "jcstress-results-bench-%03d-f%d.bin.gz", b, forks));
            if (!Files.isRegularFile(p)) {
                SyntheticBlobs.write(p, fs);
            }
            inputs.add(new BlobInput(p, "host" + (b % 10), String.format(Locale.ROOT, "run%03d", b)));
        }
        return inputs;
    }
}
