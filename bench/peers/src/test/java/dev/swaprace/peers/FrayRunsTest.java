package dev.swaprace.peers;

import kotlin.Unit;
import org.junit.jupiter.api.Test;
import org.pastalab.fray.core.TestRunner;
import org.pastalab.fray.core.ThreadContext;
import org.pastalab.fray.core.command.Configuration;
import org.pastalab.fray.core.command.ExecutionInfo;
import org.pastalab.fray.core.command.LambdaExecutor;
import org.pastalab.fray.core.command.NetworkDelegateType;
import org.pastalab.fray.core.command.SystemTimeDelegateType;
import org.pastalab.fray.core.observers.TimelineCoverageType;
import org.pastalab.fray.core.randomness.ControlledRandom;
import org.pastalab.fray.core.randomness.ControlledRandomProvider;
import org.pastalab.fray.core.scheduler.FestScheduler;
import org.pastalab.fray.core.scheduler.PCTScheduler;
import org.pastalab.fray.core.scheduler.POSScheduler;
import org.pastalab.fray.core.scheduler.RandomScheduler;
import org.pastalab.fray.core.scheduler.SURWScheduler;
import org.pastalab.fray.core.scheduler.Scheduler;
import org.pastalab.fray.junit.Common;
import org.pastalab.fray.junit.plain.FrayInTestLauncher;
import org.pastalab.fray.rmi.ScheduleObserver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fray's side, run by surefire in the JVM Fray's Maven plugin prepares (its instrumented JDK 25,
 * agent and JVMTI library): {@code FrayInTestLauncher.launchFray}, the entry point Fray documents
 * for tests outside its JUnit annotations, once per scheduler x target x repeat. The runnable is one
 * execution ({@link Target#runOnce}); Fray controls the actor threads it starts. Each iteration's
 * outcome goes to a {@link Probe}; once the probe has seen every outcome the explorer reaches, or
 * the budget is spent, the runnable sets the configuration's iteration count to end the run after
 * this iteration (Fray's own loop condition, {@code currentIteration != iter}).
 *
 * <p>Settings come as system properties (surefire passes {@code -D} from the mvn command line):
 * {@code peers.out}, {@code peers.reachable}, {@code peers.targets}, {@code peers.schedulers}
 * (comma separated {@link Spec}s: random, pos, pct, surw, fest, with Fray's options), {@code
 * peers.repeats}, {@code peers.budgetMs}, {@code peers.resume}, {@code peers.hangGraceMs},
 * {@code peers.console} (a file the progress lines also go to).
 *
 * <p>A run in which no iteration ends for {@code peers.hangGraceMs} is a result, {@code hang},
 * with the actor threads' stacks as evidence. The spinning iteration cannot be stopped (Fray checks
 * its timeout only between iterations), so the JVM must end: the runs not yet done are in the
 * resume file ({@code peers.resume}, rewritten before each run), the remaining repeats of the hung
 * scheduler on the same target are recorded as not run (an earlier repeat hung: the cost stays
 * bounded), and the JVM halts; {@code scripts/bench-peers} starts a fresh one on the resume file
 * until it is empty. Without a resume file every remaining run is recorded as not run.
 *
 * <p>With {@code max-scheduled-step=N} ({@link Spec}) Fray ends an iteration past N scheduling
 * steps with its {@code LivenessException}, which it does not report. {@code launchFray} fixes the
 * bound at -1, so the test then builds the {@link Configuration} the launcher builds, bound aside,
 * and runs Fray's {@link TestRunner} on it; iterations cut at the bound are counted in the line's
 * report, not as executions.
 *
 * <p>Fails if a run handed back no execution at all: Fray did not run the model.
 */
class FrayRunsTest {

    /** One run: a scheduler spec, a target, a repeat; a line of the resume file. */
    record Run(String scheduler, String target, int repeat) {
        static Run parse(String line) {
            String[] f = line.trim().split(" ");
            return new Run(f[0], f[1], Integer.parseInt(f[2]));
        }

        @Override
        public String toString() {
            return scheduler + " " + target + " " + repeat;
        }
    }

    @Test
    void frayOnTheModel() {
        Path out = Path.of(System.getProperty("peers.out", "target/peers/fray.jsonl"));
        String resumeProp = System.getProperty("peers.resume", "");
        Path resume = resumeProp.isBlank() ? null : Path.of(resumeProp);
        long budget = Long.getLong("peers.budgetMs", 20_000L);
        long grace = Long.getLong("peers.hangGraceMs", HANG_GRACE_MS);
        String consoleProp = System.getProperty("peers.console", "");
        Path console = consoleProp.isBlank() ? null : Path.of(consoleProp);
        List<Run> runs = new ArrayList<>();
        if (resume != null && Files.exists(resume)) {
            for (String l : read(resume)) {
                if (!l.isBlank()) {
                    runs.add(Run.parse(l));
                }
            }
            say(console, "fray: resuming with " + runs.size() + " runs from " + resume);
        } else {
            List<Target> targets = Target.parse(System.getProperty("peers.targets", "all"));
            int repeats = Integer.getInteger("peers.repeats", 3);
            for (String s : System.getProperty("peers.schedulers", "random,pos,pct").split(",")) {
                Spec spec = Spec.parse(s);   // a misspelt scheduler or option fails before any run
                for (Target t : targets) {
                    for (int r = 0; r < repeats; r++) {
                        runs.add(new Run(spec.text(), t.id(), r));
                    }
                }
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        runs.forEach(r -> ids.add(r.target()));
        Map<String, Set<String>> reachable = Reachable.read(Path.of(System.getProperty("peers.reachable",
                "target/peers/explorer.jsonl")), ids.stream().map(Target::byId).toList());
        List<String> empty = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            List<Run> rest = new ArrayList<>(runs.subList(i + 1, runs.size()));
            if (resume != null) {
                write(resume, rest);   // should this JVM end in the run, the next one starts after it
            }
            Target t = Target.byId(run.target());
            Line line = run(t, Spec.parse(run.scheduler()), run.repeat(), reachable.get(t.id()), budget, grace);
            line.appendTo(out);
            say(console, line.summary() + "; longest iteration " + longestIteration + " steps");
            if (line.stop().equals("hang")) {
                // the iteration still spins inside Fray's runtime: nothing more can run in this JVM
                List<Run> left = new ArrayList<>();
                for (Run r : rest) {
                    boolean sameTool = r.scheduler().equals(run.scheduler()) && r.target().equals(run.target());
                    String why = sameTool ? "not run: repeat #" + run.repeat() + " of " + line.tool() + " on "
                            + run.target() + " hung"
                            : resume == null ? "not run: an earlier " + line.tool() + " iteration (" + run.target()
                                    + ") never ended, and no resume file" : null;
                    if (why != null) {
                        Line skipped = Line.of(Spec.parse(r.scheduler()).tool(), Target.byId(r.target()),
                                r.repeat(), budget, new Probe(Set.of(), budget), false, "not-run", why);
                        skipped.appendTo(out);
                        say(console, skipped.summary());
                    } else {
                        left.add(r);
                    }
                }
                if (resume != null) {
                    write(resume, left);
                    say(console, "fray: halting after a hang; " + left.size() + " runs left in " + resume);
                }
                System.out.flush();
                Runtime.getRuntime().halt(empty.isEmpty() ? 0 : 1);
            } else if (line.executions() == 0) {
                empty.add(line.tool() + " " + line.target() + ": " + line.reported());
            }
        }
        if (resume != null) {
            write(resume, List.of());
        }
        if (!empty.isEmpty()) {
            fail("Fray ran no execution of the model in: " + empty);
        }
        assertTrue(Files.exists(out));
    }

    /**
     * A scheduler as {@code peers.schedulers} names it: Fray's scheduler name, then options named
     * as in Fray's command line, {@code :key=value} each: {@code pct:max-step=N} (PCT draws its
     * change points from steps 1..N from the first iteration on, instead of estimating N from the
     * previous iteration, so none in the first), {@code :max-scheduled-step=N} (any scheduler: Fray
     * ends an iteration past N scheduling steps; -1, none, as in {@code launchFray}).
     */
    record Spec(String text, String name, int maxStep, int maxScheduledStep) {
        static Spec parse(String text) {
            String[] parts = text.trim().split(":");
            int maxStep = 0;
            int bound = -1;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                int v = kv.length == 2 ? Integer.parseInt(kv[1]) : -2;
                switch (kv[0]) {
                    case "max-step" -> maxStep = v;
                    case "max-scheduled-step" -> bound = v;
                    default -> throw new IllegalArgumentException("no Fray option '" + parts[i] + "' in '" + text + "'");
                }
                if (v <= 0) {
                    throw new IllegalArgumentException("'" + parts[i] + "' needs a positive count, in '" + text + "'");
                }
            }
            if (maxStep > 0 && !parts[0].equals("pct")) {
                throw new IllegalArgumentException("only pct takes max-step: '" + text + "'");
            }
            Spec spec = new Spec(text.trim(), parts[0], maxStep, bound);
            spec.scheduler();   // an unknown name fails here, before any run
            return spec;
        }

        String tool() {
            return "fray-" + text;
        }

        Scheduler scheduler() {
            return switch (name) {
                case "random" -> new RandomScheduler();
                case "pos" -> new POSScheduler();
                // Fray's defaults: 3 change points, steps estimated from the previous iteration (none in the
                // first); with max-step (its CLI's --scheduler pct --max-step N), change points from the first
                case "pct" -> maxStep == 0 ? new PCTScheduler() : new PCTScheduler(new ControlledRandom(), 3, maxStep);
                case "surw" -> new SURWScheduler(new ControlledRandomProvider().getRandomness());
                case "fest" -> new FestScheduler();   // feedback-guided, on POS
                default -> throw new IllegalArgumentException("no Fray scheduler '" + name + "'");
            };
        }
    }

    /**
     * How long no iteration may end before the run counts as hung (Fray checks its own timeout only
     * between iterations, so a spinning iteration never returns). Measured on the 22 targets (one
     * 3 s run each of random, POS and PCT): the longest wall time between two iteration ends, the
     * first counted from the call into Fray and so with its set-up and the first class loading, was
     * 0.6 s; the hung PCT runs hung within 0.9 s of their start. 5 s is eight times the slowest
     * iteration and keeps a hang's cost (this plus a fresh JVM) near 15 s.
     */
    static final long HANG_GRACE_MS = 5_000;

    /** Scheduling steps of the longest iteration that ended in the last {@link #run}, for the console. */
    static long longestIteration;

    static Line run(Target t, Spec spec, int repeat, Set<String> expected, long budget, long grace) {
        String tool = spec.tool();
        Probe probe = new Probe(expected, budget);
        Configuration[] config = new Configuration[1];
        Throwable[] thrown = new Throwable[1];
        // iterations Fray cut at its step bound, and the nanoTime of the last cut: plain fields, since past
        // the bound every scheduling point of the iteration (a monitor, a volatile, an atomic) throws again
        long[] cuts = new long[2];
        // scheduling steps of the running iteration (Fray's schedule observer), and of the longest that ended
        long[] steps = new long[2];
        ScheduleObserver<ThreadContext> stepCounter = new ScheduleObserver<>() {
            @Override
            public void onNewSchedule(Collection<? extends ThreadContext> threads, ThreadContext next) {
                steps[0]++;
            }

            @Override
            public void onContextSwitch(ThreadContext from, ThreadContext to) {
            }
        };
        Runnable oneExecution = () -> {
            steps[0] = 0;
            try {
                String outcome = t.runOnce();
                steps[1] = Math.max(steps[1], steps[0]);
                probe.record(outcome);
            } catch (Throwable e) {
                if (isLiveness(e)) {
                    cuts[1] = System.nanoTime();
                    cuts[0]++;
                }
                throw e;
            }
            if (probe.shouldStop()) {
                config[0].setIter(config[0].getCurrentIteration() + 1);   // Fray's loop: currentIteration != iter
            }
        };
        int timeoutSeconds = (int) (budget / 1000) + 5;
        PrintStream console = System.out;
        // Fray's TestRunner redraws a progress screen on stdout (ANSI clear): keep it off the log
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        Thread runner = new Thread(() -> {
            try {
                if (spec.maxScheduledStep() <= 0) {
                    FrayInTestLauncher.INSTANCE.launchFray(oneExecution, spec.scheduler(),
                            new ControlledRandomProvider(), Integer.MAX_VALUE, timeoutSeconds, false,
                            TimelineCoverageType.RESOURCE_ORDERING, c -> {
                                config[0] = c;
                                c.getScheduleObservers().add(stepCounter);
                                return Unit.INSTANCE;
                            });
                } else {
                    config[0] = boundedConfiguration(oneExecution, spec.scheduler(), timeoutSeconds,
                            spec.maxScheduledStep());
                    config[0].getScheduleObservers().add(stepCounter);
                    Throwable bug = new TestRunner(config[0]).run();
                    if (bug != null) {
                        throw bug;
                    }
                }
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "peers-fray-" + spec.name());
        runner.setDaemon(true);
        runner.start();
        String hung = null;
        try {
            while (runner.isAlive() && hung == null) {
                runner.join(100);
                long sinceCut = cuts[0] == 0 ? Long.MAX_VALUE : System.nanoTime() - cuts[1];
                if (runner.isAlive() && Math.min(probe.nanosSinceLastEnd(), sinceCut) > grace * 1_000_000L) {
                    hung = "no iteration ended for " + grace / 1000.0 + " s";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.setOut(console);
        }
        String cut = cuts[0] == 0 ? "" : cuts[0] + " iterations cut at the step bound (" + spec.maxScheduledStep() + ")";
        longestIteration = steps[1];
        if (hung != null) {
            return Line.of(tool, t, repeat, budget, probe, false, "hang",
                    hung + " (" + probe.executions() + " ended before); " + (cut.isEmpty() ? "" : cut + "; ")
                            + stacks(t));
        }
        if (thrown[0] != null) {
            return Line.of(tool, t, repeat, budget, probe, false, "failure",
                    (cut.isEmpty() ? "" : cut + "; ") + LincheckRuns.firstLines(thrown[0]));
        }
        return Line.of(tool, t, repeat, budget, probe, false, probe.allSeen() ? "all-seen" : "budget",
                cut.isEmpty() ? null : cut);
    }

    /**
     * What {@code FrayInTestLauncher.launchFray} configures (Fray 0.9.2), with Fray's step bound
     * ({@code ExecutionInfo.maxScheduledStep}, the CLI's {@code --max-scheduled-step}) set instead
     * of -1: the launcher takes no bound.
     */
    static Configuration boundedConfiguration(Runnable body, Scheduler scheduler, int timeoutSeconds,
                                              int maxScheduledStep) {
        ExecutionInfo info = new ExecutionInfo(new LambdaExecutor(() -> {
            body.run();
            return Unit.INSTANCE;
        }), false, false, maxScheduledStep);
        return new Configuration(info, Common.INSTANCE.getWORK_DIR(), Integer.MAX_VALUE, timeoutSeconds, scheduler,
                new ControlledRandomProvider(),
                true,    // fullSchedule
                false,   // exploreMode
                true,    // noExitWhenBugFound
                false,   // isReplay
                false,   // noFray
                false,   // dummyRun
                NetworkDelegateType.PROACTIVE, SystemTimeDelegateType.NONE,
                100_000L,   // virtualTimeDelta
                true,    // ignoreTimedBlock
                true,    // sleepAsYield
                true,    // resetClassLoader
                false,   // redirectStdout
                false,   // abortThreadExecutionAfterMainExit
                scheduler instanceof SURWScheduler,   // resolveRacingOperationStackTraceHash
                TimelineCoverageType.RESOURCE_ORDERING);
    }

    /**
     * Fray's {@code LivenessException} (its step bound). By class name, and not through the cause
     * chain: past the bound every scheduling point throws again, and {@code Throwable.getCause} is
     * synchronized; a model thread's exception reaches the runnable as a wrapper only if the
     * wrapper could be built, which past the bound it cannot ({@code fillInStackTrace} is
     * synchronized too).
     */
    static boolean isLiveness(Throwable e) {
        return e.getClass().getName().equals("org.pastalab.fray.runtime.LivenessException");
    }

    /** Where the target's actor threads are (the top frames of the model), for a hang's evidence. */
    static String stacks(Target t) {
        Set<String> actors = new LinkedHashSet<>();
        t.scenario().actors().forEach(a -> actors.add(a.label()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            if (!actors.contains(name)) {
                continue;
            }
            sb.append(name).append(" [").append(e.getKey().getState()).append("]:");
            int shown = 0;
            for (StackTraceElement f : e.getValue()) {
                if (f.getClassName().startsWith("dev.swaprace.") && !f.getClassName().startsWith("dev.swaprace.peers")) {
                    sb.append(' ').append(f.getClassName().substring("dev.swaprace.".length())).append('.')
                            .append(f.getMethodName()).append(':').append(f.getLineNumber());
                    if (++shown == 4) {
                        break;
                    }
                }
            }
            sb.append("; ");
        }
        return sb.toString();
    }

    /**
     * A progress line to stdout and, if set, to the console file ({@code peers.console}): surefire
     * carries a forked JVM's stdout over its own channel, and a halt loses what it has not sent.
     */
    static void say(Path console, String line) {
        System.out.println(line);
        if (console != null) {
            try {
                Files.writeString(console, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runs not yet done, one a line, replaced atomically. */
    static void write(Path file, List<Run> runs) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder sb = new StringBuilder();
            runs.forEach(r -> sb.append(r).append('\n'));
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
