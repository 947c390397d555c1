/* tests/serve.c - request heads, URL paths and file lookup of the site server. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "serve.h"
#include "support.h"
#include "watch.h"

static int
parse(const char *head, struct serve_request *r)
{
	return serve_parse_request(head, strlen(head), r);
}

static void
request_line_is_parsed(void **state)
{
	struct serve_request r;

	(void)state;
	assert_int_equal(parse("GET /stories/x/ HTTP/1.1\r\nHost: a\r\n\r\n",
	    &r), 200);
	assert_int_equal(r.method, SERVE_GET);
	assert_string_equal(r.target, "/stories/x/");
	assert_int_equal(parse("HEAD / HTTP/1.0\n\n", &r), 200);
	assert_int_equal(r.method, SERVE_HEAD);
	/* Any other method parses, to be answered 405. */
	assert_int_equal(parse("POST / HTTP/1.1\r\n\r\n", &r), 200);
	assert_int_equal(r.method, SERVE_OTHER);
	assert_int_equal(parse("DELETE /x HTTP/1.1\r\n\r\n", &r), 200);
	assert_int_equal(r.method, SERVE_OTHER);
}

static void
incomplete_and_bad_heads(void **state)
{
	struct serve_request r;
	char big[SERVE_MAX_REQUEST + 10];

	(void)state;
	/* No blank line yet: read on. */
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: a\r\n", &r), 0);
	assert_int_equal(parse("", &r), 0);
	assert_int_equal(parse("GET /\r\n\r\n", &r), 400);
	assert_int_equal(parse("GET  / HTTP/1.1\r\n\r\n", &r), 400);
	assert_int_equal(parse("GET / x HTTP/1.1\r\n\r\n", &r), 400);
	assert_int_equal(parse(" / HTTP/1.1\r\n\r\n", &r), 400);
	assert_int_equal(parse("GET / HTTP/2.0\r\n\r\n", &r), 505);
	assert_int_equal(parse("GET / HTTP/1.9\r\n\r\n", &r), 505);
	assert_int_equal(parse("GET / FTP/1.1\r\n\r\n", &r), 400);
	/* A NUL anywhere in the head. */
	assert_int_equal(serve_parse_request("GET /\0 HTTP/1.1\r\n\r\n", 19,
	    &r), 400);
	/* A head that never ends within the limit. */
	memset(big, 'a', sizeof big);
	assert_int_equal(serve_parse_request(big, sizeof big, &r), 431);
	assert_int_equal(serve_parse_request(big, SERVE_MAX_REQUEST - 1, &r), 0);
}

static int
path(const char *target, char *out)
{
	return serve_url_path(target, out, 256);
}

static void
url_paths_are_decoded(void **state)
{
	char p[256];

	(void)state;
	assert_int_equal(path("/", p), 200);
	assert_string_equal(p, "");
	assert_int_equal(path("/stories/a/?q=1#x", p), 200);
	assert_string_equal(p, "stories/a/");
	assert_int_equal(path("/tags/%D8%A8%D8%A7%D8%BA/", p), 200);
	assert_string_equal(p, "tags/باغ/");
	assert_int_equal(path("//a//b", p), 200);
	assert_string_equal(p, "a/b");
	assert_int_equal(path("/a%2fb", p), 200);
	assert_string_equal(p, "a/b");
}

