package dev.sextant.cli;

import dev.sextant.core.config.CompiledConfig;
import dev.sextant.core.config.ConfigException;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.config.ConfigPrinter;
import dev.sextant.core.config.ConfigProblem;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sextant config validate FILE...}: loads each configuration as the gateway would and prints
 * the resolved result, or every problem found.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Load and validate configurations exactly as 'sextant serve' would.",
            "A valid file prints its resolved form (defaults made explicit); an invalid one prints every"
                    + " problem with its YAML path. Exit 0 when all files are valid, 2 otherwise."
        })
final class ConfigValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "EndpointPickerConfig YAML files.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PluginRegistry registry = PluginRegistry.withBuiltinsAndServiceLoader();
        int invalid = 0;
        for (Path file : files) {
            try {
                CompiledConfig config = new ConfigLoader(registry, EnginePluginContext.production()).load(file);
                out.println("# " + file + ": valid");
                out.print(ConfigPrinter.toYaml(config));
                out.println();
            } catch (ConfigException e) {
                invalid++;
                int n = e.problems().size();
                err.println(file + ": invalid, " + n + (n == 1 ? " problem:" : " problems:"));
                for (ConfigProblem problem : e.problems()) {
                    err.println("  " + problem);
                }
            }
        }
        out.flush();
        err.flush();
        return invalid == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }
}
