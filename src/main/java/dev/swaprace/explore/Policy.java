package dev.swaprace.explore;

/**
 * Decides, at every state of an execution, which actor runs next. Called by whichever thread
 * holds the baton (never concurrently), with every unfinished actor paused at a race point.
 */
interface Policy {

    /** A new execution starts from the initial state. */
    void beginExecution();

    /**
     * @param engine  the paused execution: {@link Engine#pending}, {@link Engine#eventCount} ...
     * @param enabled bit i set if actor i can perform its pending step now
     * @return the actor to run, or -1 to end the execution here (no actor enabled: a deadlock;
     *         otherwise the policy prunes it)
     */
    int choose(Engine engine, long enabled);

    /** The execution ended (before it is graded); {@link Engine#pending} still shows who stood where. */
    default void ended(Engine engine, Execution.End end) {
    }
}
