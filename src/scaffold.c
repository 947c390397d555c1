/* scaffold.c - "daftar new": a story, page or leaflet file for an editor to fill in. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "fa.h"
#include "fileio.h"
#include "scaffold.h"

/* Longest name "daftar new" gives a file: a site address stays readable. */
#define SLUG_MAX	64

static const char *const folders[DOC_KIND__MAX] = {
	[DOC_STORY] = "stories",
	[DOC_PAGE] = "pages",
	[DOC_LEAFLET] = "leaflets",
};

/*
 * What the editor reads above each field, and what the field holds at first.
 * help is Persian, one comment line per '\n'; value NULL leaves the field
 * empty (YAML null: an optional field not given), unless content.c has a
 * placeholder for it (content_placeholder()), which the editor must
 * replace before the file is published.  A field content.c knows
 * and this table does not is still written, empty and without help: the
 * tests of "daftar new" fail on it.
 */
struct field_text {
	enum doc_kind kind;
	const char *name;
	const char *help;
	const char *value;
};

static const struct field_text field_texts[] = {
	{ DOC_STORY, "title", "عنوان داستان (ضروری).", NULL },
	{ DOC_STORY, "pseudonym",
	    "نام مستعار راوی (ضروری) — هرگز نام واقعی او را ننویسید.", NULL },
	{ DOC_STORY, "district", "منطقه‌ی شهرداری (ضروری)، مانند «منطقه ۷».",
	    NULL },
	{ DOC_STORY, "program",
	    "برنامه (ضروری)؛ کتابچه داستان‌ها را به تفکیک برنامه می‌آورد.",
	    NULL },
	{ DOC_STORY, "date",
	    "تاریخ شمسی داستان (ضروری)، سال-ماه-روز مانند 1403-07-15؛ "
	    "تاریخ امروز نوشته شده است.", NULL },
	{ DOC_STORY, "summary",
	    "خلاصه در یک جمله (ضروری)، برای فهرست‌ها و سایت.", NULL },
	{ DOC_STORY, "tags",
	    "برچسب‌ها (اختیاری): هر برچسب در یک خط زیر tags، مانند\n"
	    "  - خیاطی\n"
	    "  - کسب‌وکار خانگی", NULL },
	{ DOC_STORY, "consent",
	    "رضایت راوی (برای انتشار ضروری): تا false است، داستان در هیچ "
	    "خروجی‌ای نمی‌آید.\n"
	    "فقط وقتی راوی رضایت کتبی داده است آن را true کنید.", "false" },
	{ DOC_STORY, "draft",
	    "پیش‌نویس (اختیاری): true داستان را از همه‌ی خروجی‌ها بیرون نگه "
	    "می‌دارد.", "false" },
	{ DOC_STORY, "photo",
	    "عکس (اختیاری): فایل JPEG یا PNG در پوشه‌ی images، مانند "
	    "images/nan.jpg", NULL },
	{ DOC_STORY, "photo_alt",
	    "توضیح عکس (اگر عکس دارد): آنچه در عکس دیده می‌شود، برای کسی که "
	    "آن را نمی‌بیند.", NULL },

	{ DOC_PAGE, "title", "عنوان صفحه (ضروری).", NULL },
	{ DOC_PAGE, "summary",
	    "خلاصه در یک جمله (اختیاری)، برای سایت.", NULL },

	{ DOC_LEAFLET, "title", "عنوان بروشور (ضروری).", NULL },
	{ DOC_LEAFLET, "program",
	    "برنامه‌ای که بروشور معرفی می‌کند (ضروری).", NULL },
	{ DOC_LEAFLET, "format",
	    "قطع بروشور: a5-flyer (یک برگ A5) یا a4-trifold (A4 سه‌لت).",
	    "a5-flyer" },
	{ DOC_LEAFLET, "phone",
	    "تلفن (اختیاری)، میان دو علامت نقل قول، مانند \"021-0000-1403\"",
	    NULL },
	{ DOC_LEAFLET, "address", "نشانی پستی (اختیاری).", NULL },
	{ DOC_LEAFLET, "website",
	    "صفحه‌ی برنامه در وب (اختیاری)؛ کد QR بروشور به آن می‌رود.", NULL },
	{ DOC_LEAFLET, "highlights",
	    "عددهای درشت (اختیاری): هر کدام یک value (یا یک query) و یک "
	    "label، مانند\n"
	    "  - value: 17000\n"
	    "    label: زن ثبت‌نام‌شده در سامانه‌ی ستاد", NULL },
};

