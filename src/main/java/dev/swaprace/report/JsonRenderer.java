package dev.swaprace.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.swaprace.report.ReportView.ConfigRow;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.ExplorerResults.Reachable;
import dev.swaprace.results.RunInfo;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON report, schema version {@value #SCHEMA_VERSION}: the JSON Schema is shipped as the
 * resource {@code dev/swaprace/report/report.schema.json} (and in the source tree under
 * {@code src/main/resources}). Every count of the model is in it: per test the graded outcome
 * totals and every (host, run, JVM configuration) cell. Additive changes keep the version;
 * anything else bumps it.
 */
public final class JsonRenderer {

    public static final int SCHEMA_VERSION = 1;
    public static final String SCHEMA_RESOURCE = "/dev/swaprace/report/report.schema.json";

    private JsonRenderer() {
    }

    public static void render(ReportView v, Writer w) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(w);
        g.writeStartObject();
        g.writeNumberField("schema", SCHEMA_VERSION);
        g.writeStringField("generator", "swaprace report");
        g.writeStringField("generated", Instant.now().toString());
        g.writeObjectFieldStart("summary");
        g.writeBooleanField("passed", v.passed());
        g.writeNumberField("tests", v.tests().size());
        g.writeNumberField("samples", v.samples());
        g.writeNumberField("cpus", v.cpus());
        g.writeObjectFieldStart("states");
        for (ReportView.State s : ReportView.State.values()) {
            g.writeNumberField(s.name(), v.count(s));
        }
        g.writeEndObject();
        g.writeEndObject();

        g.writeArrayFieldStart("runs");
        for (RunInfo r : v.runs()) {
            g.writeStartObject();
            g.writeStringField("host", r.host());
            g.writeStringField("run", r.run());
            g.writeStringField("file", r.input().path().toString());
            g.writeStringField("sha256", r.sha256());
            g.writeNumberField("forks", r.forks());
            g.writeNumberField("samples", r.samples());
            g.writeBooleanField("truncated", r.truncated());
            g.writeArrayFieldStart("cpus");
            for (int c : r.cpus()) {
                g.writeNumber(c);
            }
            g.writeEndArray();
            stringMap(g, "environment", r.environment());
            stringMap(g, "jcstress", r.flags());
            g.writeArrayFieldStart("tests");
            for (String t : r.tests()) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();

        g.writeArrayFieldStart("tests");
        for (TestView t : v.tests()) {
            test(g, t);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    private static void test(JsonGenerator g, TestView t) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        if (t.scenarioVariant().isPresent()) {
            g.writeStringField("scenario", t.scenarioVariant().get().scenario());
            g.writeStringField("variant", t.scenarioVariant().get().variant());
        } else {
            g.writeNullField("scenario");
            g.writeNullField("variant");
        }
        g.writeStringField("state", t.state().name());
        g.writeStringField("label", t.state().label());
        g.writeBooleanField("failed", t.failed());
        g.writeBooleanField("interesting", t.interesting());
        g.writeNumberField("actors", t.actors());
        g.writeNumberField("samples", t.samples());
        g.writeNumberField("forks", t.forks());
        g.writeBooleanField("explored", t.explored());
        g.writeArrayFieldStart("outcomes");
        for (Row r : t.rows()) {
            row(g, r);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("reachableNotObserved");
        for (Row r : t.missing()) {
            row(g, r);
        }
        g.writeEndArray();
        strings(g, "unreachableObserved", t.unreachableObserved());
        strings(g, "problems", t.problems());
        strings(g, "messages", t.messages());
        g.writeArrayFieldStart("configurations");
        for (ConfigRow c : t.configs()) {
            g.writeStartObject();
            g.writeStringField("host", c.key().host());
            g.writeStringField("run", c.key().run());
            strings(g, "jvmArgs", c.key().config().jvmArgs());
            g.writeStringField("compilation", c.key().config().compilation());
            g.writeStringField("scheduling", c.key().config().scheduling());
            g.writeStringField("status", c.status().name());
            g.writeNumberField("forks", c.forks());
            g.writeNumberField("samples", c.samples());
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Long> e : c.counts().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void row(JsonGenerator g, Row r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeNumberField("count", r.count());
        g.writeNumberField("frequency", r.frequency());
        g.writeNumberField("perMillion", r.perMillion());
        if (r.upperPerMillion() != null) {
            g.writeNumberField("upperBoundPerMillion", r.upperPerMillion());
        } else {
            g.writeNullField("upperBoundPerMillion");
        }
        g.writeBooleanField("observed", r.observed());
        g.writeStringField("expect", r.expect() == null ? null : r.expect().name());
        g.writeStringField("verdict", r.verdict());
        g.writeStringField("kind", r.kind());
        g.writeStringField("code", r.code());
        g.writeStringField("description", r.description());
        g.writeStringField("reach", r.reach().name());
        Reachable w = r.witness();
        if (w != null) {
            g.writeObjectFieldStart("witness");
            g.writeNumberField("schedules", w.schedules());
            g.writeStringField("witness", w.witness());
            g.writeStringField("schedule", w.schedule());
            g.writeEndObject();
        } else {
            g.writeNullField("witness");
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, Iterable<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void stringMap(JsonGenerator g, String field, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(m).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
