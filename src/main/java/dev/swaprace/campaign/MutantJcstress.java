package dev.swaprace.campaign;

import dev.swaprace.check.Verdict;
import dev.swaprace.report.ReportView;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.Histograms;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.suite.StressSuite;
import org.openjdk.jcstress.infra.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The jcstress half of the mutation campaign for one mutant: its generated test
 * ({@code dev.swaprace.mutants.<MUTANT>}) in short jcstress runs ("rounds"), one after the other,
 * until a round's result blob holds a FORBIDDEN outcome or the budget is spent. Each round is its
 * own jcstress invocation, bounded by what is left of the budget,
 * in {@code <dir>/round-<n>/} with its blob and log. Samples add up over the rounds; the time to
 * kill is the wall time from the first round's start to the end of the round that showed the
 * FORBIDDEN outcome (round-granular: jcstress only writes its blob when the invocation ends). A
 * round cut by the budget counts for nothing.
 */
final class MutantJcstress {

    /** How the jcstress half of one mutant ended. */
    public enum Fate {
        /** A FORBIDDEN outcome within the budget. */
        KILLED,
        /** The budget ran out without one. */
        SURVIVED,
        /** Not run: the mutant is the explorer's alone. */
        SKIPPED,
        /** jcstress did not run the test, or failed: no verdict. */
        ERROR,
        /** Ctrl-C. */
        INTERRUPTED
    }

    /**
     * @param samples          samples over the rounds that finished (up to and including the kill)
     * @param rounds           rounds that finished within the budget
     * @param secondsToKill    wall seconds to the end of the killing round; negative if not killed
     * @param firstForbidden   the most frequent FORBIDDEN outcome of the killing round, or null
     * @param forbiddenSamples its count in that round
     * @param note             why it was skipped or failed, or what else jcstress reported
     */
    public record Outcome(Fate fate, long samples, int rounds, double secondsToKill, String firstForbidden,
                   long forbiddenSamples, String note) {
        static Outcome of(Fate v, String note) {
            return new Outcome(v, 0, 0, -1, null, 0, note);
        }
    }

    private final Path dir;
    private final List<String> flags;
    private final JcstressLoop loop;

    /**
     * @param dir   this mutant's folder
     * @param flags jcstress flags of every round ({@code -t} and {@code -r} are added)
     * @param loop  the campaign's loop: its stop ends the round in progress
     */
    MutantJcstress(Path dir, List<String> flags, JcstressLoop loop) {
        this.dir = dir;
        this.flags = flags;
        this.loop = loop;
    }

    /** Run {@code c}'s test in rounds within {@code budget}; {@code progress} hears one line per round. */
    Outcome run(MutantCase c, Duration budget, Consumer<String> progress) throws IOException, InterruptedException {
        if (c.explorerOnly() != null) {
            return Outcome.of(Fate.SKIPPED, c.explorerOnly());
        }
        String test = StressSuite.mutantTestName(c);
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long samples = 0;
        int rounds = 0;
        String note = null;
        while (true) {
            if (loop.stopped()) {
                return new Outcome(Fate.INTERRUPTED, samples, rounds, -1, null, 0, null);
            }
            long left = deadline - System.nanoTime();
            if (left < Duration.ofSeconds(1).toNanos()) {
                return new Outcome(Fate.SURVIVED, samples, rounds, -1, null, 0, note);
            }
            Path round = dir.resolve("round-" + (rounds + 1));
            List<String> args = new ArrayList<>(List.of("-t", StressSuite.mutantRegex(c),
                    "-r", round.toAbsolutePath().resolve(Invocation.HTML).toString()));
            args.addAll(flags);
            // what is left of the budget bounds the round; past it the loop kills jcstress's process tree
            Invocation inv = loop.invoke(round, args, line -> { }, Duration.ofNanos(left));
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (loop.stopped() || inv.end() == Invocation.End.KILLED) {
                return new Outcome(Fate.INTERRUPTED, samples, rounds, -1, null, 0, null);
            }
            boolean cut = inv.end() == Invocation.End.TIMED_OUT || System.nanoTime() > deadline;
            if (cut) {
                progress.accept(String.format("round %d cut at the budget (%.0f s): not counted", rounds + 1, elapsed));
                return new Outcome(Fate.SURVIVED, samples, rounds, -1, null, 0, note);
            }
            if (inv.fatal() != null) {
                return new Outcome(Fate.ERROR, samples, rounds, -1, null, 0,
                        "jcstress ran nothing (FATAL: " + inv.fatal() + "); see " + inv.log());
            }
            if (inv.blob().isEmpty()) {
                return new Outcome(Fate.ERROR, samples, rounds, -1, null, 0, "jcstress exited with " + inv.exitValue()
                        + " and wrote no result blob" + (inv.exception() == null ? "" : ": " + inv.exception())
                        + "; see " + inv.log());
            }
            if (inv.results().isEmpty()) {
                return new Outcome(Fate.ERROR, samples, rounds, -1, null, 0, inv.readError());
            }
            Histograms.TestCounts t = inv.results().get().test(test);
            TestView graded = inv.tests().get(test);
            if (t == null || t.total() == 0 || graded == null) {
                return new Outcome(Fate.ERROR, samples, rounds, -1, null, 0, "the test did not run (no samples of "
                        + test + " in " + inv.blob().get() + ")");
            }
            if (graded.state() == ReportView.State.UNGRADED) {
                return new Outcome(Fate.ERROR, samples, rounds, -1, null, 0, "no TestList on the class path describes "
                        + test + ": its outcomes cannot be graded");
            }
            rounds++;
            samples += t.total();
            if (t.status() != Status.NORMAL) {
                note = "round " + rounds + ": jcstress status " + t.status()
                        + t.messages().stream().findFirst().map(m -> ": " + m).orElse("");
            }
            String forbidden = null;
            long forbiddenCount = 0;
            // graded as every report grades it: jcstress's rules from the suite's TestList
            for (ReportView.Row o : graded.observed()) {
                if (o.count() > forbiddenCount && o.countsAs() == Verdict.FORBIDDEN) {
                    forbidden = o.id();
                    forbiddenCount = o.count();
                }
            }
            progress.accept(String.format("round %d: %,d samples%s (%.0f s)", rounds, t.total(),
                    forbidden == null ? ", no FORBIDDEN outcome" : ", " + forbidden + " x" + forbiddenCount, elapsed));
            if (forbidden != null) {
                return new Outcome(Fate.KILLED, samples, rounds, elapsed, forbidden, forbiddenCount, note);
            }
        }
    }
}
