package dev.swaprace.results;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * What one blob says about its run: where it came from and the environment jcstress recorded.
 *
 * @param input       the file and its host/run labels
 * @param sha256      the file's digest; the same blob given twice would double-count
 * @param environment the JVM and OS system properties jcstress records per fork
 * @param flags       jcstress settings recorded in every fork ({@code time}, {@code iters},
 *                    {@code strideSize}, {@code strideCount}, {@code spinStyle}, {@code footprintMB}: the
 *                    state footprint cap, a quarter of {@code -hs})
 * @param cpus        the CPUs jcstress pinned actors to (a lower bound of the host's CPUs)
 * @param tests       test names with results in this blob
 * @param forks       fork results in the blob
 * @param samples     samples in the blob
 * @param truncated   the blob's gzip stream ends early (a killed run) and it was read up to the
 *                    damage because the caller accepted that; its last fork may be missing
 */
public record RunInfo(BlobInput input, String sha256, Map<String, String> environment, Map<String, String> flags,
                      SortedSet<Integer> cpus, List<String> tests, int forks, long samples, boolean truncated) {

    public String host() {
        return input.host();
    }

    public String run() {
        return input.run();
    }
}
