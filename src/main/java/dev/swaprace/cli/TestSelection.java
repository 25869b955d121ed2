package dev.swaprace.cli;

import picocli.CommandLine.Option;

import java.util.List;

/** Which scenarios and variants a command that runs jcstress takes (run, hunt): a picocli mixin. */
final class TestSelection {

    @Option(names = "--scenarios", paramLabel = "NAME", split = ",",
            description = "These scenarios (names as in 'swaprace scenarios') instead of the configuration's.")
    List<String> scenarios;

    @Option(names = "--variants", paramLabel = "VARIANT", split = ",",
            description = "These variants instead of the configuration's: V57, RFC1, V2P, V58A, V58B, V58, KIM57, KIM58.")
    List<String> variants;
}
