package dev.swaprace.cli;

import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.Scenario;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code swaprace scenarios}: the scenario x variant matrix, as data. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "List the scenarios (actors, initial state, kernel-model rows) and the kernel variants.")
public final class ScenariosCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.printf("%-34s %-7s %-22s %s%n", "SCENARIO (jcstress class)", "CPUS", "ACTORS", "ROWS / INITIAL STATE");
        for (Scenario s : Scenario.values()) {
            String actors = s.actors().stream().map(Actor::label).collect(Collectors.joining(" vs "));
            System.out.printf("%-34s %-7d %-22s %s; %s%n", s.className(), s.actors().size(), actors, s.rows(),
                    s.initial().description());
        }
        System.out.println();
        System.out.printf("%-6s %-24s %-22s %s%n", "VARIANT", "CHARGE", "ERROR CLEANUP", "WHERE");
        for (Variant v : Variant.values()) {
            System.out.printf("%-6s %-24s %-22s %s%n", v, v.charge(), v.cleanup(), v.where());
        }
        return 0;
    }
}
