/* bidicheck.h - "daftar debug bidi": UAX #9 conformance cases in, visual orders out. */
#ifndef DAFTAR_BIDICHECK_H
#define DAFTAR_BIDICHECK_H

#include <stdio.h>

struct diags;

/* Reads cases in the format of Unicode's BidiCharacterTest.txt from in:
 * "HEX HEX ...;D" with D 0 (left to right), 1 (right to left) or 2 (auto),
 * fields after D ignored, lines starting with '#' and blank lines skipped.
 * Writes one line per case to out: the logical indices from left to right,
 * without the characters rule X9 removes (the file's field 4), as plain
 * UAX #9 computes them.  name is what diagnostics call in ("<stdin>").
 * Returns 0, or -1 with one diagnostic per malformed line (which writes
 * nothing) or for a read or write error. */
int	bidicheck_run(FILE *in, const char *name, FILE *out, struct diags *d);

#endif
