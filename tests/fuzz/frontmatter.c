/* tests/fuzz/frontmatter.c - libFuzzer: a story file, front matter to AST. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "content.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[64], path[96];
	struct arena a;
	struct diags d;
	struct doc *doc;
	FILE *fp;

	snprintf(dir, sizeof dir, "/tmp/daftar-fuzz-%ld", (long)getpid());
	snprintf(path, sizeof path, "%s/x.md", dir);
	mkdir(dir, 0755);
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	arena_init(&a);
	diag_init(&d);
	doc = content_load(&a, dir, "x.md", DOC_STORY, &d);
	content_free(doc);
	diag_release(&d);
	arena_release(&a);
	return 0;
}
