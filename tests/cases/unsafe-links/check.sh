# sh check.sh OUT: no script link reached the site; the https one did.
rc=0
page=$1/site/stories/x/index.html
if grep -iqE 'href="[[:space:]]*(javascript|vbscript|data:text)' "$page"; then
	echo "stories/x/index.html links to a script:"
	grep -ioE 'href="[^"]*"' "$page" | grep -iE 'javascript|vbscript|data:text'
	rc=1
fi
if ! grep -qF 'href="https://example.org/"' "$page"; then
	echo "stories/x/index.html lost the https link"
	rc=1
fi
exit $rc
