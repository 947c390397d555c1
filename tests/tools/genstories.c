/* genstories.c - write a synthetic daftar project for benchmarks.
 *
 *	genstories SEED N DIR
 *
 * Writes DIR/booklet.yaml (the sample project's settings, chapters grouped
 * by the five programs, no pages, no leaflets) and DIR/stories/s0001.md ...
 * N stories of about 600 words each: valid front matter, ## headings, a
 * bulleted list, a numbered list, a blockquote, **bold**, English words
 * (Excel, Instagram), Persian digits and a few ASCII ones.  The words are
 * drawn from a table of real Persian words (ZWNJ words among them), so the
 * text shapes and breaks like the real stories.  The same SEED and N give
 * the same bytes: the generator is its own xorshift64*, seeded by splitmix64.
 *
 * Exit status: 0 done, 1 a file could not be written, 2 usage.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZWNJ	"\xE2\x80\x8C"	/* U+200C ZERO WIDTH NON-JOINER */
#define NITEMS(v)	(sizeof (v) / sizeof (v)[0])
#define MAX_STORIES	9999	/* the file names have four digits */

/* Running text: nouns, adjectives, adverbs and connectives. */
static const char *const words[] = {
	"خانه", "کار", "زن", "زندگی", "فرزند", "دختر", "پسر", "مادر",
	"خانواده", "محله", "شهر", "کلاس", "دوره", "آموزش", "مهارت", "برنامه",
	"ستاد", "کارشناس", "مشاوره", "درآمد", "هزینه", "سفارش", "مشتری",
	"فروشگاه", "کارگاه", "بازار", "خیاطی", "آشپزی", "حسابداری", "رایانه",
	"گواهی", "قرارداد", "بیمه", "وام", "روز", "هفته", "ماه", "سال", "صبح",
	"شب", "امید", "ترس", "اعتماد", "تجربه", "همسایه", "دوست", "مربی",
	"مدرسه", "کتاب", "دفتر", "سلامت", "گروه", "راه", "قدم", "آینده",
	"فردا", "تصمیم", "مسیر", "هدف", "نتیجه", "تلاش", "فرصت", "حمایت",
	"کمک", "سود", "پول", "غذا", "پارچه", "ابزار", "مغازه", "نان", "باغ",
	"تازه", "خوب", "کوچک", "بزرگ", "سخت", "ساده", "ثابت", "رسمی", "خانگی",
	"مستقل", "آرام", "دقیق", "روشن", "و", "در", "به", "از", "با", "که",
	"را", "این", "آن", "برای", "تا", "هم", "اما", "یک", "دو", "سه", "هر",
	"چند", "همه", "خودش", "او", "حالا", "امروز", "بعد", "پیش", "روی",
	"کنار", "بیشتر", "کمتر", "دوباره", "هنوز",
	"پس" ZWNJ "انداز", "کسب" ZWNJ "وکار", "خانه" ZWNJ "ها",
	"زن" ZWNJ "ها", "بچه" ZWNJ "ها", "کلاس" ZWNJ "ها", "جلسه" ZWNJ "ی",
	"دوره" ZWNJ "ی", "برنامه" ZWNJ "ی", "هفته" ZWNJ "ی",
	"خانواده" ZWNJ "ی", "هم" ZWNJ "زمان", "پاره" ZWNJ "وقت",
	"دست" ZWNJ "دوز", "سفارش" ZWNJ "ها", "مشتری" ZWNJ "ها",
	"گفت" ZWNJ "وگو", "رفت" ZWNJ "وآمد", "کم" ZWNJ "کم",
	"تازه" ZWNJ "وارد", "ثبت" ZWNJ "نام", "آن" ZWNJ "ها",
	"هیچ" ZWNJ "وقت", "هیچ" ZWNJ "کس", "دست" ZWNJ "کم",
	"زندگی" ZWNJ "اش", "خانه" ZWNJ "اش", "کارگاه" ZWNJ "های",
	"مهارت" ZWNJ "های", "قدم" ZWNJ "به" ZWNJ "قدم",
	"یک" ZWNJ "روزه", "نیم" ZWNJ "روز", "روزمزد", "کارآفرینی",
};

/* Verbs: the last word of a sentence. */
static const char *const verbs[] = {
	"کرد", "داشت", "بود", "شد", "گرفت", "داد", "آمد", "رفت", "دید",
	"رسید", "ساخت", "خرید", "فروخت", "آموخت", "ماند", "است",
	"می" ZWNJ "شود", "می" ZWNJ "کند", "می" ZWNJ "گوید",
	"می" ZWNJ "خواهد", "می" ZWNJ "رود", "نمی" ZWNJ "دانست",
	"می" ZWNJ "توانست", "شده" ZWNJ "اند",
};

