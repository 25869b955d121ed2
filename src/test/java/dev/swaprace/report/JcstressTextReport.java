package dev.swaprace.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the "Results across all configurations" tables of jcstress's own text report
 * ({@code -p BLOB -v}, forced to the en-US locale), so the tests can check the report's counts
 * against jcstress's. Ids can contain spaces, so rows are anchored on the Expect word
 * (docs/jcstress-notes.md §4.4).
 */
final class JcstressTextReport {

    /** One test as jcstress printed it. */
    record TestBlock(String label, Map<String, Long> counts, Map<String, String> expects) {
    }

    private static final Pattern HEAD = Pattern.compile("^\\.*\\s*\\[([A-Z ]+)\\] (\\S+)\\s*$");
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(.+?)\\s+([0-9][0-9,]*)\\s+(<?[0-9.]+%)\\s+(Acceptable|Interesting|Forbidden|Unknown)\\s\\s(.*)$");

    private JcstressTextReport() {
    }

    static Map<String, TestBlock> parse(String text) {
        Map<String, TestBlock> out = new TreeMap<>();
        String section = text.substring(text.indexOf("RUN RESULTS:"));
        TestBlock cur = null;
        for (String line : section.split("\\R")) {
            Matcher h = HEAD.matcher(line);
            if (h.matches()) {
                cur = new TestBlock(h.group(1), new LinkedHashMap<>(), new LinkedHashMap<>());
                out.put(h.group(2), cur);
                continue;
            }
            Matcher r = ROW.matcher(line);
            if (cur != null && r.matches()) {
                cur.counts().put(r.group(1), Long.parseLong(r.group(2).replace(",", "")));
                cur.expects().put(r.group(1), r.group(4));
            }
        }
        return out;
    }
}
