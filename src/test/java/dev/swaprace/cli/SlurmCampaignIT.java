package dev.swaprace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slurm recipe on a real Slurm: a one-node cluster on this machine
 * ({@code scripts/fleet/local-slurm}: Debian's slurm-wlm and munge, as root), the {@code ci}
 * config as a two-task job array of {@code scripts/fleet/slurm-campaign.sbatch}, submitted as a
 * user would, then {@code scripts/fleet/merge-campaign}. A whole campaign: every test of the
 * config once in the merged report, its samples the sum of the shards' own reports, exit 0.
 * A campaign whose second shard's swaprace is SIGKILLed after its first test (the OOM killer, a
 * lost node): the merge reports the lost test NOT RUN and exits 1, every finished test keeps its
 * samples, and no jcstress JVM of the killed shard is left.
 */
class SlurmCampaignIT {
    private static final Path CONFIG = JarRun.BASE.resolve("stress-configs/ci.yaml");
    private static final Path ROOT = JarRun.BASE.resolve("target/slurm-it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FINISHED = Pattern.compile("^\\[ 1/\\d+\\] (\\S+)\\s+OK\\s+([\\d,]+) samples");

    /** The cluster: local-slurm holding it up until its stdin ends. */
    private static JarRun cluster;
    private static Map<String, String> slurmEnv;

    @BeforeAll
    static void clusterUp() throws Exception {
        JarRun.deleteRecursively(ROOT);
        Files.createDirectories(ROOT);
        cluster = JarRun.holding("local-slurm", List.of(JarRun.BASE.resolve("scripts/fleet/local-slurm").toString(),
                "bash", "-c", "echo \"SLURM_CONF=$SLURM_CONF\"; read -r _ || true"), Map.of());
        assertThat(cluster.awaitLine(l -> l.startsWith("SLURM_CONF="), 120))
                .as("a one-node Slurm cluster from scripts/fleet/local-slurm:\n%s", cluster.output()).isTrue();
        String conf = cluster.lines.stream().filter(l -> l.startsWith("SLURM_CONF=")).findFirst().orElseThrow()
                .substring("SLURM_CONF=".length());
        slurmEnv = Map.of("SLURM_CONF", conf);
    }

    @AfterAll
    static void clusterDown() throws Exception {
        if (cluster != null) {
            cluster.release();
            assertThat(cluster.await(60)).as("local-slurm's exit status:\n%s", cluster.output()).isZero();
        }
    }

    @Test
    void aWholeCampaignMergesEveryTestOnceWithTheShardsSamples() throws Exception {
        Path dir = Files.createDirectories(ROOT.resolve("whole"));
        // as a user would, from the checkout; the console of each task lands in the campaign folder
        int sbatch = run("sbatch", 900, campaignEnv(dir), "sbatch", "--wait", "--array=0-1",
                "--output=" + dir.resolve("slurm-%A_%a.out"), "scripts/fleet/slurm-campaign.sbatch");
        assertThat(sbatch).as("sbatch --wait: the array's highest exit status").isZero();
        JarRun merge = JarRun.start("merge", List.of("scripts/fleet/merge-campaign", dir.toString()), Map.of());
        assertThat(merge.await(300)).as("merge-campaign:\n%s", merge.output()).isZero();
        assertThat(merge.output()).contains("merge-campaign: 2 shards (0 unfinished), 4 tests, 2 blobs");

        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        List<String> expected = JarRun.expectedTests(CONFIG);
        assertThat(testNames(report)).as("tests of the merged report").containsExactlyInAnyOrderElementsOf(expected);
        long shards = 0;
        for (int i = 0; i < 2; i++) {
            // each shard's own run wrote its report: the merge must add up to them
            JsonNode shard = JSON.readTree(dir.resolve("shard-" + i + "/report.json").toFile());
            assertThat(shard.get("summary").get("passed").asBoolean()).isTrue();
            shards += shard.get("summary").get("samples").asLong();
        }
        JsonNode summary = report.get("summary");
        assertThat(shards).isPositive();
        assertThat(summary.get("samples").asLong()).as("merged samples = the shards' samples").isEqualTo(shards);
        assertThat(sum(report)).as("merged samples = the sum over its tests").isEqualTo(shards);
        assertThat(summary.get("passed").asBoolean()).isTrue();
        assertThat(summary.get("states").get("OK").asInt()).isEqualTo(expected.size());
        System.out.printf("[slurm-it] whole campaign: 2 shards, %,d samples merged%n", shards);
    }

    @Test
    void aKilledShardLosesOnlyItsTestInProgress() throws Exception {
        Path dir = Files.createDirectories(ROOT.resolve("killed"));
        JarRun submit = JarRun.start("sbatch", List.of("sbatch", "--parsable", "--array=0-1",
                "--output=" + dir.resolve("slurm-%A_%a.out"), "scripts/fleet/slurm-campaign.sbatch"), env(campaignEnv(dir)));
        assertThat(submit.await(60)).as("sbatch:\n%s", submit.output()).isZero();
        String job = submit.lines.get(submit.lines.size() - 1).trim().replaceFirst(";.*", "");
        Path console = dir.resolve("slurm-" + job + "_1.out");
        // shard 1 runs after shard 0 (one node, --exclusive): kill it once its first test finished
        long deadline = System.nanoTime() + 600_000_000_000L;
        Matcher finished = null;
        while (System.nanoTime() < deadline && finished == null) {
            Thread.sleep(500);
            if (Files.exists(console)) {
                finished = Files.readAllLines(console).stream().map(FINISHED::matcher).filter(Matcher::find)
                        .findFirst().orElse(null);
            }
        }
        assertThat(finished).as("shard 1's first test finished (%s)", console).isNotNull();
        // SIGKILL to the task's swaprace JVM, as the OOM killer or a lost node would: scancel, even with
        // --signal=KILL, cancels with SIGTERM first, and swaprace then stops and writes its blob
        Path shard1Dir = dir.resolve("shard-1");
        List<ProcessHandle> swaprace = ProcessHandle.allProcesses().filter(h -> h.info().arguments()
                .map(List::of).orElse(List.of()).containsAll(List.of("dev.swaprace.cli.Main", shard1Dir.toString()))).toList();
        assertThat(swaprace).as("shard 1's swaprace JVM").hasSize(1);
        swaprace.get(0).destroyForcibly();
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end && queued(job)) {
            Thread.sleep(500);
        }
        assertThat(JarRun.jcstressJvmsIn(dir)).as("jcstress JVMs of the killed campaign after its array ended")
                .noneMatch(JarRun::running);

        JarRun merge = JarRun.start("merge", List.of("scripts/fleet/merge-campaign", dir.toString()), Map.of());
        assertThat(merge.await(300)).as("merge-campaign exits 1: a shard did not finish\n%s", merge.output())
                .isEqualTo(1);
        assertThat(merge.output()).contains("shard-1 did not finish").contains("2 shards (1 unfinished), 4 tests");

        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(testNames(report)).containsExactlyInAnyOrderElementsOf(JarRun.expectedTests(CONFIG));
        List<String> shard1 = Files.readAllLines(dir.resolve("shard-1/tests.txt"));
        String killedFinished = "dev.swaprace.stress." + finished.group(1);
        assertThat(shard1).contains(killedFinished).hasSize(2);
        JsonNode shard0 = JSON.readTree(dir.resolve("shard-0/report.json").toFile());
        Map<String, Long> want = new HashMap<>();
        shard0.get("tests").forEach(t -> want.put(t.get("name").asText(), t.get("samples").asLong()));
        want.put(killedFinished, Long.parseLong(finished.group(2).replace(",", "")));
        for (JsonNode t : report.get("tests")) {
            String name = t.get("name").asText();
            if (want.containsKey(name)) {
                assertThat(t.get("state").asText()).as("state of %s", name).isEqualTo("OK");
                assertThat(t.get("samples").asLong()).as("samples of %s", name).isEqualTo(want.get(name));
            } else {
                assertThat(shard1).as("the lost test is shard 1's second").contains(name);
                assertThat(t.get("state").asText()).as("state of the lost %s", name).isEqualTo("NOT_RUN");
            }
        }
        assertThat(want).hasSize(3);
        assertThat(report.get("summary").get("samples").asLong())
                .isEqualTo(want.values().stream().mapToLong(Long::longValue).sum());
        assertThat(report.get("summary").get("passed").asBoolean()).isFalse();
    }

    private static Map<String, String> campaignEnv(Path dir) {
        return Map.of("CONFIG", "ci", "CAMPAIGN_DIR", dir.toString());
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(slurmEnv);
        env.putAll(extra);
        return env;
    }

    /** {@code command} with the cluster's environment and {@code extra}: its exit status (stdout in the log). */
    private static int run(String tag, long seconds, Map<String, String> extra, String... command) throws Exception {
        return JarRun.start(tag, List.of(command), env(extra)).await(seconds);
    }

    /** Whether Slurm still has {@code job} pending or running (squeue fails once it forgot the job). */
    private static boolean queued(String job) throws Exception {
        JarRun r = JarRun.start("squeue", List.of("squeue", "-h", "-j", job), env(Map.of()));
        return r.await(60) == 0 && !r.output().isBlank();
    }

    private static List<String> testNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.get("tests").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static long sum(JsonNode report) {
        long n = 0;
        for (JsonNode t : report.get("tests")) {
            n += t.get("samples").asLong();
        }
        return n;
    }
}
