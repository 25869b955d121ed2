package dev.swaprace.campaign;

import com.google.common.io.MoreFiles;
import dev.swaprace.campaign.HuntTally.RoundStatus;
import dev.swaprace.campaign.HuntTally.State;
import dev.swaprace.campaign.Invocation.End;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.TestNaming;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code swaprace hunt}: jcstress round after round through the {@link JcstressLoop}, cycling
 * through the plan's settings, until every target outcome has been observed or the budget is
 * spent; {@code hunt.json} and {@code summary.txt} are rewritten after every round, each round
 * keeps its invocation folder in {@code rounds/NNN/}.
 */
public final class Hunt {

    /** Why the hunt stops after a round. */
    enum Stop {
        /** Go on. */
        NONE,
        /** Ctrl-C, or the round was killed. */
        INTERRUPTED,
        /** The budget ended the round: its results are lost. */
        BUDGET,
        /** jcstress left no result: the hunt cannot go on. */
        JCSTRESS_FAILED
    }

    /** A round's outcome: results per test, status, why the hunt must stop and how to say it. */
    record RoundResult(List<TestView> results, RoundStatus status, Stop stop, String why) {
    }

    private final HuntPlan plan;
    private final PrintStream terminal;
    private final boolean verbose;
    private final Object printLock = new Object();
    private final JcstressLoop loop = new JcstressLoop();

    public Hunt(HuntPlan plan, PrintStream terminal, boolean verbose) {
        this.plan = plan;
        this.terminal = terminal;
        this.verbose = verbose;
    }

    /** The plan in a line (and the skipped tests); with {@code dryRun}, every test, target, setting and round 1's command. */
    public void describe(boolean dryRun) {
        terminal.printf("swaprace hunt: %d test%s, %d target%s, %d setting%s, budget %s, rounds of %s, %d CPUs%n",
                plan.tests().size(), HuntPlan.plural(plan.tests().size()), plan.targets().size(),
                HuntPlan.plural(plan.targets().size()), plan.settings().size(), HuntPlan.plural(plan.settings().size()),
                StressConfig.human(plan.budget()), HuntPlan.millis(plan.round()), plan.cpus());
        plan.skipped().forEach(terminal::println);
        if (dryRun) {
            plan.tests().forEach(t -> terminal.println("  test    " + t));
            plan.targets().forEach(t -> terminal.println("  target  " + t.pattern()));
            for (int i = 0; i < plan.settings().size(); i++) {
                terminal.printf("  %2d      %s%n", i + 1, plan.settings().get(i).label());
            }
            terminal.println("  round 1 (in <out>/rounds/001/):");
            terminal.println("  " + JcstressProcess.quoted(JcstressProcess.command(plan.roundArgs(1, Path.of(Invocation.HTML)))));
        }
    }

    /**
     * Hunt, Ctrl-C stopping the round in progress ({@link #prepareOut} first). Returns the exit
     * status: 0 every target seen and nothing FORBIDDEN; 1 a target missed, a FORBIDDEN outcome or
     * jcstress failed; 130 interrupted.
     */
    public int run() throws Exception {
        HuntTally tally = new HuntTally(plan.targets(), plan.settings(), plan.tests());
        return loop.guard("swaprace-hunt-interrupt", () -> { }, Duration.ofMinutes(2), () -> hunt(tally));
    }

