package dev.swaprace.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** jcstress command-line options as {@code -name [value]} groups. */
public final class JcstressOptions {
    /** Options whose value is JVM options, so usually starts with {@code -} itself. */
    private static final Set<String> JVM_ARGS = Set.of("jvmArgs", "jvmArgsPrepend");

    private JcstressOptions() {
    }

    /**
     * {@code base} with every option that {@code overrides} also names replaced by the override
     * (jcstress rejects an option given twice), then the overrides' new options, in order.
     * An option is a word starting with {@code -} ({@code -iters} and {@code --iters} are the same);
     * the word after it is its value unless it starts with {@code -} too, except after
     * {@code -jvmArgs} and {@code -jvmArgsPrepend}, whose value always follows.
     */
    public static List<String> override(List<String> base, List<String> overrides) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (List<String> source : List.of(base, overrides)) {
            for (List<String> g : groups(source)) {
                groups.put(name(g.get(0)), g);
            }
        }
        List<String> out = new ArrayList<>();
        groups.values().forEach(out::addAll);
        return out;
    }

    private static List<List<String>> groups(List<String> words) {
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("-")) {
                throw new IllegalArgumentException("jcstress option expected, got '" + w + "' in " + words);
            }
            if (i + 1 < words.size() && (!words.get(i + 1).startsWith("-") || JVM_ARGS.contains(name(w)))) {
                groups.add(List.of(w, words.get(++i)));
            } else {
                groups.add(List.of(w));
            }
        }
        return groups;
    }

    private static String name(String option) {
        return option.replaceFirst("^-+", "");
    }
}
