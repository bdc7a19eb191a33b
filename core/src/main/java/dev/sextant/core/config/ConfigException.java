package dev.sextant.core.config;

import dev.sextant.api.SextantException;
import java.util.List;

/** A configuration could not be loaded; carries every problem found, not just the first. */
public final class ConfigException extends SextantException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(render(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file name (or other label) of the configuration. */
    public String source() {
        return source;
    }

    /** Every problem found, in document order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String source, List<ConfigProblem> problems) {
        StringBuilder out = new StringBuilder();
        out.append(source).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        for (ConfigProblem p : problems) {
            out.append(System.lineSeparator()).append("  ").append(p);
        }
        return out.toString();
    }
}
