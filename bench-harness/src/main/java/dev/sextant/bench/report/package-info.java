/**
 * The reports of a bench run: report.json, report.md, report.html with inline SVG charts, and the
 * terminal comparison table.
 */
package dev.sextant.bench.report;
