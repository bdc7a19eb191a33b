/**
 * Plugin identity, factories, parameters and the declaration of the data plugins produce and consume.
 */
package dev.sextant.api.plugin;
