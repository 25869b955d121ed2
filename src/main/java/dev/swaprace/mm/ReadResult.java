package dev.swaprace.mm;

/**
 * What {@code read()} of one index returned: the page's data, zeros from a hole, or an error
 * ({@code shmem_getpage_gfp} in {@code SGP_READ} mode).
 */
public record ReadResult(Kind kind, long data, int error) {
    public enum Kind { DATA, HOLE, ERROR }

    public static ReadResult data(long data) {
        return new ReadResult(Kind.DATA, data, 0);
    }

    public static ReadResult hole() {
        return new ReadResult(Kind.HOLE, 0, 0);
    }

    public static ReadResult error(int error) {
        return new ReadResult(Kind.ERROR, 0, error);
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
