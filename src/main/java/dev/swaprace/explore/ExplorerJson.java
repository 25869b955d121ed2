package dev.swaprace.explore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.swaprace.check.Outcome;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The explorer's machine-readable result file, {@code "schema": 1}, as {@code swaprace explore
 * --json} writes it and {@code report --explorer} reads it: one {@link Entry} per subject with
 * its reachable outcomes, their schedule counts and witnesses. The report joins it with hardware
 * histograms by (scenario, variant, outcome).
 *
 * <p>Reading is lenient: unknown fields are ignored and a missing one reads as null (0 or false
 * for a number or flag the report does not use); the reader checks what it needs.
 */
@JsonPropertyOrder({"schema", "generator", "choices", "maxSteps", "results"})
public record ExplorerJson(Integer schema, String generator, String choices, int maxSteps, List<Entry> results) {
    public static final int SCHEMA = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One explored subject. A scenario's carries {@code scenario}, {@code variant} and
     * {@code rows}; a seeded bug's variant is {@code "V58+DEC_BEFORE_CAS"}, with {@code base} and
     * {@code mutant} beside it, so that a reader that joins by variant never mistakes a seeded
     * bug's outcomes for the real kernel's. Those five are left out when absent; the counts are
     * written even when null ({@code naiveSchedules} without {@code --naive}).
     */
    @JsonPropertyOrder({"scenario", "variant", "base", "mutant", "rows", "subject", "actors", "algorithm", "complete",
        "schedules", "pruned", "naiveSchedules", "naiveExact", "reductionFactor", "choiceAssignments", "elapsedMs",
        "outcomes"})
    public record Entry(@JsonInclude(JsonInclude.Include.NON_NULL) String scenario,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String variant,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String base,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String mutant,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String rows,
                        String subject, List<String> actors, String algorithm, boolean complete, long schedules,
                        long pruned, BigInteger naiveSchedules, Boolean naiveExact, BigDecimal reductionFactor,
                        int choiceAssignments, long elapsedMs, List<Reached> outcomes) {
    }

    /** One reachable outcome: how many schedules reach it, and its shortest witness. */
    @JsonPropertyOrder({"outcome", "verdict", "code", "schedules", "naiveSchedules", "witness"})
    public record Reached(String outcome, String verdict, String code, long schedules, BigInteger naiveSchedules,
                          Witness witness) {
    }

    /** A witness: its replayable schedule, its length, and its two-column timeline. */
    @JsonPropertyOrder({"schedule", "steps", "contextSwitches", "timeline"})
    public record Witness(String schedule, int steps, int contextSwitches, String timeline) {
    }

    /** The document for {@code results}; {@code options} as the search ran. */
    public static ExplorerJson of(List<Result> results, Explorer.Options options) {
        List<Entry> entries = new ArrayList<>();
        for (Result r : results) {
            entries.add(entry(r));
        }
        return new ExplorerJson(SCHEMA, "swaprace explore", options.allChoices() ? "all" : "fixed",
                options.maxSteps(), entries);
    }

    private static Entry entry(Result r) {
        Subject s = r.subject();
        String scenario = null;
        String variant = null;
        String base = null;
        String mutant = null;
        String rows = null;
        if (s instanceof ScenarioSubject ss) {
            scenario = ss.scenario().className();
            variant = ss.variant().name();
            if (ss.mutant() != null) {
                base = variant;
                mutant = ss.mutant().name();
                variant = base + "+" + mutant;
            }
            rows = ss.scenario().rows();
        }
        List<Reached> outcomes = new ArrayList<>();
        for (Result.Reached x : r.outcomes()) {
            Outcome o = x.outcome();
            Execution w = x.witness();
            outcomes.add(new Reached(o.toString(), o.verdict().name(), o.endCode(), x.schedules(), x.naive(),
                    new Witness(x.schedule().toString(), w.steps(), w.contextSwitches(), Timeline.render(s, w))));
        }
        return new Entry(scenario, variant, base, mutant, rows, s.id(), s.actorLabels(), r.algorithm(), r.complete(),
                r.schedules(), r.pruned(), r.naive(), r.naive() == null ? null : r.naiveExact(), r.reduction(),
                r.assignments(), r.elapsedMillis(), outcomes);
    }

    /** Write this document to {@code w} (left open: the caller closes it, e.g. {@code results.AtomicOutput}). */
    public void write(Writer w) throws IOException {
        MAPPER.writeValue(w, this);
    }

    /** Parse a document; what it contains is the reader's to check. */
    public static ExplorerJson read(byte[] json) throws IOException {
        return MAPPER.readValue(json, ExplorerJson.class);
    }
}
