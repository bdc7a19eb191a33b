/**
 * Built-in plugins: scorers, filters, pickers, profile handlers and request-control plugins.
 *
 * <p>May depend on {@code sextant-api} and small libraries only, never on the engine or the fronts
 * (an ArchUnit test checks this). {@link dev.sextant.plugins.BuiltinPlugins} lists every factory.
 */
package dev.sextant.plugins;
