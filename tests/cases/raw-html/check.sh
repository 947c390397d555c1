# sh check.sh OUT: no raw HTML from the story reached the site.
rc=0
for s in 'onclick' '<script>alert' 'class="note"' 'یادداشت ویراستار' 'این یادداشت'; do
	if grep -rqF "$s" "$1/site"; then
		echo "site holds '$s' from the story's raw HTML"
		rc=1
	fi
done
exit $rc
