/* search.js - search the stories without a server.  The index comes from
 * search-index.js (window.DAFTAR_SEARCH, the same array as search.json);
 * query and index pass through one normalisation: Arabic yeh and kaf as
 * Persian, diacritics and tatweel removed, ZWNJ and spaces folded into
 * one space, Persian and Arabic-Indic digits as ASCII.  No dependencies. */
(function () {
	"use strict";

	var input = document.getElementById("q");
	var list = document.getElementById("search-results");
	var status = document.getElementById("search-status");
	var index = window.DAFTAR_SEARCH || [];
	var root = list ? list.getAttribute("data-root") || "" : "";

	function fold(s) {
		var out = "", i, c;

		s = String(s || "").toLowerCase();
		for (i = 0; i < s.length; i++) {
			c = s.charCodeAt(i);
			if (c === 0x064A || c === 0x0649)
				out += "\u06CC";		/* yeh, alef maksura */
			else if (c === 0x0643)
				out += "\u06A9";		/* kaf */
			else if (c >= 0x06F0 && c <= 0x06F9)
				out += String.fromCharCode(48 + c - 0x06F0);
			else if (c >= 0x0660 && c <= 0x0669)
				out += String.fromCharCode(48 + c - 0x0660);
			else if ((c >= 0x064B && c <= 0x065F) || c === 0x0670 ||
			    c === 0x0640)
				continue;		/* harakat, tatweel */
			else if (c === 0x200C || c === 0x200D || c === 0x00A0 ||
			    /\s/.test(s.charAt(i)))
				out += " ";
			else
				out += s.charAt(i);
		}
		return out.replace(/ +/g, " ").trim();
	}

	index.forEach(function (e) {
		e.folded = fold([e.title, e.excerpt, e.keywords].join(" "));
	});

	function show(query) {
		var q = fold(query), words = q.split(" "), hits;

		while (list.firstChild)
			list.removeChild(list.firstChild);
		if (q === "") {
			status.textContent = "";
			return;
		}
		hits = index.filter(function (e) {
			return words.every(function (w) {
				return e.folded.indexOf(w) >= 0;
			});
		});
		hits.forEach(function (e) {
			var li = document.createElement("li");
			var h = document.createElement("h3");
			var a = document.createElement("a");
			var p = document.createElement("p");

			li.className = "story-card";
			a.href = root + e.url;
			a.textContent = e.title;
			p.className = "summary";
			p.textContent = e.excerpt;
			h.appendChild(a);
			li.appendChild(h);
			li.appendChild(p);
			list.appendChild(li);
		});
		status.textContent = hits.length === 0 ? "روایتی پیدا نشد." :
		    hits.length.toLocaleString("fa-IR") + " روایت پیدا شد.";
	}

	if (input && list) {
		input.addEventListener("input", function () {
			show(input.value);
		});
		/* Without a script the form reloads with ?q=; with one the
		 * results are already there, so the reload is saved. */
		if (input.form)
			input.form.addEventListener("submit", function (ev) {
				ev.preventDefault();
				show(input.value);
			});
		var given = new URLSearchParams(window.location.search).get("q");
		if (given !== null && input.value === "")
			input.value = given;
		show(input.value);
	}
}());
