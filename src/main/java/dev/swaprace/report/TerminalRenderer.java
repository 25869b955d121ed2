package dev.swaprace.report;

import dev.swaprace.report.ReportView.Reach;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.State;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.RunInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The terminal report, at most {@value #WIDTH} columns: a histogram per test (bar, count,
 * frequency, rate per million samples, verdict), its coverage against the explorer, then per
 * scenario the variants side by side, then one summary line. Zero counts show the rule-of-three
 * 95% upper bound on the rate ({@code <3/n}). Strings from blobs are stripped of control
 * characters.
 */
public final class TerminalRenderer {

    static final int WIDTH = 100;
    private static final int ID = 37;
    private static final int BAR = 14;
    private static final String EIGHTHS = " ▏▎▍▌▋▊▉█";

    private final boolean unicode;

    public TerminalRenderer(boolean unicode) {
        this.unicode = unicode;
    }

    public TerminalRenderer() {
        this(true);
    }

    public String render(ReportView v) {
        StringBuilder b = new StringBuilder();
        header(v, b);
        for (TestView t : v.tests()) {
            test(t, b);
        }
        for (Map.Entry<String, Map<String, TestView>> e : v.matrix().entrySet()) {
            scenario(e.getKey(), e.getValue(), b);
        }
        b.append(summary(v)).append('\n');
        return b.toString();
    }

    private static void header(ReportView v, StringBuilder b) {
        Set<String> hosts = v.runs().stream().map(RunInfo::host).collect(Collectors.toCollection(LinkedHashSet::new));
        b.append(String.format(Locale.ROOT, "swaprace report: %d tests, %d blobs from %d host%s, %s samples%n",
                v.tests().size(), v.runs().size(), hosts.size(), hosts.size() == 1 ? "" : "s", Fmt.count(v.samples())));
        for (RunInfo r : v.runs()) {
            String line = String.format(Locale.ROOT, "  %s/%s: %s%d tests, %d forks, %s samples, %s",
                    Fmt.plain(r.host()), Fmt.plain(r.run()), r.truncated() ? "TRUNCATED blob, " : "", r.tests().size(), r.forks(), Fmt.count(r.samples()),
                    Fmt.plain(r.environment().getOrDefault("java.vm.name", "?") + " "
                            + r.environment().getOrDefault("java.version", "?")));
            b.append(cut(line, WIDTH)).append('\n');
        }
    }

    private void test(TestView t, StringBuilder b) {
        b.append('\n');
        b.append(cut("[" + t.state().label() + "] " + Fmt.plain(t.name())
                + t.scenarioVariant().map(sv -> "  (" + sv.scenario() + " / " + sv.variant() + ")").orElse(""), WIDTH))
                .append('\n');
        if (t.state() == State.CPU_SKIPPED || t.state() == State.NOT_RUN) {
            for (String p : t.state() == State.CPU_SKIPPED ? t.messages() : t.problems()) {
                b.append("  ").append(cut(Fmt.plain(p), WIDTH - 2)).append('\n');
            }
            return;
        }
        long configs = t.configs().stream().map(c -> c.key().config()).distinct().count();
        b.append(String.format(Locale.ROOT, "  %s samples, %d forks, %d configurations, %d actors%s%n",
                Fmt.count(t.samples()), t.forks(), configs, t.actors(), t.interesting() ? ", interesting" : ""));
        if (!t.rows().isEmpty()) {
            b.append(String.format(Locale.ROOT, "  %-" + ID + "s %-" + BAR + "s %13s %7s %10s  %s%n",
                    "OUTCOME", "HISTOGRAM", "COUNT", "FREQ", "PER 1M", "VERDICT"));
        }
        for (Row r : t.rows()) {
            String id = Fmt.plain(r.id()) + (r.reach() == Reach.UNREACHABLE ? " !" : "");
            if (!r.observed()) {
                id = id + " (declared)";
            }
            if (id.length() > ID) {
                for (String part : wrap(id, WIDTH - 2)) {
                    b.append("  ").append(part).append('\n');
                }
                id = "";
            }
            b.append(String.format(Locale.ROOT, "  %-" + ID + "s %s %13s %7s %10s  %s%n", id, bar(r.frequency()),
                    Fmt.count(r.count()), Fmt.percent(r.frequency()), Fmt.rateCell(r), shortVerdict(r)));
        }
        if (t.explored()) {
            long seen = t.rows().stream().filter(r -> r.reach() == Reach.REACHABLE && r.count() > 0).count();
            b.append(String.format(Locale.ROOT, "  coverage: %d of %d reachable outcomes observed%n", seen,
                    seen + t.missing().size()));
            for (Row m : t.missing()) {
                b.append(cut("    never observed: " + Fmt.plain(m.id()) + "  (rate <" + Fmt.rate(
                        m.upperPerMillion() == null ? 0 : m.upperPerMillion()) + " per 1M, 95%)", WIDTH)).append('\n');
            }
        } else if (t.swaprace()) {
            b.append("  coverage: not explored\n");
        }
        for (String p : t.problems()) {
            b.append(cut("  ! " + Fmt.plain(p), WIDTH)).append('\n');
        }
        if (t.state() == State.ERROR || t.state() == State.TIMEOUT || t.state() == State.VM_ERROR) {
            t.messages().stream().limit(3).forEach(m -> b.append(cut("    " + Fmt.plain(m), WIDTH)).append('\n'));
        }
    }

