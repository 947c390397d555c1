/* tests/fuzz/csv.c - libFuzzer: a statistics export loaded as x.csv. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "stats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[64], path[96];
	struct diags d;
	struct stats *s;
	FILE *fp;

	snprintf(dir, sizeof dir, "/tmp/daftar-fuzz-csv-%ld", (long)getpid());
	snprintf(path, sizeof path, "%s/x.csv", dir);
	mkdir(dir, 0755);
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	diag_init(&d);
	s = stats_open(dir, "stats", &d);
	stats_free(s);
	diag_release(&d);
	return 0;
}
