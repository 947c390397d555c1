/* leaflet_qr.c - the leaflet's QR code (libqrencode) and its target URL. */
#include <string.h>

#include <qrencode.h>

#include "arena.h"
#include "leaflet.h"

const char *
leaflet_qr_url(struct arena *a, const char *base_url, const char *website)
{
	const char *base = base_url != NULL ? base_url : "";
	size_t n = strlen(base);

	if (website == NULL || *website == '\0')
		return arena_strdup(a, base);
	if (strncmp(website, "https://", 8) == 0 ||
	    strncmp(website, "http://", 7) == 0)
		return arena_strdup(a, website);
	/* A path on the site: one '/' between the two. */
	while (*website == '/')
		website++;
	if (n > 0 && base[n - 1] == '/')
		return arena_printf(a, "%s%s", base, website);
	return arena_printf(a, "%s/%s", base, website);
}

int
leaflet_qr_encode(struct arena *a, const char *text, struct leaflet_qr *q)
{
	QRcode *c;
	int x, y, w;

	memset(q, 0, sizeof *q);
	/* Level M: a phone reads it through a crease or a smudge. */
	if ((c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)) == NULL)
		return -1;
	w = c->width;
	q->size = w + 2 * LEAFLET_QR_QUIET;
	q->dark = arena_array(a, (size_t)q->size * (size_t)q->size, 1);
	memset(q->dark, 0, (size_t)q->size * (size_t)q->size);
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x++)
			/* Bit 0 of libqrencode's module byte: 1 is black. */
			q->dark[(size_t)(y + LEAFLET_QR_QUIET) * (size_t)q->size +
			    (size_t)(x + LEAFLET_QR_QUIET)] = c->data[y * w + x] & 1;
	QRcode_free(c);
	return 0;
}
