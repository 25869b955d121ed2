package dev.swaprace.campaign;

import dev.swaprace.race.DelayHook;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.Scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings a hunt cycles through: window amplification x jcstress spin style x affinity x
 * compilation mode, each setting one jcstress invocation per round.
 */
public final class HuntSettings {
    /** {@code --delays off}: no amplification. */
    static final String OFF = "off";

    /**
     * Amplification of the swapin's locked window (L7/L8): between S.4 (the page is locked and
     * confirmed) and S.9 (the page replaces SWAP(E) in i_pages). A punch whose trylock lands here
     * finds the page locked by the swapin and strands it (V58A, V58B, V58) or is cleaned up (V57).
     * S.6 is passed by every variant (wait_on_page_writeback), S.9 just before the cmpxchg.
     */
    public static final String SWAPIN_WINDOW = "S.6=1000-10000,S.9=1000-10000";
    /**
     * Amplification of the read-IO window (L5/L17): the page stays locked for IO until the end of
     * {@code end_swap_bio_read} (IO.r), where readahead or a swapin leaves it for the punch's trylock.
     */
    public static final String IO_WINDOW = "IO.r=1000-10000";

    /** jcstress 0.16 {@code -spinStyle} values ({@code SpinLoopStyle}). */
    static final List<String> SPIN_STYLES = List.of("THREAD_SPIN_WAIT", "HARD", "THREAD_YIELD", "LOCKSUPPORT_PARK_NANOS");
    /** jcstress 0.16 {@code -af} values ({@code AffinityMode}); LOCAL is jcstress's default. */
    static final List<String> AFFINITIES = List.of("LOCAL", "GLOBAL", "NONE");

    /**
     * Compilation modes. jcstress 0.16 has one knob of its own, split compilation ({@code -sc}:
     * each actor compiled by its own compiler, interpreter/C1/C2, 3^actors JVM configurations);
     * the unified modes are HotSpot flags in {@code -jvmArgs} with {@code -sc false}.
     */
    enum Compile {
        TIERED("tiered", List.of(), "HotSpot's default tiered compilation, all actors alike"),
        INT("int", List.of("-Xint"), "interpreter only"),
        C1("c1", List.of("-XX:TieredStopAtLevel=1"), "C1 only"),
        C2("c2", List.of("-XX:-TieredCompilation"), "C2 only"),
        C2STRESS("c2stress", List.of("-XX:-TieredCompilation", "-XX:+UnlockDiagnosticVMOptions", "-XX:+StressLCM",
                "-XX:+StressGCM", "-XX:+StressIGVN", "-XX:+StressCCP"), "C2 with randomized scheduling (jcstress's C2 stress flags)"),
        SPLIT("split", List.of(), "jcstress split compilation: each actor in interpreter, C1 or C2 (3^actors JVM configurations per round)");

        final String label;
        final List<String> flags;
        final String description;

        Compile(String label, List<String> flags, String description) {
            this.label = label;
            this.flags = flags;
            this.description = description;
        }

        static Compile of(String s) {
            for (Compile c : values()) {
                if (c.label.equalsIgnoreCase(s.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("--compile: unknown mode '" + s + "' (known: "
                    + java.util.Arrays.stream(values()).map(c -> c.label).collect(Collectors.joining(", ")) + ")");
        }
    }

    /**
     * One setting.
     *
     * @param delays   a delay spec ({@link DelayHook}), or null for no amplification
     * @param spin     jcstress {@code -spinStyle}
     * @param affinity jcstress {@code -af}
     * @param compile  compilation mode
     */
    record Setting(String delays, String spin, String affinity, Compile compile) {
        /** {@code delays=S.6=1000-10000,... spin=HARD af=LOCAL compile=c2}. */
        String label() {
            return "delays=" + (delays == null ? OFF : delays) + " spin=" + spin + " af=" + affinity
                    + " compile=" + compile.label;
        }

        /** Short label for the live line. */
        String shortLabel() {
            return (delays == null ? "no delays" : "delays") + ", " + spin.toLowerCase(Locale.ROOT) + ", "
                    + affinity.toLowerCase(Locale.ROOT) + ", " + compile.label;
        }

        /**
         * The jcstress options of a round of this setting (setting number {@code n}, from 1). The JVM
         * arguments always go in {@code -jvmArgs}, which turns off jcstress's own configuration
         * matrix: the forks then run exactly this setting (on JDK 17 twice, biased locking on and
         * off). They carry {@code -Dswaprace.hunt.setting=n}, so the blob's JVM arguments name the
         * setting, and the delays, so every report shows them.
         */
        List<String> jcstressOptions(int n) {
            List<String> jvm = new ArrayList<>();
            jvm.add("-Dswaprace.hunt.setting=" + n);
            if (delays != null) {
                jvm.add("-D" + DelayHook.PROPERTY + "=" + delays);
            }
            jvm.addAll(compile.flags);
            return List.of("-spinStyle", spin, "-af", affinity, "-sc", Boolean.toString(compile == Compile.SPLIT),
                    "-jvmArgs", String.join(" ", jvm));
        }
    }

    private HuntSettings() {
    }

    /**
     * The settings matrix: every combination, the delays varying fastest, then spin style,
     * affinity and compilation mode, so consecutive rounds differ first in amplification.
     */
    static List<Setting> matrix(List<String> delays, List<String> spins, List<String> affinities, List<Compile> compiles) {
        List<Setting> out = new ArrayList<>();
        for (Compile c : compiles) {
            for (String a : affinities) {
                for (String s : spins) {
                    for (String d : delays) {
                        out.add(new Setting(d, s, a, c));
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code --delays} values: a spec is checked and normalized (no spaces), {@code off} is null;
     * duplicates are dropped.
     */
    static List<String> delays(Collection<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String g : given) {
            if (g == null || g.isBlank() || g.trim().equalsIgnoreCase(OFF)) {
                out.add(null);
            } else {
                try {
                    out.add(DelayHook.parse(g).spec());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--delays '" + g + "': " + e.getMessage());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The default amplification set for {@code scenarios}: off, then the swapin window if a
     * swapin actor runs, then the read-IO window if a readahead actor runs. A configuration's own
     * {@code delays} is added after off.
     */
    static List<String> defaultDelays(Collection<Scenario> scenarios, String configDelays) {
        List<String> d = new ArrayList<>();
        d.add(OFF);
        if (configDelays != null && !configDelays.isBlank()) {
            d.add(configDelays);
        }
        Set<Actor> actors = scenarios.stream().flatMap(s -> s.actors().stream()).collect(Collectors.toSet());
        if (actors.contains(Actor.S) || actors.contains(Actor.S2)) {
            d.add(SWAPIN_WINDOW);
        }
        if (actors.contains(Actor.RA)) {
            d.add(IO_WINDOW);
        }
        return delays(d);
    }

    /** Checked, upper-cased choices from {@code known}; {@code what} names the option. */
    static List<String> choices(String what, Collection<String> given, List<String> known) {
        Set<String> out = new LinkedHashSet<>();
        for (String g : given) {
            String u = g.trim().toUpperCase(Locale.ROOT);
            if (!known.contains(u)) {
                throw new IllegalArgumentException(what + ": unknown value '" + g + "' (known: "
                        + String.join(", ", known) + ")");
            }
            out.add(u);
        }
        return new ArrayList<>(out);
    }

    static List<Compile> compiles(Collection<String> given) {
        Set<Compile> out = new LinkedHashSet<>();
        given.forEach(g -> out.add(Compile.of(g)));
        return new ArrayList<>(out);
    }
}
