package dev.swaprace.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The peers table (docs/peers.md) from the result lines of every tool: per target and tool, the
 * outcomes found against the explorer's reachable set, the time and executions to the last new
 * outcome (median and range over the repeats), whether the tool says it is complete, the ratio of
 * its median time to the explorer's, and what it reported besides outcomes.
 *
 * <p>The ratio divides a tool's median time to its last new outcome by the explorer's median time
 * for its whole search (which both finds every outcome and proves there are no more), the explorer
 * run on the same JDK as the tool. A tool that missed an outcome in some run gets a lower bound
 * ({@code >}), from its budget.
 *
 * <p>{@code java dev.swaprace.peers.Table explorer=FILE explorer25=FILE out=FILE FILE...}
 */
public final class Table {
    private Table() {
    }

    public static void main(String[] argv) {
        List<String> files = new ArrayList<>();
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                opts.put(a.substring(0, eq), a.substring(eq + 1));
            } else {
                files.add(a);
            }
        }
        List<Line> explorer = Line.read(Path.of(opts.get("explorer")));
        List<Line> explorer25 = Line.read(Path.of(opts.get("explorer25")));
        List<Line> all = new ArrayList<>();
        for (String f : files) {
            if (Files.exists(Path.of(f))) {
                all.addAll(Line.read(Path.of(f)));
            }
        }
        String md = render(explorer, explorer25, all);
        System.out.print(md);
        try {
            Files.writeString(Path.of(opts.getOrDefault("out", "target/peers/table.md")), md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(List<Line> explorer, List<Line> explorer25, List<Line> tools) {
        Map<String, Set<String>> reachable = new LinkedHashMap<>();
        Map<String, List<Line>> ex = group(explorer);
        Map<String, List<Line>> ex25 = group(explorer25);
        for (Map.Entry<String, List<Line>> e : ex.entrySet()) {
            reachable.put(e.getKey().split(" ")[0], e.getValue().get(0).outcomes().keySet());
        }
        StringBuilder sb = new StringBuilder();
        List<String> notes = new ArrayList<>();
        sb.append("| scenario | var | tool | found / reachable | time to last new outcome, median (range) |"
                + " executions to it, median | complete | ratio to explorer | runs |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Line>> byTool = group(tools);
        for (Map.Entry<String, Set<String>> r : reachable.entrySet()) {
            String target = r.getKey();
            Set<String> reach = r.getValue();
            String[] sv = target.split("@");
            List<Line> e17 = ex.get(target + " explorer");
            List<Line> e25 = ex25.get(target + " explorer");
            check(target, reach, e17, notes);
            check(target, reach, e25, notes);
            double exTotal17 = median(e17.stream().mapToDouble(Line::elapsedMillis).toArray());
            double exTotal25 = e25 == null ? Double.NaN : median(e25.stream().mapToDouble(Line::elapsedMillis).toArray());
            sb.append(row(sv, "explorer (JDK 17)", e17, reach, Double.NaN));
            if (e25 != null) {
                sb.append(row(sv, "explorer (JDK 25)", e25, reach, Double.NaN));
            }
            for (Map.Entry<String, List<Line>> t : byTool.entrySet()) {
                if (!t.getKey().startsWith(target + " ")) {
                    continue;
                }
                List<Line> runs = t.getValue();
                String tool = runs.get(0).tool();
                double base = tool.startsWith("fray") ? exTotal25 : exTotal17;
                sb.append(row(sv, tool, runs, reach, base));
                for (Line l : runs) {
                    Set<String> extra = new TreeSet<>(l.outcomes().keySet());
                    extra.removeAll(reach);
                    if (!extra.isEmpty()) {
                        notes.add(tool + " on " + target + " #" + l.repeat() + " found outcomes the explorer does not reach: " + extra);
                    }
                }
                Set<String> reports = new LinkedHashSet<>();
                for (Line l : runs) {
                    if (l.reported() != null) {
                        reports.add(l.stop() + ": " + abbreviate(l.reported()));
                    }
                }
                for (String rep : reports) {
                    notes.add(tool + " on " + target + ": " + rep);
                }
            }
        }
        sb.append("\nRatio: the tool's median time to its last new outcome / the explorer's median time for its "
                + "whole search, on the same JDK (Lincheck: 17, Fray: 25); '>' when some run missed an outcome "
                + "(then from the budget).\n");
        if (!notes.isEmpty()) {
            sb.append("\nWhat the tools reported besides outcomes:\n\n");
            for (String n : notes) {
                sb.append("* ").append(n.replace("|", "\\|")).append('\n');
            }
        }
        return sb.toString();
    }

    private static void check(String target, Set<String> reach, List<Line> runs, List<String> notes) {
        if (runs == null) {
            return;
        }
        for (Line l : runs) {
            if (!l.outcomes().keySet().equals(reach) || !l.complete()) {
                notes.add("explorer run " + l.jdk() + " #" + l.repeat() + " on " + target
                        + " differs from the first: " + l.outcomes().keySet());
            }
        }
    }

    private static Map<String, List<Line>> group(List<Line> lines) {
        Map<String, List<Line>> out = new LinkedHashMap<>();
        for (Line l : lines) {
            String tool = l.tool().startsWith("explorer") ? "explorer" : l.tool();
            out.computeIfAbsent(l.target() + " " + tool, k -> new ArrayList<>()).add(l);
        }
        return out;
    }

    private static String row(String[] sv, String tool, List<Line> runs, Set<String> reach, double base) {
        int n = runs.size();
        int[] found = runs.stream().mapToInt(l -> (int) l.outcomes().keySet().stream().filter(reach::contains).count())
                .toArray();
        int allRuns = (int) Arrays.stream(found).filter(f -> f == reach.size()).count();
        int minF = Arrays.stream(found).min().orElse(0);
        int maxF = Arrays.stream(found).max().orElse(0);
        String foundS = (minF == maxF ? Integer.toString(minF) : minF + "-" + maxF) + " / " + reach.size();
        // time to the last reachable outcome first seen: only meaningful when the run saw them all
        double[] times = runs.stream().filter(l -> allSeen(l, reach)).mapToDouble(l -> lastReachable(l, reach, true))
                .toArray();
        double[] execs = runs.stream().filter(l -> allSeen(l, reach)).mapToDouble(l -> lastReachable(l, reach, false))
                .toArray();
        String time;
        String ex;
        String ratio;
        if (times.length == 0) {
            long budget = runs.get(0).budgetMillis();
            time = "not all within " + fmtMs(budget);
            ex = "-";
            ratio = Double.isNaN(base) ? "" : "> " + fmtRatio(budget / base);
        } else {
            double med = median(times);
            time = fmtMs(med) + (times.length > 1 ? " (" + fmtMs(min(times)) + "-" + fmtMs(max(times)) + ")" : "")
                    + (allRuns < n ? ", " + allRuns + "/" + n + " runs" : "");
            ex = String.format(Locale.ROOT, "%.0f", median(execs));
            if (Double.isNaN(base)) {
                double total = median(runs.stream().mapToDouble(Line::elapsedMillis).toArray());
                ratio = "1 (search: " + fmtMs(total) + ")";
            } else if (allRuns < n) {
                ratio = "> " + fmtRatio(runs.get(0).budgetMillis() / base);
            } else {
                ratio = fmtRatio(med / base);
            }
        }
        boolean complete = runs.stream().allMatch(Line::complete);
        Set<String> stops = new TreeSet<>();
        runs.forEach(l -> stops.add(l.stop()));
        return "| " + sv[0] + " | " + sv[1] + " | " + tool + " | " + foundS + " | " + time + " | " + ex + " | "
                + (complete ? "yes" : "no") + " | " + ratio + " | " + n + " (" + String.join(", ", stops) + ") |\n";
    }

    private static boolean allSeen(Line l, Set<String> reach) {
        return l.outcomes().keySet().containsAll(reach);
    }

    private static double lastReachable(Line l, Set<String> reach, boolean millis) {
        double m = 0;
        for (String o : reach) {
            Line.Sight s = l.outcomes().get(o);
            m = Math.max(m, millis ? s.millis() : s.execution());
        }
        return m;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(Double.NaN);
    }

    private static String fmtMs(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String fmtRatio(double r) {
        return r >= 10 ? String.format(Locale.ROOT, "%,.0fx", r) : String.format(Locale.ROOT, "%.1fx", r);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
