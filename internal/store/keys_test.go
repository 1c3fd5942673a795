package store

import (
	"fmt"
	"testing"

	"github.com/sukien/sukien"
)

// TestEventKeysManyParticipants checks eventKeys past the size where
// eventRoles and eventKeys switch from scanning to maps: each key once,
// with all its roles, and one pair key per actor and recipient country.
func TestEventKeysManyParticipants(t *testing.T) {
	for _, n := range []int{2, 12} { // 2: scans only; 12: 48 roles, 144 pairs
		ev := &Event{Event: "ACCUSE"}
		for i := range n {
			ev.Actor = append(ev.Actor, sukien.Actor{Kind: sukien.KindCountry, Name: "a", Country: fmt.Sprintf("A%02d", i)})
			ev.Recipient = append(ev.Recipient, sukien.Actor{Kind: sukien.KindCountry, Name: "r", Country: fmt.Sprintf("R%02d", i)})
		}
		ks := eventKeys(ev)
		seen := map[string]int{}
		pairs := 0
		for _, k := range ks {
			seen[k.key]++
			if k.roles == roleBit("pair") {
				pairs++
			}
		}
		for key, c := range seen {
			if c != 1 {
				t.Errorf("n=%d: key %s %d times", n, key, c)
			}
		}
		if want := 2*n + n*n; len(ks) != want || pairs != n*n {
			t.Errorf("n=%d: %d keys (%d pairs), want %d (%d pairs)", n, len(ks), pairs, want, n*n)
		}
		if i := seen["A01"]; i == 0 {
			t.Fatalf("n=%d: no key A01", n)
		}
		for _, k := range ks {
			if k.key == "A01" && k.roles != roleBit("actor")|roleBit("country") {
				t.Errorf("n=%d: A01 has roles %b, want actor and country", n, k.roles)
			}
		}
	}
}
