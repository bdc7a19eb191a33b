/**
 * The virtual-time cluster simulator: every configuration on the same simulated replicas and
 * arrivals, through the production Director, scheduler, plugins and data layer with the clock
 * replaced.
 */
package dev.sextant.bench.cluster;
