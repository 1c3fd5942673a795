// Package sukien holds the domain types shared by every stage of the
// pipeline (ingest → text → extract → store → serve) and its error codes.
// It depends on nothing but the standard library.
package sukien

import (
	"errors"
	"fmt"
)

// Document is one article as delivered by a crawler, a file or a user.
type Document struct {
	ID        string `json:"id"`
	Published string `json:"published,omitempty"` // "2024-06-18", "2025-12-22T08:36" or "2024-06"
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	HTML      string `json:"html,omitempty"`

	// Where the document was read from, for error messages and provenance.
	Source string `json:"source,omitempty"` // file path, or "-" for standard input
	Line   int    `json:"line,omitempty"`   // line within Source for JSON Lines input
}

// Actor kinds.
const (
	KindCountry      = "country"
	KindPerson       = "person"
	KindOrganization = "organization"
)

// Actor is one participant of an event: a state, a person or an organisation.
// Country is an ISO 3166-1 alpha-3 code or one of PLOVER's UNO, EUR, IGO.
type Actor struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
	ID      string `json:"id,omitempty"`     // dictionary identity, stable across documents
	Sector  string `json:"sector,omitempty"` // GOV, MIL, DIP, LEG, MED, ...
	Title   string `json:"title,omitempty"`  // title as read in the text ("Ngoại trưởng")
	Raw     string `json:"raw,omitempty"`    // the name as written in the text
	// Transliterated marks a name derived from Sino-Vietnamese readings
	// rather than found in the dictionary.
	Transliterated bool `json:"transliterated,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Name    string `json:"name"`
	Country string `json:"country,omitempty"`
}

// Event is one coded interaction, in the record format of the evaluation
// guidelines (PLOVER field names) plus provenance.
type Event struct {
	ID        string    `json:"id"`
	Doc       string    `json:"doc"`
	Event     string    `json:"event"`
	Mode      string    `json:"mode"`
	Cameo     string    `json:"cameo"`
	Date      *string   `json:"date"`
	DateText  string    `json:"date_text,omitempty"`
	Actor     []Actor   `json:"actor"`
	Recipient []Actor   `json:"recipient"`
	Location  *Location `json:"location"`
	Sentence  string    `json:"sentence"`
	// Channel is the id of the recurring diplomatic mechanism the event
	// belongs to (e.g. the Korea–China 2+2 dialogue), when recognised.
	Channel string `json:"channel,omitempty"`
	// Level is the rank of the participants, e.g. "leader", "minister",
	// "vice-minister", "director-general", "envoy", when known.
	Level string `json:"level,omitempty"`

	Trigger    string  `json:"trigger,omitempty"`
	Start      int     `json:"start"` // sentence offsets in the original text, in characters
	End        int     `json:"end"`
	Confidence float64 `json:"confidence,omitempty"`
	Summary    string  `json:"summary,omitempty"` // one line in English
	// Mentions counts the sentences of the document that report this event.
	Mentions int `json:"mentions,omitempty"`
}

// Symmetric reports whether the event type has no direction (PLOVER rule):
// every side is a participant and actor/recipient order carries no meaning.
func Symmetric(eventType string) bool {
	switch eventType {
	case "CONSULT", "AGREE", "COOPERATE":
		return true
	}
	return false
}

// Error codes, after benbjohnson/wtf: callers branch on the code, people read
// the message.
const (
	ECONFLICT = "conflict"
	EINTERNAL = "internal"
	EINVALID  = "invalid"
	ENOTFOUND = "not_found"
	EUNAUTH   = "unauthorized"
)

// Error is an application error with a machine-readable code and a message
// fit for a user. Source and Line name the input at fault when there is one.
type Error struct {
	Code    string
	Message string
	Source  string
	Line    int
}

func (e *Error) Error() string {
	switch {
	case e.Source != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Message)
	case e.Source != "":
		return fmt.Sprintf("%s: %s", e.Source, e.Message)
	}
	return e.Message
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, EINTERNAL for errors not of this package
// and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
