package serve

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/sukien/sukien/internal/store"
)

// The OpenAPI document must list exactly the routes the server has, and
// every GET answer must fit its documented schema.

type openAPIDoc struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
	Comps   struct {
		Schemas map[string]json.RawMessage `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) *openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	return &doc
}

func TestOpenAPIListsTheRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	var documented, served []string
	for p, ops := range doc.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	s := New(sharedStore(t), Options{})
	for _, r := range s.api {
		served = append(served, r.method+" "+r.path)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if strings.Join(documented, "\n") != strings.Join(served, "\n") {
		t.Errorf("openapi.json documents\n%s\nthe server serves\n%s", strings.Join(documented, "\n"), strings.Join(served, "\n"))
	}
	served2 := get(t, s, "/api/v1/openapi.json")
	if served2.Body.String() != string(openAPI) {
		t.Error("GET /api/v1/openapi.json does not serve the embedded document")
	}
}

func TestOpenAPIResponsesFitSchemas(t *testing.T) {
	doc := loadOpenAPI(t)
	st := sharedStore(t)
	h := New(st, Options{})
	evs, _, err := st.Events(t.Context(), store.EventFilter{Channel: "", Limit: 1})
	if err != nil || len(evs) == 0 {
		t.Fatal("no event", err)
	}
	ids := map[string]string{
		"/api/v1/events/{id}":    evs[0].ID,
		"/api/v1/actors/{id}":    "KOR",
		"/api/v1/channels/{id}":  "test-channel",
		"/api/v1/documents/{id}": "demo-01",
	}
	queries := map[string]string{
		"/api/v1/search":  "q=" + url.QueryEscape("Bình Nhưỡng"),
		"/api/v1/network": "persons=1",
		"/api/v1/events":  "limit=5000",
	}
	for p, ops := range doc.Paths {
		raw, ok := ops["get"]
		if !ok || p == "/api/v1/openapi.json" {
			continue
		}
		var op struct {
			Responses map[string]struct {
				Content map[string]struct {
					Schema json.RawMessage `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatal(p, err)
		}
		target := strings.Replace(p, "{id}", url.PathEscape(ids[p]), 1)
		if q := queries[p]; q != "" {
			target += "?" + q
		}
		var body any
		getJSON(t, h, target, 200, &body)
		v := validator{doc: doc}
		v.check(op.Responses["200"].Content["application/json"].Schema, body, p)
		for _, e := range v.errs {
			t.Error(e)
		}
		// Errors fit the Error schema too.
		if _, ok := op.Responses["404"]; ok && strings.Contains(p, "{id}") {
			var eb any
			getJSON(t, h, strings.Replace(p, "{id}", "no-such-thing", 1), 404, &eb)
			v := validator{doc: doc}
			v.check(json.RawMessage(`{"$ref": "#/components/schemas/Error"}`), eb, p+" 404")
			for _, e := range v.errs {
				t.Error(e)
			}
		}
	}
}

// validator checks a decoded JSON value against the subset of JSON Schema
// the document uses: $ref, type (one or a list), properties, required,
// additionalProperties false, items and enum.
type validator struct {
	doc  *openAPIDoc
	errs []string
}

type schema struct {
	Ref        string                     `json:"$ref"`
	Type       any                        `json:"type"`
	Properties map[string]json.RawMessage `json:"properties"`
	Required   []string                   `json:"required"`
	Additional *bool                      `json:"additionalProperties"`
	Items      json.RawMessage            `json:"items"`
	Enum       []any                      `json:"enum"`
}

func (v *validator) check(raw json.RawMessage, val any, at string) {
	var s schema
	if err := json.Unmarshal(raw, &s); err != nil {
		v.errs = append(v.errs, fmt.Sprintf("%s: bad schema: %v", at, err))
		return
	}
	if s.Ref != "" {
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		ref, ok := v.doc.Comps.Schemas[name]
		if !ok {
			v.errs = append(v.errs, fmt.Sprintf("%s: unknown schema %s", at, s.Ref))
			return
		}
		v.check(ref, val, at)
		return
	}
	var types []string
	switch t := s.Type.(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			types = append(types, x.(string))
		}
	}
	if len(types) > 0 && !contains(types, jsonType(val)) && !(jsonType(val) == "integer" && contains(types, "number")) {
		v.errs = append(v.errs, fmt.Sprintf("%s: %s, want %v", at, jsonType(val), types))
		return
	}
	if len(s.Enum) > 0 {
		found := false
		for _, e := range s.Enum {
			found = found || e == val
		}
		if !found {
			v.errs = append(v.errs, fmt.Sprintf("%s: %v is not one of %v", at, val, s.Enum))
		}
	}
	switch x := val.(type) {
	case map[string]any:
		for _, r := range s.Required {
			if _, ok := x[r]; !ok {
				v.errs = append(v.errs, fmt.Sprintf("%s: missing required %q", at, r))
			}
		}
		for k, fv := range x {
			ps, ok := s.Properties[k]
			if !ok {
				if s.Additional != nil && !*s.Additional {
					v.errs = append(v.errs, fmt.Sprintf("%s: undocumented property %q", at, k))
				}
				continue
			}
			v.check(ps, fv, at+"."+k)
		}
	case []any:
		if s.Items != nil {
			for i, it := range x {
				v.check(s.Items, it, fmt.Sprintf("%s[%d]", at, i))
			}
		}
	}
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func TestValidatorCatchesMismatches(t *testing.T) {
	doc := &openAPIDoc{}
	doc.Comps.Schemas = map[string]json.RawMessage{
		"Thing": json.RawMessage(`{"type":"object","additionalProperties":false,"required":["id"],"properties":{"id":{"type":"string"},"n":{"type":"integer"}}}`),
	}
	for _, tc := range []struct {
		val  string
		errs int
	}{
		{`{"id":"a","n":2}`, 0},
		{`{"n":2}`, 1},
		{`{"id":"a","extra":1}`, 1},
		{`{"id":3}`, 1},
		{`{"id":"a","n":2.5}`, 1},
	} {
		var val any
		json.Unmarshal([]byte(tc.val), &val)
		v := validator{doc: doc}
		v.check(json.RawMessage(`{"$ref":"#/components/schemas/Thing"}`), val, "x")
		if len(v.errs) != tc.errs {
			t.Errorf("%s: %d errors %v, want %d", tc.val, len(v.errs), v.errs, tc.errs)
		}
	}
}
