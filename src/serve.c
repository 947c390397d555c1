/* serve.c - a static file server for out/site/: GET and HEAD, one poll() loop. */
#define _XOPEN_SOURCE 700	/* realpath(), strcasecmp() */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "serve.h"

/* Clients served at once; more wait in the listen backlog, so a browser
 * opening many connections cannot make daftar run out of descriptors. */
#define MAX_CONNS	64
/* A client that has not sent its request head by then is dropped: an idle
 * or deliberately slow client must not hold a slot forever. */
#define READ_TIMEOUT_MS		10000
/* A client that takes no bytes for this long is dropped. */
#define WRITE_TIMEOUT_MS	30000
/* A larger HTML file is sent as it is, without the live-reload script. */
#define MAX_INJECT	(8u << 20)
/* The live-reload script asks here for the build generation.  It starts
 * with a dot, which no published file does, so it never hides one. */
#define GENERATION_PATH	"/.daftar-serve/generation"

struct conn {
	int fd;			/* -1: a free slot */
	int writing;		/* the request was read; now answering */
	char in[SERVE_MAX_REQUEST];
	size_t nin;
	struct buf out;		/* head, and the body when it is in memory */
	size_t outoff;		/* bytes of out already sent */
	int file;		/* the body still to read from, or -1 */
	long long deadline;	/* ms on the monotonic clock */
};

struct server {
	const char *root;	/* borrowed */
	int listen_fd;
	int port;
	int live_reload;
	unsigned generation;	/* serve_bump() count */
	struct conn conns[MAX_CONNS];
};

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "json", "application/json" },
	{ "xml", "application/xml; charset=utf-8" },
	{ "svg", "image/svg+xml" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "png", "image/png" },
	{ "woff2", "font/woff2" },
	{ "pdf", "application/pdf" },
	{ "txt", "text/plain; charset=utf-8" },
};

static const char live_script[] =
    "<script>/* added by daftar serve, not part of the site: reloads the "
    "page after a rebuild */(function(){var g=\"%u\";setInterval(function()"
    "{fetch(\"" GENERATION_PATH "\",{cache:\"no-store\"}).then(function(r)"
    "{return r.text()}).then(function(t){if(t!==g)location.reload()})"
    ".catch(function(){})},1000)})();</script>\n";

static long long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

const char *
serve_content_type(const char *name)
{
	const char *dot = strrchr(name, '.'), *slash = strrchr(name, '/');
	size_t i;

	if (dot != NULL && (slash == NULL || dot > slash))
		for (i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

/* The end of the request head: the blank line, CRLF or bare LF. */
static const char *
head_end(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (buf[i + 1] == '\n')
			return buf + i + 2;
		if (buf[i + 1] == '\r' && i + 2 < len && buf[i + 2] == '\n')
			return buf + i + 3;
	}
	return NULL;
}

int
serve_parse_request(const char *buf, size_t len, struct serve_request *r)
{
	const char *end, *sp1, *sp2, *eol;
	size_t mlen, tlen;

	/* "METHOD SP target SP HTTP/1.x CRLF", RFC 9112 section 3. */
	if (memchr(buf, '\0', len) != NULL)
		return 400;
	if ((end = head_end(buf, len)) == NULL)
		return len >= SERVE_MAX_REQUEST ? 431 : 0;
	eol = memchr(buf, '\n', (size_t)(end - buf));
	if (eol > buf && eol[-1] == '\r')
		eol--;
	if ((sp1 = memchr(buf, ' ', (size_t)(eol - buf))) == NULL ||
	    (sp2 = memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1))) == NULL)
		return 400;
	mlen = (size_t)(sp1 - buf);
	tlen = (size_t)(sp2 - sp1 - 1);
	if (mlen == 0 || tlen == 0 || tlen >= sizeof r->target ||
	    memchr(sp2 + 1, ' ', (size_t)(eol - sp2 - 1)) != NULL)
		return 400;
	if ((size_t)(eol - sp2 - 1) != 8 || strncmp(sp2 + 1, "HTTP/1.", 7) != 0)
		return strncmp(sp2 + 1, "HTTP/", 5) == 0 ? 505 : 400;
	if (sp2[8] != '0' && sp2[8] != '1')
		return 505;
	if (mlen == 3 && memcmp(buf, "GET", 3) == 0)
		r->method = SERVE_GET;
	else if (mlen == 4 && memcmp(buf, "HEAD", 4) == 0)
		r->method = SERVE_HEAD;
	else
		r->method = SERVE_OTHER;
	memcpy(r->target, sp1 + 1, tlen);
	r->target[tlen] = '\0';
	return 200;
}

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether the decoded path has a segment that is "..", "." or hidden. */
static int
bad_segment(const char *p)
{
	const char *seg = p;

	for (;;) {
		const char *slash = strchr(seg, '/');
		size_t n = slash != NULL ? (size_t)(slash - seg) : strlen(seg);

		/* "." and ".." are dot-segments; ".x" is a file the site
		 * never publishes, such as .daftar-site. */
		if (n > 0 && seg[0] == '.')
			return 1;
		if (slash == NULL)
			return 0;
		seg = slash + 1;
	}
}

