package dev.swaprace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.swaprace.explore.MutantKill;
import dev.swaprace.explore.ScenarioSubject;
import dev.swaprace.mm.Mutant;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code swaprace mutants}: the mutation campaign (kernel-model §4.3): does each seeded bug get caught? */
@Command(name = "mutants", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Run the mutation campaign: is every seeded bug caught by the explorer, and by jcstress?",
        description = {
            "",
            "For each seeded bug (mutant, dev.swaprace.mm.Mutant: one kernel-plausible mistake on top of a real",
            "variant; they never run in the default suite):",
            "",
            "  explorer  explore the mutant's scenario on the mutant. It is killed if a FORBIDDEN outcome is",
            "            reachable (a DEADLOCK, livelock or sleep in atomic context the explorer detects counts):",
            "            the shortest witness is replayed on real threads and written as a race diagram to",
            "            DIR/witnesses/<MUTANT>.txt. Every mutant must be killed: one that survives fails the run.",
            "  jcstress  run the mutant's generated test (dev.swaprace.mutants.<MUTANT>) on this machine in short",
            "            rounds, one jcstress invocation each under a time limit, until a round shows a",
            "            FORBIDDEN outcome or the budget is spent. Samples add up over the rounds. The time to",
            "            kill is round-granular: wall time from the first round's start to the end of the round",
            "            that showed it (jcstress writes its results when an invocation ends; a round costs",
            "            about 10-20 s on 2 cores, most of it jcstress start-up). A round cut by the budget",
            "            counts for nothing. FIRST FORBIDDEN is the most frequent FORBIDDEN outcome of that",
            "            round (xN: its samples). LOCK_PAGE_UNDER_SPINLOCK is explorer only: it deadlocks real",
            "            threads, and jcstress 0.16 joins its pre-run check threads without a timeout.",
            "",
            "Prints one table row per mutant, the witnesses' schedules (replay one with 'swaprace explore",
            "--replay SCHEDULE'), and the figures; writes them to DIR/summary.txt and DIR/mutants.json, and",
            "each jcstress round's blob and log to DIR/jcstress/<MUTANT>/round-<n>/. Ctrl-C stops the",
            "round in progress and prints what was collected. 'swaprace mutants --list' lists the mutants.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  swaprace mutants --explorer-only                 the explorer half (seconds; what CI runs)",
            "  swaprace mutants                                 both halves, 60 s of jcstress per mutant",
            "  swaprace mutants --mutants DEC_BEFORE_CAS,NO_CANCEL_CHARGE --budget 2m",
            "  swaprace mutants --require-jcstress-kill 75      also fail unless jcstress kills 75%% of them",
            "  swaprace mutants -- -time 2000 -jvmArgs '-XX:+UseParallelGC'",
            "",
            "Exit status: 0 every mutant killed by the explorer (and, with --require-jcstress-kill, enough by",
            "jcstress); 1 a mutant survived the explorer, or jcstress killed fewer than required, or a jcstress",
            "round failed to run; 2 bad option; 130 interrupted."
        })
public final class MutantsCommand implements Callable<Integer> {
    /** One round: one iteration of one second, one JVM configuration (jcstress doubles it for +/-UseBiasedLocking). */
    static final List<String> DEFAULT_FLAGS = List.of("-iters", "1", "-time", "1000", "-sc", "false",
            "-jvmArgs", "-XX:+UseG1GC");

    @Spec
    CommandSpec spec;

    @Option(names = "--mutants", paramLabel = "NAME", split = ",",
            description = "Mutants to run, comma-separated (default: all). See --list.")
    List<String> mutants;

    @Option(names = "--explorer-only", description = "Run only the explorer half (no jcstress).")
    boolean explorerOnly;

