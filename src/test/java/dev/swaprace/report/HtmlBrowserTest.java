package dev.swaprace.report;

import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.TestNaming;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The HTML report in a real headless Chromium: the page loads with no script error, console
 * error or CSP violation (its own script records them into {@code #page-errors}), the drawn bars
 * carry every count, and the fixture whose outcome ids and descriptions are markup and script
 * renders inert. The screenshot is kept in {@code target/report-screenshots/}. There is no skip:
 * without Chromium this test fails ({@code scripts/test}, the test command, installs Debian's {@code chromium}).
 */
class HtmlBrowserTest {

    static final String FIX = "dev.swaprace.report.fixtures.";
    static final Path OUT = Path.of("target/report-screenshots").toAbsolutePath();
    static Report report;
    static Path html;
    static String page;

    @BeforeAll
    static void render() throws Exception {
        Files.createDirectories(OUT);
        Path explorer = Path.of(HtmlBrowserTest.class.getResource("explorer-fixture.json").toURI());
        report = Report.builder().naming(new TestNaming(FIX + "Fake")).explorer(explorer)
                .blob(new BlobInput(FixtureBlobs.get().blob(), "fixture-host", null)).build();
        html = OUT.resolve("report.html");
        report.writeHtml(html);
        page = Files.readString(html);
    }

    @Test
    void thePageIsInertWithoutABrowser() {
        // exactly one script element, ours, allowed by hash; nothing from the blob is markup
        assertThat(Pattern.compile("<script").matcher(page).results().count()).isEqualTo(1);
        assertThat(page).contains("script-src 'sha256-" + HtmlRenderer.sha256(HtmlRenderer.SCRIPT) + "'")
                .doesNotContain("<img", "<iframe", "<b id", "onload=\"document", "</svg><svg onload")
                .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
                .contains("&lt;iframe id=pwned srcdoc=&quot;");
        // self-contained: no resource or link leaves the page
        assertThat(Pattern.compile("\\s(src|href|action|formaction|xlink:href)=\"(?!#)").matcher(page).find()).isFalse();
        assertThat(page).doesNotContain("url(", "@import");
    }

    @Test
    void chromiumRendersTheBarsWithTheRightCountsAndNoErrors() throws Exception {
        String dom = chromium("--dump-dom", html.toUri().toString());
        Files.writeString(OUT.resolve("report.dom.html"), dom);
        chromium("--screenshot=" + OUT.resolve("report.png"), "--window-size=1280,2400", html.toUri().toString());
        assertThat(OUT.resolve("report.png")).isNotEmptyFile();

        assertThat(attr(dom, "body", "data-ready")).isEqualTo("yes");
        assertThat(attr(dom, "pre", "data-count")).as("script errors, console errors, CSP violations: "
                + errors(dom)).isEqualTo("0");
        long rows = report.view().tests().stream().mapToLong(t -> t.rows().size()).sum();
        assertThat(attr(dom, "body", "data-bars")).isEqualTo(String.valueOf(rows));
        assertThat(attr(dom, "body", "data-bar-samples")).isEqualTo(String.valueOf(report.view().samples()));
        for (TestView t : report.view().tests()) {
            Matcher s = Pattern.compile("<section class=\"test\" id=\"t\\d+\" data-test=\"" + Pattern.quote(t.name())
                    + "\".*?</section>", Pattern.DOTALL).matcher(dom);
            assertThat(s.find()).as(t.name()).isTrue();
            List<Long> drawn = new ArrayList<>();
            Matcher bar = Pattern.compile("<rect class=\"bar k-\\w+\" data-count=\"(\\d+)\"").matcher(s.group());
            while (bar.find()) {
                drawn.add(Long.parseLong(bar.group(1)));
            }
            assertThat(drawn).as(t.name()).isEqualTo(t.rows().stream().map(Row::count).toList());
        }
    }

    @Test
    void markupFromTheBlobDoesNothingInTheBrowser() throws Exception {
        String dom = chromium("--dump-dom", html.toUri().toString());
        assertThat(dom).contains("<title>swaprace report</title>");
        // Chromium serializes attributes quoted, so a real element would read <tag ... id="pwned"; escaped text
        // reads &lt;b id="pwned" and attribute values carry &quot;
        assertThat(Pattern.compile("<[a-z]+\\s[^<>]*\\bid=\"pwned\"").matcher(dom).find()).isFalse();
        assertThat(dom).doesNotContain("pwned</title>");
        // the serializer leaves < and > unescaped inside quoted attribute values: drop those, then look for tags
        String tags = dom.replaceAll("=\"[^\"]*\"", "=\"\"");
        assertThat(tags).doesNotContain("<iframe", "<img", "<b ", "<svg onload").contains("&lt;iframe id=pwned srcdoc=");
        assertThat(Pattern.compile("<script").matcher(tags).results().count()).isEqualTo(1);
        assertThat(attr(dom, "pre", "data-count")).isEqualTo("0");
    }

    private static String errors(String dom) {
        Matcher m = Pattern.compile("<pre id=\"page-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        return m.find() ? m.group(1) : "?";
    }

    private static String attr(String dom, String tag, String name) {
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    static Optional<Path> findChromium() {
        String env = System.getenv("CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    static String chromium(String... args) throws Exception {
        Path bin = findChromium().orElse(null);
        if (bin == null) {
            fail("no chromium on PATH (set CHROMIUM, or apt-get install chromium; scripts/test installs it)");
        }
        Path profile = Files.createTempDirectory("swaprace-chromium-");
        List<String> cmd = new ArrayList<>(List.of("timeout", "--kill-after=10", "120", bin.toString(), "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("swaprace-chromium-", ".out");
        Path err = Files.createTempFile("swaprace-chromium-", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(150, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish: " + cmd);
            }
            assertThat(p.exitValue()).as("chromium exit; stderr: " + Files.readString(err)).isZero();
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