int
serve_url_path(const char *target, char *out, size_t size)
{
	size_t i, n = 0;
	int hi, lo;
	char c;

	/* Only origin-form targets: an absolute URL or "*" is not a file. */
	if (target[0] != '/' || size == 0)
		return 400;
	for (i = 1; target[i] != '\0' && target[i] != '?' && target[i] != '#';
	    i++) {
		c = target[i];
		if (c == '%') {
			if ((hi = hex(target[i + 1])) < 0 ||
			    (lo = hex(target[i + 2])) < 0)
				return 400;
			c = (char)(hi * 16 + lo);
			i += 2;
			/* A NUL would cut the path short in open(). */
			if (c == '\0')
				return 400;
		}
		/* A backslash is a separator on other systems; refuse it
		 * rather than guess. */
		if (c == '\\')
			return 400;
		/* Collapse "//": an empty segment names nothing. */
		if (c == '/' && (n == 0 || out[n - 1] == '/'))
			continue;
		if (n + 1 >= size)
			return 404;
		out[n++] = c;
	}
	out[n] = '\0';
	return bad_segment(out) ? 404 : 200;
}

/* Whether path is root or inside it; both are real paths. */
static int
inside(const char *root, const char *path)
{
	size_t n = strlen(root);

	return strncmp(root, path, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/' || (n == 1 && root[0] == '/'));
}

int
serve_resolve(const char *root, const char *rel, char *out, size_t size)
{
	char real_root[PATH_MAX], want[PATH_MAX], real[PATH_MAX];
	struct stat st;
	size_t n = strlen(rel);
	int dir_slash = n > 0 && rel[n - 1] == '/';

	if (realpath(root, real_root) == NULL)
		return 404;
	if ((size_t)snprintf(want, sizeof want, "%s/%s", real_root, rel) >=
	    sizeof want)
		return 404;
	/* realpath() follows every symlink: a link that points out of the
	 * site ends up outside real_root and is refused. */
	if (realpath(want, real) == NULL || !inside(real_root, real) ||
	    stat(real, &st) != 0)
		return 404;
	if (S_ISDIR(st.st_mode)) {
		/* Without the slash the page's relative links would resolve
		 * from the parent folder. */
		if (!dir_slash && n > 0)
			return 301;
		if ((size_t)snprintf(want, sizeof want, "%s/index.html", real) >=
		    sizeof want || realpath(want, real) == NULL ||
		    !inside(real_root, real) || stat(real, &st) != 0)
			return 404;
	} else if (dir_slash)
		return 404;
	if (!S_ISREG(st.st_mode) || strlen(real) >= size)
		return 404;
	strcpy(out, real);
	return 200;
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 400: return "Bad Request";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 505: return "HTTP Version Not Supported";
	default: return "Error";
	}
}

/* The status line and headers; no-store so that a reload after a rebuild
 * always shows the new files. */
static void
put_head(struct buf *b, int status, const char *type, size_t length,
    const char *extra)
{
	buf_printf(b, "HTTP/1.1 %d %s\r\n"
	    "Content-Type: %s\r\n"
	    "Content-Length: %zu\r\n"
	    "Cache-Control: no-store\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "Connection: close\r\n"
	    "%s\r\n", status, reason(status), type, length,
	    extra != NULL ? extra : "");
}

/* A short plain-text answer. */
static void
answer_text(struct conn *c, int status, const char *extra, int head_only)
{
	char body[128];
	int n = snprintf(body, sizeof body, "%d %s\n", status, reason(status));

	put_head(&c->out, status, "text/plain; charset=utf-8", (size_t)n, extra);
	if (!head_only)
		buf_put(&c->out, body, (size_t)n);
}

/* Reads fd into b, at most max bytes.  Returns 0, or -1 when it cannot
 * be read or is larger. */
