package dev.sextant.cli;

import picocli.CommandLine.Command;

/** {@code sextant bench}: compare routing configurations in virtual time, or load a real endpoint. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Measure routing: 'cluster' compares configurations on simulated replicas",
            "in virtual time (seconds, no GPU); 'load' sends open-loop load to any",
            "OpenAI-compatible endpoint. Both write report.json, report.md and",
            "report.html. See docs/bench.md."
        },
        subcommands = {BenchClusterCommand.class, BenchLoadCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