    private static void scenario(String scenario, Map<String, TestView> variants, StringBuilder b) {
        b.append('\n');
        b.append(cut("SCENARIO " + Fmt.plain(scenario) + ": frequency per variant"
                + "  (! observed but unreachable, ? reachable never observed)", WIDTH)).append('\n');
        List<String> vs = new ArrayList<>(variants.keySet());
        int col = Math.max(8, Math.min(10, (WIDTH - 2 - ID) / Math.max(1, vs.size()) - 1));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-" + ID + "s", "OUTCOME"));
        StringBuilder state = new StringBuilder(String.format(Locale.ROOT, "  %-" + ID + "s", ""));
        for (String v : vs) {
            head.append(' ').append(String.format(Locale.ROOT, "%" + col + "s", cut(Fmt.plain(v), col)));
            state.append(' ').append(String.format(Locale.ROOT, "%" + col + "s", cut(variants.get(v).state().label(), col)));
        }
        b.append(cut(head.toString(), WIDTH)).append('\n').append(cut(state.toString(), WIDTH)).append('\n');
        Set<String> ids = new java.util.TreeSet<>();
        for (TestView t : variants.values()) {
            t.rows().stream().filter(r -> r.count() > 0).forEach(r -> ids.add(r.id()));
            t.missing().forEach(r -> ids.add(r.id()));
        }
        for (String id : ids) {
            String shown = Fmt.plain(id);
            if (shown.length() > ID) {
                b.append("  ").append(cut(shown, WIDTH - 2)).append('\n');
                shown = "";
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + ID + "s", shown));
            for (String v : vs) {
                line.append(' ').append(String.format(Locale.ROOT, "%" + col + "s", cell(variants.get(v), id)));
            }
            b.append(cut(line.toString(), WIDTH)).append('\n');
        }
    }

    private static String cell(TestView t, String id) {
        for (Row r : t.rows()) {
            if (r.id().equals(id) && r.count() > 0) {
                return Fmt.percent(r.frequency()) + (r.reach() == Reach.UNREACHABLE ? "!" : "");
            }
        }
        for (Row m : t.missing()) {
            if (m.id().equals(id)) {
                return "0?";
            }
        }
        return t.samples() == 0 ? "-" : "·";
    }

    static String summary(ReportView v) {
        StringBuilder s = new StringBuilder();
        for (State st : State.values()) {
            long n = v.count(st);
            if (n > 0) {
                s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(st.label());
                if (st == State.CPU_SKIPPED) {
                    s.append(" (CPUs)");
                }
            }
        }
        long failed = v.tests().stream().filter(TestView::failed).count();
        long modelBugs = v.tests().stream().filter(t -> !t.unreachableObserved().isEmpty()).count();
        return String.format(Locale.ROOT, "%s: %d tests (%s)%s%s; %s samples", failed == 0 ? "PASSED" : "FAILED",
                v.tests().size(), s.length() == 0 ? "none" : s, failed == 0 ? "" : ", " + failed + " failing",
                modelBugs == 0 ? "" : ", " + modelBugs + " with outcomes the explorer cannot reach",
                Fmt.count(v.samples()));
    }

    private String bar(double f) {
        int eighths = (int) Math.round(f * BAR * 8);
        if (f > 0 && eighths == 0) {
            eighths = 1;
        }
        StringBuilder s = new StringBuilder();
        if (unicode) {
            s.append("█".repeat(eighths / 8));
            if (eighths % 8 != 0) {
                s.append(EIGHTHS.charAt(eighths % 8));
            }
        } else {
            s.append("#".repeat((eighths + 7) / 8));
        }
        while (s.length() < BAR) {
            s.append(' ');
        }
        return s.toString();
    }

    private static String shortVerdict(Row r) {
        return switch (r.verdict()) {
            case "LEAKED_UNTIL_RECLAIM" -> "LEAKED";
            default -> r.verdict();
        };
    }

    static String cut(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }

    private static List<String> wrap(String s, int w) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i += w) {
            out.add(s.substring(i, Math.min(s.length(), i + w)));
        }
        return out;
    }
}
