package dev.swaprace.mm;

/**
 * {@code SWAP(E)}: the xarray value entry naming swap slot {@code offset}. One instance per
 * slot ({@link SwapInfo#entry}), so the xarray's expected-value checks compare by identity as
 * the kernel compares the encoded value.
 */
public final class SwapEntry {
    /** Immutable values, so every machine shares them: one object less per slot per machine. */
    private static final SwapEntry[] SHARED = new SwapEntry[64];

    static {
        for (int i = 0; i < SHARED.length; i++) {
            SHARED[i] = new SwapEntry(i);
        }
    }

    private final int offset;

    private SwapEntry(int offset) {
        this.offset = offset;
    }

    /** {@code SWAP(offset)}. */
    static SwapEntry of(int offset) {
        return offset < SHARED.length ? SHARED[offset] : new SwapEntry(offset);
    }

    public int offset() {
        return offset;
    }

    @Override
    public String toString() {
        return "SWAP(" + offset + ")";
    }
}