    private int hunt(HuntTally tally) throws IOException, InterruptedException {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        long t0 = System.nanoTime();
        long budgetNanos = plan.budget().toNanos();
        HuntProgress progress = new HuntProgress(plan, tally, t0, terminal, printLock);
        State state = State.RUNNING;
        String why = null;
        boolean jcstressFailed = false;
        writeFiles(tally, started, state, t0, false);
        progress.start();
        try {
            int n = 0;
            while (true) {
                if (loop.stopped()) {
                    state = State.INTERRUPTED;
                    break;
                }
                if (!plan.allSettings() && tally.allHit()) {
                    state = State.FINISHED;
                    why = "every target observed";
                    break;
                }
                if (plan.maxRounds() != null && n >= plan.maxRounds()) {
                    state = State.FINISHED;
                    why = "--max-rounds " + plan.maxRounds() + " reached";
                    break;
                }
                long elapsed = System.nanoTime() - t0;
                long left = budgetNanos - elapsed;
                int setting = n % plan.settings().size() + 1;
                double estimate = estimate(tally, setting);
                if (left <= 0 || (n > 0 && estimate * 1e9 > left)) {
                    state = State.FINISHED;
                    why = left <= 0 ? "budget spent" : String.format("budget spent: %.0f s left, a round takes ~%.0f s",
                            left / 1e9, estimate);
                    break;
                }
                n++;
                progress.round(n, setting);
                Path dir = plan.out().resolve("rounds").resolve(String.format("%03d", n));
                double start = elapsed / 1e9;
                RoundResult r = runRound(n, setting, dir, Duration.ofNanos(left));
                double wall = (System.nanoTime() - t0) / 1e9 - start;
                List<Integer> first = tally.add(n, setting, start, wall, r.status(), plan.out().relativize(dir).toString(),
                        r.results());
                progress.roundDone(n, wall, r, first);
                writeFiles(tally, started, State.RUNNING, t0, false);
                if (r.stop() != Stop.NONE) {
                    state = loop.stopped() ? State.INTERRUPTED : State.FINISHED;
                    why = r.why();
                    jcstressFailed = !loop.stopped() && r.stop() == Stop.JCSTRESS_FAILED;
                    break;
                }
            }
        } finally {
            progress.stop();
        }
        if (loop.stopped()) {
            state = State.INTERRUPTED;
            why = "interrupted";
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream sum = new PrintStream(buf, true, StandardCharsets.UTF_8);
        sum.println();
        HuntOutput.Header h = header(started, state, t0);
        HuntOutput.summary(tally, sum, h);
        sum.println();
        sum.println("Stopped: " + why);
        sum.printf("Output: %s (hunt.json, summary.txt, rounds/NNN/: blob, jcstress.log, html)%n", plan.out());
        List<String> errors = tally.rounds().stream().flatMap(r -> r.tests().stream()
                        .filter(t -> !t.status().equals("OK") && !t.status().equals("FAILED"))
                        .map(t -> "round " + r.round() + ": " + TestNaming.DEFAULT.shortName(t.test()) + " " + t.status()
                                + " (see " + r.dir() + "/" + Invocation.LOG + ")")).toList();
        if (!errors.isEmpty()) {
            sum.println("jcstress errors:");
            errors.forEach(e -> sum.println("  " + e));
        }
        int code = loop.stopped() ? 130
                : jcstressFailed || !errors.isEmpty() || !tally.allHit() || !tally.forbidden().isEmpty() ? 1 : 0;
        if (code == 1) {
            List<String> reasons = new ArrayList<>();
            if (jcstressFailed || !errors.isEmpty()) {
                reasons.add("jcstress failed");
            }
            if (!tally.allHit()) {
                reasons.add((plan.targets().size() - tally.hitCount()) + " target(s) not observed");
            }
            if (!tally.forbidden().isEmpty()) {
                reasons.add("FORBIDDEN outcome(s) observed");
            }
            sum.println("swaprace hunt: " + String.join(", ", reasons));
        }
        sum.flush();
        synchronized (printLock) {
            terminal.print(buf.toString(StandardCharsets.UTF_8));
            terminal.flush();
        }
        Files.write(plan.out().resolve("summary.txt"), buf.toByteArray());
        writeFiles(tally, started, state, t0, true);
        return code;
    }

    /**
     * The expected wall time of a round of {@code setting}: its longest round with results so far,
     * else the longest of any setting (a round that cannot finish in the budget is not started: it
     * would be lost).
     */
    private static double estimate(HuntTally tally, int setting) {
        List<HuntTally.Round> rs = tally.rounds().stream().filter(r -> !r.tests().isEmpty()).toList();
        return rs.stream().filter(r -> r.setting() == setting).mapToDouble(HuntTally.Round::wallSeconds).max()
                .orElse(rs.stream().mapToDouble(HuntTally.Round::wallSeconds).max().orElse(0));
    }

    private HuntOutput.Header header(String started, State state, long t0) {
        return new HuntOutput.Header(started, state, plan.budget().toSeconds(), plan.round().toMillis(), plan.cpus(),
                (System.nanoTime() - t0) / 1e9, plan.skipped(), plan.baseOptions());
    }

    private void writeFiles(HuntTally tally, String started, State state, long t0, boolean last) {
        HuntOutput.Header h = header(started, state, t0);
        HuntOutput.writeJson(tally, plan.out().resolve("hunt.json"), h);
        if (!last) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream sum = new PrintStream(buf, true, StandardCharsets.UTF_8);
            HuntOutput.summary(tally, sum, h);
            sum.println();
            sum.println("(the hunt is still running: this file is rewritten after every round)");
            try {
                Files.write(plan.out().resolve("summary.txt"), buf.toByteArray());
            } catch (IOException e) {
                terminal.println("swaprace hunt: cannot write summary.txt: " + e.getMessage());
            }
        }
    }

    private RoundResult runRound(int n, int setting, Path dir, Duration left) throws IOException, InterruptedException {
        List<String> args = plan.roundArgs(setting, dir.toAbsolutePath().resolve(Invocation.HTML));
        Invocation inv = loop.invoke(dir, args, verbose ? this::printJcstress : line -> { }, left);
        List<TestView> results = new ArrayList<>(inv.tests().values());
        if (inv.end() == End.EXITED) {
            if (results.isEmpty()) {
                return new RoundResult(results, RoundStatus.NO_RESULT, Stop.JCSTRESS_FAILED, "round " + n + ": jcstress "
                        + (inv.fatal() != null ? "said: " + inv.fatal()
                        : inv.readError() != null ? "left a blob that cannot be read: " + inv.readError()
                        : "exited with " + inv.exitValue() + " and no result")
                        + " (see " + inv.log() + ")");
            }
            return new RoundResult(results, inv.truncated() ? RoundStatus.PARTIAL : RoundStatus.OK, Stop.NONE, null);
        }
        RoundStatus status = results.isEmpty() ? RoundStatus.STOPPED : RoundStatus.PARTIAL;
        if (loop.stopped() || inv.end() == End.KILLED) {
            return new RoundResult(results, status, Stop.INTERRUPTED, "interrupted");
        }
        return new RoundResult(results, status, Stop.BUDGET, "budget spent during round " + n + " (its results are lost)");
    }

    private void printJcstress(String line) {
        synchronized (printLock) {
            terminal.println("  | " + line);
        }
    }

    /** Replace a previous hunt in the output folder; refuse a folder that holds something else. */
    public void prepareOut() throws IOException {
        Path out = plan.out();
        if (Files.isDirectory(out)) {
            boolean hunt = Files.exists(out.resolve("hunt.json"));
            boolean empty;
            try (Stream<Path> s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
            if (!hunt && !empty) {
                throw new IllegalArgumentException("--out " + out + ": not empty and not a hunt folder (no hunt.json)");
            }
            if (Files.exists(out.resolve("rounds"))) {
                MoreFiles.deleteRecursively(out.resolve("rounds"));
            }
            Files.deleteIfExists(out.resolve("hunt.json"));
            Files.deleteIfExists(out.resolve("summary.txt"));
        }
        Files.createDirectories(out.resolve("rounds"));
    }
}
