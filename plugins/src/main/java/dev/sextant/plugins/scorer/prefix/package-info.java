/**
 * GIE's approximate prefix-cache scorer: {@link dev.sextant.plugins.scorer.prefix.PrefixCacheScorer}
 * and what it is made of, the prompt hasher ({@link dev.sextant.plugins.scorer.prefix.PromptBlockHasher}
 * over {@link dev.sextant.plugins.scorer.prefix.Xxh64}) and the learned index of which endpoint holds
 * which blocks ({@link dev.sextant.plugins.scorer.prefix.PrefixIndex}, one LRU per endpoint).
 *
 * <p>Depends only on {@code sextant-api} and the JDK.
 */
package dev.sextant.plugins.scorer.prefix;
