package dev.sextant.cli;

import picocli.CommandLine.Command;

/** {@code sextant config}: work with EndpointPickerConfig files. */
@Command(name = "config", description = "Work with EndpointPickerConfig files.",
        mixinStandardHelpOptions = true, subcommands = {ConfigValidateCommand.class})
final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
