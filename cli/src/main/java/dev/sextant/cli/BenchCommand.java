package dev.sextant.cli;

import picocli.CommandLine.Command;

/** {@code sextant bench}: compare routing configurations in virtual time, load a real endpoint, or time a picker. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Measure routing: 'cluster' compares configurations on simulated replicas",
            "in virtual time (seconds, no GPU); 'load' sends open-loop load to any",
            "OpenAI-compatible endpoint. Both write report.json, report.md and",
            "report.html. 'extproc' measures an Endpoint Picker's own latency over",
            "Envoy's ext_proc protocol. See docs/bench.md."
        },
        subcommands = {BenchClusterCommand.class, BenchLoadCommand.class, BenchExtProcCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