static const char *const english[] = {
	"Excel", "Instagram", "WhatsApp", "ICDL",
};

/* Units that follow a number in running text. */
static const char *const units[] = {
	"جلسه", "ماه", "هفته", "نفر", "سفارش", "ساعت", "روز",
};

static const char *const pseudonyms[] = {
	"نرگس", "فرشته", "زهره", "طاهره", "شهلا", "منیژه", "لیلا", "راضیه",
	"مهین", "اعظم", "مریم", "سمیه", "فاطمه", "زینب", "معصومه", "نسرین",
	"الهام", "پریسا", "سکینه", "رقیه",
};

/* The five programs, in the booklet's chapter order. */
static const char *const programs[] = {
	"آموزش مهارت", "اشتغال حمایتی", "مشاوره و مددکاری",
	"سلامت و تحصیل فرزندان", "اوقات فراغت",
};

/* xorshift64*: small, fast, and the same on every machine. */
struct rng {
	uint64_t s;	/* never 0 */
};

/* One story being written: where the text goes and what it has so far. */
struct story {
	FILE *fp;
	struct rng *r;
	int bol;		/* at the start of a line: no space before a word */
	unsigned nwords;	/* words of the body written so far */
};

static void
rng_seed(struct rng *r, uint64_t seed)
{
	/* splitmix64 spreads any seed, 0 included, over the state */
	uint64_t z = seed + UINT64_C(0x9E3779B97F4A7C15);

	z = (z ^ z >> 30) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ z >> 27) * UINT64_C(0x94D049BB133111EB);
	z ^= z >> 31;
	r->s = z != 0 ? z : 1;
}

static uint64_t
rng_next(struct rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * UINT64_C(0x2545F4914F6CDD1D);
}

/* A number in [0, n); n > 0.  The modulo bias is far below what a
 * benchmark notices. */
static unsigned
rng_below(struct rng *r, unsigned n)
{
	return (unsigned)((rng_next(r) >> 11) % n);
}

/* A number in [lo, hi]. */
static unsigned
rng_range(struct rng *r, unsigned lo, unsigned hi)
{
	return lo + rng_below(r, hi - lo + 1);
}

/* True with probability pct/100. */
static int
rng_chance(struct rng *r, unsigned pct)
{
	return rng_below(r, 100) < pct;
}

static const char *
pick(struct rng *r, const char *const *v, size_t n)
{
	return v[rng_below(r, (unsigned)n)];
}

/* Writes n in Persian digits into buf (at least 64 bytes), with ٬ between
 * groups of three when group is set.  Returns buf. */
static const char *
fa_number(char *buf, unsigned long n, int group)
{
	char ascii[24];
	size_t i, len, o = 0;

	len = (size_t)snprintf(ascii, sizeof ascii, "%lu", n);
	for (i = 0; i < len; i++) {
		if (group && i > 0 && (len - i) % 3 == 0) {
			memcpy(buf + o, "\xD9\xAC", 2);		/* U+066C */
			o += 2;
		}
		buf[o++] = '\xDB';			/* U+06F0 + digit */
		buf[o++] = (char)(0xB0 + (ascii[i] - '0'));
	}
	buf[o] = '\0';
	return buf;
}

/* Writes one word, with pre and post glued to it ("**", "«", "،"). */
static void
put_word(struct story *st, const char *pre, const char *w, const char *post)
{
	fprintf(st->fp, "%s%s%s%s", st->bol ? "" : " ", pre, w, post);
	st->bol = 0;
	st->nwords++;
}

static void
end_line(struct story *st)
{
	fputc('\n', st->fp);
	st->bol = 1;
}

/* Writes a number phrase: Persian digits mostly, now and then an ASCII
 * number that daftar has to convert, a price or a percentage. */
static void
put_number(struct story *st)
{
	char buf[64], num[64];

	switch (rng_below(st->r, 6)) {
	case 0:
		put_word(st, "", fa_number(num, rng_range(st->r, 10, 250) *
		    5000UL, 1), "");
		put_word(st, "", "تومان", "");
		break;
	case 1:
		put_word(st, "", fa_number(num, rng_range(st->r, 5, 95), 0),
		    "\xD9\xAA");			/* U+066A ٪ */
		break;
	case 2:
		snprintf(buf, sizeof buf, "%u", rng_range(st->r, 2, 40));
		put_word(st, "", buf, "");
		put_word(st, "", pick(st->r, units, NITEMS(units)), "");
		break;
	case 3:
		put_word(st, "", "سال", "");
		put_word(st, "", fa_number(num, rng_range(st->r, 1395, 1403),
		    0), "");
		break;
	default:
		put_word(st, "", fa_number(num, rng_range(st->r, 2, 120), 0),
		    "");
		put_word(st, "", pick(st->r, units, NITEMS(units)), "");
		break;
	}
}

