/* tests/fuzz/record.c - libFuzzer: a damaged out/.daftar-cache/booklet record. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "reuse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[64], record[96], pdf[96];
	const char *paths[1], *names[1] = { "booklet.pdf" };
	struct diags d;
	struct arena a;
	long value = 0;
	FILE *fp;

	snprintf(dir, sizeof dir, "/tmp/daftar-fuzz-record-%ld", (long)getpid());
	snprintf(record, sizeof record, "%s/booklet", dir);
	snprintf(pdf, sizeof pdf, "%s/booklet.pdf", dir);
	mkdir(dir, 0755);
	if (access(pdf, F_OK) != 0 && (fp = fopen(pdf, "wb")) != NULL) {
		fputs("%PDF-1.5\n", fp);
		fclose(fp);
	}
	if ((fp = fopen(record, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	paths[0] = pdf;
	arena_init(&a);
	diag_init(&d);
	/* The key a seed names, so that the lines after it are read. */
	(void)reuse_lookup(&a, record, "0123456789abcdef0123456789abcdef",
	    paths, names, 1, &d, &value);
	diag_release(&d);
	arena_release(&a);
	return 0;
}
