package dev.swaprace.campaign;

import dev.swaprace.explore.MutantKill;
import dev.swaprace.results.JsonOutput;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.suite.StressSuite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code swaprace mutants}: the mutation campaign (kernel-model §4.3). Each seeded bug is
 * explored on its scenario (killed if a FORBIDDEN outcome is reachable; the shortest witness is
 * written as a race diagram), then, unless explorer only, its generated jcstress test runs in
 * rounds through the {@link JcstressLoop} until a FORBIDDEN outcome or the budget
 * ({@link MutantJcstress}). The table, witnesses and figures go to the terminal and
 * {@code summary.txt}, the same as data to {@code mutants.json}.
 */
public final class MutationCampaign {
    /** Version of the {@code mutants.json} shape. */
    static final int SCHEMA = 1;
    /** One round: one iteration of one second, one JVM configuration (jcstress doubles it for +/-UseBiasedLocking). */
    public static final List<String> DEFAULT_FLAGS = List.of("-iters", "1", "-time", "1000", "-sc", "false",
            "-jvmArgs", "-XX:+UseG1GC");

    /** One mutant's row: the explorer half, then the jcstress half (null until run). */
    private static final class Row {
        final MutantCase c;
        final Scenario explored;
        MutantKill explorer;
        MutantJcstress.Outcome jcstress;

