package dev.sextant.bench.cluster;

import dev.sextant.core.config.ConfigException;
import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import dev.sextant.api.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A routing configuration to compare: its text, kept so that every run instantiates its plugins afresh
 * with that run's virtual clock and seeded randomness.
 *
 * @param name the name in reports (a file's name without {@code .yaml})
 * @param yaml the {@code EndpointPickerConfig} document; empty for the default configuration
 * @param origin where it came from, for messages
 */
public record PolicyConfig(String name, String yaml, String origin) {

    public PolicyConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(origin, "origin");
    }

    /**
     * Reads a configuration file and checks that it loads.
     *
     * @throws ConfigException listing the configuration's problems
     * @throws IllegalArgumentException when the file cannot be read
     */
    public static PolicyConfig read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        PolicyConfig config = new PolicyConfig(name, text, file.toString());
        config.check();
        return config;
    }

    /** The default configuration (what {@code sextant serve} runs without {@code --config}). */
    public static PolicyConfig defaultConfig() {
        return new PolicyConfig("default", "", "the default configuration");
    }

    /** A copy under another name. */
    public PolicyConfig withName(String value) {
        return new PolicyConfig(value, yaml, origin);
    }

    /**
     * Loads it once with a throwaway context, so problems show before any run starts.
     *
     * @throws ConfigException listing the problems
     */
    public void check() {
        new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(),
                new EnginePluginContext(new ManualClock(), new SplittableRandom(0))).load(yaml, origin);
    }
}
