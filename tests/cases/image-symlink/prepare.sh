# Run in the case's copy, beside content/: links that lead out of content/,
# one to a file and one to a folder.
mkdir -p content/images elsewhere
printf 'not an image\n' >outside.jpg
printf 'not an image\n' >elsewhere/kelas.jpg
ln -s ../../outside.jpg content/images/linked.jpg
ln -s ../../elsewhere content/images/elsewhere
