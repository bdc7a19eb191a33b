/**
 * Data-layer contracts: sources that collect raw data about endpoints and extractors that turn it
 * into endpoint snapshots.
 */
package dev.sextant.api.datalayer;
