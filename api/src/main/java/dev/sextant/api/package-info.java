/**
 * The stable plugin surface of Sextant.
 *
 * <p>Everything a plugin needs to compile lives here and nothing else does: plugin identity and
 * factories ({@link dev.sextant.api.plugin}), endpoints and their metric snapshots
 * ({@link dev.sextant.api.endpoint}), the protocol-neutral request ({@link dev.sextant.api.request}),
 * the scheduling extension points ({@link dev.sextant.api.scheduling}), the request-control hooks
 * ({@link dev.sextant.api.requestcontrol}), the data-layer contracts
 * ({@link dev.sextant.api.datalayer}) and the injectable clock ({@link dev.sextant.api.time}).
 *
 * <p>This module depends on nothing. The engine ({@code core}) and the fronts depend on it; it never
 * depends on them, which an ArchUnit test enforces.
 */
package dev.sextant.api;
