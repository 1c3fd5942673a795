package store

import "github.com/sukien/sukien"

// Article is one extracted document, as the pipeline hands it to Ingest.
type Article struct {
	Doc       sukien.Document // metadata and original text
	Text      string          // cleaned, normalised text, for search and display
	Sentences []Sentence      // body sentences
	Removed   []Span          // boilerplate removed from the original
	Events    []sukien.Event  // per-document records as extracted

	prep *preparedArticle // see Prepare
}

// Sentence is one body sentence. Offsets count characters (runes): Start and
// End in the cleaned text, OrigStart and OrigEnd in the original.
type Sentence struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	OrigStart int    `json:"orig_start"`
	OrigEnd   int    `json:"orig_end"`
	Text      string `json:"text"` // Text[Start:End] when empty on ingest
}

// Span is a stretch of the original text, in characters, such as removed
// boilerplate: Kind is "caption", "related", "comments", ...
type Span struct {
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Result counts what one Ingest did.
type Result struct {
	Added     int `json:"added"`     // new documents
	Replaced  int `json:"replaced"`  // documents whose content or extraction changed
	Unchanged int `json:"unchanged"` // documents already stored as they are
	Events    int `json:"events"`    // mentions (extracted records) stored
	Merged    int `json:"merged"`    // of those, mentions joined to an event already reported
}

// Event is a merged event: every report of one real-world event, across
// documents, with its mentions.
type Event struct {
	ID        string           `json:"id"`
	Event     string           `json:"event"`
	Mode      string           `json:"mode"`
	Cameo     string           `json:"cameo"`
	Date      *string          `json:"date"`
	Actor     []sukien.Actor   `json:"actor"`
	Recipient []sukien.Actor   `json:"recipient"`
	Location  *sukien.Location `json:"location"`
	Sentence  string           `json:"sentence"` // from the earliest report
	Summary   string           `json:"summary,omitempty"`
	Channel   string           `json:"channel,omitempty"`
	Level     string           `json:"level,omitempty"`

	// NumMentions counts the sentences reporting the event in all documents
	// (each record counts its Mentions, at least one); NumSources the
	// distinct documents; NumOutlets the distinct named outlets.
	NumMentions int    `json:"num_mentions"`
	NumSources  int    `json:"num_sources"`
	NumOutlets  int    `json:"num_outlets"`
	FirstSeen   string `json:"first_seen,omitempty"` // earliest publication date of a report
	LastSeen    string `json:"last_seen,omitempty"`

	Mentions []Mention `json:"mentions,omitempty"` // filled by Event and Export
}

// Mention is one per-document record of an event, with its evidence.
type Mention struct {
	ID            string           `json:"id"` // "DOC#N": the Nth record of document DOC
	EventID       string           `json:"event_id"`
	Doc           string           `json:"doc"`
	Outlet        string           `json:"outlet,omitempty"`
	Published     string           `json:"published,omitempty"`
	URL           string           `json:"url,omitempty"`
	Title         string           `json:"title,omitempty"`
	Event         string           `json:"event"`
	Date          *string          `json:"date"`
	DateText      string           `json:"date_text,omitempty"`
	Actor         []sukien.Actor   `json:"actor"`
	Recipient     []sukien.Actor   `json:"recipient"`
	Location      *sukien.Location `json:"location"`
	Sentence      string           `json:"sentence"`
	SentenceIndex int              `json:"sentence_index"` // index in Document.Sentences, -1 when unknown
	Start         int              `json:"start"`          // sentence offsets in the original, in characters
	End           int              `json:"end"`
	Trigger       string           `json:"trigger,omitempty"`
}

// Document is a stored document. Documents fills the metadata and
// NumEvents; Document fills everything.
type Document struct {
	ID         string     `json:"id"`
	URL        string     `json:"url,omitempty"`
	Outlet     string     `json:"outlet,omitempty"`
	Published  string     `json:"published,omitempty"`
	Title      string     `json:"title,omitempty"`
	Source     string     `json:"source,omitempty"`
	Hash       string     `json:"hash"` // SHA-256 of title and cleaned text
	IngestedAt string     `json:"ingested_at"`
	NumEvents  int        `json:"num_events"` // mentions stored for the document
	Original   string     `json:"original,omitempty"`
	Text       string     `json:"text,omitempty"`
	Sentences  []Sentence `json:"sentences,omitempty"`
	Removed    []Span     `json:"removed,omitempty"`
	Mentions   []Mention  `json:"mentions,omitempty"`
}

// ActorStat is an actor with the events it takes part in.
type ActorStat struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Name      string   `json:"name"`
	Country   string   `json:"country,omitempty"`
	Events    int      `json:"events"`   // merged events
	Mentions  int      `json:"mentions"` // records naming the actor
	FirstSeen string   `json:"first_seen,omitempty"`
	LastSeen  string   `json:"last_seen,omitempty"`
	Aliases   []string `json:"aliases,omitempty"` // names as written in the corpus
}

// Hit is one search result: a sentence (or, with Sentence -1, a title).
type Hit struct {
	Doc       string  `json:"doc"`
	Title     string  `json:"title,omitempty"`
	Outlet    string  `json:"outlet,omitempty"`
	Published string  `json:"published,omitempty"`
	URL       string  `json:"url,omitempty"`
	Sentence  int     `json:"sentence"`
	Start     int     `json:"start"` // offsets of the sentence in the cleaned text, in characters
	End       int     `json:"end"`
	Text      string  `json:"text"`
	Snippet   string  `json:"snippet"` // Text around the matches, each match marked «so»
	Score     float64 `json:"score"`   // higher is better
}

// Stats counts merged events.
type Stats struct {
	Events   int     `json:"events"`
	Mentions int     `json:"mentions"`
	ByType   []Count `json:"by_type"`
	ByMonth  []Count `json:"by_month"` // "2024-06"; events dated only by year count under "2024"
	ByPair   []Count `json:"by_pair"`  // "CHN+KOR" for symmetric events, "PRK>KOR" for directed ones
}

// Count is one bucket of Stats.
type Count struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

// ChannelDef defines a recurring diplomatic mechanism (channels.dict).
type ChannelDef struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Members []string `json:"members,omitempty"` // ISO3 codes of the sides
	Aliases []string `json:"aliases,omitempty"` // Vietnamese names as written in the press
	Event   string   `json:"event,omitempty"`   // usual PLOVER type, CONSULT mostly
	Levels  []string `json:"levels,omitempty"`
	Note    string   `json:"note,omitempty"`
}

// Channel is a channel with its sessions, merged from all documents.
type Channel struct {
	ChannelDef
	Sessions  []Session `json:"sessions"` // oldest first
	NumEvents int       `json:"num_events"`
}

// Session is one meeting of a channel: the events of the channel on one date.
type Session struct {
	Date         *string          `json:"date"`
	Level        string           `json:"level,omitempty"`
	Place        *sukien.Location `json:"place"`
	Participants []sukien.Actor   `json:"participants"`
	Events       []string         `json:"events"` // merged event ids
	NumSources   int              `json:"num_sources"`
}
