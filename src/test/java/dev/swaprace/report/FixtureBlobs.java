package dev.swaprace.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real jcstress 0.16 blob of the fixture tests ({@code dev.swaprace.report.fixtures}), made
 * once per build: jcstress runs in a forked JVM ({@code -m sanity -sc false}, about 20 s) with the
 * test classes and the dependency jars on its classpath, so the only {@code META-INF/TestList} it
 * sees is the fixtures'. Then jcstress re-reads the blob ({@code -p}) and its text report is kept
 * beside it, for the tests to check every count against. Both are cached under
 * {@code target/report-fixtures/<digest of the fixture classes>/}. The run is wrapped in
 * a {@code timeout}, as every jcstress run here must.
 */
public final class FixtureBlobs {

    /** The blob and jcstress's own text report of it. */
    public record Fixture(Path blob, String textReport) {
    }

    private static Fixture fixture;

    private FixtureBlobs() {
    }

    public static synchronized Fixture get() {
        if (fixture == null) {
            try {
                fixture = make();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fixture;
    }

    public static Path testClasses() {
        return Path.of("target/test-classes").toAbsolutePath();
    }

    private static Fixture make() throws IOException, InterruptedException {
        Path classes = testClasses();
        Path dir = Path.of("target/report-fixtures", digest(classes.resolve("dev/swaprace/report/fixtures"))).toAbsolutePath();
        Path text = dir.resolve("jcstress-p.txt");
        Path blob = findBlob(dir);
        if (blob != null && Files.isRegularFile(text)) {
            return new Fixture(blob, Files.readString(text));
        }
        Files.createDirectories(dir);
        String cp = classpath(classes);
        List<String> run = command(cp, List.of("-m", "sanity", "-sc", "false", "-t", "^dev\\.swaprace\\.report\\.fixtures\\.",
                "-r", dir.resolve("results").toString()));
        exec(run, dir, dir.resolve("jcstress-run.log"), 600);
        blob = findBlob(dir);
        if (blob == null) {
            throw new IllegalStateException("jcstress wrote no blob in " + dir + "; see jcstress-run.log");
        }
        Path p = dir.resolve("jcstress-p.tmp");
        exec(command(cp, List.of("-p", blob.toString(), "-v", "-r", dir.resolve("results-p").toString())), dir, p, 300);
        Files.move(p, text);
        return new Fixture(blob, Files.readString(text));
    }

    private static List<String> command(String cp, List<String> args) {
        List<String> c = new ArrayList<>(List.of("timeout", "--kill-after=10", "570",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=en", "-Duser.country=US", "-cp", cp, "org.openjdk.jcstress.Main"));
        c.addAll(args);
        return c;
    }

    private static void exec(List<String> cmd, Path dir, Path log, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("jcstress did not finish in " + seconds + " s: " + cmd);
        }
        // jcstress exits 1 when a test fails, and some fixtures fail on purpose
        if (p.exitValue() > 1) {
            throw new IllegalStateException("jcstress exited " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    /** The test classes, then every jar of this JVM's classpath: no other TestList. */
    private static String classpath(Path classes) {
        List<String> parts = new ArrayList<>();
        parts.add(classes.toString());
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && !e.contains("surefire")) {
                parts.add(e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    private static Path findBlob(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().matches("jcstress-results-.*\\.bin\\.gz")).findFirst().orElse(null);
        }
    }

    private static String digest(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
