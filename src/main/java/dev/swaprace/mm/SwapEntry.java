package dev.swaprace.mm;

/**
 * {@code SWAP(E)}: the xarray value entry naming swap slot {@code offset}. One instance per
 * slot ({@link SwapInfo#entry}), so the xarray's expected-value checks compare by identity as
 * the kernel compares the encoded value.
 */
public final class SwapEntry {
    private final int offset;

    SwapEntry(int offset) {
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }

    @Override
    public String toString() {
        return "SWAP(" + offset + ")";
    }
}
