# Run in the case's copy: grows the story past the 4 MiB limit, to the same
# size every time: 65 lines of 32,767 'ا' (two bytes each).
awk 'BEGIN {
	s = ""
	for (i = 0; i < 32767; i++)
		s = s "ا"
	for (p = 0; p < 65; p++)
		print s
}' >>content/stories/x.md
