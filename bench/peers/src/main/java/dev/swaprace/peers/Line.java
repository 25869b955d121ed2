package dev.swaprace.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of one tool on one target, as a line of the results file ({@code target/peers/*.jsonl}).
 *
 * @param tool          {@code explorer}, {@code lincheck}, {@code fray-random}, ...
 * @param target        {@code SwapinVsPunch@V58}
 * @param repeat        0-based repeat number
 * @param jdk           {@code Runtime.version()} of the JVM that ran it
 * @param budgetMillis  the wall-clock budget (0 for the explorer: it runs to the end)
 * @param executions    executions the tool ran (outcomes it handed back), whole run
 * @param elapsedMillis wall time of the whole run, from the call into the tool to its return
 * @param lastNewMillis wall time to the first sight of the last outcome first seen (-1: none)
 * @param lastNewExecution the execution (1-based) of that sight
 * @param outcomes      each outcome seen: execution and milliseconds of its first sight
 * @param complete      whether the tool itself says it has seen every behaviour (explorer: the
 *                      search ended; Lincheck: its interleaving tree was exhausted; Fray: never)
 * @param stop          why the run ended: {@code all-seen}, {@code budget}, {@code exhausted},
 *                      {@code done} (explorer), {@code failure}, {@code hang} (an execution never
 *                      ended), {@code not-run}
 * @param reported      what the tool reported besides outcomes (a failure it raised), or null
 * @param slowestMillis the longest wall time from one execution's end (the first: from the call)
 *                      to the next's, the tool's own work between executions included
 */
public record Line(String tool, String target, int repeat, String jdk, long budgetMillis, long executions,
                   double elapsedMillis, double lastNewMillis, long lastNewExecution,
                   Map<String, Sight> outcomes, boolean complete, String stop, String reported,
                   double slowestMillis) {

    /** First sight of one outcome. */
    public record Sight(long execution, double millis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    /** The line for {@code probe}'s run. */
    public static Line of(String tool, Target target, int repeat, long budgetMillis, Probe probe, boolean complete,
                          String stop, String reported) {
        Map<String, Sight> seen = new TreeMap<>();
        probe.firsts().forEach((o, f) -> seen.put(o, new Sight(f.execution(), f.nanos() / 1e6)));
        return new Line(tool, target.id(), repeat, Runtime.version().toString(), budgetMillis, probe.executions(),
                probe.elapsedNanos() / 1e6, probe.lastNewNanos() < 0 ? -1 : probe.lastNewNanos() / 1e6,
                probe.lastNewExecution(), seen, complete, stop, reported, probe.slowestNanos() / 1e6);
    }

    /** Append this line to {@code file}. */
    public void appendTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Line> read(Path file) {
        List<Line> out = new ArrayList<>();
        try {
            for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!s.isBlank()) {
                    out.add(JSON.readValue(s, Line.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One line of a tool's progress for the terminal. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%-12s %-30s #%d %3d outcomes, last new at %8.1f ms / exec %d; "
                        + "%d execs in %.0f ms (slowest %.0f ms); %s%s%s", tool, target, repeat, outcomes.size(), lastNewMillis,
                lastNewExecution, executions, elapsedMillis, slowestMillis, stop, complete ? ", complete" : "",
                reported == null ? "" : "; reported: " + reported);
    }
}
