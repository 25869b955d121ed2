package dev.swaprace.scenario;

import dev.swaprace.mm.Mm;
import dev.swaprace.mm.Mutant;
import dev.swaprace.mm.Variant;
import dev.swaprace.race.RaceHook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A machine copied from a template ({@code Scenario.setUp}), and one recycled after a run
 * ({@link Run#reset}), equal field by field, over the whole object graph, a machine freshly
 * driven into the initial state through the kernel paths ({@code Initial.build}): for every
 * scenario, variant and mutant.
 */
class InitialCopyTest {
    /** Not state: the recycled machine's pages of earlier runs, kept for reuse. */
    private static final List<String> SKIPPED = List.of("pagesById");

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void copiedAndRecycledMachinesEqualOneBuiltThroughTheKernelPaths(Scenario s) {
        for (Variant v : Variant.values()) {
            check(s, v, null, s.setUp(v, RaceHook.NONE));
        }
        for (Mutant m : Mutant.values()) {
            check(s, m.base(), m, s.setUp(m, RaceHook.NONE));
        }
    }

    private static void check(Scenario s, Variant v, Mutant m, Run run) {
        String what = s + " " + v + (m == null ? "" : " " + m);
        assertEqual(built(s, v, m), run.mm(), what + " copied");
        for (List<Integer> order : SequentialRunsTest.permutations(s.actors().size())) {
            for (int i : order) {
                run.act(i);
            }
            run.outcome();
            run.reset();
            assertEqual(built(s, v, m), run.mm(), what + " recycled after order " + order);
        }
    }

    private static Mm built(Scenario s, Variant v, Mutant m) {
        Mm mm = s.initial().newMachine(v, m, RaceHook.NONE);
        s.initial().build(mm);
        mm.arm(s.choices());
        return mm;
    }

    private static void assertEqual(Object expected, Object actual, String what) {
        compare(expected, actual, "mm", new IdentityHashMap<>(), what);
    }

    /** Walks both graphs in step; {@code seen} maps each expected object to its counterpart. */
    private static void compare(Object e, Object a, String path, Map<Object, Object> seen, String what) {
        if (e == null || a == null) {
            assertThat(a).as("%s: %s", what, path).isNull();
            assertThat(e).as("%s: %s", what, path).isNull();
            return;
        }
        Class<?> c = e.getClass();
        assertThat(a.getClass()).as("%s: %s class", what, path).isEqualTo(c);
        if (c.isEnum() || e instanceof RaceHook || c.isSynthetic() || c.isAnonymousClass() || c.isPrimitive()
                || e instanceof String || e instanceof Number || e instanceof Boolean || e instanceof Character) {
            assertThat(a).as("%s: %s", what, path).isEqualTo(e);
            return;
        }
        Object known = seen.get(e);
        if (known != null) {
            assertThat(known).as("%s: %s is the counterpart met before", what, path).isSameAs(a);
            return;
        }
        seen.put(e, a);
        if (c.isArray()) {
            assertThat(Array.getLength(a)).as("%s: %s length", what, path).isEqualTo(Array.getLength(e));
            for (int i = 0; i < Array.getLength(e); i++) {
                compare(Array.get(e, i), Array.get(a, i), path + "[" + i + "]", seen, what);
            }
            return;
        }
        if (!c.getPackageName().startsWith("dev.swaprace")) {
            fail("%s: %s: unexpected %s in a machine", what, path, c.getName());
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || SKIPPED.contains(f.getName())) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    compare(f.get(e), f.get(a), path + "." + f.getName(), seen, what);
                } catch (IllegalAccessException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
    }
}
