package dev.swaprace.explore;

import dev.swaprace.check.Outcome;
import dev.swaprace.mm.Variant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One scenario's reachable outcomes across kernel variants: rows are outcomes, columns the
 * variants, a cell says whether (or in how many schedules) the variant reaches the outcome.
 * The rows where the columns differ are where the kernels differ.
 */
public final class VariantDiff {
    private VariantDiff() {
    }

    /**
     * @param results per variant, in column order (variants not explored are left out)
     * @param counts  cells show schedule counts instead of ✓ / ·
     */
    public static String render(Map<Variant, Result> results, boolean counts) {
        Map<String, Result> named = new LinkedHashMap<>();
        results.forEach((v, r) -> named.put(v.name(), r));
        return renderColumns(named, counts);
    }

    /**
     * As {@link #render}, with named columns: a base variant beside its mutant
     * ({@code V58}, {@code V58+DEC_BEFORE_CAS}).
     */
    public static String renderColumns(Map<String, Result> results, boolean counts) {
        List<String> cols = new ArrayList<>(results.keySet());
        TreeSet<Outcome> rows = new TreeSet<>(Result.ORDER);
        for (Result r : results.values()) {
            for (Result.Reached x : r.outcomes()) {
                rows.add(x.outcome());
            }
        }
        int first = "outcome".length();
        for (Outcome o : rows) {
            first = Math.max(first, o.toString().length());
        }
        int cell = 6;
        for (String v : cols) {
            cell = Math.max(cell, v.length() + 1);
        }
        for (Result r : results.values()) {
            cell = Math.max(cell, Long.toString(r.schedules()).length() + 1);
            if (r.naive() != null) {
                cell = Math.max(cell, r.naive().toString().length() + 1);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("outcome", first));
        for (String v : cols) {
            sb.append(left(v, cell));
        }
        sb.append('\n');
        for (Outcome o : rows) {
            sb.append(pad(o.toString(), first));
            boolean differs = false;
            Boolean seen = null;
            for (String v : cols) {
                Result.Reached x = results.get(v).outcome(o.toString());
                sb.append(left(x == null ? "·" : counts ? Long.toString(x.schedules()) : "✓", cell));
                boolean here = x != null;
                differs |= seen != null && seen != here;
                seen = here;
            }
            sb.append(differs ? "   <- differs" : "").append('\n');
        }
        sb.append(pad("schedules explored", first));
        for (String v : cols) {
            Result r = results.get(v);
            sb.append(left(r.schedules() + (r.complete() ? "" : "+"), cell));
        }
        sb.append('\n');
        if (results.values().stream().anyMatch(r -> r.naive() != null)) {
            sb.append(pad("schedules without reduction", first));
            for (String v : cols) {
                BigInteger n = results.get(v).naive();
                sb.append(left(n == null ? "?" : n.toString() + (results.get(v).naiveExact() ? "" : "+"), cell));
            }
            sb.append('\n');
        }
        sb.append(pad("time (ms)", first));
        for (String v : cols) {
            sb.append(left(Long.toString(results.get(v).elapsedMillis()), cell));
        }
        sb.append('\n');
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s + "  " : s + " ".repeat(w - s.length() + 2);
    }

    private static String left(String s, int w) {
        return s.length() >= w ? " " + s : " ".repeat(w - s.length()) + s;
    }
}
