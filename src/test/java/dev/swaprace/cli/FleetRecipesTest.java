package dev.swaprace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet recipes where no fleet is needed: the Slurm script's shard index for every array
 * shape Slurm hands it, and the Kubernetes Job against the image its Dockerfile builds (no
 * cluster is reachable here, and kubectl's client-side dry run needs one for API discovery).
 */
class FleetRecipesTest {
    private static final Path FLEET = JarRun.BASE.resolve("scripts/fleet");

    /** Runs the sbatch script as Slurm would, with a stub launcher that prints its arguments. */
    private static JarRun sbatchTask(Path home, int id, int min, int step, int count) throws Exception {
        Path stub = home.resolve("scripts/swaprace");
        Files.createDirectories(stub.getParent());
        Files.writeString(stub, "#!/bin/sh\necho \"launcher: $*\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "" + id, "SLURM_ARRAY_TASK_MIN", "" + min,
                "SLURM_ARRAY_TASK_STEP", "" + step, "SLURM_ARRAY_TASK_COUNT", "" + count, "SLURM_ARRAY_JOB_ID", "77",
                "SLURM_SUBMIT_DIR", home.toString(), "CONFIG", "ci");
        // Slurm runs a copy from its spool: the script's own path must not matter
        Path spool = Files.createDirectories(home.resolve("spool/job77"));
        Path copy = Files.copy(FLEET.resolve("slurm-campaign.sbatch"), spool.resolve("slurm_script"),
                StandardCopyOption.REPLACE_EXISTING);
        return JarRun.start("sbatch-task", List.of("env", "-u", "SWAPRACE_HOME", "-u", "CAMPAIGN_DIR", "bash",
                copy.toString()), env);
    }

    @Test
    void theShardIsTheTasksPositionInTheArray(@TempDir Path home) throws Exception {
        // --array=0-1, --array=1-8, --array=0-14:2
        int[][] cases = {{0, 0, 1, 2, 0}, {1, 0, 1, 2, 1}, {1, 1, 1, 8, 0}, {8, 1, 1, 8, 7}, {6, 0, 2, 8, 3}, {14, 0, 2, 8, 7}};
        for (int[] c : cases) {
            JarRun task = sbatchTask(home, c[0], c[1], c[2], c[3]);
            assertThat(task.await(30)).as(task.output()).isZero();
            assertThat(task.output()).contains("launcher: run --config ci --shard " + c[4] + "/" + c[3] + " --out "
                    + home.resolve("campaigns/ci-77/shard-" + c[4]));
        }
    }

    @Test
    void aTaskOutsideAnEvenArrayOrWithoutTheCheckoutFailsInOneLine(@TempDir Path home) throws Exception {
        JarRun uneven = sbatchTask(home, 3, 0, 2, 8);
        assertThat(uneven.await(30)).isEqualTo(2);
        assertThat(uneven.lines).hasSize(1).allMatch(l -> l.contains("not in an evenly stepped array"));
        Files.delete(home.resolve("scripts/swaprace"));
        JarRun lost = JarRun.start("sbatch-task", List.of("env", "-u", "SWAPRACE_HOME", "-u", "CAMPAIGN_DIR", "SLURM_ARRAY_TASK_ID=0",
                "SLURM_ARRAY_TASK_COUNT=2", "SLURM_ARRAY_JOB_ID=7", "SLURM_SUBMIT_DIR=" + home, "bash", FLEET.resolve("slurm-campaign.sbatch").toString()),
                Map.of());
        assertThat(lost.await(30)).isEqualTo(2);
        assertThat(lost.lines).hasSize(1).allMatch(l -> l.contains(home + "/scripts/swaprace not found"));
    }

    @Test
    void theIndexedJobRunsTheImageTheDockerfileBuilds() throws Exception {
        JsonNode job = new ObjectMapper(new YAMLFactory()).readTree(FLEET.resolve("k8s-indexed-job.yaml").toFile());
        String dockerfile = Files.readString(FLEET.resolve("Dockerfile"));
        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        JsonNode spec = job.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        JsonNode pod = spec.path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
        assertThat(pod.path("containers")).hasSize(1);
        JsonNode c = pod.path("containers").get(0);

        Matcher tag = Pattern.compile("docker build -f scripts/fleet/Dockerfile -t (\\S+) \\.").matcher(dockerfile);
        assertThat(tag.find()).as("the Dockerfile names the tag it builds").isTrue();
        assertThat(c.path("image").asText()).isEqualTo(tag.group(1));
        Matcher workdir = Pattern.compile("(?m)^WORKDIR (\\S+)$").matcher(dockerfile);
        assertThat(workdir.find()).isTrue();
        assertThat(c.path("workingDir").asText()).isEqualTo(workdir.group(1));

        Map<String, String> env = new HashMap<>();
        c.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        assertThat(env).containsKeys("CONFIG", "SHARDS");
        assertThat(Integer.parseInt(env.get("SHARDS"))).as("SHARDS = completions = parallelism")
                .isEqualTo(spec.path("completions").asInt()).isEqualTo(spec.path("parallelism").asInt());
        assertThat(JarRun.BASE.resolve("stress-configs/" + env.get("CONFIG") + ".yaml")).exists();
        String args = c.path("args").get(0).asText();
        assertThat(args).contains("scripts/swaprace run", "--shard \"$JOB_COMPLETION_INDEX/$SHARDS\"");

        // the shards write to the mounted volume, and every mount names a volume of the pod
        List<String> volumes = new ArrayList<>();
        pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        assertThat(c.path("volumeMounts")).isNotEmpty().allSatisfy(m -> {
            assertThat(volumes).contains(m.path("name").asText());
            assertThat(args).contains("--out \"" + m.path("mountPath").asText() + "/");
        });
        assertThat(c.path("resources").path("requests").path("cpu").asText())
                .isEqualTo(c.path("resources").path("limits").path("cpu").asText());
    }
}
