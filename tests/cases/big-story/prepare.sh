# Run in the case's copy: grows the story past 3 MB (under the 4 MiB limit)
# with paragraphs of real words, so the whole of it is set.
awk 'BEGIN {
	n = split("خانه کار زن زندگی فرزند دختر محله شهر کلاس دوره آموزش مهارت برنامه سفارش مشتری", w, " ")
	for (p = 0; p < 2800; p++) {
		s = ""
		for (i = 0; i < 120; i++)
			s = s w[1 + (p * 7 + i * 13 + int(i / 5)) % n] " "
		print s "پایان."
		print ""
	}
}' >>content/stories/x.md
