package dev.swaprace.results;

import dev.swaprace.explore.ExplorerJson;
import dev.swaprace.results.TestNaming.ScenarioVariant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * which is what {@code swaprace explore --json} writes ({@link ExplorerJson}). Unknown
 * fields are ignored; {@code schema} must be 1. A scenario/variant absent from the file
 * was not explored: its outcomes are neither reachable nor unreachable.
 */
public final class ExplorerResults {

    /**
     * One reachable outcome and its shortest witness: {@code witness} is the witness's timeline
     * (the two-column text), {@code schedule} its replayable schedule.
     */
    public record Reachable(String outcome, String verdict, long schedules, String witness, String schedule) {
        static Reachable of(ExplorerJson.Reached r) {
            ExplorerJson.Witness w = r.witness();
            return new Reachable(r.outcome(), r.verdict(), r.schedules(), w == null ? null : w.timeline(),
                    w == null ? null : w.schedule());
        }
    }

    private final Map<ScenarioVariant, Map<String, Reachable>> sets = new LinkedHashMap<>();

    private ExplorerResults(List<ExplorerJson.Entry> explored) {
        for (ExplorerJson.Entry e : explored) {
            Map<String, Reachable> m = sets.computeIfAbsent(new ScenarioVariant(e.scenario(), e.variant()),
                    k -> new LinkedHashMap<>());
            for (ExplorerJson.Reached r : outcomes(e)) {
                m.putIfAbsent(r.outcome(), Reachable.of(r));
            }
        }
    }

    /** A result without {@code outcomes} reaches nothing. */
    private static List<ExplorerJson.Reached> outcomes(ExplorerJson.Entry e) {
        return e.outcomes() == null ? List.of() : e.outcomes();
    }

    public static ExplorerResults none() {
        return new ExplorerResults(List.of());
    }

    public static ExplorerResults read(Path file) {
        ExplorerJson f;
        try {
            f = ExplorerJson.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ReportException(file + ": not explorer JSON (" + BlobReader.oneLine(e) + ")", e);
        }
        if (f == null || f.schema() == null || f.results() == null) {
            throw new ReportException(file + ": not explorer JSON (needs \"schema\" and \"results\")");
        }
        if (f.schema() != ExplorerJson.SCHEMA) {
            throw new ReportException(file + ": explorer JSON schema " + f.schema() + ", this report reads schema 1");
        }
        for (ExplorerJson.Entry e : f.results()) {
            if (e == null || e.scenario() == null || e.variant() == null) {
                throw new ReportException(file + ": a result without \"scenario\" and \"variant\"");
            }
            for (ExplorerJson.Reached r : outcomes(e)) {
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
