package dev.swaprace.mm;

/** The kernel error codes the modelled paths return (negated, as in the kernel). */
public final class Errno {
    public static final int ENOENT = -2;
    public static final int EIO = -5;
    public static final int ENOMEM = -12;
    public static final int EEXIST = -17;

    private Errno() {
    }

    public static String name(int err) {
        return switch (err) {
            case 0 -> "0";
            case ENOENT -> "ENOENT";
            case EIO -> "EIO";
            case ENOMEM -> "ENOMEM";
            case EEXIST -> "EEXIST";
            default -> Integer.toString(err);
        };
    }
}
