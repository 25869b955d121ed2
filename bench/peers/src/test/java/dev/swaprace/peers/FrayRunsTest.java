package dev.swaprace.peers;

import kotlin.Unit;
import org.junit.jupiter.api.Test;
import org.pastalab.fray.core.command.Configuration;
import org.pastalab.fray.core.observers.TimelineCoverageType;
import org.pastalab.fray.core.randomness.ControlledRandomProvider;
import org.pastalab.fray.core.scheduler.FestScheduler;
import org.pastalab.fray.core.scheduler.PCTScheduler;
import org.pastalab.fray.core.scheduler.POSScheduler;
import org.pastalab.fray.core.scheduler.RandomScheduler;
import org.pastalab.fray.core.scheduler.SURWScheduler;
import org.pastalab.fray.core.scheduler.Scheduler;
import org.pastalab.fray.junit.plain.FrayInTestLauncher;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fray's side, run by surefire in the JVM Fray's Maven plugin prepares (its instrumented JDK 25,
 * agent and JVMTI library): {@code FrayInTestLauncher.launchFray}, the entry point Fray documents
 * for tests outside its JUnit annotations, once per target x scheduler x repeat. The runnable is one
 * execution ({@link Target#runOnce}); Fray controls the actor threads it starts. Each iteration's
 * outcome goes to a {@link Probe}; once the probe has seen every outcome the explorer reaches, or
 * the budget is spent, the runnable sets the configuration's iteration count to end the run after
 * this iteration (Fray's own loop condition, {@code currentIteration != iter}).
 *
 * <p>Settings come as system properties (surefire passes {@code -D} from the mvn command line):
 * {@code peers.out}, {@code peers.reachable}, {@code peers.targets}, {@code peers.schedulers}
 * (random,pos,pct,surw,fest), {@code peers.repeats}, {@code peers.budgetMs}.
 *
 * <p>A run whose iteration never ends (the budget plus {@link #HANG_GRACE_MS} passed) is a result,
 * {@code hang}, with the actor threads' stacks as evidence; the spinning iteration cannot be
 * stopped, so the rest of the runs are recorded as not run and the JVM ends (the script runs one
 * JVM per scheduler). Fails if a run handed back no execution at all: Fray did not run the model.
 */
class FrayRunsTest {

    @Test
    void frayOnTheModel() {
        Path out = Path.of(System.getProperty("peers.out", "target/peers/fray.jsonl"));
        List<Target> targets = Target.parse(System.getProperty("peers.targets", "all"));
        Map<String, Set<String>> reachable = Reachable.read(Path.of(System.getProperty("peers.reachable",
                "target/peers/explorer.jsonl")), targets);
        List<String> schedulers = List.of(System.getProperty("peers.schedulers", "random,pos,pct").split(","));
        int repeats = Integer.getInteger("peers.repeats", 3);
        long budget = Long.getLong("peers.budgetMs", 20_000L);
        List<String> empty = new ArrayList<>();
        String wedged = null;
        for (String s : schedulers) {
            for (Target t : targets) {
                for (int r = 0; r < repeats; r++) {
                    Line line = wedged != null
                            ? Line.of("fray-" + s.trim(), t, r, budget, new Probe(Set.of(), budget), false, "not-run",
                                    "not run: " + wedged)
                            : run(t, s.trim(), r, reachable.get(t.id()), budget);
                    line.appendTo(out);
                    System.out.println(line.summary());
                    if (line.stop().equals("hang")) {
                        // the iteration still spins inside Fray's runtime: nothing more can run in this JVM
                        wedged = "an earlier fray-" + s.trim() + " iteration (" + t.id() + ") never ended";
                    } else if (line.executions() == 0 && wedged == null) {
                        empty.add(line.tool() + " " + line.target() + ": " + line.reported());
                    }
                }
            }
        }
        if (wedged != null) {
            // a Fray iteration that never ends keeps its thread spinning: end the JVM here, results written
            System.out.flush();
            Runtime.getRuntime().halt(empty.isEmpty() ? 0 : 1);
        }
        if (!empty.isEmpty()) {
            fail("Fray ran no execution of the model in: " + empty);
        }
        assertTrue(Files.exists(out));
    }

    static Scheduler scheduler(String name) {
        return switch (name) {
            case "random" -> new RandomScheduler();
            case "pos" -> new POSScheduler();
            case "pct" -> new PCTScheduler();   // Fray's defaults: 3 change points, steps estimated
            case "surw" -> new SURWScheduler(new ControlledRandomProvider().getRandomness());
            case "fest" -> new FestScheduler();   // feedback-guided, on POS
            default -> throw new IllegalArgumentException("no Fray scheduler '" + name + "'");
        };
    }

    /** Grace after the budget before a run counts as hung (Fray checks its own timeout only between iterations). */
    static final long HANG_GRACE_MS = 20_000;

    static Line run(Target t, String schedulerName, int repeat, Set<String> expected, long budget) {
        Probe probe = new Probe(expected, budget);
        Configuration[] config = new Configuration[1];
        Throwable[] thrown = new Throwable[1];
        PrintStream console = System.out;
        // Fray's TestRunner redraws a progress screen on stdout (ANSI clear): keep it off the log
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        Thread runner = new Thread(() -> {
            try {
                FrayInTestLauncher.INSTANCE.launchFray(() -> {
                    probe.record(t.runOnce());
                    if (probe.shouldStop()) {
                        config[0].setIter(config[0].getCurrentIteration() + 1);   // Fray's loop: currentIteration != iter
                    }
                }, scheduler(schedulerName), new ControlledRandomProvider(), Integer.MAX_VALUE,
                        (int) (budget / 1000) + 5, false, TimelineCoverageType.RESOURCE_ORDERING, c -> {
                            config[0] = c;
                            return Unit.INSTANCE;
                        });
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "peers-fray-" + schedulerName);
        runner.setDaemon(true);
        runner.start();
        try {
            runner.join(budget + HANG_GRACE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.setOut(console);
        }
        if (runner.isAlive()) {
            return Line.of("fray-" + schedulerName, t, repeat, budget, probe, false, "hang",
                    "no iteration ended " + HANG_GRACE_MS / 1000 + " s past the budget; " + stacks());
        }
        if (thrown[0] != null) {
            return Line.of("fray-" + schedulerName, t, repeat, budget, probe, false, "failure",
                    LincheckRuns.firstLines(thrown[0]));
        }
        return Line.of("fray-" + schedulerName, t, repeat, budget, probe, false,
                probe.allSeen() ? "all-seen" : "budget", null);
    }

    /** Where the actor threads are (the top frames of the model), for a hang's evidence. */
    static String stacks() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            if (!name.matches("S|S2|P|Rc|RA|W|MC")) {
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
}
