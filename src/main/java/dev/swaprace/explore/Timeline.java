package dev.swaprace.explore;

import dev.swaprace.check.Code;
import dev.swaprace.check.Outcome;
import dev.swaprace.race.LockHolder;
import dev.swaprace.race.Op;
import dev.swaprace.race.RacePoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A witness as the race diagram kernel developers put in commit messages: one column per actor,
 * one kernel step per line (label and function, as in docs/kernel-model.md §3), time going down,
 * then the end state and the outcome.
 *
 * <p>Consecutive race points of one actor at the same step collapse into one line. Under a line,
 * indented, what the step saw or returned: the value a lockless lookup read, a failed
 * {@code trylock_page} and who held the page, a {@code lock_page} that had to sleep, and the
 * results the model reports (errno, {@code try_to_free_swap}'s verdict, a failing choice).
 */
public final class Timeline {
    private static final int LABEL = 10;

    private Timeline() {
    }

    /** One line of the diagram. */
    private record Line(int actor, String label, String function, List<String> notes) {
    }

    public static String render(Subject subject, Execution e) {
        List<String> labels = subject.actorLabels();
        int actors = labels.size();
        int width = actors <= 2 ? 56 : actors == 3 ? 44 : 38;
        List<Line> lines = lines(e, labels);

        StringBuilder out = new StringBuilder();
        out.append(subject.title()).append('\n');
        if (!subject.initialState().isEmpty()) {
            out.append("initial state: ").append(subject.initialState()).append('\n');
        }
        for (int a = 0; a < actors; a++) {
            out.append(String.format("  %-3s = %s%n", labels.get(a), subject.actorDescriptions().get(a)));
        }
        out.append("Time goes down; each line is one step of kernel-model.md §3 (label, kernel function),\n")
                .append("indented under it what the step saw or returned.\n\n");

        List<String> heads = new ArrayList<>();
        for (int a = 0; a < actors; a++) {
            String d = subject.actorDescriptions().get(a);
            int colon = d.indexOf(':');
            heads.add(labels.get(a) + " (" + (colon > 0 ? d.substring(0, colon) : d) + ")");
        }
        out.append(row(heads, width)).append('\n');
        List<String> rules = new ArrayList<>();
        for (int a = 0; a < actors; a++) {
            rules.add("-".repeat(width));
        }
        out.append(String.join("-+-", rules)).append('\n');
        for (Line l : lines) {
            List<String> cell = wrap(pad(l.label, LABEL) + l.function, width, LABEL);
            for (String n : l.notes) {
                cell.addAll(wrap(" ".repeat(LABEL) + "-> " + n, width, LABEL + 3));
            }
            for (String text : cell) {
                List<String> cells = new ArrayList<>();
                for (int a = 0; a < actors; a++) {
                    cells.add(a == l.actor ? text : "");
                }
                out.append(row(cells, width)).append('\n');
            }
        }
        out.append('\n');
        Outcome o = e.outcome;
        switch (e.end) {
            case DEADLOCK -> out.append("end:       deadlock: ").append(e.detail).append('\n');
            case LIVELOCK -> out.append("end:       ").append(e.detail).append(" without finishing\n");
            case SLEEP_IN_ATOMIC -> out.append("end:       ").append(e.detail).append('\n');
            default -> {
            }
        }
        if (e.endState != null) {
            out.append(block("end state: ", e.endState.replace("; ", ";\n"), 11));
        }
        if (o != null) {
            out.append("outcome:   ").append(o).append('\n');
            String desc = describe(o);
            if (desc != null) {
                out.append(block("           ", desc, 11));
            }
        }
        out.append("schedule:  ").append(Schedule.of(subject, e)).append('\n');
        out.append(String.format("           %d steps, %d context switches%n", e.steps(), e.contextSwitches()));
        return out.toString();
    }

    /** The kernel-model meaning of the outcome's end code. */
    private static String describe(Outcome o) {
        String end = o.endCode();
        try {
            return Code.valueOf(end).description();
        } catch (IllegalArgumentException notACode) {
            return null;
        }
    }

    /** Collapse the events into lines and attach what each step saw and returned. */
    private static List<Line> lines(Execution e, List<String> labels) {
        List<Line> out = new ArrayList<>();
        List<Note> notes = e.notes;
        boolean[] used = new boolean[notes.size()];
        // notes an actor made before its first race point (a choice in its first segment)
        for (int n = 0; n < notes.size(); n++) {
            Note note = notes.get(n);
            if (note.afterEvent() < 0) {
                used[n] = true;
                out.add(new Line(note.actor(), note.at().label(), note.at().function(), List.of(note.text())));
            }
        }
        List<Event> events = e.events;
        int i = 0;
        while (i < events.size()) {
            Event first = events.get(i);
            int j = i;
            while (j + 1 < events.size() && events.get(j + 1).actor() == first.actor()
                    && events.get(j + 1).step.point == first.step.point) {
                j++;
            }
            RacePoint point = first.step.point;
            Set<String> seen = new LinkedHashSet<>();
            for (int k = i; k <= j; k++) {
                derived(events.get(k), seen);
            }
            List<Note> after = new ArrayList<>();
            for (int n = 0; n < notes.size(); n++) {
                Note note = notes.get(n);
                if (!used[n] && note.afterEvent() >= i && note.afterEvent() <= j) {
                    used[n] = true;
                    if (note.at() == point) {
                        seen.add(note.text());
                    } else {
                        after.add(note);
                    }
                }
            }
            if (seen.stream().anyMatch(s -> s.startsWith("fails: page locked by"))) {
                seen.removeIf(s -> s.startsWith("trylock_page fails"));
            }
            out.add(new Line(first.actor(), point.label(), point.function(), List.copyOf(seen)));
            // steps without a race point of their own (S.5's check, a choice): after their predecessor
            RacePoint last = null;
            List<String> pending = new ArrayList<>();
            for (Note note : after) {
                if (last != null && note.at() != last) {
                    out.add(new Line(first.actor(), last.label(), last.function(), List.copyOf(pending)));
                    pending.clear();
                }
                last = note.at();
                pending.add(note.text());
            }
            if (last != null) {
                out.add(new Line(first.actor(), last.label(), last.function(), List.copyOf(pending)));
            }
            i = j + 1;
        }
        return out;
    }

    /** What one race point saw, when that explains the step: lockless lookups, trylocks, waits. */
    private static void derived(Event ev, Set<String> out) {
        Step s = ev.step;
        if (s.blockedBy != null && (s.op == Op.LOCK || s.op == Op.WAIT)) {
            out.add("waits: " + s.blockedBy);
        }
        if (s.op == Op.TRYLOCK && ev.seen instanceof LockHolder h) {
            out.add("trylock_page fails: page locked by " + h);
        }
        if (s.op == Op.SPIN) {
            out.add("cond_resched(); retry");
        }
        if (s.op == Op.LOAD && s.target.loadIsLookup() && !ev.underSpinlock) {
            out.add(s.target.name() + " = " + value(ev.seen));
        }
    }

    private static String value(Object v) {
        return v == null ? "NULL" : v.toString();
    }

    private static String row(List<String> cells, int width) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < cells.size(); a++) {
            if (a > 0) {
                sb.append(" | ");
            }
            sb.append(pad(cells.get(a), width));
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Wrap {@code text} to {@code width}, continuation lines indented by {@code indent}. */
    static List<String> wrap(String text, int width, int indent) {
        List<String> out = new ArrayList<>();
        String rest = text;
        String prefix = "";
        while (prefix.length() + rest.length() > width) {
            int room = width - prefix.length();
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= room / 3) {
                cut = -1;
                for (int k = Math.min(room, rest.length()) - 1; k > room / 3 && cut < 0; k--) {
                    if ("(,;>".indexOf(rest.charAt(k)) >= 0) {
                        cut = k + 1;
                    }
                }
            }
            if (cut <= 0) {
                cut = room;
            }
            out.add(prefix + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            prefix = " ".repeat(indent);
        }
        out.add(prefix + rest);
        return out;
    }

    private static String block(String head, String text, int indent) {
        StringBuilder sb = new StringBuilder();
        String[] parts = text.split("\n");
        for (int k = 0; k < parts.length; k++) {
            sb.append(k == 0 ? head : " ".repeat(indent)).append(parts[k]).append('\n');
        }
        return sb.toString();
    }
}
