package dev.swaprace.suite;

import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated suite, as jcstress sees it: META-INF/TestList written by its processor. */
class StressSuiteTest {

    /**
     * The suite's META-INF/TestList (target/classes). The test classpath has a second one, the
     * report fixtures' (target/test-classes), so read every copy and keep the suite's.
     */
    private static String testList() throws IOException {
        StringBuilder suite = new StringBuilder();
        for (URL url : Collections.list(StressSuiteTest.class.getClassLoader().getResources("META-INF/TestList"))) {
            try (InputStream in = url.openStream()) {
                String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (list.contains("dev.swaprace.stress.")) {
                    suite.append(list);
                }
            }
        }
        assertThat(suite).as("META-INF/TestList (the jcstress processor ran on the generated tests)").isNotEmpty();
        return suite.toString();
    }

    @Test
    void everyScenarioVariantPairIsAJcstressTest() throws IOException {
        String list = testList();
        for (Scenario s : Scenario.values()) {
            for (Variant v : Variant.values()) {
                assertThat(list).contains(StressSuite.testName(s, v));
            }
            assertThat(list).contains(LockBaseline.testName(s));
        }
    }

    @Test
    void everyMutantJcstressCanRunIsATestNoSuiteFilterSelects() throws IOException {
        String list = testList();
        for (MutantCase c : MutantCase.all()) {
            String name = StressSuite.mutantTestName(c);
            assertThat(name).startsWith("dev.swaprace.mutants.");
            if (c.explorerOnly() == null) {
                assertThat(list).contains(name);
                assertThat(Pattern.compile(StressSuite.mutantRegex(c)).matcher(name).find()).isTrue();
            } else {
                assertThat(list).doesNotContain(name);
            }
            // the suite's own selections, and a scenario name as README's examples use it, leave it out
            assertThat(Pattern.compile(StressSuite.exactly(everySuiteTest())).matcher(name).find()).isFalse();
            assertThat(Pattern.compile("dev\\.swaprace\\.stress").matcher(name).find()).isFalse();
            for (Scenario s : Scenario.values()) {
                assertThat(name).doesNotContain(s.className());
            }
        }
    }

    @Test
    void exactlySelectsOnlyTheNamedTests() {
        // jcstress matches -t with find(): SwapinVsPunch.V58 alone would also select .V58A and .V58B
        Pattern p = Pattern.compile(StressSuite.exactly(List.of(StressSuite.testName(Scenario.SWAPIN_VS_PUNCH, Variant.V58))));
        List<String> matched = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            for (Variant v : Variant.values()) {
                if (p.matcher(StressSuite.testName(s, v)).find()) {
                    matched.add(StressSuite.testName(s, v));
                }
            }
        }
        assertThat(matched).containsExactly("dev.swaprace.stress.SwapinVsPunch.V58");
    }

    private static List<String> everySuiteTest() {
        List<String> all = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            for (Variant v : Variant.values()) {
                all.add(StressSuite.testName(s, v));
            }
        }
        return all;
    }

    @Test
    void outcomeRulesGradeEveryVerdict() {
        List<StressSuite.OutcomeRule> rules = StressSuite.outcomeRules();
        assertThat(grade(rules, "ACCEPTABLE:OK_FREED+REREAD;S=ENOMEM")).isEqualTo(Verdict.ACCEPTABLE);
        assertThat(grade(rules, "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE"))
                .isEqualTo(Verdict.LEAKED_UNTIL_RECLAIM);
        assertThat(grade(rules, "FORBIDDEN:BUG_BOTH;S=DATA")).isEqualTo(Verdict.FORBIDDEN);
        assertThat(grade(rules, "something else")).isEqualTo(Verdict.FORBIDDEN);
    }

    /** As jcstress grades: the first rule whose regex matches, else the default (empty id). */
    private static Verdict grade(List<StressSuite.OutcomeRule> rules, String outcome) {
        for (StressSuite.OutcomeRule r : rules) {
            if (!r.id().isEmpty() && outcome.matches(r.id())) {
                return r.verdict();
            }
        }
        return rules.stream().filter(r -> r.id().isEmpty()).findFirst().orElseThrow().verdict();
    }

    @Test
    void baselineCountsAreTheModelsLockRacePoints() {
        assertThat(LockBaseline.lockCounts(Scenario.SWAPIN_VS_PUNCH)).hasSize(2).doesNotContain(0);
        assertThat(LockBaseline.nestedName(new int[] {9, 7})).isEqualTo("Locks_9_7");
    }

    @Test
    void exactlySelectsTheNamedTestsAndNothingElse() {
        Pattern p = Pattern.compile(StressSuite.exactly(List.of("dev.swaprace.stress.SwapinVsPunch.V58",
                "dev.swaprace.stress.SwapinVsPunch.V57")));
        assertThat(p.matcher("dev.swaprace.stress.SwapinVsPunch.V58").find()).isTrue();
        assertThat(p.matcher("dev.swaprace.stress.SwapinVsPunch.V57").find()).isTrue();
        for (String other : List.of("dev.swaprace.stress.SwapinVsPunch.V58A", "dev.swaprace.stress.SwapinVsPunchCached.V58",
                "devXswaprace.stress.SwapinVsPunch.V58", "x.dev.swaprace.stress.SwapinVsPunch.V58")) {
            assertThat(p.matcher(other).find()).as(other).isFalse();
        }
    }
}
