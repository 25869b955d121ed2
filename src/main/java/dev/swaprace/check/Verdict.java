package dev.swaprace.check;

import org.openjdk.jcstress.annotations.Expect;

import java.util.Optional;

/**
 * The three grades of an outcome (docs/design.md §2), the one verdict enum of every driver and
 * report. Each is one of jcstress's expectations, which is how the suite declares it and how
 * jcstress grades it: the generated {@code @Outcome}s use {@link #expect()}, and a foreign
 * test's jcstress grade reads back through {@link #of(Expect)}.
 */
public enum Verdict {
    /** A state the kernel is meant to reach: jcstress {@code ACCEPTABLE}. */
    ACCEPTABLE(Expect.ACCEPTABLE),
    /**
     * A page or slot stranded in the swap cache that reclaim frees (the drain proved it): jcstress
     * {@code ACCEPTABLE_INTERESTING}, acceptable but worth a look.
     */
    LEAKED_UNTIL_RECLAIM(Expect.ACCEPTABLE_INTERESTING),
    /** A kernel bug: an invariant of docs/kernel-model.md §5 failed, or a leak survived reclaim: jcstress {@code FORBIDDEN}. */
    FORBIDDEN(Expect.FORBIDDEN);

    private final Expect expect;

    Verdict(Expect expect) {
        this.expect = expect;
    }

    /** The jcstress expectation this verdict is declared as. */
    public Expect expect() {
        return expect;
    }

    /** The verdict a jcstress expectation grades as; none for {@code UNKNOWN} (jcstress fails the test). */
    public static Optional<Verdict> of(Expect e) {
        for (Verdict v : values()) {
            if (v.expect == e) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
