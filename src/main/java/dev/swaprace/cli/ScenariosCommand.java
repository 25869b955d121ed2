package dev.swaprace.cli;

import dev.swaprace.scenario.Scenario;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code swaprace scenarios}: the scenario x variant matrix, as data. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "List the scenarios (actors, initial state, kernel-model rows) and the kernel variants.")
public final class ScenariosCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Scenario.printTable(System.out);
        return 0;
    }
}
