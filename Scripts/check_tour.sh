#!/usr/bin/env bash
# Loads the tour page in headless Chromium and fails — never skips — when it does not load,
# when the browser logs a console message or a script error (the page has no script, and its
# Content-Security-Policy turns any request it would make into a logged violation), or when
# the figures, captions and trajectories are missing from the rendered DOM.
#
#   Scripts/check_tour.sh DIR [SCREENSHOT.png]
#
# DIR holds index.html as written by `descent tour --out DIR`. With SCREENSHOT, also writes a
# screenshot of the top of the page. Chromium is installed with apt-get when missing (Debian's
# `chromium`, about 81 MB), as `make deps` does for OpenBLAS.
set -euo pipefail

MIN_FIGURES=${MIN_FIGURES:-8}
MIN_TRAJECTORIES=${MIN_TRAJECTORIES:-6}

fail() { echo "check_tour: FAIL: $*" >&2; exit 1; }

dir=${1:?usage: Scripts/check_tour.sh DIR [SCREENSHOT.png]}
shot=${2:-}
page="$(cd "$dir" && pwd)/index.html"
[ -s "$page" ] || fail "$page is missing or empty"

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    echo "check_tour: installing chromium (about 81 MB)…" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    browser=chromium
  fi
  command -v "$browser" >/dev/null 2>&1 || fail "no chromium and no apt-get to install it"
fi

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$page" >"$work/dom.html" 2>"$work/log.txt"; then
  cat "$work/log.txt" >&2
  fail "chromium could not load $page"
fi

# Console messages (errors, CSP violations from a request the page should not make) and
# uncaught script errors; D-Bus, GPU and sandbox chatter is not about the page.
if grep -E "CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|Failed to load" "$work/log.txt" >"$work/errors.txt"; then
  cat "$work/errors.txt" >&2
  fail "the browser logged errors while loading the page"
fi

count() { grep -o "$1" "$work/dom.html" | wc -l | tr -d ' '; }
grep -q "</html>" "$work/dom.html" || fail "the rendered DOM is incomplete"
figures=$(count '<figure ')
svgs=$(count '<svg ')
captions=$(count '<figcaption>')
trajectories=$(count 'class="trajectory"')
animations=$(count '<animate ')
echo "check_tour: $figures figures, $svgs svg, $captions captions, $trajectories trajectory polylines, $animations animations"
[ "$figures" -ge "$MIN_FIGURES" ] || fail "$figures figures, expected at least $MIN_FIGURES"
[ "$svgs" -ge "$figures" ] || fail "$svgs svg elements for $figures figures"
[ "$captions" -eq "$figures" ] || fail "$captions captions for $figures figures"
[ "$trajectories" -ge "$MIN_TRAJECTORIES" ] || fail "$trajectories trajectories, expected $MIN_TRAJECTORIES"
[ "$animations" -ge 2 ] || fail "no animation in the page"
if grep -Eo '(src|href)="https?://[^"]*"' "$work/dom.html" >"$work/external.txt"; then
  cat "$work/external.txt" >&2
  fail "the page refers to the network"
fi

if [ -n "$shot" ]; then
  timeout 120 "$browser" "${flags[@]}" --screenshot="$shot" --window-size=1100,2200 \
    "file://$page" 2>/dev/null || fail "could not take the screenshot"
  echo "check_tour: screenshot $shot"
fi
echo "check_tour: OK"
