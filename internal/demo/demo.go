// Package demo holds the built-in demo corpus: short Vietnamese news articles
// about the Korean Peninsula (2018–2025), written for this project, and the
// hand-made gold events for them in the record format of the evaluation
// guidelines. See README.md for the list of articles.
package demo

import _ "embed"

// Docs is the corpus as JSON Lines, one sukien.Document a line.
//
//go:embed docs.jsonl
var Docs []byte

// Gold is the gold standard as JSON Lines, one event record a line, with the
// fields doc, event, mode, date, actor, recipient, persons, location,
// evidence, optional and note.
//
//go:embed gold.jsonl
var Gold []byte
