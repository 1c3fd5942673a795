# Developer shortcuts. The README's two commands need none of this.
SHARED ?= ../shared
BIN    := bin/sukien

.PHONY: build test eval eval-demo bench fuzz lint

build:
	go build -o $(BIN) ./cmd/sukien

test:
	go test -race ./...

lint:
	test -z "$$(gofmt -l .)" || (gofmt -l . && exit 1)
	go vet ./...

# Extract the dev set and score it with the guidelines' scorer.
eval: build
	$(BIN) extract $(SHARED)/eval/dev/docs.jsonl > /tmp/sukien-dev.jsonl
	python3 $(SHARED)/eval/score.py --gold $(SHARED)/eval/dev/gold.jsonl --pred /tmp/sukien-dev.jsonl

# The same on the built-in demo corpus, with its own gold.
eval-demo: build
	$(BIN) demo --jsonl > /tmp/sukien-demo.jsonl
	$(BIN) eval --gold internal/demo/gold.jsonl --pred /tmp/sukien-demo.jsonl

bench:
	go test -run '^$$' -bench . -benchmem ./...
