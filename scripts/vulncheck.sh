#!/usr/bin/env bash
# Checks the module and the Go toolchain against the Go vulnerability
# database (https://vuln.go.dev) with govulncheck, installed at a pinned
# version from the module proxy into a temporary GOBIN, so that nothing is
# added to go.mod or to the user's $GOPATH/bin:
#
#   scripts/vulncheck.sh            # exit 0: no vulnerable code is called
#   scripts/vulncheck.sh -show verbose
#
# Arguments are passed to govulncheck before the package pattern ./...
# It reports only vulnerabilities whose vulnerable functions the code can
# reach; `-scan module` lists every vulnerable module version required.
set -euo pipefail

cd "$(dirname "$0")/.."
# v1.9.0 does not install: its golang.org/x/telemetry version is not on the proxy.
GOVULNCHECK_VERSION=${GOVULNCHECK_VERSION:-v1.8.0}

GOBIN=$(mktemp -d)
trap 'rm -rf "$GOBIN"' EXIT
GOBIN=$GOBIN go install "golang.org/x/vuln/cmd/govulncheck@$GOVULNCHECK_VERSION"
echo "govulncheck $GOVULNCHECK_VERSION, $(go version)" >&2
"$GOBIN/govulncheck" "$@" ./...
