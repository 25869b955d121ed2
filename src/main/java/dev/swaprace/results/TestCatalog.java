package dev.swaprace.results;

import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.util.TestLineReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What jcstress knows about each test: actors, description and the {@code @Outcome} cases,
 * read from {@code META-INF/TestList} files (the list jcstress's annotation processor writes,
 * parsed with jcstress's own {@link TestLineReader} into its {@link TestInfo}/{@link StateCase}).
 *
 * <p>Unlike jcstress's {@code TestList}, which honours only the first list on the classpath,
 * a catalog merges every list on the classpath and any suite jar or class directory given
 * ({@code swaprace report --suite}), so a foreign suite's blob is graded by that suite's
 * outcomes. The first list to name a test wins.
 */
public final class TestCatalog {

    private static final String LIST = "META-INF/TestList";

    private final Map<String, TestInfo> tests = new HashMap<>();

    private TestCatalog() {
    }

    public static TestCatalog empty() {
        return new TestCatalog();
    }

    /** Every {@code META-INF/TestList} visible to this class's class loader. */
    public static TestCatalog fromClasspath() {
        TestCatalog c = new TestCatalog();
        try {
            Enumeration<URL> lists = TestCatalog.class.getClassLoader().getResources(LIST);
            for (URL u : Collections.list(lists)) {
                try (InputStream in = u.openStream()) {
                    c.load(in, u.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    /** Adds the TestList of a suite jar, or of a class directory; earlier lists win. */
    public TestCatalog addSuite(Path suite) {
        try {
            if (Files.isDirectory(suite)) {
                Path list = suite.resolve(LIST);
                if (!Files.isRegularFile(list)) {
                    throw new ReportException(suite + ": no " + LIST + " in this directory (not a compiled jcstress suite)");
                }
                try (InputStream in = Files.newInputStream(list)) {
                    load(in, list.toString());
                }
            } else {
                try (ZipFile z = new ZipFile(suite.toFile())) {
                    ZipEntry e = z.getEntry(LIST);
                    if (e == null) {
                        throw new ReportException(suite + ": no " + LIST + " in this jar (not a jcstress suite jar)");
                    }
                    try (InputStream in = z.getInputStream(e)) {
                        load(in, suite.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new ReportException(suite + ": cannot read the suite (" + BlobReader.oneLine(e) + ")", e);
        }
        return this;
    }

    public Optional<TestInfo> info(String test) {
        return Optional.ofNullable(tests.get(test));
    }

    public int size() {
        return tests.size();
    }

    /** Parses a TestList as jcstress 0.16's {@code TestList.getTests} does. */
    private void load(InputStream in, String source) throws IOException {
        Expect[] expects = Expect.values();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            TestLineReader read = new TestLineReader(line);
            if (!read.isCorrect()) {
                continue;
            }
            try {
                String name = read.nextString();
                String binaryName = read.nextString();
                String runner = read.nextString();
                String description = read.nextString();
                int actorCount = read.nextInt();
                List<String> actorNames = new ArrayList<>();
                for (int i = 0; i < actorCount; i++) {
                    actorNames.add(read.nextString());
                }
                boolean requiresFork = read.nextBoolean();
                TestInfo info = new TestInfo(name, binaryName, runner, description, actorCount, actorNames, requiresFork);
                int cases = read.nextInt();
                for (int c = 0; c < cases; c++) {
                    Expect expect = expects[read.nextInt()];
                    String desc = read.nextString();
                    int states = read.nextInt();
                    for (int s = 0; s < states; s++) {
                        info.addCase(new StateCase(Pattern.compile(read.nextString()), expect, desc));
                    }
                }
                int refs = read.nextInt();
                for (int i = 0; i < refs; i++) {
                    info.addRef(read.nextString());
                }
                tests.putIfAbsent(name, info);
            } catch (RuntimeException e) {
                if (e instanceof PatternSyntaxException || e instanceof IllegalStateException
                        || e instanceof IndexOutOfBoundsException || e instanceof NumberFormatException) {
                    throw new ReportException(source + ": line " + lineNo + " is not a jcstress 0.16 TestList entry ("
                            + BlobReader.oneLine(e) + ")", e);
                }
                throw e;
            }
        }
    }
}