/* Writes a sentence of lo..hi words ending with a verb and end ("." or
 * "؛"), with now and then a comma, a number, an English word and, unless
 * plain is set (YAML values), a bold span. */
static void
put_sentence(struct story *st, unsigned lo, unsigned hi, const char *end,
    int plain)
{
	unsigned i, n = rng_range(st->r, lo, hi), bold = 0;

	for (i = 0; i + 1 < n; i++) {
		const char *w = pick(st->r, words, NITEMS(words));

		if (!plain && bold == 0 && i + 3 < n && rng_chance(st->r, 2)) {
			bold = rng_range(st->r, 1, 3);
			put_word(st, "**", w, bold == 1 ? "**" : "");
			bold--;
		} else if (bold > 0) {
			put_word(st, "", w, bold == 1 ? "**" : "");
			bold--;
		} else if (rng_chance(st->r, 2)) {
			put_number(st);
		} else if (rng_chance(st->r, 2)) {
			put_word(st, "", pick(st->r, english, NITEMS(english)),
			    "");
		} else {
			put_word(st, "", w, i > 2 && i + 3 < n &&
			    rng_chance(st->r, 8) ? "\xD8\x8C" : "");	/* ، */
		}
	}
	put_word(st, "", pick(st->r, verbs, NITEMS(verbs)), end);
}

static void
put_paragraph(struct story *st)
{
	unsigned i, n = rng_range(st->r, 3, 6);

	for (i = 0; i < n; i++)
		put_sentence(st, 8, 18, ".", 0);
	end_line(st);
	end_line(st);
}

static void
put_heading(struct story *st)
{
	unsigned i, n = rng_range(st->r, 2, 4);

	fputs("##", st->fp);
	st->bol = 0;
	for (i = 0; i < n; i++)
		put_word(st, "", pick(st->r, words, NITEMS(words)), "");
	end_line(st);
	end_line(st);
}

/* A bulleted list (ordered == 0) or a numbered one, items ending in "؛"
 * and the last in ".". */
static void
put_list(struct story *st, int ordered)
{
	unsigned i, n = rng_range(st->r, 3, 5);
	char marker[16];

	for (i = 0; i < n; i++) {
		if (ordered)
			snprintf(marker, sizeof marker, "%u.", i + 1);
		else
			strcpy(marker, "-");
		fputs(marker, st->fp);
		st->bol = 0;
		put_sentence(st, 4, 10, i + 1 < n ? "\xD8\x9B" : ".", 0);	/* ؛ */
		end_line(st);
	}
	end_line(st);
}

static void
put_quote(struct story *st)
{
	fputs("> «", st->fp);
	st->bol = 1;
	put_sentence(st, 8, 14, ".", 0);
	put_sentence(st, 6, 12, ".»", 0);
	end_line(st);
	end_line(st);
}

/* Writes the front matter of story i: every field the sample stories
 * have, with a valid Jalali date (day <= 29 exists in every month). */
static void
put_front_matter(struct story *st, unsigned i)
{
	unsigned k, n;
	char num[64];

	fputs("---\ntitle:", st->fp);
	st->bol = 0;
	n = rng_range(st->r, 2, 5);
	for (k = 0; k < n; k++)
		put_word(st, "", pick(st->r, words, NITEMS(words)), "");
	fprintf(st->fp, "\npseudonym: %s\n",
	    pick(st->r, pseudonyms, NITEMS(pseudonyms)));
	fprintf(st->fp, "district: منطقه %s\n",
	    fa_number(num, rng_range(st->r, 1, 22), 0));
	fprintf(st->fp, "program: %s\n", programs[i % NITEMS(programs)]);
	fprintf(st->fp, "date: 1403-%02u-%02u\n", rng_range(st->r, 1, 12),
	    rng_range(st->r, 1, 29));
	fputs("summary:", st->fp);
	put_sentence(st, 12, 20, ".", 1);
	if (rng_chance(st->r, 25)) {
		fprintf(st->fp, "\ntags: [%s, %s]\n",
		    pick(st->r, words, NITEMS(words)), programs[i %
		    NITEMS(programs)]);
	} else {
		fprintf(st->fp, "\ntags:\n  - %s\n  - %s\n",
		    pick(st->r, words, NITEMS(words)), programs[i %
		    NITEMS(programs)]);
	}
	fputs("consent: true\n---\n\n", st->fp);
	st->bol = 1;
	st->nwords = 0;
}

/* Writes the body: headed sections until about target words, with the
 * bulleted list, the numbered list and the quote in the first three. */