/* The comment block that opens the front matter, by kind; %s is the slug. */
static const char *const intros[DOC_KIND__MAX] = {
	[DOC_STORY] =
	    "داستان تازه. هر خط «نام: مقدار» یک فیلد است؛ خط‌هایی که با # "
	    "آغاز می‌شوند\n"
	    "یادداشت‌اند و در هیچ خروجی‌ای نمی‌آیند. متن‌های نمونه را با "
	    "اطلاعات داستان عوض کنید.\n"
	    "تا «consent: true» نشود، داستان در کتابچه و سایت نمی‌آید.",
	[DOC_PAGE] =
	    "صفحه‌ی تازه. هر خط «نام: مقدار» یک فیلد است؛ خط‌هایی که با # "
	    "آغاز می‌شوند\n"
	    "یادداشت‌اند. صفحه وقتی در سایت می‌آید که در booklet.yaml زیر "
	    "site.pages این خط را بیفزایید:\n"
	    "    - pages/%s",
	[DOC_LEAFLET] =
	    "بروشور تازه. هر خط «نام: مقدار» یک فیلد است؛ خط‌هایی که با # "
	    "آغاز می‌شوند\n"
	    "یادداشت‌اند. بروشور وقتی ساخته می‌شود که در booklet.yaml زیر "
	    "leaflets این خط را بیفزایید:\n"
	    "  - leaflets/%s",
};

/* The Markdown body, by kind: headings, paragraphs, emphasis, a list and
 * a quote, as the editor will write them. */
static const char *const bodies[DOC_KIND__MAX] = {
	[DOC_STORY] =
	    "## آغاز راه\n"
	    "\n"
	    "متن داستان را اینجا بنویسید: راوی پیش از آشنایی با برنامه در چه "
	    "حالی بود؟\n"
	    "هر بند را با یک خط خالی از بند بعدی جدا کنید.\n"
	    "\n"
	    "## آنچه آموخت\n"
	    "\n"
	    "برای **تأکید پررنگ** واژه را میان دو جفت ستاره بگذارید و برای "
	    "*تأکید* میان دو ستاره.\n"
	    "\n"
	    "- گام نخست\n"
	    "- گام دوم\n"
	    "\n"
	    "## امروز\n"
	    "\n"
	    "> «جمله‌ای از زبان خود راوی.»\n",
	[DOC_PAGE] =
	    "## عنوان نخستین بخش\n"
	    "\n"
	    "متن صفحه را اینجا بنویسید. هر بند را با یک خط خالی از بند بعدی "
	    "جدا کنید.\n",
	[DOC_LEAFLET] =
	    "## درباره‌ی برنامه\n"
	    "\n"
	    "برنامه را در چند جمله معرفی کنید.\n"
	    "\n"
	    "## چطور ثبت‌نام کنم؟\n"
	    "\n"
	    "1. گام نخست؛\n"
	    "2. گام دوم.\n",
};

const char *
scaffold_folder(enum doc_kind kind)
{
	return folders[kind];
}

static int
slug_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int
scaffold_slug_ok(const char *slug, char *fixed, size_t size)
{
	/* Letters and digits in runs joined by one hyphen: no hyphen at
	 * either end, none doubled, no upper case, nothing else. */
	size_t len = strlen(slug), i, n = 0;
	int ok = len > 0 && len <= SLUG_MAX, gap = 0, c;

	for (i = 0; i < len && ok; i++)
		if (!slug_char((unsigned char)slug[i]) && !(slug[i] == '-' &&
		    i > 0 && i + 1 < len && slug[i - 1] != '-'))
			ok = 0;
	if (ok || size == 0)
		return ok;
	/* "x.md" is the file's name; the slug is "x". */
	if (len > 3 && strcmp(slug + len - 3, ".md") == 0)
		len -= 3;
	for (i = 0; i < len && n + 1 < size && n < SLUG_MAX; i++) {
		c = (unsigned char)slug[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (!slug_char(c)) {
			gap = n > 0;
			continue;
		}
		if (gap) {
			if (n + 2 >= size || n + 1 >= SLUG_MAX)
				break;
			fixed[n++] = '-';
		}
		gap = 0;
		fixed[n++] = (char)c;
	}
	fixed[n] = '\0';
	return 0;
}

void
scaffold_today(const char *source_date_epoch, struct fa_date *today,
    struct diags *d)
{
	struct pos at = { "", 0, 0 };
	struct fa_date g;
	struct tm tm;
	time_t t = time(NULL);
	int utc = 0;

	if (source_date_epoch != NULL && *source_date_epoch != '\0') {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(source_date_epoch, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0 &&
		    (long long)(time_t)v == v) {
			t = (time_t)v;
			utc = 1;
		} else
			diag_warn(d, at, "SOURCE_DATE_EPOCH='%s' is not a "
			    "number of seconds — using today's date",
			    source_date_epoch);
	}
	if ((utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) == NULL)
		memset(&tm, 0, sizeof tm);
	g.year = tm.tm_year + 1900;
	g.month = tm.tm_mon + 1;
	g.day = tm.tm_mday;
	*today = fa_gregorian_to_jalali(g);
}

/* "# " before each line of text, which is one or more lines. */
static void
put_comment(struct buf *b, const char *text)
{
	const char *nl;

	for (;;) {
		nl = strchr(text, '\n');
		buf_puts(b, "# ");
		buf_put(b, text, nl != NULL ? (size_t)(nl - text) : strlen(text));
		buf_putc(b, '\n');
		if (nl == NULL)
			return;
		text = nl + 1;
	}
}

static const struct field_text *
field_text(enum doc_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof field_texts / sizeof field_texts[0]; i++)
		if (field_texts[i].kind == kind &&
		    strcmp(field_texts[i].name, name) == 0)
			return &field_texts[i];
	return NULL;
}

