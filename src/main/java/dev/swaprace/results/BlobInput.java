package dev.swaprace.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One jcstress result blob and the labels it is merged under. A campaign merges blobs from
 * many hosts and runs; the blob itself does not name its host (jcstress records JVM and OS
 * properties only), so the host is a label given with the file.
 *
 * @param path the {@code jcstress-results-*.bin.gz} file
 * @param host the host label, {@code "-"} when not given
 * @param run  the run label; by default the timestamp in the file name
 */
public record BlobInput(Path path, String host, String run) {

    public static final String NO_HOST = "-";
    private static final Pattern LABELLED = Pattern.compile("([A-Za-z0-9._-]+)(?::([A-Za-z0-9._-]+))?=(.+)");

    public BlobInput {
        if (host == null || host.isBlank()) {
            host = NO_HOST;
        }
        if (run == null || run.isBlank()) {
            run = defaultRun(path);
        }
    }

    public static BlobInput of(Path path) {
        return new BlobInput(path, null, null);
    }

    /**
     * Parses {@code [HOST[:RUN]=]PATH}, e.g. {@code box7=results/jcstress-results-....bin.gz} or
     * {@code box7:nightly-12=blob.bin.gz}. An argument that names an existing file is a plain
     * path even if it contains {@code =}.
     */
    public static BlobInput parse(String arg) {
        Matcher m = LABELLED.matcher(arg);
        if (!Files.exists(Path.of(arg)) && m.matches()) {
            return new BlobInput(Path.of(m.group(3)), m.group(1), m.group(2));
        }
        return of(Path.of(arg));
    }

    /** {@code jcstress-results-2026-11-25-21-30-52.bin.gz} runs as {@code 2026-11-25-21-30-52}. */
    static String defaultRun(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        name = name.replaceFirst("\\.bin\\.gz$", "").replaceFirst("\\.gz$", "");
        name = name.replaceFirst("^jcstress-results-", "");
        return name.isEmpty() ? "run" : name;
    }
}
