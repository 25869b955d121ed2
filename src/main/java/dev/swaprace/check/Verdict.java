package dev.swaprace.check;

/** The three grades of an outcome (DESIGN.md §2). */
public enum Verdict {
    /** A state the kernel is meant to reach. */
    ACCEPTABLE,
    /** A page or slot stranded in the swap cache that reclaim frees (the drain proved it). */
    LEAKED_UNTIL_RECLAIM,
    /** A kernel bug: an invariant of kernel-model.md §5 failed, or a leak survived reclaim. */
    FORBIDDEN
}
