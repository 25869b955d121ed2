package dev.swaprace.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.swaprace.report.ReportView.ConfigRow;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.TestNaming;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * The CSV report (RFC 4180, header row, UTF-8): one row per host x run x test x JVM
 * configuration x observed outcome, i.e. one row per cell of the model, with the test's
 * grading of the outcome. Columns: {@value #HEADER}.
 */
public final class CsvRenderer {

    static final String HEADER = "host,run,test,scenario,variant,jvm_args,compilation,scheduling,status,forks,"
            + "config_samples,outcome,count,frequency,expect,verdict,reach";

    private CsvRenderer() {
    }

    public static void render(ReportView v, Writer w) throws IOException {
        CsvSchema.Builder sb = CsvSchema.builder();
        for (String c : HEADER.split(",")) {
            sb.addColumn(c);
        }
        CsvMapper mapper = new CsvMapper();
        mapper.getFactory().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        try (CsvGenerator g = mapper.getFactory().createGenerator(w)) {
            g.setSchema(sb.build().withHeader().withLineSeparator("\r\n"));
            for (TestView t : v.tests()) {
                Map<String, Row> rows = new HashMap<>();
                t.rows().forEach(r -> rows.put(r.id(), r));
                String scenario = t.scenarioVariant().map(TestNaming.ScenarioVariant::scenario).orElse("");
                String variant = t.scenarioVariant().map(TestNaming.ScenarioVariant::variant).orElse("");
                for (ConfigRow c : t.configs()) {
                    String args = String.join(" ", c.key().config().jvmArgs());
                    for (Map.Entry<String, Long> e : c.counts().entrySet()) {
                        Row r = rows.get(e.getKey());
                        g.writeStartArray();
                        g.writeString(c.key().host());
                        g.writeString(c.key().run());
                        g.writeString(t.name());
                        g.writeString(scenario);
                        g.writeString(variant);
                        g.writeString(args);
                        g.writeString(c.key().config().compilation());
                        g.writeString(c.key().config().scheduling());
                        g.writeString(c.status().name());
                        g.writeNumber(c.forks());
                        g.writeNumber(c.samples());
                        g.writeString(e.getKey());
                        g.writeNumber(e.getValue());
                        g.writeNumber(c.samples() == 0 ? 0.0 : (double) e.getValue() / c.samples());
                        g.writeString(r == null || r.expect() == null ? "" : r.expect().name());
                        g.writeString(r == null ? "" : r.verdict());
                        g.writeString(r == null ? "" : r.reach().name());
                        g.writeEndArray();
                    }
                }
            }
        }
    }
}
