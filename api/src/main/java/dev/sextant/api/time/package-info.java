/** The injectable clock: wall time in production, virtual time in the simulator and in tests. */
package dev.sextant.api.time;
