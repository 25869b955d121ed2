package dev.swaprace.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lincheck's side: its general-purpose model checker, {@code Lincheck.runConcurrentTest(invocations,
 * block)} (Lincheck 3.x), on each target. The block is one execution ({@link Target#runOnce}: the
 * actors on their own threads, joined, graded); Lincheck explores the interleavings of the threads
 * the block starts. Each run is a JVM of its own ({@link LincheckChild}) that prints each outcome;
 * this driver reads them into a {@link Probe} as they come, and ends the child once it has seen
 * every outcome the explorer reaches or the budget is spent ({@code runConcurrentTest} has no time
 * limit). Why a child JVM: Lincheck rolls back, after every invocation, all memory the block
 * changed, and refuses file operations in it, so nothing in-process can count invocations.
 *
 * <p>Complete: if {@code runConcurrentTest} returns before its invocations run out
 * ({@code invocations = Integer.MAX_VALUE} by default), its interleaving tree was exhausted, the one
 * way Lincheck tells that it has seen every interleaving (of its own bounded model).
 *
 * <p>{@code java dev.swaprace.peers.LincheckRuns out=FILE reachable=EXPLORER_FILE [targets=..]
 * [repeats=3] [budget-ms=20000] [invocations=N] [loop-bound=N] [log=FILE]}; the children's stderr
 * goes to the log
 */
public final class LincheckRuns {
    private LincheckRuns() {
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        Path out = Path.of(args.get("out", "target/peers/lincheck.jsonl"));
        List<Target> targets = Target.parse(args.get("targets", "all"));
        Map<String, Set<String>> reachable = Reachable.read(Path.of(args.get("reachable",
                "target/peers/explorer.jsonl")), targets);
        int repeats = args.getInt("repeats", 3);
        long budget = args.getLong("budget-ms", 20_000);
        int invocations = args.getInt("invocations", Integer.MAX_VALUE);
        Path log = Path.of(args.get("log", "target/peers/lincheck-stderr.log"));
        int loopBound = args.getInt("loop-bound", 0);   // 0: Lincheck's default (50)
        for (Target t : targets) {
            for (int r = 0; r < repeats; r++) {
                Line line = run(t, r, reachable.get(t.id()), budget, invocations, loopBound, log);
                line.appendTo(out);
                System.out.println(line.summary());
            }
        }
    }

    static Line run(Target t, int repeat, Set<String> expected, long budget, int invocations, int loopBound,
                    Path log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LincheckChild.class.getName(), t.id(), Integer.toString(invocations));
        if (loopBound > 0) {
            pb.command().add(Integer.toString(loopBound));
        }
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Probe probe = null;
        String stop = "budget";
        String reported = null;
        boolean complete = false;
        Process p;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String s; (s = r.readLine()) != null; ) {
                    if (s.startsWith("@@")) {
                        lines.add(s);
                    }
                }
            } catch (IOException e) {
                // the child was ended
            }
            lines.add("@@EOF");
        }, "peers-lincheck-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                long left = probe == null ? 120_000 : Math.max(0, budget - probe.elapsedNanos() / 1_000_000);
                String s = lines.poll(left, TimeUnit.MILLISECONDS);
                if (s == null) {
                    stop = probe == null ? "failure" : "budget";
                    reported = probe == null ? "Lincheck did not start within 120 s" : null;
                    break;
                }
                if (s.equals("@@START")) {
                    probe = new Probe(expected, budget);
                } else if (s.startsWith("@@O ") && probe != null) {
                    probe.record(s.substring(4));
                    if (probe.allSeen()) {
                        stop = "all-seen";
                        break;
                    }
                    if (probe.budgetSpent()) {
                        stop = "budget";
                        break;
                    }
                } else if (s.equals("@@RETURNED")) {
                    // the invocations ran out, or the interleaving tree was exhausted before them
                    complete = probe != null && probe.executions() < invocations;
                    stop = complete ? "exhausted" : "invocations";
                    break;
                } else if (s.startsWith("@@FAILURE ")) {
                    stop = "failure";
                    reported = s.substring(10);
                    break;
                } else if (s.equals("@@EOF")) {
                    stop = "failure";
                    reported = "the Lincheck JVM ended without a word (exit " + p.waitFor() + ")";
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            p.destroyForcibly();
        }
        if (probe == null) {
            probe = new Probe(expected, budget);
        }
        return Line.of(loopBound > 0 ? "lincheck-lb" + loopBound : "lincheck", t, repeat, budget, probe, complete, stop, reported);
    }

    /** The failure's class and headline, and its lines that say what kind of failure it is. */
    static String firstLines(Throwable e) {
        String[] lines = (e.getClass().getName() + ": " + e.getMessage()).split("\n");
        StringBuilder sb = new StringBuilder();
        int kept = 0;
        for (int i = 0; i < lines.length && kept < 5; i++) {
            String l = lines[i].trim();
            if (l.isEmpty() || l.startsWith("|")) {
                continue;
            }
            if (i < 3 || l.matches("(?i).*(livelock|deadlock|hung|exception|error|bug|unsupported).*")) {
                sb.append(sb.length() == 0 ? "" : " / ").append(l);
                kept++;
            }
        }
        return sb.toString();
    }
}
