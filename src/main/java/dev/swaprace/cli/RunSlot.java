package dev.swaprace.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The jcstress run a command has in progress, and whether the command was told to stop (Ctrl-C,
 * from a shutdown hook). One per command that runs jcstress ({@code run}, {@code hunt},
 * {@code mutants}, {@code bench}): the one place where a stop kills the run in progress and any
 * run started after it, so that the blobs of the runs already finished are kept and no new run
 * begins. What it starts dies with this JVM however the JVM ends, SIGKILL included
 * ({@link JcstressProcess}).
 */
final class RunSlot {
    private volatile boolean stopped;
    private volatile JcstressProcess current;

    /** Stop: kill the run in progress, and every run started from now on. Safe from a shutdown hook. */
    void stop() {
        stopped = true;
        JcstressProcess p = current;
        if (p != null) {
            p.kill();
        }
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Start {@code command} in {@code dir} (every output line to {@code log} and to {@code lines}),
     * wait for it at most {@code limit}, and return it ended ({@link JcstressProcess#end()}). A
     * stop kills it; so does a stop that came between the caller's check and this start.
     */
    JcstressProcess run(List<String> command, Path dir, Path log, Consumer<String> lines, Duration limit)
            throws IOException, InterruptedException {
        JcstressProcess p = JcstressProcess.start(command, dir, log, lines);
        current = p;
        if (stopped) {
            p.kill();
        }
        try {
            p.await(limit);
        } finally {
            current = null;
        }
        return p;
    }
}
