package dev.swaprace.report;

import dev.swaprace.results.BlobReader;
import dev.swaprace.results.ReportException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swaprace.results.TestNaming.ScenarioVariant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer's ground truth, as the report needs it: for each scenario and variant, the
 * reachable outcome ids and a witness for each. Read from the explorer's JSON:
 *
 * <pre>{@code
 * {"schema": 1,
 *  "results": [{"scenario": "SwapinVsPunch", "variant": "V58",
 *               "outcomes": [{"outcome": "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE",
 *                             "verdict": "LEAKED_UNTIL_RECLAIM", "schedules": 12,
 *                             "witness": {"schedule": "SwapinVsPunch@V58:S*20.P*12.S*15",
 *                                         "timeline": "S (swapin) | P (hole punch) ..."}}]}]}
 * }</pre>
 *
 * which is what {@code swaprace explore --json} writes ({@code explore.ResultJson}). Unknown
 * fields are ignored; {@code schema} must be 1. A scenario/variant absent from the file
 * was not explored: its outcomes are neither reachable nor unreachable.
 */
public final class ExplorerResults {

    /**
     * One reachable outcome and its shortest witness: {@code witness} is the witness's timeline
     * (the two-column text), {@code schedule} its replayable schedule.
     */
    public record Reachable(String outcome, String verdict, long schedules, String witness, String schedule) {
        @JsonCreator
        static Reachable fromJson(@JsonProperty("outcome") String outcome, @JsonProperty("verdict") String verdict,
                                  @JsonProperty("schedules") long schedules, @JsonProperty("witness") Witness w) {
            return new Reachable(outcome, verdict, schedules, w == null ? null : w.timeline(),
                    w == null ? null : w.schedule());
        }
    }

    /** The explorer's witness object; steps and context switches are not shown by the report. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Witness(@JsonProperty("schedule") String schedule, @JsonProperty("timeline") String timeline) {
    }

    /** The reachable set of one scenario and variant. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Explored(@JsonProperty("scenario") String scenario, @JsonProperty("variant") String variant,
                           @JsonProperty("outcomes") List<Reachable> outcomes) {
        public Explored {
            outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileShape(@JsonProperty("schema") Integer schema, @JsonProperty("results") List<Explored> results) {
    }

    private final Map<ScenarioVariant, Map<String, Reachable>> sets = new LinkedHashMap<>();

    public ExplorerResults(Collection<Explored> explored) {
        for (Explored e : explored) {
            Map<String, Reachable> m = sets.computeIfAbsent(new ScenarioVariant(e.scenario(), e.variant()),
                    k -> new LinkedHashMap<>());
            for (Reachable r : e.outcomes()) {
                m.putIfAbsent(r.outcome(), r);
            }
        }
    }

    public static ExplorerResults none() {
        return new ExplorerResults(List.of());
    }

    public static ExplorerResults read(Path file) {
        FileShape f;
        try {
            f = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(Files.readAllBytes(file), FileShape.class);
        } catch (IOException e) {
            throw new ReportException(file + ": not explorer JSON (" + BlobReader.oneLine(e) + ")", e);
        }
        if (f == null || f.schema() == null || f.results() == null) {
            throw new ReportException(file + ": not explorer JSON (needs \"schema\" and \"results\")");
        }
        if (f.schema() != 1) {
            throw new ReportException(file + ": explorer JSON schema " + f.schema() + ", this report reads schema 1");
        }
        for (Explored e : f.results()) {
            if (e == null || e.scenario() == null || e.variant() == null) {
                throw new ReportException(file + ": a result without \"scenario\" and \"variant\"");
            }
            for (Reachable r : e.outcomes()) {
                if (r == null || r.outcome() == null) {
                    throw new ReportException(file + ": an outcome of " + e.scenario() + "." + e.variant()
                            + " without \"outcome\"");
                }
            }
        }
        return new ExplorerResults(f.results());
    }

    /** The reachable outcomes of a scenario and variant, or empty if it was not explored. */
    public Optional<Map<String, Reachable>> reachable(ScenarioVariant sv) {
        return Optional.ofNullable(sets.get(sv));
    }

    public boolean isEmpty() {
        return sets.isEmpty();
    }
}
