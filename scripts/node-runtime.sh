#!/usr/bin/env bash
# Prints the bin folder of the Node.js release Portcullis runs on in production (.nvmrc), fetching it
# the first time into .local/node/<version>/ from the npm registry's official builds
# (node-<os>-<arch>, the packages behind the `node` package; npm checks their integrity).
# When the node on PATH is already that version it prints that node's folder and fetches nothing.
#
#   PATH="$(bash scripts/node-runtime.sh):$PATH" npm test
#
# Why a script and not nvm: nodejs.org may be out of reach (CI here only reaches package
# registries); the npm registry serves the same builds. docs/decisions.md, "The runtime".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="$(tr -d ' \nv' <"$ROOT/.nvmrc")"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
  echo "node-runtime.sh: .nvmrc must hold an exact version (x.y.z), not '$VERSION'" >&2
  exit 1
}

if command -v node >/dev/null 2>&1 && [[ "$(node --version)" == "v$VERSION" ]]; then
  dirname "$(command -v node)"
  exit 0
fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "node-runtime.sh: no npm-registry build of Node.js for $(uname -s)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-runtime.sh: no npm-registry build of Node.js for $(uname -m)" >&2; exit 1 ;;
esac

DEST="${PORTCULLIS_SERVICES_DIR:-$ROOT/.local}/node/$VERSION"
if [[ ! -x "$DEST/bin/node" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-$os-$arch@$VERSION" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$(dirname "$DEST")"
  rm -rf "$DEST"
  mv "$tmp/package" "$DEST"
fi
"$DEST/bin/node" --version >/dev/null
echo "$DEST/bin"
