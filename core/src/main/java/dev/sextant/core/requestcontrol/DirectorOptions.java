package dev.sextant.core.requestcontrol;

/**
 * How the Director behaves beyond what the configuration says.
 *
 * @param failOpen when scheduling fails with an internal error (a broken plugin), send the request to
 *     a random eligible endpoint instead of failing it
 */
public record DirectorOptions(boolean failOpen) {
    /** Fail closed. */
    public static final DirectorOptions DEFAULTS = new DirectorOptions(false);
}
