/* serve.h - a small static file server for the built site, on 127.0.0.1 only. */
#ifndef DAFTAR_SERVE_H
#define DAFTAR_SERVE_H

#include <stddef.h>

struct diags;
struct server;

/* The longest request head (request line and headers) read; a longer one
 * is answered 431.  Bodies are never read. */
#define SERVE_MAX_REQUEST	8192

enum serve_method {
	SERVE_GET,
	SERVE_HEAD,
	SERVE_OTHER,		/* answered 405 */
	SERVE_METHOD__MAX
};

/* One parsed request line. */
struct serve_request {
	enum serve_method method;
	char target[SERVE_MAX_REQUEST];	/* as sent: "/stories/x/?q=1" */
};

/* Reads the request head in buf[0..len): returns 0 while it is incomplete
 * (no blank line yet), 200 when r was filled, or the HTTP status to answer
 * with: 400 (malformed), 431 (no end within SERVE_MAX_REQUEST bytes), 505
 * (not HTTP/1.x).  A method other than GET or HEAD parses (200) as
 * SERVE_OTHER. */
int	serve_parse_request(const char *buf, size_t len,
	    struct serve_request *r);

/* Turns a request target into a path relative to the site folder: the query
 * and fragment cut, %XX decoded, "" for "/".  Returns 200 with the path in
 * out (NUL-terminated; a trailing '/' kept), 400 for a target that is not
 * an absolute path, a bad %-escape, a NUL or a backslash, or 404 for a path
 * that would leave the folder ("..") or names a hidden file (".x"), which
 * the site never publishes. */
int	serve_url_path(const char *target, char *out, size_t size);

/* The Content-Type for a file name, by its extension. */
const char *serve_content_type(const char *name);

/* Finds rel (from serve_url_path()) under root: a folder gives its
 * index.html.  The real path, symlinks followed, must stay inside root's
 * real path.  Returns 200 with the file's path in out, 301 for a folder
 * named without its trailing '/', or 404. */
int	serve_resolve(const char *root, const char *rel, char *out,
	    size_t size);

/* Listens on 127.0.0.1:port (0: any free port) and serves the files under
 * root (borrowed; read afresh for every request, so a rebuilt site is
 * served at once).  With live_reload, HTML responses carry a small script
 * that reloads the page after serve_bump(); the files are never changed.
 * Returns the server (caller frees with serve_free()), or NULL with an
 * error in d; *in_use is set when the port was taken. */
struct server *serve_new(const char *root, int port, int live_reload,
	    int *in_use, struct diags *d);
void	serve_free(struct server *s);

/* The port listened on. */
int	serve_port(const struct server *s);

/* Tells live-reload pages that the site was rebuilt. */
void	serve_bump(struct server *s);

/* Waits at most timeout_ms for connections, requests and extra_fd (-1:
 * none), and handles what is ready: accepts, reads requests, answers,
 * closes slow clients.  Returns 1 when extra_fd is readable, else 0; a
 * signal ends the wait early (0). */
int	serve_step(struct server *s, int extra_fd, int timeout_ms);

#endif
