package dev.swaprace.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * How every JSON file swaprace writes is versioned and written: {@code hunt.json} and
 * {@code mutants.json} go through here; {@code report.json} (streamed) and the explorer's
 * {@code ExplorerJson} (written by {@code explore --json} through {@link AtomicOutput}) keep the same shape: one
 * object whose first field is {@code "schema"}, the integer version of that file's shape (raised
 * when a field changes meaning or goes away), indented, ending in a newline, and written
 * atomically ({@link AtomicOutput}), so a reader never sees half a file.
 */
public final class JsonOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    /** Write {@code body} (a map or a record) into {@code file} under {@code "schema": schema}. */
    public static void write(Path file, int schema, Object body) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", schema);
        root.setAll((ObjectNode) JSON.valueToTree(body));
        AtomicOutput.write(file, w -> {
            JSON.writeValue(new NoClose(w), root);
            w.write("\n");
        });
    }

    /** Jackson closes the writer it is given; AtomicOutput closes it itself. */
    private static final class NoClose extends FilterWriter {
        NoClose(Writer w) {
            super(w);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
