package dev.swaprace.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import dev.swaprace.check.Verdict;
import dev.swaprace.report.ReportView.Aggregate;
import dev.swaprace.report.ReportView.Reach;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.State;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.ExplorerResults.Reachable;
import dev.swaprace.results.JvmConfig;
import dev.swaprace.results.RunInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The HTML report: one self-contained file (no network: inline CSS, inline SVG, one inline
 * script), with the scenario x variant matrix in verdict colours and coverage, a drawn
 * histogram per test, per-configuration and per-run counts, witness timelines for leaked and
 * forbidden outcomes, and each run's environment.
 *
 * <p>Hostile blobs: every string from a blob is HTML-escaped, element ids are generated, and a
 * Content-Security-Policy allows only the page's own script (by hash), so even markup that
 * escaped escaping could not run. The script records script errors and CSP violations into the
 * page ({@code #page-errors}), where the browser test reads them.
 */
public final class HtmlRenderer {

    private static final Escaper ESC = HtmlEscapers.htmlEscaper();
    private static final int BAR_WIDTH = 240;

    /** Records errors and CSP violations into the page, and counts the drawn bars when loaded. */
    static final String SCRIPT = resource("report.js");

    private static final String CSS = resource("report.css");

    public void render(ReportView v, Writer w) throws IOException {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ")
                .append("img-src data:; script-src 'sha256-").append(sha256(SCRIPT)).append("'\">\n");
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.append("<title>swaprace report</title>\n<script>").append(SCRIPT).append("</script>\n");
        b.append("<style>").append(CSS).append("</style></head>\n<body>\n");
        b.append("<h1>swaprace report</h1>\n<p id=\"summary\">").append(esc(TerminalRenderer.summary(v))).append("</p>\n");
        b.append("<pre id=\"page-errors\" class=\"warn\"></pre>\n");
        flush(b, w);
        matrix(v, b);
        scenarios(v, b);
        environment(v, b);
        flush(b, w);
        b.append("<h2>Tests</h2>\n");
        List<TestView> tests = v.tests();
        for (int i = 0; i < tests.size(); i++) {
            test(tests.get(i), i, b);
            if (b.length() > 1 << 16) {
                flush(b, w);
            }
        }
        b.append("</body></html>\n");
        flush(b, w);
    }

    private static void flush(StringBuilder b, Writer w) throws IOException {
        w.append(b);
        b.setLength(0);
    }

    private static void matrix(ReportView v, StringBuilder b) {
        Map<String, Map<String, TestView>> m = v.matrix();
        if (m.isEmpty()) {
            return;
        }
        List<String> variants = v.variants();
        b.append("<h2>Scenario x variant</h2>\n<table id=\"matrix\"><tr><th>scenario</th>");
        for (String var : variants) {
            b.append("<th>").append(esc(var)).append("</th>");
        }
        b.append("</tr>\n");
        int idx = 0;
        Map<String, Integer> anchors = new java.util.HashMap<>();
        for (TestView t : v.tests()) {
            anchors.put(t.name(), idx++);
        }
        for (Map.Entry<String, Map<String, TestView>> e : m.entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th>");
            for (String var : variants) {
                TestView t = e.getValue().get(var);
                if (t == null) {
                    b.append("<td class=\"m-NONE\">-</td>");
                    continue;
                }
                b.append("<td class=\"m-").append(worst(t)).append("\" data-test=\"").append(esc(t.name())).append("\">");
                b.append("<a href=\"#t").append(anchors.get(t.name())).append("\"><span class=\"st st-")
                        .append(t.state().name()).append("\">").append(esc(t.state().label())).append("</span></a><br>");
                b.append(Fmt.count(t.samples())).append(" samples");
                b.append("<br><span class=\"coverage\">").append(coverage(t)).append("</span>");
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p class=\"muted\">Cell colour: the worst verdict observed (green acceptable, amber "
                + "leaked until reclaim, red forbidden, grey not run). Coverage: reachable outcomes observed, "
                + "from the explorer's reachable set.</p>\n");
    }

    /** Per scenario, the variants side by side: one row per outcome, frequency bars per variant. */
    private static void scenarios(ReportView v, StringBuilder b) {
        Map<String, Map<String, TestView>> m = v.matrix();
        if (m.isEmpty()) {
            return;
        }
        b.append("<h2>Scenarios: variants side by side</h2>\n");
        for (Map.Entry<String, Map<String, TestView>> e : m.entrySet()) {
            Map<String, TestView> variants = e.getValue();
            Map<String, String> ids = new java.util.TreeMap<>();
            for (TestView t : variants.values()) {
                t.rows().stream().filter(r -> r.count() > 0).forEach(r -> ids.putIfAbsent(r.id(), r.kind()));
                t.missing().forEach(r -> ids.putIfAbsent(r.id(), r.kind()));
            }
            b.append("<h3>").append(esc(e.getKey())).append("</h3>\n<table class=\"scenario\" data-scenario=\"")
                    .append(esc(e.getKey())).append("\"><tr><th>outcome</th>");
            variants.forEach((name, t) -> b.append("<th>").append(esc(name)).append(" <span class=\"st st-")
                    .append(t.state().name()).append("\">").append(esc(t.state().label())).append("</span><br>")
                    .append("<span class=\"muted\">").append(Fmt.count(t.samples())).append(" samples</span></th>"));
            b.append("</tr>\n");
            ids.forEach((id, kind) -> {
                b.append("<tr><td class=\"id k-").append(kind).append("\">").append(esc(id)).append("</td>");
                variants.values().forEach(t -> b.append("<td class=\"n\">").append(compareCell(t, id)).append("</td>"));
                b.append("</tr>\n");
            });
            b.append("</table>\n");
        }
        b.append("<p class=\"muted\">0? reachable, never observed; ! observed, but the explorer cannot reach it.</p>\n");
    }

    private static String compareCell(TestView t, String id) {
        for (Row r : t.rows()) {
            if (r.id().equals(id) && r.count() > 0) {
                double w = Math.max(1.0, r.frequency() * 80);
                return "<svg class=\"cmp\" width=\"80\" height=\"10\"><rect class=\"k-" + r.kind()
                        + "\" x=\"0\" y=\"0\" width=\"" + Math.round(w * 100) / 100.0 + "\" height=\"10\"/></svg> "
                        + Fmt.percent(r.frequency()) + (r.reach() == Reach.UNREACHABLE ? " <span class=\"warn\">!</span>" : "");
            }
        }
        for (Row m : t.missing()) {
            if (m.id().equals(id)) {
                return "<span title=\"reachable, never observed\">0?</span>";
            }
        }
        return t.samples() == 0 ? "-" : "<span class=\"muted\">0</span>";
    }

    /** The colour of a test's worst observed outcome; an ungraded one counts as FORBIDDEN. */
    private static String worst(TestView t) {
        String worst = "NONE";
        for (Row r : t.rows()) {
            if (r.count() > 0) {
                if (r.countsAs() == Verdict.FORBIDDEN) {
                    return "FORBIDDEN";
                }
                if (worst.equals("NONE") || r.grade() == Verdict.LEAKED_UNTIL_RECLAIM) {
                    worst = r.kind();
                }
            }
        }
        return worst;
    }

    private static String coverage(TestView t) {
        if (!t.explored()) {
            return t.swaprace() ? "not explored" : "";
        }
        long seen = t.rows().stream().filter(r -> r.reach() == Reach.REACHABLE && r.count() > 0).count();
        String s = seen + "/" + (seen + t.missing().size()) + " reachable seen";
        if (!t.unreachableObserved().isEmpty()) {
            s += " <span class=\"warn\">" + t.unreachableObserved().size() + " unreachable seen</span>";
        }
        return s;
    }

    private static void environment(ReportView v, StringBuilder b) {
        b.append("<h2>Runs and environment</h2>\n<table id=\"runs\"><tr><th>host</th><th>run</th><th>file</th>"
                + "<th>JVM</th><th>OS</th><th>CPUs</th><th>jcstress</th><th class=\"n\">tests</th><th class=\"n\">forks</th>"
                + "<th class=\"n\">samples</th></tr>\n");
        for (RunInfo r : v.runs()) {
            Map<String, String> e = r.environment();
            b.append("<tr><td>").append(esc(r.host())).append("</td><td>").append(esc(r.run())).append("</td><td><code>")
                    .append(esc(String.valueOf(r.input().path().getFileName()))).append("</code><br><span class=\"muted\">sha256 ")
                    .append(esc(r.sha256().substring(0, 16))).append("</span>")
                    .append(r.truncated() ? "<br><span class=\"warn\">TRUNCATED: read up to the damage</span>" : "")
                    .append("</td><td>")
                    .append(esc(e.getOrDefault("java.vm.name", "?"))).append(' ')
                    .append(esc(e.getOrDefault("java.vm.version", e.getOrDefault("java.version", "?")))).append("<br>")
                    .append(esc(e.getOrDefault("java.vm.vendor", ""))).append("</td><td>")
                    .append(esc(e.getOrDefault("os.name", "?") + " " + e.getOrDefault("os.arch", "") + " "
                            + e.getOrDefault("os.version", ""))).append("</td><td>")
                    .append(r.cpus().isEmpty() ? "?" : esc(r.cpus().size() + " used " + r.cpus())).append("</td><td>");
            r.flags().forEach((k, val) -> b.append(esc(k)).append('=').append(esc(val)).append(' '));
            b.append("</td><td class=\"n\">").append(r.tests().size()).append("</td><td class=\"n\">").append(r.forks())
                    .append("</td><td class=\"n\">").append(Fmt.count(r.samples())).append("</td></tr>\n");
        }
        b.append("</table>\n<p class=\"muted\">Skip decisions used ").append(v.cpus())
                .append(" CPUs. The JVM configurations of each test are listed with it.</p>\n");
    }

    private static void test(TestView t, int idx, StringBuilder b) {
        b.append("<section class=\"test\" id=\"t").append(idx).append("\" data-test=\"").append(esc(t.name()))
                .append("\" data-state=\"").append(t.state().name()).append("\" data-samples=\"").append(t.samples())
                .append("\">\n<h3><span class=\"st st-").append(t.state().name()).append("\">").append(esc(t.state().label()))
                .append("</span> <code>").append(esc(t.name())).append("</code>");
        t.scenarioVariant().ifPresent(sv -> b.append(" <span class=\"muted\">scenario ").append(esc(sv.scenario()))
                .append(", variant ").append(esc(sv.variant())).append("</span>"));
        b.append("</h3>\n");
        if (t.description() != null && !t.description().equals("null")) {
            b.append("<p>").append(esc(t.description())).append("</p>\n");
        }
        if (t.state() == State.CPU_SKIPPED || t.state() == State.NOT_RUN) {
            for (String p : t.state() == State.CPU_SKIPPED ? t.messages() : t.problems()) {
                b.append("<p class=\"muted\">").append(esc(p)).append("</p>\n");
            }
            b.append("</section>\n");
            return;
        }
        b.append("<p>").append(Fmt.count(t.samples())).append(" samples, ").append(t.forks()).append(" forks, ")
                .append(t.actors()).append(" actors").append(t.interesting() ? ", interesting" : "").append("</p>\n");
        for (String p : t.problems()) {
            b.append("<p class=\"warn problem\">").append(esc(p)).append("</p>\n");
        }
        if (!t.rows().isEmpty()) {
            b.append("<table class=\"histogram\"><tr><th>outcome</th><th>histogram</th><th class=\"n\">count</th>"
                    + "<th class=\"n\">freq</th><th class=\"n\">per 1M</th><th>verdict</th>");
            if (t.swaprace()) {
                b.append("<th>coverage</th>");
            }
            b.append("<th>description</th></tr>\n");
            for (Row r : t.rows()) {
                row(t, r, b);
            }
            b.append("</table>\n");
        }
        coverageDetails(t, b);
        witnesses(t, b);
        breakdown(t, b);
        if (!t.messages().isEmpty()) {
            b.append("<details><summary>jcstress messages (").append(t.messages().size()).append(")</summary><pre>");
            t.messages().forEach(m -> b.append(esc(m)).append('\n'));
            b.append("</pre></details>\n");
        }
        b.append("</section>\n");
    }

    private static void row(TestView t, Row r, StringBuilder b) {
        b.append("<tr class=\"outcome\" data-outcome=\"").append(esc(r.id())).append("\" data-count=\"").append(r.count())
                .append("\"><td class=\"id k-").append(r.kind()).append("\">").append(esc(r.id()));
        if (!r.observed()) {
            b.append(" <span class=\"muted\">(declared)</span>");
        }
        b.append("</td><td>").append(svgBar(r)).append("</td><td class=\"n\">").append(Fmt.count(r.count()))
                .append("</td><td class=\"n\">").append(Fmt.percent(r.frequency())).append("</td><td class=\"n\"");
        if (r.count() == 0 && r.upperPerMillion() != null) {
            b.append(" title=\"rule of three: 95% upper bound 3/n\"");
        }
        b.append('>').append(esc(Fmt.rateCell(r))).append("</td><td class=\"k-").append(r.kind()).append("\">")
                .append(esc(r.verdict())).append("</td>");
        if (t.swaprace()) {
            b.append("<td>").append(switch (r.reach()) {
                case REACHABLE -> "reachable";
                case UNREACHABLE -> "<span class=\"warn\">UNREACHABLE: model or harness bug</span>";
                case NOT_EXPLORED -> "<span class=\"muted\">-</span>";
            }).append("</td>");
        }
        b.append("<td>").append(esc(r.description())).append("</td></tr>\n");
    }

    private static String svgBar(Row r) {
        double w = r.count() == 0 ? 0 : Math.max(1.0, r.frequency() * BAR_WIDTH);
        return "<svg class=\"bar\" width=\"" + BAR_WIDTH + "\" height=\"14\" viewBox=\"0 0 " + BAR_WIDTH
                + " 14\" role=\"img\"><rect class=\"track\" x=\"0\" y=\"0\" width=\"" + BAR_WIDTH
                + "\" height=\"14\"/><rect class=\"bar k-" + r.kind() + "\" data-count=\"" + r.count()
                + "\" x=\"0\" y=\"0\" width=\"" + Math.round(w * 100) / 100.0 + "\" height=\"14\"/></svg>";
    }

    private static void coverageDetails(TestView t, StringBuilder b) {
        if (!t.explored()) {
            return;
        }
        if (!t.missing().isEmpty()) {
            b.append("<table class=\"missing\"><tr><th>reachable, never observed</th><th>verdict</th>"
                    + "<th class=\"n\">rate per 1M (95% upper)</th><th class=\"n\">schedules</th><th>witness</th></tr>\n");
            for (Row m : t.missing()) {
                b.append("<tr class=\"missing-outcome\" data-outcome=\"").append(esc(m.id())).append("\"><td class=\"id k-")
                        .append(m.kind()).append("\">").append(esc(m.id())).append("</td><td>").append(esc(m.verdict()))
                        .append("</td><td class=\"n\">").append(esc(Fmt.rateCell(m))).append("</td><td class=\"n\">")
                        .append(m.witness() == null ? "" : Fmt.count(m.witness().schedules())).append("</td><td>");
                timeline(m.witness(), b);
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
    }

    /** Witness timelines of the leaked and forbidden outcomes that were observed. */
    private static void witnesses(TestView t, StringBuilder b) {
        boolean any = false;
        for (Row r : t.rows()) {
            if (r.witness() == null || r.count() == 0 || (r.grade() != Verdict.LEAKED_UNTIL_RECLAIM && r.grade() != Verdict.FORBIDDEN)) {
                continue;
            }
            if (!any) {
                b.append("<h3>Witnesses</h3>\n");
                any = true;
            }
            b.append("<div class=\"witness\" data-outcome=\"").append(esc(r.id())).append("\"><p><code class=\"k-")
                    .append(r.kind()).append("\">").append(esc(r.id())).append("</code></p>");
            timeline(r.witness(), b);
            b.append("</div>\n");
        }
    }

    /**
     * A witness as a timeline: the explorer's race diagram ({@code CPU 0 | CPU 1} columns, one
     * step a line) becomes a table, one column per CPU; any other text stays preformatted.
     */
    private static void timeline(Reachable w, StringBuilder b) {
        if (w == null || w.witness() == null || w.witness().isBlank()) {
            b.append("<span class=\"muted\">no witness</span>");
            return;
        }
        String[] lines = w.witness().split("\\R");
        boolean columns = lines.length > 1;
        for (String l : lines) {
            columns &= l.contains("|");
        }
        if (!columns) {
            b.append("<pre class=\"timeline\">").append(esc(w.witness())).append("</pre>");
        } else {
            b.append("<table class=\"timeline\">");
            for (int i = 0; i < lines.length; i++) {
                String tag = i == 0 ? "th" : "td";
                b.append("<tr>");
                for (String cell : lines[i].split("\\|", -1)) {
                    b.append('<').append(tag).append('>').append(esc(cell.strip())).append("</").append(tag).append('>');
                }
                b.append("</tr>");
            }
            b.append("</table>");
        }
        if (w.schedule() != null && !w.schedule().isBlank()) {
            b.append("<div class=\"muted\">schedule: <code>").append(esc(w.schedule())).append("</code></div>");
        }
    }

    private static void breakdown(TestView t, StringBuilder b) {
        List<String> ids = t.rows().stream().filter(r -> r.count() > 0).map(Row::id).toList();
        Map<JvmConfig, Aggregate> byConfig = t.byConfig();
        b.append("<details class=\"configs\"><summary>").append(byConfig.size()).append(" JVM configurations</summary>")
                .append("<table><tr><th>JVM args</th><th>compilation</th><th>scheduling</th><th>status</th>"
                        + "<th class=\"n\">forks</th><th class=\"n\">samples</th>");
        ids.forEach(id -> b.append("<th class=\"id\">").append(esc(id)).append("</th>"));
        b.append("</tr>\n");
        byConfig.forEach((c, a) -> {
            b.append("<tr><td><code>").append(esc(String.join(" ", c.jvmArgs()))).append("</code></td><td>")
                    .append(esc(c.compilation())).append("</td><td>").append(esc(c.scheduling())).append("</td>");
            aggregate(a, ids, b);
        });
        b.append("</table></details>\n");
        Map<String, Aggregate> byRun = t.byRun();
        if (byRun.size() > 1) {
            b.append("<details class=\"runs\"><summary>").append(byRun.size()).append(" hosts/runs</summary>")
                    .append("<table><tr><th>host/run</th><th>status</th><th class=\"n\">forks</th><th class=\"n\">samples</th>");
            ids.forEach(id -> b.append("<th class=\"id\">").append(esc(id)).append("</th>"));
            b.append("</tr>\n");
            byRun.forEach((k, a) -> {
                b.append("<tr><td>").append(esc(k)).append("</td>");
                aggregate(a, ids, b);
            });
            b.append("</table></details>\n");
        }
    }

    private static void aggregate(Aggregate a, List<String> ids, StringBuilder b) {
        b.append("<td>").append(esc(a.status().name())).append("</td><td class=\"n\">").append(a.forks())
                .append("</td><td class=\"n\">").append(Fmt.count(a.samples())).append("</td>");
        ids.forEach(id -> b.append("<td class=\"n\">").append(Fmt.count(a.count(id))).append("</td>"));
        b.append("</tr>\n");
    }

    /** A file beside this class in the jar (src/main/resources/dev/swaprace/report), whole. */
    private static String resource(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + HtmlRenderer.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String esc(String s) {
        return s == null ? "" : ESC.escape(s);
    }

    static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
