/**
 * Request-control hooks around scheduling: prepare-data, admission, pre-request and the response
 * hooks (received, streaming, complete).
 */
package dev.sextant.api.requestcontrol;