/* The programs of booklet.yaml, one comment line, under program's help. */
static void
put_programs(struct buf *b, const char *const *programs)
{
	size_t i;

	if (programs == NULL || programs[0] == NULL) {
		put_comment(b, "نام برنامه را همان‌طور بنویسید که در booklet.yaml "
		    "زیر chapters آمده است.");
		return;
	}
	buf_puts(b, "# یکی از برنامه‌های booklet.yaml: ");
	for (i = 0; programs[i] != NULL; i++)
		buf_printf(b, "%s%s", i > 0 ? "، " : "", programs[i]);
	buf_putc(b, '\n');
}

char *
scaffold_text(struct arena *a, enum doc_kind kind, const char *slug,
    struct fa_date today, const char *const *programs)
{
	struct buf b = BUF_INIT;
	const struct field_text *ft;
	const char *name;
	char *out;
	size_t i;

	buf_puts(&b, "---\n");
	/* intros[] are the program's own strings, with one %s at most. */
	if (kind == DOC_STORY)
		put_comment(&b, intros[kind]);
	else
		put_comment(&b, arena_printf(a, intros[kind], slug));
	for (i = 0; (name = content_field(kind, i, NULL)) != NULL; i++) {
		ft = field_text(kind, name);
		buf_putc(&b, '\n');
		if (ft != NULL)
			put_comment(&b, ft->help);
		if (strcmp(name, "program") == 0)
			put_programs(&b, programs);
		buf_printf(&b, "%s:", name);
		if (strcmp(name, "date") == 0)
			buf_printf(&b, " %04d-%02d-%02d", today.year,
			    today.month, today.day);
		else if (content_placeholder(kind, name) != NULL)
			buf_printf(&b, " %s", content_placeholder(kind, name));
		else if (ft != NULL && ft->value != NULL)
			buf_printf(&b, " %s", ft->value);
		buf_putc(&b, '\n');
	}
	buf_puts(&b, "---\n\n");
	buf_puts(&b, bodies[kind]);
	out = arena_strndup(a, b.data, b.len);
	buf_release(&b);
	return out;
}

/* The program names of booklet.yaml's chapters, NULL-terminated, or NULL
 * when it cannot be read: the new file then only says where they are. */
static const char *const *
config_programs(struct arena *a, const char *path)
{
	struct config c;
	struct diags quiet;
	const char **p = NULL;
	size_t i, j, n = 0;

	/* The build reports booklet.yaml's problems; here they only cost the
	 * list. */
	diag_init(&quiet);
	if (config_load(a, path, "booklet.yaml", &c, &quiet) == 0) {
		for (i = 0; i < c.nchapters; i++)
			n += c.chapters[i].norder;
		p = arena_array(a, n + 1, sizeof *p);
		n = 0;
		for (i = 0; i < c.nchapters; i++)
			for (j = 0; j < c.chapters[i].norder; j++)
				p[n++] = c.chapters[i].order[j];
		p[n] = NULL;
	}
	diag_release(&quiet);
	return p;
}

const char *
scaffold_write(struct arena *a, const char *content_dir, enum doc_kind kind,
    const char *slug, struct fa_date today, struct diags *d)
{
	const char *yaml = arena_printf(a, "%s/booklet.yaml", content_dir);
	const char *dir = arena_printf(a, "%s/%s", content_dir, folders[kind]);
	/* Messages name the file as the editor's command line led to it. */
	const char *path = arena_printf(a, "%s/%s.md", dir, slug);
	const char *text;

	if (access(yaml, F_OK) != 0) {
		struct pos at = { "booklet.yaml", 0, 0 };

		diag_error(d, at, "not found in '%s' — run daftar in the folder "
		    "that holds the content folder, or give it with --content DIR",
		    content_dir);
		return NULL;
	}
	text = scaffold_text(a, kind, slug, today, config_programs(a, yaml));
	if (fileio_mkdirs(dir, d) != 0 ||
	    fileio_create(path, path, text, strlen(text), d) != 0)
		return NULL;
	return path;
}
