package dev.swaprace.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.swaprace.check.Outcome;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explorer's machine-readable result, {@code "schema": 1}: one entry per subject with its
 * reachable outcomes, their schedule counts and witnesses. The report joins it with hardware
 * histograms by (scenario, variant, outcome).
 */
public final class ResultJson {
    public static final int SCHEMA = 1;

    private ResultJson() {
    }

    /** The document for {@code results}; {@code options} as the search ran. */
    public static Map<String, Object> document(List<Result> results, Explorer.Options options) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("generator", "swaprace explore");
        doc.put("choices", options.allChoices() ? "all" : "fixed");
        doc.put("maxSteps", options.maxSteps());
        List<Object> entries = new ArrayList<>();
        for (Result r : results) {
            entries.add(entry(r));
        }
        doc.put("results", entries);
        return doc;
    }

    private static Map<String, Object> entry(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Subject s = r.subject();
        if (s instanceof ScenarioSubject ss) {
            m.put("scenario", ss.scenario().className());
            if (ss.mutant() == null) {
                m.put("variant", ss.variant().name());
            } else {
                // "V58+DEC_BEFORE_CAS": a reader that joins by variant (report --explorer) never
                // mistakes a seeded bug's outcomes for the real kernel's
                m.put("variant", ss.variant().name() + "+" + ss.mutant().name());
                m.put("base", ss.variant().name());
                m.put("mutant", ss.mutant().name());
            }
            m.put("rows", ss.scenario().rows());
        }
        m.put("subject", s.id());
        m.put("actors", s.actorLabels());
        m.put("algorithm", r.algorithm());
        m.put("complete", r.complete());
        m.put("schedules", r.schedules());
        m.put("pruned", r.pruned());
        m.put("naiveSchedules", r.naive());
        m.put("naiveExact", r.naive() == null ? null : r.naiveExact());
        m.put("reductionFactor", reduction(r));
        m.put("choiceAssignments", r.assignments());
        m.put("elapsedMs", r.elapsedMillis());
        List<Object> outcomes = new ArrayList<>();
        for (Result.Reached x : r.outcomes()) {
            Outcome o = x.outcome();
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("outcome", o.toString());
            om.put("verdict", o.verdict().name());
            om.put("code", o.endCode());
            om.put("schedules", x.schedules());
            om.put("naiveSchedules", x.naive());
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("schedule", x.schedule().toString());
            w.put("steps", x.witness().steps());
            w.put("contextSwitches", x.witness().contextSwitches());
            w.put("timeline", Timeline.render(s, x.witness()));
            om.put("witness", w);
            outcomes.add(om);
        }
        m.put("outcomes", outcomes);
        return m;
    }

    /** Schedules without reduction per schedule explored, or null if not counted. */
    public static BigDecimal reduction(Result r) {
        BigInteger n = r.naive();
        if (n == null || r.schedules() == 0) {
            return null;
        }
        return new BigDecimal(n).divide(BigDecimal.valueOf(r.schedules()), 1, RoundingMode.HALF_UP);
    }

    public static void write(Path file, List<Result> results, Explorer.Options options) throws IOException {
        mapper().writeValue(file.toFile(), document(results, options));
    }

    public static String toJson(List<Result> results, Explorer.Options options) throws IOException {
        return mapper().writeValueAsString(document(results, options));
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
