package dev.swaprace.check;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The outcomes seen so far, interned: a run has a handful of distinct outcomes and millions of
 * samples, and jcstress hashes and compares every sample's outcome string. The checker builds
 * an outcome in a per-thread buffer; a seen outcome comes back as the one {@link Interned}
 * (same {@code String} instance, hash cached) without allocating. Lookups are lock-free on an
 * immutable table, replaced by a larger copy when an outcome is new (rare).
 */
public final class Outcomes {
    /** Beyond this many distinct outcomes, new ones are no longer interned (only slower). */
    private static final int MAX = 4096;
    private static final VarHandle TABLE;
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(128));

    static {
        try {
            TABLE = MethodHandles.lookup().findStaticVarHandle(Outcomes.class, "table", Interned[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Open addressing, power-of-two size, at most half full. */
    private static volatile Interned[] table = new Interned[64];

    private Outcomes() {
    }

    /** An outcome and its jcstress id ({@code outcome.toString()}), built once. */
    public record Interned(Outcome outcome, String id) {
    }

    /** The calling thread's buffer, emptied: {@link Checker} writes an outcome id into it. */
    static StringBuilder builder() {
        StringBuilder b = BUFFER.get();
        b.setLength(0);
        return b;
    }

    /** The outcome whose id is {@code id}, its code starting at {@code codeStart}, interned. */
    static Interned intern(CharSequence id, int codeStart, Verdict verdict) {
        int hash = hash(id);
        Interned[] t = table;
        int mask = t.length - 1;
        for (int i = hash & mask; t[i] != null; i = (i + 1) & mask) {
            Interned e = t[i];
            if (e.id.hashCode() == hash && e.id.contentEquals(id)) {
                return e;
            }
        }
        String s = id.toString();
        Interned fresh = new Interned(new Outcome(verdict, s.substring(codeStart)), s);
        add(fresh);
        return fresh;
    }

    /** {@link String#hashCode()} of {@code s}, without making a string. */
    private static int hash(CharSequence s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private static void add(Interned e) {
        while (true) {
            Interned[] t = table;
            int size = 0;
            for (Interned x : t) {
                if (x != null) {
                    if (x.id.equals(e.id)) {
                        return;   // another thread added it
                    }
                    size++;
                }
            }
            if (size >= MAX) {
                return;
            }
            Interned[] bigger = new Interned[2 * (size + 1) > t.length ? 2 * t.length : t.length];
            for (Interned x : t) {
                if (x != null) {
                    put(bigger, x);
                }
            }
            put(bigger, e);
            if (TABLE.compareAndSet(t, bigger)) {
                return;
            }
        }
    }

    private static void put(Interned[] t, Interned e) {
        int mask = t.length - 1;
        int i = e.id.hashCode() & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = e;
    }
}
