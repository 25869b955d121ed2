package dev.swaprace.report;

import dev.swaprace.report.ReportView.State;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.RunInfo;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the de-facto Ant/Jenkins format CI servers read ({@code <testsuites>} /
 * {@code <testsuite>} / {@code <testcase>}): one testcase per jcstress test, classname the
 * test's package-qualified outer name and name its last segment. A forbidden or UNKNOWN outcome,
 * an ERROR, TIMEOUT or VM ERROR, an ungraded test, an observed outcome the explorer cannot
 * reach, and an expected test that did not run are {@code <failure>}s (type says which); a
 * test that could not run for lack of CPUs, or that jcstress skipped (API mismatch), is
 * {@code <skipped>}. Strings from blobs are escaped by the XML writer and stripped of
 * characters XML cannot carry.
 */
public final class JunitRenderer {

    private JunitRenderer() {
    }

    /**
     * The schema's {@code xs:dateTime}, seconds always written: {@code LocalDateTime.toString()}
     * drops {@code :00} seconds, and {@code 2026-11-26T02:19} is not a valid dateTime.
     */
    static String timestamp(LocalDateTime t) {
        return t.format(TIMESTAMP);
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    public static void render(ReportView v, Writer w) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            long failures = v.tests().stream().filter(TestView::failed).count();
            long skipped = v.tests().stream().filter(t -> t.state().skipped()).count();
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            counts(x, "swaprace", v.tests().size(), failures, skipped);
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            counts(x, "jcstress", v.tests().size(), failures, skipped);
            attr(x, "time", "0");
            attr(x, "timestamp", timestamp(LocalDateTime.now()));
            attr(x, "hostname", v.runs().stream().map(RunInfo::host).distinct().collect(Collectors.joining(",")));
            x.writeCharacters("\n");
            x.writeStartElement("properties");
            property(x, "samples", String.valueOf(v.samples()));
            property(x, "cpus", String.valueOf(v.cpus()));
            for (RunInfo r : v.runs()) {
                property(x, "blob", r.host() + "/" + r.run() + " " + r.input().path() + " sha256=" + r.sha256()
                        + (r.truncated() ? " TRUNCATED" : ""));
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            for (TestView t : v.tests()) {
                testcase(x, t);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private static void testcase(XMLStreamWriter x, TestView t) throws XMLStreamException {
        int dot = t.name().lastIndexOf('.');
        x.writeStartElement("testcase");
        attr(x, "classname", dot > 0 ? t.name().substring(0, dot) : "jcstress");
        attr(x, "name", dot > 0 ? t.name().substring(dot + 1) : t.name());
        attr(x, "time", "0");
        if (t.failed()) {
            x.writeStartElement("failure");
            attr(x, "type", failureType(t));
            attr(x, "message", t.problems().get(0));
            x.writeCharacters(String.join("\n", t.problems()));
            x.writeEndElement();
        } else if (t.state().skipped()) {
            x.writeStartElement("skipped");
            attr(x, "message", t.state() == State.CPU_SKIPPED && !t.messages().isEmpty() ? t.messages().get(0)
                    : "jcstress skipped the test (API mismatch)");
            x.writeEndElement();
        }
        x.writeStartElement("system-out");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d samples, %d forks%n", t.state().label(), t.samples(), t.forks()));
        t.rows().forEach(r -> out.append(String.format(Locale.ROOT, "%14d  %-11s %s%n", r.count(), r.verdict(), r.id())));
        x.writeCharacters(Fmt.xmlSafe(out.toString()));
        x.writeEndElement();
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static String failureType(TestView t) {
        return switch (t.state()) {
            case ERROR, TIMEOUT, VM_ERROR, NOT_RUN, UNGRADED -> t.state().name();
            default -> t.problems().get(0).startsWith("FORBIDDEN") ? "FORBIDDEN"
                    : t.problems().get(0).startsWith("UNKNOWN") ? "UNKNOWN" : "UNREACHABLE_OBSERVED";
        };
    }

    private static void counts(XMLStreamWriter x, String name, long tests, long failures, long skipped)
            throws XMLStreamException {
        attr(x, "name", name);
        attr(x, "tests", String.valueOf(tests));
        attr(x, "failures", String.valueOf(failures));
        attr(x, "errors", "0");
        attr(x, "skipped", String.valueOf(skipped));
    }

    private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeAttribute(name, Fmt.xmlSafe(value));
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        attr(x, "name", name);
        attr(x, "value", value);
    }
}