        Row(MutantCase c, Scenario explored) {
            this.c = c;
            this.explored = explored;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Path out;
    private final boolean explorerOnly;
    private final Integer requireJcstressKill;
    private final JcstressLoop loop = new JcstressLoop();
    private volatile boolean interrupted;
    private double explorerSeconds;

    /**
     * @param cases               the mutants
     * @param override            explore them all on this scenario instead of each one's own, or null
     * @param requireJcstressKill fail unless jcstress kills this percentage, or null
     */
    public MutationCampaign(List<MutantCase> cases, Scenario override, Path out, boolean explorerOnly,
                            Integer requireJcstressKill) {
        for (MutantCase c : cases) {
            rows.add(new Row(c, override == null ? c.scenario() : override));
        }
        this.out = out;
        this.explorerOnly = explorerOnly;
        this.requireJcstressKill = requireJcstressKill;
    }

    /**
     * Both halves (the jcstress one unless explorer only, rounds of {@code flags} within
     * {@code perMutant} each), Ctrl-C stopping the round in progress. Exit status: 0 every mutant
     * killed by the explorer (and enough by jcstress when required); 1 otherwise, or a round that
     * failed to run; 130 interrupted.
     */
    public int run(PrintStream terminal, Duration perMutant, List<String> flags) throws Exception {
        Files.createDirectories(out.resolve("witnesses"));
        return loop.guard("swaprace-mutants-interrupt", () -> {
            terminal.println();
            terminal.println("swaprace mutants: interrupted: stopping, printing what was collected");
            interrupted = true;
        }, Duration.ofMinutes(1), () -> {
            runExplorer(terminal);
            if (!explorerOnly) {
                runJcstress(terminal, perMutant, flags);
            }
            return finish(terminal, perMutant);
        });
    }

    private void runExplorer(PrintStream terminal) throws IOException {
        terminal.printf("swaprace mutants: %d mutant%s; explorer: every schedule of each one's scenario%n",
                rows.size(), rows.size() == 1 ? "" : "s");
        long t0 = System.nanoTime();
        for (Row r : rows) {
            if (interrupted) {
                break;
            }
            r.explorer = MutantKill.explore(r.c.mutant(), r.explored);
            Path witness = out.resolve("witnesses").resolve(r.c.mutant().name() + ".txt");
            if (r.explorer.killed()) {
                Files.writeString(witness, r.explorer.timeline(), StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(witness);
            }
            terminal.printf("  explorer %-26s %-8s %s%n", r.c.mutant().name(), r.explorer.killed() ? "killed" : "SURVIVED",
                    r.explorer.killed() ? r.explorer.killing().outcome().toString() : "no FORBIDDEN outcome in "
                            + r.explorer.result().schedules() + " schedules");
        }
        explorerSeconds = (System.nanoTime() - t0) / 1e9;
    }

    private void runJcstress(PrintStream terminal, Duration perMutant, List<String> flags) throws Exception {
        terminal.printf("jcstress: each mutant's test in rounds (%s), at most %s each, until a FORBIDDEN outcome%n",
                String.join(" ", flags), StressConfig.human(perMutant));
        for (Row r : rows) {
            if (interrupted) {
                break;
            }
            String name = r.c.mutant().name();
            MutantJcstress runner = new MutantJcstress(out.resolve("jcstress").resolve(name), flags, loop);
            r.jcstress = runner.run(r.c, perMutant, line -> terminal.printf("  jcstress %-26s %s%n", name, line));
            if (r.jcstress.fate() != MutantJcstress.Fate.KILLED) {
                terminal.printf("  jcstress %-26s %s%s%n", name, r.jcstress.fate().name().toLowerCase(Locale.ROOT),
                        r.jcstress.note() == null ? "" : ": " + r.jcstress.note());
            }
        }
    }

    /** The table, witnesses and figures on the terminal and in summary.txt; mutants.json; the exit status. */
    private int finish(PrintStream terminal, Duration perMutant) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(buf, true, StandardCharsets.UTF_8);
        o.println();
        printTable(o);
        o.println();
        o.println("Witnesses: the shortest schedule to the FORBIDDEN outcome (replay: swaprace explore --replay"
                + " SCHEDULE;");
        o.println("race diagrams: " + out.resolve("witnesses") + "/<MUTANT>.txt)");
        for (Row r : rows) {
            if (r.explorer != null && r.explorer.killed()) {
                int switches = r.explorer.killing().witness().contextSwitches();
                o.printf("  %-26s %3d steps %2d switch%s %s%n", r.c.mutant().name(), r.explorer.killing().witness().steps(),
                        switches, switches == 1 ? " " : "es", r.explorer.schedule());
            }
        }
        o.println();
        Figures f = figures();
        o.printf("explorer: %d/%d killed in %.2f s in all (%d schedules)%s%n", f.explorerKilled, rows.size(),
                explorerSeconds, f.schedules, f.explorerRun < rows.size() ? "; " + (rows.size() - f.explorerRun)
                        + " not run (interrupted)" : "");
        if (!explorerOnly) {
            o.printf("jcstress: %d/%d killed (%.0f%%) within %s each, %d CPUs%s%n", f.jcstressKilled, rows.size(),
                    f.jcstressPercent(rows.size()), StressConfig.human(perMutant), Runtime.getRuntime().availableProcessors(),
                    (f.skipped > 0 ? "; " + f.skipped + " explorer only, counted as not killed" : "")
                            + (interrupted ? "; interrupted, partial" : ""));
            List<Double> kills = rows.stream().filter(r -> r.jcstress != null && r.jcstress.secondsToKill() >= 0)
                    .map(r -> r.jcstress.secondsToKill()).sorted().toList();
            if (!kills.isEmpty()) {
                o.printf("jcstress time to kill (round-granular): median %.1f s, max %.1f s%n",
                        kills.get((kills.size() - 1) / 2), kills.get(kills.size() - 1));
            }
        }
        int status = 0;
        List<String> survivors = rows.stream().filter(r -> r.explorer != null && !r.explorer.killed())
                .map(r -> r.c.mutant().name()).toList();
        if (!survivors.isEmpty()) {
            o.println("swaprace mutants: FAILED: survived the explorer: " + String.join(", ", survivors));
            status = 1;
        }
        List<String> errors = rows.stream().filter(r -> r.jcstress != null
                && r.jcstress.fate() == MutantJcstress.Fate.ERROR).map(r -> r.c.mutant().name()).toList();
        if (!errors.isEmpty()) {
            o.println("swaprace mutants: FAILED: jcstress did not run: " + String.join(", ", errors));
            status = 1;
        }
        if (requireJcstressKill != null && !interrupted && f.jcstressPercent(rows.size()) < requireJcstressKill) {
            o.printf("swaprace mutants: FAILED: jcstress killed %.0f%%, fewer than the required %d%%%n",
                    f.jcstressPercent(rows.size()), requireJcstressKill);
            status = 1;
        }
        if (interrupted) {
            o.println("swaprace mutants: interrupted: results are partial");
            status = 130;
        } else if (status == 0) {
            o.println("swaprace mutants: every mutant killed by the explorer" + (explorerOnly ? "" : String.format(
                    "; %d/%d by jcstress", f.jcstressKilled, rows.size())));
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        terminal.print(text);
        terminal.flush();
        Files.writeString(out.resolve("summary.txt"), text, StandardCharsets.UTF_8);
        writeJson(perMutant, f);
        return status;
    }

    private record Figures(int explorerRun, int explorerKilled, long schedules, int jcstressKilled, int skipped) {
        double jcstressPercent(int of) {
            return of == 0 ? 0 : 100.0 * jcstressKilled / of;
        }
    }

    private Figures figures() {
        int run = 0;
        int killed = 0;
        long schedules = 0;
        int jk = 0;
        int skipped = 0;
        for (Row r : rows) {
            if (r.explorer != null) {
                run++;
                killed += r.explorer.killed() ? 1 : 0;
                schedules += r.explorer.result().schedules();
            }
            if (r.jcstress != null) {
                jk += r.jcstress.fate() == MutantJcstress.Fate.KILLED ? 1 : 0;
                skipped += r.jcstress.fate() == MutantJcstress.Fate.SKIPPED ? 1 : 0;
            }
        }
        return new Figures(run, killed, schedules, jk, skipped);
    }

    private void printTable(PrintStream o) {
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"MUTANT", "BASE", "SCENARIO", "EXPLORER", "FORBIDDEN OUTCOME (explorer)", "SCHEDULES", "MS",
            "JCSTRESS", "SAMPLES", "KILL S", "FIRST FORBIDDEN (jcstress)"});
        for (Row r : rows) {
            MutantKill k = r.explorer;
            MutantJcstress.Outcome j = r.jcstress;
            String jv = j == null ? (explorerOnly ? "-" : "not run") : switch (j.fate()) {
                case KILLED -> "killed";
                case SURVIVED -> "survived";
                case SKIPPED -> "explorer only";
                case ERROR -> "ERROR";
                case INTERRUPTED -> "interrupted";
            };
            boolean jran = j != null && j.fate() != MutantJcstress.Fate.SKIPPED;
            t.add(new String[] {
                r.c.mutant().name(), r.c.mutant().base().name(), r.explored.className(),
                k == null ? "not run" : k.killed() ? "killed" : "SURVIVED",
                k == null || k.killing() == null ? "-" : k.killing().outcome().toString(),
                k == null ? "-" : Long.toString(k.result().schedules()),
                k == null ? "-" : Long.toString(k.result().elapsedMillis()),
                jv,
                jran ? String.format("%,d", j.samples()) : "-",
                j != null && j.secondsToKill() >= 0 ? String.format("%.1f", j.secondsToKill()) : "-",
                j != null && j.firstForbidden() != null ? j.firstForbidden() + " x" + j.forbiddenSamples() : "-",
            });
        }
        int[] w = new int[t.get(0).length];
        for (String[] row : t) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        Set<Integer> right = Set.of(5, 6, 8, 9);
        for (String[] row : t) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                String pad = " ".repeat(w[i] - cell.length());
                sb.append(right.contains(i) ? pad + cell : cell + (i == row.length - 1 ? "" : pad));
                if (i < row.length - 1) {
                    sb.append("  ");
                }
            }
            o.println(sb.toString().stripTrailing());
        }
    }

    private void writeJson(Duration perMutant, Figures f) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("budgetSeconds", perMutant.toSeconds());
        doc.put("cpus", Runtime.getRuntime().availableProcessors());
        doc.put("explorerOnly", explorerOnly);
        doc.put("interrupted", interrupted);
        doc.put("explorerSeconds", explorerSeconds);
        doc.put("explorerKilled", f.explorerKilled);
        doc.put("jcstressKilled", explorerOnly ? null : f.jcstressKilled);
        doc.put("mutants", rows.size());
        List<Object> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mutant", r.c.mutant().name());
            m.put("base", r.c.mutant().base().name());
            m.put("scenario", r.explored.className());
            m.put("actors", r.explored.actors().size());
            m.put("bug", r.c.mutant().bug());
            if (r.explorer != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("killed", r.explorer.killed());
                e.put("outcome", r.explorer.killing() == null ? null : r.explorer.killing().outcome().toString());
                e.put("schedules", r.explorer.result().schedules());
                e.put("elapsedMs", r.explorer.result().elapsedMillis());
                e.put("witness", r.explorer.schedule());
                e.put("forbidden", r.explorer.forbidden());
                e.put("replayed", r.explorer.replayed());
                m.put("explorer", e);
            }
            if (r.jcstress != null) {
                MutantJcstress.Outcome j = r.jcstress;
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("verdict", j.fate().name());
                e.put("test", j.fate() == MutantJcstress.Fate.SKIPPED ? null
                        : StressSuite.mutantTestName(r.c));
                e.put("samples", j.samples());
                e.put("rounds", j.rounds());
                e.put("secondsToKill", j.secondsToKill() < 0 ? null : j.secondsToKill());
                e.put("firstForbidden", j.firstForbidden());
                e.put("forbiddenSamples", j.forbiddenSamples());
                e.put("note", j.note());
                m.put("jcstress", e);
            }
            list.add(m);
        }
        doc.put("results", list);
        JsonOutput.write(out.resolve("mutants.json"), SCHEMA, doc);
    }

    /** One line per mutant: name, base variant, scenario, bug, and why it is explorer only. */
    public static void printList(PrintStream o, List<MutantCase> cases) {
        o.printf("%-26s %-5s %-22s %s%n", "MUTANT", "BASE", "SCENARIO", "BUG (kernel terms)");
        for (MutantCase c : cases) {
            o.printf("%-26s %-5s %-22s %s%s%n", c.mutant().name(), c.mutant().base().name(), c.scenario().className(),
                    c.mutant().bug(), c.explorerOnly() == null ? "" : " [" + c.explorerOnly() + "]");
        }
    }
}
