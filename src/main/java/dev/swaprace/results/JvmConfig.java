package dev.swaprace.results;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A JVM configuration of a jcstress test: the JVM arguments of the fork, the compilation of
 * each actor, and the scheduling class. Forks of one configuration are merged, as jcstress's
 * own {@code ReportUtils.mergedByConfig} does. The random {@code -XX:StressSeed=N} jcstress
 * adds to each C2-stress fork is not part of the identity: it differs in every fork and run,
 * and keeping it would make every fork its own configuration and runs impossible to compare.
 *
 * @param jvmArgs     the fork's JVM arguments, without {@code -XX:StressSeed}
 * @param compilation {@code unified} or {@code split actor1=C2 actor2=Interpreter}
 * @param scheduling  the scheduling class, e.g. {@code (PG 0, CG 0), (PG 0, CG 1)}
 */
public record JvmConfig(List<String> jvmArgs, String compilation, String scheduling) implements Comparable<JvmConfig> {

    public JvmConfig {
        jvmArgs = jvmArgs.stream().filter(a -> !a.startsWith("-XX:StressSeed=")).collect(Collectors.toUnmodifiableList());
    }

    /** One line: {@code [-XX:+UseBiasedLocking] split actor1=C2 actor2=C1}. */
    public String label() {
        return jvmArgs + " " + compilation;
    }

    @Override
    public int compareTo(JvmConfig o) {
        int c = 0;
        for (int i = 0; c == 0 && i < Math.min(jvmArgs.size(), o.jvmArgs.size()); i++) {
            c = jvmArgs.get(i).compareTo(o.jvmArgs.get(i));
        }
        if (c == 0) {
            c = Integer.compare(jvmArgs.size(), o.jvmArgs.size());
        }
        if (c == 0) {
            c = compilation.compareTo(o.compilation);
        }
        return c != 0 ? c : scheduling.compareTo(o.scheduling);
    }
}
