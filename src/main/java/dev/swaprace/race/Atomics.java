package dev.swaprace.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * VarHandles on the volatile word fields of the primitives. A primitive keeps its word in its
 * own field instead of wrapping an {@code Atomic*}: a jcstress sample builds dozens of
 * primitives, and each wrapper was one more object to allocate.
 */
public final class Atomics {
    private Atomics() {
    }

    /** The VarHandle of field {@code name} of the class that owns {@code lookup}. */
    public static VarHandle field(MethodHandles.Lookup lookup, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
