/**
 * Training data for the adapters Sextant routes to: {@link dev.sextant.dataset.GoPairExtractor} turns
 * Go source trees into instruction/output pairs (doc comment → function source) as JSON lines.
 *
 * <p>The public surface is the extractor, its options and its summary; the Go lexer and the function
 * finder behind them are package-private. May depend on small libraries (Jackson's streaming writer);
 * never on another Sextant module.
 */
package dev.sextant.dataset;
