package dev.sextant.core.config;

import dev.sextant.api.SextantException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The configuration used when none is given (see {@code default-config.yaml} beside this class). */
public final class DefaultConfig {
    /** The source label of the default configuration in messages. */
    public static final String SOURCE = "<default configuration>";

    private static final String TEXT = load();

    private DefaultConfig() {}

    /** The default configuration as YAML text. */
    public static String yaml() {
        return TEXT;
    }

    /** The default configuration, parsed. */
    public static EndpointPickerConfig raw() {
        return ConfigParser.parse(TEXT, SOURCE);
    }

    private static String load() {
        try (InputStream in = DefaultConfig.class.getResourceAsStream("default-config.yaml")) {
            if (in == null) {
                throw new SextantException("default-config.yaml is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SextantException("cannot read default-config.yaml", e);
        }
    }
}