static int
read_all(int fd, struct buf *b, size_t max)
{
	char tmp[65536];
	ssize_t n;
	size_t start = b->len;

	while ((n = read(fd, tmp, sizeof tmp)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (b->len - start + (size_t)n > max)
			return -1;
		buf_put(b, tmp, (size_t)n);
	}
	return 0;
}

/* Where the live-reload script goes: before the last </body>, else at the
 * end. */
static size_t
script_at(const char *html, size_t len)
{
	size_t i;

	for (i = len; i >= 7; i--)
		if (strncasecmp(html + i - 7, "</body>", 7) == 0)
			return i - 7;
	return len;
}

/* An HTML file with the live-reload script in it, into c->out. */
static int
answer_html(struct server *s, struct conn *c, int status, int fd,
    int head_only)
{
	struct buf page = BUF_INIT, script = BUF_INIT;
	size_t at;

	if (read_all(fd, &page, MAX_INJECT) != 0) {
		buf_release(&page);
		return -1;
	}
	buf_printf(&script, live_script, s->generation);
	put_head(&c->out, status, "text/html; charset=utf-8",
	    page.len + script.len, NULL);
	if (!head_only) {
		at = script_at(page.data != NULL ? page.data : "", page.len);
		buf_put(&c->out, page.data, at);
		buf_put(&c->out, script.data, script.len);
		buf_put(&c->out, page.data + at, page.len - at);
	}
	buf_release(&page);
	buf_release(&script);
	return 0;
}

/* The file at path with status; the body streams from the file unless the
 * live-reload script goes into it. */
static int
answer_file(struct server *s, struct conn *c, int status, const char *path,
    int head_only)
{
	const char *type = serve_content_type(path);
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	if (s->live_reload && strncmp(type, "text/html", 9) == 0 &&
	    (size_t)st.st_size <= MAX_INJECT) {
		int rc = answer_html(s, c, status, fd, head_only);

		close(fd);
		return rc;
	}
	put_head(&c->out, status, type, (size_t)st.st_size, NULL);
	if (head_only || st.st_size == 0)
		close(fd);
	else
		c->file = fd;
	return 0;
}

/* 404: the site's own 404.html when it has one. */
static void
answer_missing(struct server *s, struct conn *c, int head_only)
{
	char path[PATH_MAX];

	if (serve_resolve(s->root, "404.html", path, sizeof path) == 200 &&
	    answer_file(s, c, 404, path, head_only) == 0)
		return;
	buf_truncate(&c->out, 0);
	answer_text(c, 404, NULL, head_only);
}

/* Decides the answer to the request head in c->in. */
static void
answer(struct server *s, struct conn *c, int parsed,
    const struct serve_request *r)
{
	char rel[PATH_MAX], path[PATH_MAX], extra[PATH_MAX + 32];
	int head = r->method == SERVE_HEAD, st;
	size_t n;

	if (parsed != 200) {
		answer_text(c, parsed, NULL, 0);
		return;
	}
	if (r->method == SERVE_OTHER) {
		answer_text(c, 405, "Allow: GET, HEAD\r\n", 0);
		return;
	}
	n = strcspn(r->target, "?#");
	if (n == sizeof GENERATION_PATH - 1 &&
	    strncmp(r->target, GENERATION_PATH, n) == 0) {
		char g[16];
		int len = snprintf(g, sizeof g, "%u", s->generation);

		put_head(&c->out, 200, "text/plain; charset=utf-8", (size_t)len,
		    NULL);
		if (!head)
			buf_put(&c->out, g, (size_t)len);
		return;
	}
	if ((st = serve_url_path(r->target, rel, sizeof rel)) == 400) {
		answer_text(c, 400, NULL, head);
		return;
	}
	if (st == 200)
		st = serve_resolve(s->root, rel, path, sizeof path);
	if (st == 301) {
		/* The target as sent, with the slash before any query. */
		snprintf(extra, sizeof extra, "Location: %.*s/%s\r\n", (int)n,
		    r->target, r->target + n);
		answer_text(c, 301, extra, head);
		return;
	}
	if (st == 200 && answer_file(s, c, 200, path, head) == 0)
		return;
	buf_truncate(&c->out, 0);
	answer_missing(s, c, head);
}

static void
drop(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	if (c->file >= 0)
		close(c->file);
	buf_release(&c->out);
	c->fd = -1;
	c->file = -1;
	c->nin = 0;
	c->outoff = 0;
	c->writing = 0;
}

static void
read_request(struct server *s, struct conn *c)
{
	struct serve_request r;
	ssize_t n;
	int st;

	n = recv(c->fd, c->in + c->nin, sizeof c->in - c->nin, 0);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0) {
		drop(c);
		return;
	}
	c->nin += (size_t)n;
	if ((st = serve_parse_request(c->in, c->nin, &r)) == 0)
		return;
	answer(s, c, st, &r);
	c->writing = 1;
	c->deadline = now_ms() + WRITE_TIMEOUT_MS;
}

/* The next piece of the file into c->out.  Returns 0, or -1 at its end
 * or on a read error (the file shrank under us: the client gets a short
 * body, and Content-Length tells it so). */
static int
refill(struct conn *c)
{
	char tmp[65536];
	ssize_t n;

	buf_truncate(&c->out, 0);
	c->outoff = 0;
	do
		n = read(c->file, tmp, sizeof tmp);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		close(c->file);
		c->file = -1;
		return -1;
	}
	buf_put(&c->out, tmp, (size_t)n);
	return 0;
}

