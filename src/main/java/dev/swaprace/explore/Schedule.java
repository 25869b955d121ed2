package dev.swaprace.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A schedule in a form a user can copy: which subject, which actor performs each race point in
 * turn, and the choice answers that differ from the subject's fixed ones.
 *
 * <pre>
 *   SwapinVsPunch@V58:S*17.P*9.S*14
 *   SwapinVsPunch@V57:S*21.P*13.S*6:S.charge0=fail
 * </pre>
 *
 * Steps are runs {@code LABEL*COUNT} ({@code *1} may be left out), joined by dots; choices are
 * {@code LABEL.KIND N=ok|fail} (kind {@code charge} or {@code io}, N counted from 0 per actor and
 * kind), joined by commas. The actors' start (each runs, in order, up to its first race point)
 * is the same for every schedule and is not written.
 */
public final class Schedule {
    private final Subject subject;
    private final int[] actors;
    private final Map<ChoicePlan.Key, Boolean> choices;

    Schedule(Subject subject, int[] actors, Map<ChoicePlan.Key, Boolean> choices) {
        this.subject = subject;
        this.actors = actors.clone();
        this.choices = Map.copyOf(choices);
    }

    static Schedule of(Subject subject, Execution e) {
        return new Schedule(subject, e.actorSequence(), e.choices.flipped());
    }

    public Subject subject() {
        return subject;
    }

    int[] actors() {
        return actors.clone();
    }

    Map<ChoicePlan.Key, Boolean> choices() {
        return choices;
    }

    public int length() {
        return actors.length;
    }

    @Override
    public String toString() {
        List<String> labels = subject.actorLabels();
        StringBuilder sb = new StringBuilder(subject.id()).append(':');
        for (int i = 0; i < actors.length; ) {
            int j = i;
            while (j < actors.length && actors[j] == actors[i]) {
                j++;
            }
            if (i > 0) {
                sb.append('.');
            }
            sb.append(labels.get(actors[i]));
            if (j - i > 1) {
                sb.append('*').append(j - i);
            }
            i = j;
        }
        if (!choices.isEmpty()) {
            List<String> tokens = new ArrayList<>();
            for (Map.Entry<ChoicePlan.Key, Boolean> c : new TreeMap<>(choices).entrySet()) {
                ChoicePlan.Key k = c.getKey();
                tokens.add(labels.get(k.actor()) + "." + k.kind().token + k.nth() + "=" + (c.getValue() ? "ok" : "fail"));
            }
            sb.append(':').append(String.join(",", tokens));
        }
        return sb.toString();
    }

    /**
     * Parse {@code text}; {@code subjects} turns the subject id into a subject (throwing
     * IllegalArgumentException for an unknown one).
     */
    public static Schedule parse(String text, Function<String, Subject> subjects) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[1].isEmpty()) {
            throw new IllegalArgumentException("not a schedule (SUBJECT:STEPS[:CHOICES]): '" + text + "'");
        }
        Subject subject = subjects.apply(parts[0]);
        List<String> labels = subject.actorLabels();
        List<Integer> seq = new ArrayList<>();
        for (String run : parts[1].split("\\.")) {
            int star = run.indexOf('*');
            String label = star < 0 ? run : run.substring(0, star);
            int actor = actorIndex(labels, label, text);
            int count;
            try {
                count = star < 0 ? 1 : Integer.parseInt(run.substring(star + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad step count in '" + run + "'");
            }
            if (count < 1) {
                throw new IllegalArgumentException("bad step count in '" + run + "'");
            }
            for (int i = 0; i < count; i++) {
                seq.add(actor);
            }
        }
        Map<ChoicePlan.Key, Boolean> choices = new TreeMap<>();
        if (parts.length == 3 && !parts[2].isEmpty()) {
            for (String token : parts[2].split(",")) {
                int eq = token.indexOf('=');
                int dot = token.indexOf('.');
                if (eq < 0 || dot < 0 || dot > eq) {
                    throw new IllegalArgumentException("bad choice '" + token + "' (LABEL.KINDn=ok|fail)");
                }
                int actor = actorIndex(labels, token.substring(0, dot), text);
                String kn = token.substring(dot + 1, eq);
                int digits = kn.length();
                while (digits > 0 && Character.isDigit(kn.charAt(digits - 1))) {
                    digits--;
                }
                if (digits == kn.length()) {
                    throw new IllegalArgumentException("bad choice '" + token + "': no index");
                }
                ChoicePlan.Kind kind = ChoicePlan.Kind.byToken(kn.substring(0, digits));
                String v = token.substring(eq + 1);
                if (!v.equals("ok") && !v.equals("fail")) {
                    throw new IllegalArgumentException("bad choice '" + token + "': ok or fail");
                }
                choices.put(new ChoicePlan.Key(actor, kind, Integer.parseInt(kn.substring(digits))), v.equals("ok"));
            }
        }
        return new Schedule(subject, seq.stream().mapToInt(Integer::intValue).toArray(), choices);
    }

    private static int actorIndex(List<String> labels, String label, String text) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("no actor '" + label + "' in " + labels + " (schedule '" + text + "')");
        }
        return i;
    }
}
