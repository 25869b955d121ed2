package dev.swaprace.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * VarHandles on volatile fields of harness state (the checker's {@code Trace}, the jcstress
 * pool), kept in the object's own field instead of an {@code Atomic*} wrapper: one object less
 * each. The primitives' words are in {@link Words}.
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