    @Option(names = "--budget", paramLabel = "DURATION", defaultValue = "60s",
            description = "jcstress wall-clock budget per mutant, e.g. 60s, 2m (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "target/mutants",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--require-jcstress-kill", paramLabel = "PCT",
            description = "Also exit 1 unless jcstress kills at least PCT percent of the selected mutants"
                    + " (an explorer-only mutant counts as not killed).")
    Integer requireJcstressKill;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Explore the mutants on this scenario instead of each one's own (needs --explorer-only:"
                    + " the jcstress tests exist for their own scenarios).")
    String scenario;

    @Option(names = "--list", description = "List the mutants, their base variants, scenarios and bugs, and exit.")
    boolean list;

    @Parameters(paramLabel = "JCSTRESS_ARG", arity = "0..*",
            description = "After '--': jcstress options for every round, replacing the defaults' (-iters 1"
                    + " -time 1000 -sc false -jvmArgs -XX:+UseG1GC).")
    List<String> jcstressArgs = new ArrayList<>();

    /** One mutant's row: the explorer half, then the jcstress half (null until run). */
    static final class Row {
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
    private volatile MutantJcstress running;
    private volatile boolean interrupted;
    private double explorerSeconds;

    @Override
    public Integer call() throws Exception {
        List<MutantCase> cases = selectCases();
        Duration perMutant = parseBudget();
        Scenario override = selectScenario();
        List<String> flags = flags();
        if (requireJcstressKill != null && (requireJcstressKill < 0 || requireJcstressKill > 100)) {
            throw new ParameterException(spec.commandLine(), "--require-jcstress-kill: a percentage from 0 to 100, not "
                    + requireJcstressKill);
        }
        if (requireJcstressKill != null && explorerOnly) {
            throw new ParameterException(spec.commandLine(), "--require-jcstress-kill needs the jcstress half:"
                    + " drop --explorer-only");
        }
        if (list) {
            printList(System.out, cases);
            return 0;
        }
        for (MutantCase c : cases) {
            rows.add(new Row(c, override == null ? c.scenario() : override));
        }
        Files.createDirectories(out.resolve("witnesses"));
        PrintStream terminal = System.out;
        return OnInterrupt.guard("swaprace-mutants-interrupt", () -> {
            terminal.println();
            terminal.println("swaprace mutants: interrupted: stopping, printing what was collected");
            interrupted = true;
            MutantJcstress r = running;
            if (r != null) {
                r.interrupt();
            }
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
                String.join(" ", flags), RunCommand.human(perMutant));
        for (Row r : rows) {
            if (interrupted) {
                break;
            }
            String name = r.c.mutant().name();
            MutantJcstress runner = new MutantJcstress(out.resolve("jcstress").resolve(name), flags);
            running = runner;
            if (interrupted) {
                runner.interrupt();
            }
            r.jcstress = runner.run(r.c, perMutant, line -> terminal.printf("  jcstress %-26s %s%n", name, line));
            running = null;
            if (r.jcstress.verdict() != MutantJcstress.Verdict.KILLED) {
                terminal.printf("  jcstress %-26s %s%s%n", name, r.jcstress.verdict().name().toLowerCase(Locale.ROOT),
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
                    f.jcstressPercent(rows.size()), RunCommand.human(perMutant), Runtime.getRuntime().availableProcessors(),
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
                && r.jcstress.verdict() == MutantJcstress.Verdict.ERROR).map(r -> r.c.mutant().name()).toList();
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
                jk += r.jcstress.verdict() == MutantJcstress.Verdict.KILLED ? 1 : 0;
                skipped += r.jcstress.verdict() == MutantJcstress.Verdict.SKIPPED ? 1 : 0;
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
            String jv = j == null ? (explorerOnly ? "-" : "not run") : switch (j.verdict()) {
                case KILLED -> "killed";
                case SURVIVED -> "survived";
                case SKIPPED -> "explorer only";
                case ERROR -> "ERROR";
                case INTERRUPTED -> "interrupted";
            };
            boolean jran = j != null && j.verdict() != MutantJcstress.Verdict.SKIPPED;
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

    private void writeJson(Duration perMutant, Figures f) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", 1);
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
                e.put("verdict", j.verdict().name());
                e.put("test", j.verdict() == MutantJcstress.Verdict.SKIPPED ? null
                        : dev.swaprace.stress.StressSuite.mutantTestName(r.c));
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
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("mutants.json").toFile(), doc);
    }

    private static void printList(PrintStream o, List<MutantCase> cases) {
        o.printf("%-26s %-5s %-22s %s%n", "MUTANT", "BASE", "SCENARIO", "BUG (kernel terms)");
        for (MutantCase c : cases) {
            o.printf("%-26s %-5s %-22s %s%s%n", c.mutant().name(), c.mutant().base().name(), c.scenario().className(),
                    c.mutant().bug(), c.explorerOnly() == null ? "" : " [" + c.explorerOnly() + "]");
        }
    }

    private List<MutantCase> selectCases() {
        if (mutants == null || mutants.isEmpty()) {
            return MutantCase.all();
        }
        Set<MutantCase> out = new LinkedHashSet<>();
        for (String name : mutants) {
            if (name.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--mutants: empty name");
            }
            try {
                Mutant m = ScenarioSubject.mutant(name);
                out.add(MutantCase.of(m));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--mutants: " + e.getMessage());
            }
        }
        return new ArrayList<>(out);
    }

    private Duration parseBudget() {
        try {
            return StressConfig.parseDuration(budget);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--budget: " + e.getMessage());
        }
    }

    private Scenario selectScenario() {
        if (scenario == null) {
            return null;
        }
        if (!explorerOnly && !list) {
            throw new ParameterException(spec.commandLine(), "--scenario needs --explorer-only"
                    + " (each mutant's jcstress test runs its own scenario)");
        }
        try {
            return Scenario.byClassName(scenario.trim());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage() + " (see 'swaprace scenarios')");
        }
    }

    private List<String> flags() {
        for (String a : jcstressArgs) {
            String n = a.replaceFirst("^-+", "");
            if (n.equals("t") || n.equals("r") || n.equals("p") || n.equals("l")) {
                throw new ParameterException(spec.commandLine(), "jcstress option " + a
                        + " is set by swaprace mutants (each round selects its test and report folder)");
            }
        }
        try {
            return JcstressOptions.override(DEFAULT_FLAGS, jcstressArgs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
