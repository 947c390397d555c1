/* live.h - daftar serve: build, serve the site locally, rebuild on every change. */
#ifndef DAFTAR_LIVE_H
#define DAFTAR_LIVE_H

#include <stdio.h>

struct build_opts;

/*
 * Listens on 127.0.0.1:port (0: any free port), builds with o, prints the
 * site's URL on out, and serves o->out_dir/site/ until o->stop is set.  A
 * change under o->content_dir or o->templates_dir (quiet for 200 ms, so
 * that one save is one rebuild) builds again in a second thread, the site
 * alone first (open pages reload when it is published), then every
 * output, while the server keeps answering; a failed rebuild prints its
 * diagnostics on err and the previous site stays served.  o is borrowed;
 * its cache field is ignored (live keeps its own).  Returns 0 once a
 * signal stopped it, or 1 when it could not start (the reason printed on
 * err: such as the port being taken).
 */
int	live_run(const struct build_opts *o, int port, FILE *out, FILE *err);

#endif
