package dev.swaprace.report;

import dev.swaprace.cli.CliRun;
import dev.swaprace.results.AtomicOutput;
import dev.swaprace.results.BlobFilter;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.BlobReader;
import dev.swaprace.results.ReportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jcstress.infra.collectors.TestResult;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile and bad blobs: each is refused with one line naming the file and what is wrong, the
 * CLI exits 2, nothing foreign is instantiated, and no output is half-written.
 */
class HostileBlobTest {

    @TempDir
    Path dir;

    private Path validBlob() throws IOException {
        return SyntheticBlobs.write(dir.resolve("valid.bin.gz"),
                List.of(SyntheticBlobs.Fork.of("x.Test", Map.of("1, 1", 5L, "1, 2", 7L))));
    }

    /** A gzip'd object stream: a real fork result, then {@code extra}. */
    private Path blobWith(String name, Object... extra) throws IOException {
        Path p = dir.resolve(name);
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(Files.newOutputStream(p)))) {
            out.writeObject(firstResult(validBlob()));
            for (Object o : extra) {
                out.writeObject(o);
            }
        }
        return p;
    }

    private static TestResult firstResult(Path blob) throws IOException {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new GZIPInputStream(Files.newInputStream(blob)))) {
            return (TestResult) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String refused(Path blob) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> new BlobReader().read(BlobInput.of(blob)));
        assertThat(t).isInstanceOf(ReportException.class);
        assertThat(t.getMessage()).startsWith(blob.toString() + ": ").doesNotContain("\n");
        return t.getMessage();
    }

    @Test
    void aForeignSerializableClassIsRejectedAndNeverInstantiated() throws Exception {
        int before = EvilPayload.READS.get();
        Path blob = blobWith("foreign.bin.gz", new EvilPayload());
        assertThat(refused(blob)).isEqualTo(blob + ": rejected: serialized class dev.swaprace.report.EvilPayload is not"
                + " a jcstress 0.16 result type; nothing from it was used");
        assertThat(EvilPayload.READS.get()).isEqualTo(before);
    }

    /** The reader run, hunt, mutants and bench use (truncation accepted) refuses it the same way. */
    @Test
    void theCampaignsReaderRejectsAForeignClassTooAndNeverInstantiatesIt() throws Exception {
        int before = EvilPayload.READS.get();
        Path blob = blobWith("foreign-run.bin.gz", new EvilPayload());
        BlobReader lenient = new BlobReader(BlobFilter.Limits.DEFAULT, true);
        assertThatThrownBy(() -> lenient.read(BlobInput.of(blob))).isInstanceOf(ReportException.class)
                .hasMessage(blob + ": rejected: serialized class dev.swaprace.report.EvilPayload is not"
                        + " a jcstress 0.16 result type; nothing from it was used");
        assertThat(EvilPayload.READS.get()).isEqualTo(before);
        assertThat(lenient.read(BlobInput.of(validBlob())).runs().get(0).forks()).isEqualTo(1);
    }

    @Test
    void aForeignClassHiddenInsideAResultIsRejected() throws Exception {
        TestResult r = firstResult(validBlob());
        Field f = TestResult.class.getDeclaredField("messages");
        f.setAccessible(true);
        @SuppressWarnings("unchecked") List<Object> messages = (List<Object>) f.get(r);
        messages.add(new EvilPayload());
        Path p = dir.resolve("nested.bin.gz");
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(Files.newOutputStream(p)))) {
            out.writeObject(r);
        }
        int before = EvilPayload.READS.get();
        assertThat(refused(p)).contains("serialized class dev.swaprace.report.EvilPayload is not a jcstress 0.16 result type");
        assertThat(EvilPayload.READS.get()).isEqualTo(before);
    }

    @Test
    void anOversizedArrayIsRejectedBeforeAllocation() throws Exception {
        Path blob = blobWith("oversized.bin.gz", (Object) new long[5_000_000]);
        assertThat(refused(blob)).contains("rejected: an array of 5000000 elements (limit 1048576)");
    }

    @Test
    void tooDeepNestingIsRejected() throws Exception {
        List<Object> deep = new ArrayList<>();
        List<Object> cur = deep;
        for (int i = 0; i < 100; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        assertThat(refused(blobWith("deep.bin.gz", deep))).contains("rejected: objects nested 33 deep (limit 32)");
    }

    @Test
    void limitsOnReferencesAndBytesApply() throws Exception {
        Path blob = validBlob();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() ->
                new BlobReader(new BlobFilter.Limits(32, 10, 1 << 20, 1L << 30), false).read(BlobInput.of(blob)));
        assertThat(t).isInstanceOf(ReportException.class).hasMessageContaining("rejected: more than 10 object references");
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.createFile(dir.resolve("empty.bin.gz"));
        assertThat(refused(p)).isEqualTo(p + ": empty file, not a jcstress result blob");
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("missing.bin.gz");
        assertThat(refused(p)).isEqualTo(p + ": no such file");
    }

    @Test
    void truncatedBlob() throws Exception {
        byte[] all = Files.readAllBytes(FixtureBlobs.get().blob());
        Path p = Files.write(dir.resolve("truncated.bin.gz"), java.util.Arrays.copyOf(all, all.length / 2));
        assertThat(refused(p)).isEqualTo(p + ": truncated (the gzip stream ends early; was the run killed?"
                + " --accept-truncated reads it up to the damage)");
    }

    @Test
    void aTruncatedBlobIsReadUpToTheDamageOnlyWhenAccepted() throws Exception {
        Path full = FixtureBlobs.get().blob();
        byte[] all = Files.readAllBytes(full);
        Path p = Files.write(dir.resolve("killed.bin.gz"), java.util.Arrays.copyOf(all, all.length * 2 / 3));
        Report whole = Report.builder().blob(BlobInput.of(full)).build();
        Report part = Report.builder().acceptTruncated(true).blob(BlobInput.of(p)).build();
        assertThat(part.view().runs().get(0).truncated()).isTrue();
        assertThat(whole.view().runs().get(0).truncated()).isFalse();
        assertThat(part.view().runs().get(0).forks()).isPositive().isLessThan(whole.view().runs().get(0).forks());
        assertThat(part.view().samples()).isLessThanOrEqualTo(whole.view().samples());
        assertThat(new TerminalRenderer().render(part.view())).contains("TRUNCATED blob");
        CliRun cli = CliRun.of("report", "--accept-truncated", "-q", p.toString());
        assertThat(cli.code()).isNotEqualTo(2);
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void corruptBlob() throws Exception {
        byte[] all = Files.readAllBytes(FixtureBlobs.get().blob());
        for (int i = all.length / 3; i < all.length / 3 + 64; i++) {
            all[i] ^= 0x5a;
        }
        Path p = Files.write(dir.resolve("corrupt.bin.gz"), all);
        assertThat(refused(p)).matches(java.util.regex.Pattern.quote(p.toString())
                + ": (not a jcstress result blob \\(not gzip, or corrupt gzip: .*\\)|truncated .*)");
    }

    @Test
    void notGzip() throws Exception {
        Path p = Files.writeString(dir.resolve("notes.txt"), "just some text\n");
        assertThat(refused(p)).startsWith(p + ": not a jcstress result blob (not gzip, or corrupt gzip: ");
    }

    @Test
    void gzipButNotAJcstressBlob() throws Exception {
        Path p = dir.resolve("text.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("hello, not a blob".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(refused(p)).startsWith(p + ": not a jcstress result blob (StreamCorruptedException: invalid stream header");
    }

    @Test
    void aBlobFromAnotherJcstressVersion() throws Exception {
        byte[] raw;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(validBlob()))) {
            raw = in.readAllBytes();
        }
        byte[] name = "org.openjdk.jcstress.infra.collectors.TestResult".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(raw, name);
        assertThat(at).isPositive();
        raw[at + name.length] ^= 0x01; // the first byte of the class's serialVersionUID
        Path p = dir.resolve("other-version.bin.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(raw);
        }
        assertThat(refused(p)).startsWith(p + ": written by another jcstress version (org.openjdk.jcstress.infra.collectors"
                + ".TestResult").endsWith("this tool reads jcstress 0.16 blobs");
    }

    @Test
    void theSameBlobTwiceWouldDoubleCount() throws Exception {
        Path a = validBlob();
        Path b = Files.copy(a, dir.resolve("copy.bin.gz"));
        assertThatThrownBy(() -> Report.builder().blob(BlobInput.of(a)).blob(new BlobInput(b, "other", "r")).build())
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("copy.bin.gz: the same blob as").hasMessageContaining("double-count");
    }

    @Test
    void theCliSaysOneLineExitsTwoAndWritesNothing() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.bin.gz"), "garbage");
        Path html = dir.resolve("out/report.html");
        CliRun cli = CliRun.of("report", validBlob().toString(), bad.toString(), "--html", html.toString());
        assertThat(cli.code()).isEqualTo(2);
        String out = cli.err();
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("swaprace: " + bad + ": not a jcstress result blob");
        assertThat(html).doesNotExist();
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporary() throws Exception {
        Path target = Files.writeString(dir.resolve("report.json"), "previous");
        assertThatThrownBy(() -> AtomicOutput.write(target, w -> {
            w.write("half a report");
            throw new IOException("disk full");
        })).isInstanceOf(ReportException.class).hasMessage(target + ": cannot write (IOException: disk full)");
        assertThat(target).hasContent("previous");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsOnly("report.json");
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
