package dev.sextant.cli;

import picocli.CommandLine.Command;

/** The root {@code sextant} command. */
@Command(
        name = "sextant",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Inference-aware load balancer for self-hosted LLMs.",
            "Routes OpenAI-style requests to the model-server replica that holds the prompt's KV-cache"
                    + " prefix, has the right LoRA adapter and room in its queue."
        },
        subcommands = {DemoCommand.class, ServeCommand.class, SimCommand.class, SidecarCommand.class, ConfigCommand.class,
            DatasetCommand.class, BenchCommand.class},
        footer = {"", "Documentation: docs/ in the repository. Exit codes: 0 ok, 1 failure, 2 invalid input."})
final class SextantCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
