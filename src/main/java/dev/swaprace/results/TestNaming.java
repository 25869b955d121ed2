package dev.swaprace.results;

import dev.swaprace.suite.StressSuite;

import java.util.Optional;

/**
 * Which jcstress tests are swaprace's, and their scenario and variant. The convention is
 * {@code dev.swaprace.stress.<ScenarioClass>.<Variant>} (the scenario's
 * {@code Scenario.className()} and the {@code Variant} name), e.g.
 * {@code dev.swaprace.stress.SwapinVsPunch.V58} is scenario {@code SwapinVsPunch}, variant
 * {@code V58}. The prefix is a plain string prefix and can be changed
 * ({@code swaprace report --test-prefix}); the report tests use
 * {@code dev.swaprace.report.fixtures.Fake}, so {@code ...fixtures.FakeSwapinVsPunch.V58} maps
 * to {@code SwapinVsPunch}/{@code V58} too. Any other test is foreign: reported with its
 * jcstress grading only.
 *
 * @param prefix what a swaprace test name starts with
 */
public record TestNaming(String prefix) {

    /** The suite's own tests, as {@link StressSuite#testName} names them. */
    public static final TestNaming DEFAULT = new TestNaming(StressSuite.PACKAGE + ".");

    /** A swaprace test's scenario (class simple name) and variant. */
    public record ScenarioVariant(String scenario, String variant) {
        @Override
        public String toString() {
            return scenario + "." + variant;
        }
    }

    /** The scenario and variant of a test named by the convention, or empty for a foreign test. */
    public Optional<ScenarioVariant> parse(String test) {
        if (!test.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = test.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1 || rest.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new ScenarioVariant(rest.substring(0, dot), rest.substring(dot + 1)));
    }

    /** {@code SwapinVsPunch.V58} for {@code dev.swaprace.stress.SwapinVsPunch.V58}; a foreign name unchanged. */
    public String shortName(String test) {
        return test.startsWith(prefix) ? test.substring(prefix.length()) : test;
    }
}
