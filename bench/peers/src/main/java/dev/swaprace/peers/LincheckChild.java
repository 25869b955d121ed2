package dev.swaprace.peers;

import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckSettings;

import java.util.Set;

/**
 * One Lincheck run in a JVM of its own, started by {@link LincheckRuns}:
 * {@code Lincheck.runConcurrentTest(invocations, block)} with one execution per invocation
 * ({@link Target#runOnce}). Each outcome goes to standard output as {@code @@O <outcome>}: Lincheck
 * rolls back, after every invocation, the memory the block changed (objects it captured included),
 * and refuses file operations inside the block, so the console is the one channel out. The parent
 * reads it, times it, and ends this JVM when it has what it needs.
 *
 * <p>Lines: {@code @@START} just before the call, {@code @@O outcome} per execution,
 * {@code @@RETURNED} if the call returns (its invocations ran out or its interleaving tree was
 * exhausted), {@code @@FAILURE text} if Lincheck reports a failure.
 *
 * <p>{@code java dev.swaprace.peers.LincheckChild TARGET INVOCATIONS [LOOP_BOUND]}: without a loop
 * bound, the public entry point with Lincheck's defaults; with one, the same call with that loop
 * bound. Lincheck's default bound (50 iterations) reports any longer loop as a livelock ("Concurrent
 * test has hung"), and the checker hashes outcome ids of more than 50 characters char by char; the
 * bound is a field of {@code LincheckSettings}, which {@code runConcurrentTest} takes only through
 * its Kotlin-internal overload ({@code runConcurrentTestInternal}), the one place to set it.
 */
public final class LincheckChild {
    private LincheckChild() {
    }

    public static void main(String[] args) {
        Target t = Target.byId(args[0]);
        int invocations = Integer.parseInt(args[1]);
        Integer loopBound = args.length > 2 ? Integer.valueOf(args[2]) : null;
        // Intern the target's outcomes first (the explorer grades every reachable one): the checker's
        // outcome table grows in a loop over the whole table, which Lincheck's loop bound (50
        // iterations) reports in the first invocation as a hang ("All unfinished threads are in
        // livelock due to non-terminating loops", at Outcomes.add). A warm table is only looked up.
        ExplorerRuns.explore(t, new Probe(Set.of(), Long.MAX_VALUE));
        System.out.println("@@START");
        System.out.flush();
        try {
            Runnable block = () -> {
                String o = t.runOnce();
                System.out.println("@@O " + o);
                System.out.flush();
            };
            if (loopBound == null) {
                Lincheck.runConcurrentTest(invocations, block);
            } else {
                // LincheckSettings.DEFAULT but the loop bound: analyzeStdLib, loop iterations before a
                // thread switch, loop bound, recursion bound
                Lincheck.runConcurrentTestInternal$lincheck(invocations,
                        new LincheckSettings(true, 10, loopBound, 20), block);
            }
            System.out.println("@@RETURNED");
        } catch (Throwable e) {
            System.out.println("@@FAILURE " + LincheckRuns.firstLines(e));
        }
        System.out.flush();
        System.exit(0);
    }
}
