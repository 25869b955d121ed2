package dev.swaprace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code swaprace hunt} on the built shaded jar, with real jcstress rounds of SwapinVsPunch.V58
 * (about 20 s a round on 2 cores): a hunt that finds its target, and one stopped by Ctrl-C.
 */
class HuntIT {
    private static final long LIMIT_SECONDS = 180;
    private static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    private record Hunt(Process process, List<String> lines, Thread pump) {
    }

    private static Hunt start(Path out, String... args) throws IOException {
        Path jar = BASE.resolve("target/jcstress.jar");
        assertThat(jar).as("the shaded suite jar (mvn package)").exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), "dev.swaprace.cli.Main", "hunt", "-t", "SwapinVsPunch\\.V58$",
                "--spin-style", "THREAD_SPIN_WAIT", "--compile", "tiered", "--round", "100ms", "-o", out.toString()));
        Collections.addAll(cmd, args);
        Process p = new ProcessBuilder(cmd).directory(BASE.toFile()).redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("[hunt] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // process gone
            }
        });
        pump.start();
        return new Hunt(p, lines, pump);
    }

    private static int await(Hunt h) throws InterruptedException {
        if (!h.process().waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            h.process().descendants().forEach(ProcessHandle::destroyForcibly);
            h.process().destroyForcibly();
            throw new AssertionError("the hunt did not end within " + LIMIT_SECONDS + " s");
        }
        h.pump().join(5000);
        return h.process().exitValue();
    }

    @Test
    void findsTheL7StrandingAndWritesEverything() throws Exception {
        Path out = BASE.resolve("target/hunt-it/found");
        deleteRecursively(out);
        Hunt h = start(out, "--delays", "off", "--target", "^LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN[+;]", "--budget", "2m");
        int code = await(h);
        String all = String.join("\n", h.lines());
        assertThat(code).as(all).isZero();
        assertThat(all).contains("round 1 done (ok").contains("FIRST ^LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN[+;]")
                .contains("Hunt finished").contains("Stopped: every target observed");
        JsonNode doc = new ObjectMapper().readTree(out.resolve("hunt.json").toFile());
        assertThat(doc.get("state").asText()).isEqualTo("finished");
        assertThat(doc.get("targets").get(0).get("hit").asBoolean()).isTrue();
        assertThat(doc.get("targets").get(0).get("first").get("outcome").asText()).startsWith("LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN");
        assertThat(doc.get("rounds")).hasSize(1);
        assertThat(doc.get("rounds").get(0).get("tests").get(0).get("samples").asLong()).isPositive();
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("Targets").contains("Settings");
        try (Stream<Path> s = Files.list(out.resolve("rounds/001"))) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.matches("jcstress-results-.*\\.bin\\.gz")).contains("jcstress.log", "command.txt");
        }
    }

    @Test
    void ctrlCKeepsTheFinishedRoundsAndExits130() throws Exception {
        Path out = BASE.resolve("target/hunt-it/interrupted");
        deleteRecursively(out);
        Hunt h = start(out, "--delays", "off", "--target", "^NEVER", "--budget", "2m");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (h.lines().stream().noneMatch(l -> l.contains("round 2, setting"))) {
            assertThat(h.process().isAlive()).as(String.join("\n", h.lines())).isTrue();
            assertThat(System.nanoTime()).as("round 2 did not start").isLessThan(deadline);
            Thread.sleep(200);
        }
        Thread.sleep(2000);   // inside round 2's jcstress run
        new ProcessBuilder("kill", "-INT", Long.toString(h.process().pid())).start().waitFor();
        int code = await(h);
        String all = String.join("\n", h.lines());
        assertThat(code).as(all).isEqualTo(130);
        assertThat(all).contains("Hunt interrupted").contains("Stopped: interrupted");
        JsonNode doc = new ObjectMapper().readTree(out.resolve("hunt.json").toFile());
        assertThat(doc.get("state").asText()).isEqualTo("interrupted");
        assertThat(doc.get("rounds").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(doc.get("totalSamples").asLong()).isPositive();
        assertThat(Files.readString(out.resolve("summary.txt"))).contains("Hunt interrupted");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> String.join(" ", a)
                .contains(out.toString())).orElse(false)).count()).as("jcstress processes left").isZero();
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
