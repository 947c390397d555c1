#!/bin/sh
# Installs the fonts at pinned versions into this folder, checksum-verified:
# Vazirmatn for text, Vazir Code (monospaced, Persian-aware) for code.  The
# tarballs come from the npm registry (npm pack); nothing else is fetched.
set -eu

VERSION=33.0.3
SHA256=9506e9e6a27e62b353c04a136c27de0cc3aa9e434658b45a6363f7c98c357090
WEIGHTS="Regular Medium Bold"
CODE_VERSION=1.1.2
CODE_SHA256=043ff788732eeafd5e537db6bbea5d666ceedb6d8a98221504a3f5e1ab08fb69

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

have=1
for w in $WEIGHTS; do
	[ -f "Vazirmatn-$w.ttf" ] && [ -f "Vazirmatn-$w.woff2" ] || have=0
done
[ -f OFL.txt ] && [ -f Vazir-Code.ttf ] && [ -f Vazir-Code.woff2 ] || have=0
if [ "$have" = 1 ] && [ "$(cat VERSION 2>/dev/null)" = "$VERSION $CODE_VERSION" ]; then
	exit 0
fi

command -v npm >/dev/null 2>&1 || {
	echo "fonts: npm is needed to fetch Vazirmatn $VERSION (apt-get install npm)" >&2
	exit 1
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/daftar-font.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# fetch NAME VERSION SHA256: npm pack, verify, unpack into $tmp/NAME.
fetch() {
	echo "fonts: fetching $1 $2"
	mkdir "$tmp/$1"
	(cd "$tmp/$1" && npm pack --silent "$1@$2" >/dev/null)
	got=$(sha256sum "$tmp/$1/$1-$2.tgz" | cut -d' ' -f1)
	if [ "$got" != "$3" ]; then
		echo "fonts: $1-$2.tgz has checksum $got, expected $3; not installing it" >&2
		exit 1
	fi
	tar -xzf "$tmp/$1/$1-$2.tgz" -C "$tmp/$1"
}

fetch vazirmatn "$VERSION" "$SHA256"
fetch vazir-code-font "$CODE_VERSION" "$CODE_SHA256"
for w in $WEIGHTS; do
	cp "$tmp/vazirmatn/package/fonts/ttf/Vazirmatn-$w.ttf" .
	cp "$tmp/vazirmatn/package/fonts/webfonts/Vazirmatn-$w.woff2" .
done
cp "$tmp/vazirmatn/package/OFL.txt" OFL.txt
cp "$tmp/vazirmatn/package/AUTHORS.txt" AUTHORS.txt 2>/dev/null || true
cp "$tmp/vazir-code-font/package/dist/Vazir-Code.ttf" .
cp "$tmp/vazir-code-font/package/dist/Vazir-Code.woff2" .
cp "$tmp/vazir-code-font/package/LICENSE" Vazir-Code-LICENSE.txt
echo "$VERSION $CODE_VERSION" > VERSION
echo "fonts: Vazirmatn $VERSION (SIL OFL 1.1, fonts/OFL.txt) and Vazir Code $CODE_VERSION (Bitstream Vera licence, fonts/Vazir-Code-LICENSE.txt) installed"