static void
put_body(struct story *st, unsigned target)
{
	unsigned section;

	for (section = 0; section < 3 || st->nwords < target; section++) {
		put_heading(st);
		put_paragraph(st);
		if (section == 0)
			put_list(st, 0);
		else if (section == 1)
			put_list(st, 1);
		else if (section == 2)
			put_quote(st);
		if (st->nwords < target)
			put_paragraph(st);
	}
}

/* Writes DIR/stories/sNNNN.md for story i (1-based).  Returns 0, or -1
 * after printing why. */
static int
write_story(const char *dir, unsigned i, struct rng *r)
{
	struct story st;
	char *path;
	size_t size = strlen(dir) + 32;
	int rc = 0;

	if ((path = malloc(size)) == NULL) {
		fputs("genstories: out of memory\n", stderr);
		return -1;
	}
	snprintf(path, size, "%s/stories/s%04u.md", dir, i);
	if ((st.fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "genstories: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	st.r = r;
	st.bol = 1;
	st.nwords = 0;
	put_front_matter(&st, i);
	put_body(&st, rng_range(r, 520, 600));
	if (ferror(st.fp))
		rc = -1;
	if (fclose(st.fp) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, "genstories: %s: cannot write the file\n", path);
	free(path);
	return rc;
}

/* Writes DIR/booklet.yaml.  Returns 0, or -1 after printing why. */
static int
write_config(const char *dir, unsigned n)
{
	FILE *fp;
	char *path, num[64];
	size_t k, size = strlen(dir) + 32;
	int rc = 0;

	if ((path = malloc(size)) == NULL) {
		fputs("genstories: out of memory\n", stderr);
		return -1;
	}
	snprintf(path, size, "%s/booklet.yaml", dir);
	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "genstories: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	fprintf(fp,
	    "# Synthetic project written by tests/tools/genstories.\n"
	    "title: کتابچه" ZWNJ "ی آزمایشی %s داستان\n"
	    "subtitle: داستان" ZWNJ "های ساختگی برای سنجش سرعت\n"
	    "organization: ستاد توانمندسازی زنان سرپرست خانوار\n"
	    "year: 1403\n"
	    "language: fa\n"
	    "\n"
	    "page:\n"
	    "  size: A5\n"
	    "  margins_mm:\n"
	    "    top: 18\n"
	    "    bottom: 20\n"
	    "    inner: 20\n"
	    "    outer: 14\n"
	    "\n"
	    "font:\n"
	    "  family: Vazirmatn\n"
	    "  size_pt: 10.5\n"
	    "  line_height: 1.6\n"
	    "\n"
	    "digits: persian\n"
	    "\n"
	    "chapters:\n"
	    "  - stories:\n"
	    "      group_by: program\n"
	    "      order:\n", fa_number(num, n, 1));
	for (k = 0; k < NITEMS(programs); k++)
		fprintf(fp, "        - %s\n", programs[k]);
	fputs("      sort: date\n"
	    "\n"
	    "leaflets: []\n"
	    "\n"
	    "site:\n"
	    "  base_url: https://example.org/\n"
	    "  pages: []\n", fp);
	if (ferror(fp))
		rc = -1;
	if (fclose(fp) != 0)
		rc = -1;
	if (rc != 0)
		fprintf(stderr, "genstories: %s: cannot write the file\n", path);
	free(path);
	return rc;
}

/* Creates path unless it is there already.  Returns 0, or -1 after
 * printing why. */
static int
make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	fprintf(stderr, "genstories: %s: %s\n", path, strerror(errno));
	return -1;
}

/* Parses a whole decimal number no greater than max into *v. */
static int
parse_number(const char *s, uint64_t max, uint64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno != 0 || *end != '\0' || *v > max ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	struct rng r;
	uint64_t seed, n;
	char *stories;
	unsigned i;
	int rc = 0;

	if (argc != 4 || parse_number(argv[1], UINT64_MAX, &seed) != 0 ||
	    parse_number(argv[2], MAX_STORIES, &n) != 0 || n == 0) {
		fprintf(stderr, "usage: genstories SEED N DIR\n"
		    "  SEED: a decimal number; N: 1 to %d stories\n",
		    MAX_STORIES);
		return 2;
	}
	if ((stories = malloc(strlen(argv[3]) + sizeof "/stories")) == NULL) {
		fputs("genstories: out of memory\n", stderr);
		return 1;
	}
	strcpy(stories, argv[3]);
	strcat(stories, "/stories");
	if (make_dir(argv[3]) != 0 || make_dir(stories) != 0 ||
	    write_config(argv[3], (unsigned)n) != 0)
		rc = 1;
	rng_seed(&r, seed);
	for (i = 1; rc == 0 && i <= n; i++)
		if (write_story(argv[3], i, &r) != 0)
			rc = 1;
	free(stories);
	return rc;
}
