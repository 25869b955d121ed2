package dev.swaprace.cli;

import java.nio.file.Path;
import java.util.List;

/** Lets report tests use the CLI's expected-test-list parser. */
public final class ReportCommandAccess {
    private ReportCommandAccess() {
    }

    public static List<String> readTestList(Path file) {
        return ReportCommand.readTestList(file);
    }
}