static void
url_paths_never_leave_the_site(void **state)
{
	char p[256];

	(void)state;
	assert_int_equal(path("/../etc/passwd", p), 404);
	assert_int_equal(path("/a/../../etc/passwd", p), 404);
	assert_int_equal(path("/%2e%2e/etc/passwd", p), 404);
	assert_int_equal(path("/%2E%2E/%2e%2e/etc/passwd", p), 404);
	assert_int_equal(path("/a/%2e%2e%2f%2e%2e%2fetc", p), 404);
	assert_int_equal(path("/..", p), 404);
	assert_int_equal(path("/.", p), 404);
	assert_int_equal(path("/.daftar-site", p), 404);
	assert_int_equal(path("/a/%00/b", p), 400);
	assert_int_equal(path("/a%5c..%5cb", p), 400);
	assert_int_equal(path("/a\\b", p), 400);
	assert_int_equal(path("/a%2", p), 400);
	assert_int_equal(path("/a%zz", p), 400);
	assert_int_equal(path("http://example.com/", p), 400);
	assert_int_equal(path("*", p), 400);
	/* ".." inside a name is just a name. */
	assert_int_equal(path("/a..b", p), 200);
}

static void
content_types_by_extension(void **state)
{
	(void)state;
	assert_string_equal(serve_content_type("a/index.html"),
	    "text/html; charset=utf-8");
	assert_string_equal(serve_content_type("style.CSS"),
	    "text/css; charset=utf-8");
	assert_string_equal(serve_content_type("fonts/V.woff2"), "font/woff2");
	assert_string_equal(serve_content_type("booklet.pdf"),
	    "application/pdf");
	assert_string_equal(serve_content_type("x.jpg"), "image/jpeg");
	assert_string_equal(serve_content_type("a.b/c"),
	    "application/octet-stream");
}

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
resolve_stays_inside(void **state)
{
	char root[64] = "/tmp/daftar-serve-XXXXXX", site[128], p[256], out[512];

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(site, sizeof site, "%s/site", root);
	assert_int_equal(mkdir(site, 0755), 0);
	snprintf(p, sizeof p, "%s/secret.txt", root);
	put(p, "secret");
	snprintf(p, sizeof p, "%s/index.html", site);
	put(p, "<p>home</p>");
	snprintf(p, sizeof p, "%s/stories", site);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/stories/index.html", site);
	put(p, "<p>stories</p>");
	snprintf(p, sizeof p, "%s/out.txt", site);
	assert_int_equal(symlink("../secret.txt", p), 0);
	snprintf(p, sizeof p, "%s/up", site);
	assert_int_equal(symlink("..", p), 0);

	assert_int_equal(serve_resolve(site, "", out, sizeof out), 200);
	assert_non_null(strstr(out, "/site/index.html"));
	assert_int_equal(serve_resolve(site, "stories/", out, sizeof out), 200);
	assert_non_null(strstr(out, "/site/stories/index.html"));
	/* A folder without its slash: redirected, so relative links work. */
	assert_int_equal(serve_resolve(site, "stories", out, sizeof out), 301);
	assert_int_equal(serve_resolve(site, "index.html/", out, sizeof out),
	    404);
	assert_int_equal(serve_resolve(site, "missing", out, sizeof out), 404);
	/* Symlinks that point out of the site. */
	assert_int_equal(serve_resolve(site, "out.txt", out, sizeof out), 404);
	assert_int_equal(serve_resolve(site, "up/secret.txt", out, sizeof out),
	    404);
	test_remove_tree(root);
}

static void
editor_scratch_files_are_ignored(void **state)
{
	(void)state;
	assert_true(watch_ignored(".x.md.swp"));
	assert_true(watch_ignored("x.md.swp"));
	assert_true(watch_ignored("x.md~"));
	assert_true(watch_ignored("#x.md#"));
	assert_true(watch_ignored(".#x.md"));
	assert_true(watch_ignored("4913"));
	assert_false(watch_ignored("x.md"));
	assert_false(watch_ignored("booklet.yaml"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_line_is_parsed),
		cmocka_unit_test(incomplete_and_bad_heads),
		cmocka_unit_test(url_paths_are_decoded),
		cmocka_unit_test(url_paths_never_leave_the_site),
		cmocka_unit_test(content_types_by_extension),
		cmocka_unit_test(resolve_stays_inside),
		cmocka_unit_test(editor_scratch_files_are_ignored),
	};

	return cmocka_run_group_tests_name("serve", tests, NULL, NULL);
}
