package dev.swaprace.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's help renders as written: picocli treats help text as a format string, and an
 * unescaped '%' ("95% bounds") made it print a warning and the raw text with literal "%n".
 */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "scenarios", "run", "hunt", "explore", "mutants", "report", "diff", "bench"})
    void helpRendersWithoutFormatWarnings(String command) {
        CliRun r = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("picocli WARN").doesNotContain("%n").contains("Usage: swaprace");
    }
}
