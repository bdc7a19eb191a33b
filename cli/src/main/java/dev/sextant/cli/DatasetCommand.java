package dev.sextant.cli;

import picocli.CommandLine.Command;

/** {@code sextant dataset}: build training data for the adapters Sextant routes to. */
@Command(name = "dataset", description = "Build training data for the LoRA adapters Sextant routes to.",
        mixinStandardHelpOptions = true, subcommands = {DatasetGoCommand.class})
final class DatasetCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
