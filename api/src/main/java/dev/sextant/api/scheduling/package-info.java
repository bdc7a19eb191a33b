/**
 * The scheduling extension points: {@link dev.sextant.api.scheduling.Filter},
 * {@link dev.sextant.api.scheduling.Scorer}, {@link dev.sextant.api.scheduling.Picker} and
 * {@link dev.sextant.api.scheduling.ProfileHandler}, and the results they produce.
 */
package dev.sextant.api.scheduling;
