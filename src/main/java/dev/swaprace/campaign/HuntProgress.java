package dev.swaprace.campaign;

import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.TestNaming;

import java.io.PrintStream;
import java.util.List;

/**
 * The progress display: on a terminal, a live line redrawn every second (elapsed/budget,
 * round, setting, samples and hits so far) above which each finished round leaves a line; on
 * anything else, a plain line when a round starts and one when it ends.
 */
final class HuntProgress {
    private final HuntPlan plan;
    private final HuntTally tally;
    private final PrintStream terminal;
    private final Object printLock;
    private final long t0;
    private final boolean live = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    private volatile int round;
    private volatile int setting;
    private volatile boolean running = true;
    private Thread ticker;

    HuntProgress(HuntPlan plan, HuntTally tally, long t0, PrintStream terminal, Object printLock) {
        this.plan = plan;
        this.tally = tally;
        this.terminal = terminal;
        this.printLock = printLock;
        this.t0 = t0;
    }

    void start() {
        if (!live) {
            return;
        }
        ticker = new Thread(() -> {
            while (running) {
                draw();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "swaprace-hunt-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    void stop() {
        running = false;
        if (ticker != null) {
            ticker.interrupt();
            synchronized (printLock) {
                terminal.print("\r\033[K");
                terminal.flush();
            }
        }
    }

    private String head() {
        return String.format("[%s/%s]", HuntOutput.clock((System.nanoTime() - t0) / 1e9),
                HuntOutput.clock(plan.budget().toSeconds()));
    }

    private void draw() {
        if (round == 0) {
            return;
        }
        String line = String.format("%s round %d, setting %d/%d (%s)  %,d samples  %d/%d targets hit",
                head(), round, setting, plan.settings().size(), plan.settings().get(setting - 1).shortLabel(),
                tally.totalSamples(), tally.hitCount(), plan.targets().size());
        int width = columns();
        if (line.length() > width) {
            line = line.substring(0, width - 1) + "~";
        }
        synchronized (printLock) {
            terminal.print("\r\033[K" + line);
            terminal.flush();
        }
    }

    /** The terminal's width from $COLUMNS, else 100: a longer live line would wrap and not redraw. */
    private int columns() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").trim()) - 1);
        } catch (NumberFormatException e) {
            return 99;
        }
    }

    void round(int n, int s) {
        setting = s;   // before round: the ticker draws once round is set
        round = n;
        if (live) {
            draw();
        } else {
            synchronized (printLock) {
                terminal.printf("%s round %d, setting %d/%d: %s%n", head(), n, s, plan.settings().size(),
                        plan.settings().get(s - 1).label());
            }
        }
    }

    void roundDone(int n, double wall, Hunt.RoundResult r, List<Integer> first) {
        long samples = r.results().stream().mapToLong(TestView::samples).sum();
        List<HuntTally.Round> rs = tally.rounds();
        HuntTally.Round last = rs.get(rs.size() - 1);
        long[] hits = new long[plan.targets().size()];
        last.tests().forEach(t -> {
            for (int k = 0; k < hits.length; k++) {
                hits[k] += t.hits()[k];
            }
        });
        StringBuilder sb = new StringBuilder(String.format("%s round %d done (%s, %.0f s): %,d samples, hits",
                head(), n, r.status().label, wall, samples));
        for (long h : hits) {
            sb.append(' ').append(String.format("%,d", h));
        }
        for (int k : first) {
            HuntTally.FirstHit f = tally.first(k);
            sb.append(String.format("%n    FIRST %s: %s in %s (after %,d < samples <= %,d)",
                    plan.targets().get(k).pattern(), f.outcome(), TestNaming.DEFAULT.shortName(f.test()),
                    f.testSamplesBefore(), f.testSamplesThrough()));
        }
        synchronized (printLock) {
            if (live) {
                terminal.print("\r\033[K");
            }
            terminal.println(sb);
            terminal.flush();
        }
    }
}
