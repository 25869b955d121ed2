package dev.swaprace.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) for the commands that drive jcstress ({@code run}, {@code hunt},
 * {@code mutants}, {@code bench}): the JVM's shutdown hook stops the work in progress, then holds the exit until
 * the command has written and printed what it collected, so an interrupted run loses nothing
 * already finished.
 */
final class OnInterrupt {
    private OnInterrupt() {
    }

    /**
     * Run {@code work}; if the JVM starts shutting down meanwhile, call {@code stop} (kill the
     * jcstress process, mark the run interrupted) and wait up to {@code grace} for {@code work}
     * to return.
     */
    static <T> T guard(String name, Runnable stop, Duration grace, Callable<T> work) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            stop.run();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.call();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }
}
