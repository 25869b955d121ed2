package dev.swaprace.peers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The explorer's reachable set per target, read from the explorer's result lines. */
public final class Reachable {
    private Reachable() {
    }

    /** Target id → the outcomes of its first complete explorer run; fails if the file has none for a target. */
    public static Map<String, Set<String>> read(Path explorerLines, List<Target> targets) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Line l : Line.read(explorerLines)) {
            if (l.tool().startsWith("explorer") && l.complete()) {
                out.putIfAbsent(l.target(), new TreeSet<>(l.outcomes().keySet()));
            }
        }
        for (Target t : targets) {
            if (!out.containsKey(t.id())) {
                throw new IllegalStateException("no complete explorer run for " + t.id() + " in " + explorerLines);
            }
        }
        return out;
    }
}