/* Sends what is ready; refills from the file when the buffer is sent. */
static void
write_response(struct conn *c)
{
	ssize_t n;

	if (c->outoff == c->out.len && (c->file < 0 || refill(c) != 0)) {
		drop(c);
		return;
	}
	/* MSG_NOSIGNAL: a client that went away must not kill daftar with
	 * SIGPIPE. */
	n = send(c->fd, c->out.data + c->outoff, c->out.len - c->outoff,
	    MSG_NOSIGNAL);
	if (n < 0) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			drop(c);
		return;
	}
	c->outoff += (size_t)n;
	c->deadline = now_ms() + WRITE_TIMEOUT_MS;
}

static void
accept_clients(struct server *s)
{
	size_t i;
	int fd;

	for (i = 0; i < MAX_CONNS; i++) {
		if (s->conns[i].fd >= 0)
			continue;
		if ((fd = accept(s->listen_fd, NULL, NULL)) < 0)
			return;
		if (fcntl(fd, F_SETFL, O_NONBLOCK) != 0 ||
		    fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
			close(fd);
			continue;
		}
		s->conns[i].fd = fd;
		s->conns[i].deadline = now_ms() + READ_TIMEOUT_MS;
	}
}

int
serve_step(struct server *s, int extra_fd, int timeout_ms)
{
	struct pollfd fds[MAX_CONNS + 2];
	size_t who[MAX_CONNS + 2];
	size_t i, n = 0, free_slots = 0;
	int extra = -1, listener = -1, ready = 0;
	long long now = now_ms();

	for (i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &s->conns[i];

		if (c->fd < 0) {
			free_slots++;
			continue;
		}
		if (now >= c->deadline) {
			drop(c);
			free_slots++;
			continue;
		}
		if (c->deadline - now < timeout_ms)
			timeout_ms = (int)(c->deadline - now);
		fds[n].fd = c->fd;
		fds[n].events = c->writing ? POLLOUT : POLLIN;
		fds[n].revents = 0;
		who[n++] = i;
	}
	/* With every slot taken, new clients wait in the backlog. */
	if (free_slots > 0) {
		listener = (int)n;
		fds[n].fd = s->listen_fd;
		fds[n].events = POLLIN;
		fds[n++].revents = 0;
	}
	if (extra_fd >= 0) {
		extra = (int)n;
		fds[n].fd = extra_fd;
		fds[n].events = POLLIN;
		fds[n++].revents = 0;
	}
	if (poll(fds, n, timeout_ms) <= 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (fds[i].revents == 0)
			continue;
		if ((int)i == extra)
			ready = 1;
		else if ((int)i == listener)
			accept_clients(s);
		else if (fds[i].revents & (POLLERR | POLLNVAL))
			drop(&s->conns[who[i]]);
		else if (s->conns[who[i]].writing)
			write_response(&s->conns[who[i]]);
		else
			read_request(s, &s->conns[who[i]]);
	}
	return ready;
}

struct server *
serve_new(const char *root, int port, int live_reload, int *in_use,
    struct diags *d)
{
	struct pos at = { "", 0, 0 };
	struct sockaddr_in addr;
	socklen_t len = sizeof addr;
	struct server *s;
	size_t i;
	int one = 1;

	*in_use = 0;
	if ((s = calloc(1, sizeof *s)) == NULL) {
		diag_error(d, at, "out of memory");
		return NULL;
	}
	s->root = root;
	s->live_reload = live_reload;
	for (i = 0; i < MAX_CONNS; i++) {
		s->conns[i].fd = -1;
		s->conns[i].file = -1;
	}
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((unsigned short)port);
	/* Loopback only: the site being edited is nobody else's business. */
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
		diag_error(d, at, "cannot open a socket: %s", strerror(errno));
		free(s);
		return NULL;
	}
	/* A restarted daftar serve may take its port back at once. */
	setsockopt(s->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(s->listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 ||
	    listen(s->listen_fd, 128) != 0 ||
	    fcntl(s->listen_fd, F_SETFL, O_NONBLOCK) != 0 ||
	    getsockname(s->listen_fd, (struct sockaddr *)&addr, &len) != 0) {
		*in_use = errno == EADDRINUSE;
		diag_error(d, at, "cannot listen on 127.0.0.1:%d: %s", port,
		    strerror(errno));
		close(s->listen_fd);
		free(s);
		return NULL;
	}
	s->port = ntohs(addr.sin_port);
	return s;
}

void
serve_free(struct server *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < MAX_CONNS; i++)
		drop(&s->conns[i]);
	close(s->listen_fd);
	free(s);
}

int
serve_port(const struct server *s)
{
	return s->port;
}

void
serve_bump(struct server *s)
{
	s->generation++;
}
