/** The protocol-neutral inference request, its prompt view, usage and error codes. */
package dev.sextant.api.request;
