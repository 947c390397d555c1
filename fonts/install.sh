#!/bin/sh
# Installs Vazirmatn at a pinned version into this folder, checksum-verified.
# The tarball comes from the npm registry (npm pack); nothing else is fetched.
set -eu

VERSION=33.0.3
SHA256=9506e9e6a27e62b353c04a136c27de0cc3aa9e434658b45a6363f7c98c357090
WEIGHTS="Regular Medium Bold"

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

have=1
for w in $WEIGHTS; do
	[ -f "Vazirmatn-$w.ttf" ] && [ -f "Vazirmatn-$w.woff2" ] || have=0
done
[ -f OFL.txt ] || have=0
if [ "$have" = 1 ] && [ "$(cat VERSION 2>/dev/null)" = "$VERSION" ]; then
	exit 0
fi

command -v npm >/dev/null 2>&1 || {
	echo "fonts: npm is needed to fetch Vazirmatn $VERSION (apt-get install npm)" >&2
	exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-font.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "fonts: fetching Vazirmatn $VERSION"
(cd "$tmp" && npm pack --silent "vazirmatn@$VERSION" >/dev/null)
tgz="$tmp/vazirmatn-$VERSION.tgz"
got=$(sha256sum "$tgz" | cut -d' ' -f1)
if [ "$got" != "$SHA256" ]; then
	echo "fonts: vazirmatn-$VERSION.tgz has checksum $got, expected $SHA256; not installing it" >&2
	exit 1
fi
tar -xzf "$tgz" -C "$tmp"
for w in $WEIGHTS; do
	cp "$tmp/package/fonts/ttf/Vazirmatn-$w.ttf" .
	cp "$tmp/package/fonts/webfonts/Vazirmatn-$w.woff2" .
done
cp "$tmp/package/OFL.txt" OFL.txt
cp "$tmp/package/AUTHORS.txt" AUTHORS.txt 2>/dev/null || true
echo "$VERSION" > VERSION
echo "fonts: Vazirmatn $VERSION installed (SIL OFL 1.1, see fonts/OFL.txt)"
