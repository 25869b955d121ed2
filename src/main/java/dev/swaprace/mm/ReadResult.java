package dev.swaprace.mm;

/**
 * What {@code read()} of one index returned: the page's data, zeros from a hole, or an error
 * ({@code shmem_getpage_gfp} in {@code SGP_READ} mode).
 */
public record ReadResult(Kind kind, long data, int error) {
    public enum Kind { DATA, HOLE, ERROR }

    // Values, so shared: a jcstress sample that reads a hole or an errno allocates no result.
    private static final ReadResult HOLE = new ReadResult(Kind.HOLE, 0, 0);
    private static final ReadResult[] ERRORS = new ReadResult[64];

    static {
        for (int e = 0; e < ERRORS.length; e++) {
            ERRORS[e] = new ReadResult(Kind.ERROR, 0, -e);
        }
    }

    public static ReadResult data(long data) {
        return new ReadResult(Kind.DATA, data, 0);
    }

    public static ReadResult hole() {
        return HOLE;
    }

    public static ReadResult error(int error) {
        return error <= 0 && -error < ERRORS.length ? ERRORS[-error] : new ReadResult(Kind.ERROR, 0, error);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DATA -> "DATA(" + Long.toHexString(data) + ")";
            case HOLE -> "HOLE";
            case ERROR -> Errno.name(error);
        };
    }
}
