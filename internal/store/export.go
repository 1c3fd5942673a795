package store

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/sukien/sukien"
)

// Export formats.
const (
	FormatJSONL   = "jsonl"   // one merged Event a line, PLOVER field names, with its mentions
	FormatCSV     = "csv"     // one merged event a row, for spreadsheets (CSVHeader)
	FormatPOLECAT = "polecat" // tab-separated, POLECAT's published columns (POLECATHeader)
)

// CSVHeader is the first row of the csv format. Lists within a cell are
// separated by "; ".
var CSVHeader = []string{"id", "date", "event", "mode", "cameo",
	"actor_countries", "actors", "recipient_countries", "recipients",
	"location", "location_country", "channel", "level",
	"num_mentions", "num_sources", "num_outlets", "first_seen", "last_seen",
	"sentence", "documents", "outlets"}

// POLECATHeader names the columns of POLECAT's weekly files, in their order.
// Columns sukien has no data for (intensity, quad code, contexts, COW codes
// of unlisted states, geocoding, Wikipedia ids) are left empty.
var POLECATHeader = []string{"Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
	"Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
	"Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
	"Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type",
	"Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version"}

// Export writes the merged events f selects (all of them when f.Limit is
// 0) to w in the given format.
func (s *Store) Export(ctx context.Context, w io.Writer, format string, f EventFilter) error {
	var write func(*Event) error
	bw := bufio.NewWriter(w)
	var cw *csv.Writer
	switch format {
	case FormatJSONL, "":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		write = func(ev *Event) error { return enc.Encode(ev) }
	case FormatCSV:
		cw = csv.NewWriter(bw)
		if err := cw.Write(CSVHeader); err != nil {
			return err
		}
		write = func(ev *Event) error { return cw.Write(csvRow(ev)) }
	case FormatPOLECAT:
		cw = csv.NewWriter(bw)
		cw.Comma = '\t'
		if err := cw.Write(POLECATHeader); err != nil {
			return err
		}
		write = func(ev *Event) error { return cw.Write(polecatRow(ev)) }
	default:
		return sukien.Errorf(sukien.EINVALID, "export: unknown format %q (want jsonl, csv or polecat)", format)
	}
	where, args, err := s.where(ctx, f)
	if err != nil {
		return err
	}
	const page = 1000
	for offset, left := max(f.Offset, 0), f.Limit; ; offset += page {
		n := page
		if f.Limit > 0 {
			if left <= 0 {
				break
			}
			n = min(page, left)
			left -= n
		}
		evs, err := s.selectEvents(ctx, where, args, n, offset)
		if err != nil {
			return err
		}
		if err := s.attachMentions(ctx, evs); err != nil {
			return err
		}
		for i := range evs {
			if err := write(&evs[i]); err != nil {
				return err
			}
		}
		if len(evs) < n {
			break
		}
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func csvRow(ev *Event) []string {
	date, loc, locCountry := "", "", ""
	if ev.Date != nil {
		date = *ev.Date
	}
	if ev.Location != nil {
		loc, locCountry = ev.Location.Name, ev.Location.Country
	}
	var docs, outlets []string
	for _, m := range ev.Mentions {
		docs = appendNew(docs, m.Doc)
		outlets = appendNew(outlets, m.Outlet)
	}
	return []string{ev.ID, date, ev.Event, ev.Mode, ev.Cameo,
		join(ev.Actor, countryOf), join(ev.Actor, nameOf), join(ev.Recipient, countryOf), join(ev.Recipient, nameOf),
		loc, locCountry, ev.Channel, ev.Level,
		strconv.Itoa(ev.NumMentions), strconv.Itoa(ev.NumSources), strconv.Itoa(ev.NumOutlets), ev.FirstSeen, ev.LastSeen,
		ev.Sentence, strings.Join(docs, "; "), strings.Join(outlets, "; ")}
}

func polecatRow(ev *Event) []string {
	date, loc, locCountry := "", "", ""
	if ev.Date != nil {
		date = *ev.Date
	}
	if ev.Location != nil {
		loc, locCountry = ev.Location.Name, ev.Location.Country
	}
	var outlets, people, orgs []string
	raw := [2][]string{}
	for i, m := range ev.Mentions {
		outlets = appendNew(outlets, m.Outlet)
		for side, actors := range [2][]sukien.Actor{m.Actor, m.Recipient} {
			for _, a := range actors {
				if i == 0 || len(raw[side]) == 0 {
					raw[side] = appendNew(raw[side], a.Raw)
				}
			}
		}
	}
	for _, a := range append(append([]sukien.Actor{}, ev.Actor...), ev.Recipient...) {
		switch a.Kind {
		case sukien.KindPerson:
			people = appendNew(people, a.Name)
		case sukien.KindOrganization:
			orgs = appendNew(orgs, a.Name)
		}
	}
	side := func(actors []sukien.Actor, raw []string) []string {
		primary := ""
		if len(actors) > 0 {
			primary = actors[0].Sector
		}
		return []string{join(actors, nameOf), join(actors, countryOf), join(actors, cowOf), primary,
			join(actors, func(a sukien.Actor) string { return a.Sector }),
			join(actors, func(a sukien.Actor) string { return a.Title }),
			strings.Join(raw, "; "), ""}
	}
	row := []string{ev.ID, date, ev.Event, ev.Mode, "", "", ""}
	row = append(row, side(ev.Actor, raw[0])...)
	row = append(row, side(ev.Recipient, raw[1])...)
	row = append(row, loc, "", "", "", locCountry, "", "", "", loc, "",
		strings.Join(outlets, "; "), ev.FirstSeen, strings.Join(people, "; "), strings.Join(orgs, "; "), loc, "vi", "sukien-1")
	for i, v := range row {
		row[i] = strings.Join(strings.Fields(v), " ") // no tabs or newlines inside a cell
	}
	return row
}

func nameOf(a sukien.Actor) string    { return a.Name }
func countryOf(a sukien.Actor) string { return a.Country }

// cowOf returns the Correlates of War code of the actor's state, for the
// states of the theatre.
func cowOf(a sukien.Actor) string { return cowCodes[a.Country] }

var cowCodes = map[string]string{
	"USA": "2", "CAN": "20", "GBR": "200", "FRA": "220", "DEU": "255", "ITA": "325", "RUS": "365", "UKR": "369",
	"IRN": "630", "CHN": "710", "MNG": "712", "TWN": "713", "PRK": "731", "KOR": "732", "JPN": "740",
	"IND": "750", "VNM": "816", "PHL": "840", "AUS": "900",
}

// join lists the distinct non-empty values of f over actors.
func join(actors []sukien.Actor, f func(sukien.Actor) string) string {
	var vals []string
	for _, a := range actors {
		vals = appendNew(vals, f(a))
	}
	return strings.Join(vals, "; ")
}

func appendNew(list []string, v string) []string {
	if v == "" || contains(list, v) {
		return list
	}
	return append(list, v)
}
