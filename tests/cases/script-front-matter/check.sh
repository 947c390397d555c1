# sh check.sh OUT: the markup in the front matter is shown as text on the
# site, escaped in every file, never live.
rc=0
for s in '<script>alert' '<img src=x' '<b>پررنگ' 'href="javascript:'; do
	if grep -rqF "$s" "$1/site"; then
		echo "site holds live '$s': $(grep -rlF "$s" "$1/site" | head -n 3 | tr '\n' ' ')"
		rc=1
	fi
done
if ! grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$1/site/stories/x/index.html"; then
	echo "stories/x/index.html does not show the title as text"
	rc=1
fi
exit $rc
