#!/usr/bin/env bash
# Installs code-server (a real VS Code, in the browser) into a cache folder, once.
# Needs Debian's chromium, libkrb5-dev (a native module of code-server builds against it) and ripgrep.
# Prints the folder that holds node_modules/.bin/code-server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${FAULTLINE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/faultline-e2e}/code-server-4.100.3"
if [ ! -f "$dir/.installed" ]; then
  mkdir -p "$dir"
  cp "$here/package.json" "$dir/package.json"
  # @vscode/ripgrep's postinstall downloads from the internet; it accepts a cached archive instead.
  rgcache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$rgcache/x"
  cp "$(command -v rg)" "$rgcache/x/rg"
  tar -czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$rgcache/x" rg
  # allowScripts (package.json) lets code-server's postinstall and argon2's build run; the postinstall also insists on unsafe_perm as root.
  (cd "$dir" && npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --no-package-lock >&2)
  test -d "$dir/node_modules/code-server/lib/vscode/node_modules" || { echo "code-server's postinstall did not run" >&2; exit 1; }
  touch "$dir/.installed"
fi
echo "$dir"
