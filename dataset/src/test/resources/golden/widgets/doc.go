// Copyright 2026 The Sextant Authors. A small tree for the golden test of `sextant dataset go`.

// Package widgets is a golden test tree: every file exercises a lexical or structural case that the
// extractor must get right, and expected.jsonl next to this tree holds exactly the pairs it gives.
package widgets
