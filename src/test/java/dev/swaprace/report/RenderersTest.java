package dev.swaprace.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.TestNaming;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The machine-readable formats, on the real fixture blob: schema-valid, complete, and what CI servers accept. */
class RenderersTest {

    static final String FIX = "dev.swaprace.report.fixtures.";
    static Report report;
    @TempDir
    static Path dir;

    @BeforeAll
    static void build() throws Exception {
        Path expect = Files.writeString(dir.resolve("expected.txt"), String.join("\n", "# tests the run should have",
                FIX + "ForeignRacyCounter", FIX + "ForeignThreeActors", FIX + "NeverWritten", ""));
        report = Report.builder().naming(new TestNaming(FIX + "Fake")).cpus(2)
                .expectTests(expect)
                .blob(new BlobInput(FixtureBlobs.get().blob(), "ci-box", null)).build();
    }

    @Test
    void jsonValidatesAgainstTheShippedSchemaAndHoldsEveryCount() throws Exception {
        Path json = dir.resolve("r.json");
        report.writeJson(json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream(JsonRenderer.SCHEMA_RESOURCE)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(doc);
        assertThat(errors).isEmpty();
        assertThat(doc.get("schema").asInt()).isEqualTo(1);
        long total = 0;
        for (JsonNode t : doc.get("tests")) {
            for (JsonNode c : t.get("configurations")) {
                for (JsonNode n : c.get("counts")) {
                    total += n.asLong();
                }
            }
        }
        assertThat(total).isEqualTo(report.view().samples()).isPositive();
        assertThat(doc.get("runs").get(0).get("host").asText()).isEqualTo("ci-box");
    }

    @Test
    void csvHasOneRowPerCellAndEveryCount() throws Exception {
        Path csv = dir.resolve("r.csv");
        report.writeCsv(csv);
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new java.util.ArrayList<>();
        try (var it = m.readerFor(List.class).<List<String>>readValues(csv.toFile())) {
            it.forEachRemaining(rows::add);
        }
        assertThat(String.join(",", rows.get(0))).isEqualTo(CsvRenderer.HEADER);
        long cells = 0;
        long total = 0;
        for (TestView t : report.view().tests()) {
            for (ReportView.ConfigRow c : t.configs()) {
                cells += c.counts().size();
            }
        }
        Map<String, Long> byTest = new HashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            total += Long.parseLong(r.get(12));
            byTest.merge(r.get(2), Long.parseLong(r.get(12)), Long::sum);
        }
        assertThat(rows).hasSize((int) cells + 1);
        assertThat(total).isEqualTo(report.view().samples());
        // ids with quotes, commas and markup survive CSV quoting
        assertThat(rows).anyMatch(r -> r.get(11).equals("ACCEPTABLE:OK_FREED;S=\"><img id=pwned src=x onerror=\"document.title='pwned'\">"));
        assertThat(byTest.get(FIX + "ForeignRacyCounter")).isEqualTo(report.view().byName().get(FIX + "ForeignRacyCounter").samples());
    }

    /** A run started on the minute still writes seconds: xs:dateTime needs them. */
    @Test
    void junitTimestampAlwaysHasSeconds() {
        assertThat(JunitRenderer.timestamp(java.time.LocalDateTime.of(2026, 11, 26, 2, 19)))
                .isEqualTo("2026-11-26T02:19:00");
        assertThat(JunitRenderer.timestamp(java.time.LocalDateTime.of(2026, 11, 26, 2, 19, 7, 5_000_000)))
                .isEqualTo("2026-11-26T02:19:07");
    }

    @Test
    void junitXmlValidatesAgainstTheCiSchemaWithFailuresAndSkips() throws Exception {
        Path xml = dir.resolve("r.xml");
        report.writeJunit(xml);
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try (InputStream xsd = getClass().getResourceAsStream("junit-jenkins.xsd")) {
            sf.newSchema(new StreamSource(xsd)).newValidator().validate(new StreamSource(xml.toFile()));
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(xml.toFile());
        Map<String, String> outcome = new HashMap<>();
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String name = c.getAttribute("classname") + "." + c.getAttribute("name");
            NodeList failure = c.getElementsByTagName("failure");
            NodeList skipped = c.getElementsByTagName("skipped");
            outcome.put(name, failure.getLength() > 0 ? "failure:" + ((Element) failure.item(0)).getAttribute("type")
                    : skipped.getLength() > 0 ? "skipped" : "pass");
        }
        assertThat(outcome).containsEntry(FIX + "ForeignRacyCounter", "pass")
                .containsEntry(FIX + "FakeSwapinVsPunch.V58", "pass")
                .containsEntry(FIX + "FakeSwapinVsPunch.V57", "failure:FORBIDDEN")
                .containsEntry(FIX + "ForeignFailing", "failure:FORBIDDEN")
                .containsEntry(FIX + "ForeignThrows", "failure:ERROR")
                .containsEntry(FIX + "FakeMarkup", "failure:FORBIDDEN")
                .containsEntry(FIX + "ForeignThreeActors", "skipped")
                .containsEntry(FIX + "NeverWritten", "failure:NOT_RUN")
                .hasSize(8);
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("8");
        assertThat(suite.getAttribute("failures")).isEqualTo("5");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        Element skip = (Element) doc.getElementsByTagName("skipped").item(0);
        assertThat(skip.getAttribute("message")).isEqualTo("needs 3 CPUs for its actors, the run had 2: jcstress 0.16 does not schedule it");
    }

    @Test
    void terminalFitsOneHundredColumnsAndShowsEveryTest() {
        String text = new TerminalRenderer().render(report.view());
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(100));
        for (TestView t : report.view().tests()) {
            assertThat(text).contains("[" + t.state().label() + "] " + t.name());
        }
        assertThat(text).contains("SCENARIO SwapinVsPunch", "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE", "█")
                .doesNotContain("\u001b");
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).startsWith("FAILED: 8 tests (");
        String ascii = new TerminalRenderer(false).render(report.view());
        assertThat(ascii).doesNotContain("█").contains("#");
    }

    @Test
    void terminalStripsControlCharactersFromBlobStrings() {
        assertThat(Fmt.plain("ok\u001b[2J\u001b]0;title\u0007\rX\u202eY")).isEqualTo("ok?[2J?]0;title??X?Y");
    }
}
