package dev.swaprace.results;

import dev.swaprace.check.Outcome;
import dev.swaprace.check.Verdict;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.TestInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Grades a test's outcome counts exactly as jcstress 0.16's {@code TestGrading} does, but from a
 * {@link TestCatalog} entry instead of the single TestList on jcstress's classpath:
 * <ol>
 *   <li>each observed outcome takes the first case whose id equals it, else the first whose
 *       regex fully matches it (declaration order), else the test's default case (or FORBIDDEN
 *       "No default case provided, assume Forbidden");</li>
 *   <li>each declared case no observed outcome took is listed with count 0 under its pattern;</li>
 *   <li>the test passes unless a FORBIDDEN outcome has a non-zero count or an UNKNOWN case
 *       exists; it is interesting if an ACCEPTABLE_INTERESTING outcome was seen.</li>
 * </ol>
 * A swaprace test missing from every TestList is graded by its outcomes' verdict prefix, which
 * is what its {@code @Outcome} ids do (docs/design.md §2). Any other test missing from the catalog is
 * ungraded: its counts are shown, its expectations are unknown.
 */
public final class Grading {

    /** An outcome row: observed (count &gt; 0 or present in the blob) or a declared case never seen. */
    public record Graded(String id, long count, Expect expect, String description, boolean observed) {
    }

    /**
     * @param rows        sorted by id, as jcstress prints them
     * @param graded      false when no TestList knows the test and it is not a swaprace test
     * @param passed      no forbidden outcome seen, no UNKNOWN case
     * @param interesting an ACCEPTABLE_INTERESTING outcome was seen
     */
    public record Result(List<Graded> rows, boolean graded, boolean passed, boolean interesting) {
    }

    private Grading() {
    }

    public static Result grade(Optional<TestInfo> info, Map<String, Long> counts, boolean swaprace) {
        if (info.isPresent()) {
            return jcstress(info.get(), counts);
        }
        Map<String, Graded> rows = new TreeMap<>();
        boolean passed = true;
        boolean interesting = false;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            Expect ex = swaprace ? byVerdict(e.getKey()) : null;
            String desc = swaprace ? "graded by verdict prefix (test not in any TestList)" : "ungraded: test not in any TestList";
            rows.put(e.getKey(), new Graded(e.getKey(), e.getValue(), ex, desc, true));
            passed &= ex == null || passed(ex, e.getValue());
            interesting |= ex == Expect.ACCEPTABLE_INTERESTING && e.getValue() > 0;
        }
        return new Result(List.copyOf(rows.values()), swaprace, passed, interesting);
    }

    private static Result jcstress(TestInfo test, Map<String, Long> counts) {
        Map<String, Graded> rows = new TreeMap<>();
        List<StateCase> unmatched = new ArrayList<>(test.cases());
        boolean passed = true;
        boolean interesting = false;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String s = e.getKey();
            StateCase matched = null;
            for (StateCase c : test.cases()) {
                if (c.matchesExactly(s)) {
                    matched = c;
                    break;
                }
            }
            if (matched == null) {
                for (StateCase c : test.cases()) {
                    if (c.matches(s)) {
                        matched = c;
                        break;
                    }
                }
            }
            if (matched != null) {
                unmatched.remove(matched);
            } else {
                matched = test.unmatched();
            }
            long n = e.getValue();
            passed &= passed(matched.expect(), n);
            interesting |= matched.expect() == Expect.ACCEPTABLE_INTERESTING && n != 0;
            rows.put(s, new Graded(s, n, matched.expect(), matched.description(), true));
        }
        for (StateCase c : unmatched) {
            passed &= passed(c.expect(), 0);
            rows.put(c.matchPattern(), new Graded(c.matchPattern(), 0, c.expect(), c.description(), false));
        }
        return new Result(List.copyOf(rows.values()), true, passed, interesting);
    }

    static boolean passed(Expect ex, long count) {
        return switch (ex) {
            case ACCEPTABLE, ACCEPTABLE_INTERESTING -> true;
            case FORBIDDEN -> count == 0;
            case UNKNOWN -> false;
        };
    }

    /** The jcstress expectation a swaprace outcome's verdict stands for; FORBIDDEN when it has none. */
    public static Expect byVerdict(String outcomeId) {
        return verdict(outcomeId).map(Verdict::expect).orElse(Expect.FORBIDDEN);
    }

    /** The swaprace verdict of an outcome id ({@code VERDICT:CODE...}), if it has one. */
    public static Optional<Verdict> verdict(String outcomeId) {
        try {
            return Optional.of(Outcome.parse(outcomeId).verdict());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The end code of a swaprace outcome id ({@code STRAND} of {@code LEAKED_UNTIL_RECLAIM:STRAND@IO;S=HOLE}). */
    public static Optional<String> endCode(String outcomeId) {
        try {
            return Optional.of(Outcome.parse(outcomeId).endCode());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
