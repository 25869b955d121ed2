package dev.swaprace.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.swaprace.report.ReportView.ConfigRow;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;
import com.fasterxml.jackson.databind.SequenceWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
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
        mapper.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        try (SequenceWriter out = mapper.writer(sb.build().withHeader().withLineSeparator("\r\n")).writeValues(w)) {
            for (TestView t : v.tests()) {
                Map<String, Row> rows = new HashMap<>();
                t.rows().forEach(r -> rows.put(r.id(), r));
                String scenario = t.scenarioVariant().map(TestNaming.ScenarioVariant::scenario).orElse("");
                String variant = t.scenarioVariant().map(TestNaming.ScenarioVariant::variant).orElse("");
                for (ConfigRow c : t.configs()) {
                    String args = String.join(" ", c.key().config().jvmArgs());
                    for (Map.Entry<String, Long> e : c.counts().entrySet()) {
                        Row r = rows.get(e.getKey());
                        out.write(List.of(c.key().host(), c.key().run(), t.name(), scenario, variant, args,
                                c.key().config().compilation(), c.key().config().scheduling(), c.status().name(),
                                String.valueOf(c.forks()), String.valueOf(c.samples()), e.getKey(),
                                String.valueOf(e.getValue()),
                                c.samples() == 0 ? "0" : String.valueOf((double) e.getValue() / c.samples()),
                                r == null || r.expect() == null ? "" : r.expect().name(),
                                r == null ? "" : r.verdict(), r == null ? "" : r.reach().name()));
                    }
                }
            }
        }
    }
}
