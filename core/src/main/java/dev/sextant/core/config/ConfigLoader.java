package dev.sextant.core.config;

import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Loads a configuration from start to finish: read, parse strictly, default, instantiate and
 * validate. Problems from every stage are reported together, so a user fixes them in one go.
 */
public final class ConfigLoader {
    private final PluginRegistry registry;
    private final EnginePluginContext context;

    public ConfigLoader(PluginRegistry registry, EnginePluginContext context) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Loads a configuration file.
     *
     * @throws ConfigException listing every problem found
     */
    public CompiledConfig load(Path file) {
        return load(ConfigParser.read(file), file.toString());
    }

    /**
     * Loads configuration text; an empty document gives the default configuration.
     *
     * @throws ConfigException listing every problem found
     */
    public CompiledConfig load(String yaml, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        EndpointPickerConfig config = ConfigParser.parse(yaml, source, problems);
        if (config == null) {
            throw new ConfigException(source, problems);
        }
        return new ConfigCompiler(registry, context).compile(config, problems);
    }

    /** Loads the default configuration (used when no file is given). */
    public CompiledConfig loadDefault() {
        return new ConfigCompiler(registry, context).compile(DefaultConfig.raw());
    }
}
