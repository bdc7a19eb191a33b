/**
 * Flow-control contracts: how saturated the pool is, which waiting request goes next within a flow
 * (ordering) and which flow goes next within a priority band (fairness).
 */
package dev.sextant.api.flowcontrol;
