// site.mjs - the site in a real browser: Debian's chromium, driven by
// playwright-core, over a tiny server on 127.0.0.1.
//
//	node tests/browser/site.mjs SITE_DIR [SHOT_DIR]
//
// Prints "ok:   ..." or "FAIL: ..." per check (tests/integration.sh counts
// them) and exits 1 when one failed, 2 when the browser cannot start.
// Every HTML file of the site is opened at 360 px: status 200, no sideways
// scroll, images decode, no serious or critical axe-core violation, and
// every link to another page of the site lands on a page that exists and
// holds the #fragment it names.  The main kinds of page are also opened at
// 390 and 1280 px.  SHOT_DIR, when given, receives screenshots of the home
// page, a story and a program page at 390 and 1280 px.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative, sep } from "node:path";
import { chromium } from "playwright-core";

// axe-core is injected into each page from its file, so that it makes no
// request of its own.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const [siteDir, shotDir] = process.argv.slice(2);
if (!siteDir) {
	console.error("usage: node tests/browser/site.mjs SITE_DIR [SHOT_DIR]");
	process.exit(2);
}

const types = {
	".html": "text/html; charset=utf-8", ".css": "text/css",
	".js": "text/javascript", ".json": "application/json",
	".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
	".jpg": "image/jpeg", ".png": "image/png", ".svg": "image/svg+xml",
	".woff2": "font/woff2", ".pdf": "application/pdf",
};

// Files of siteDir only; a folder serves its index.html, anything else
// 404.html with status 404, as a static host does.
function serve(req, res) {
	let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
	let file = normalize(join(siteDir, path));
	let status = 200;

	if (!file.startsWith(normalize(siteDir) + sep) && file !== normalize(siteDir))
		file = null;
	try {
		if (file && statSync(file).isDirectory())
			file = join(file, "index.html");
		if (!file || !statSync(file).isFile())
			throw new Error("missing");
	} catch {
		file = join(siteDir, "404.html");
		status = 404;
	}
	res.writeHead(status, { "content-type": types[extname(file)] || "application/octet-stream" });
	res.end(readFileSync(file));
}

let failed = 0;
function ok(msg) { console.log("ok:   browser: " + msg); }
function notOk(msg) { failed++; console.log("FAIL: browser: " + msg); }
function check(cond, msg, why) { cond ? ok(msg) : notOk(msg + (why ? " — " + why : "")); }

const server = createServer(serve);
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), "daftar-chromium-"));
let context;
try {
	context = await chromium.launchPersistentContext(profile, {
		executablePath: "/usr/bin/chromium",
		headless: true,
		args: ["--no-sandbox", "--disable-gpu", "--disable-quic",
		    "--no-first-run", "--disable-background-networking",
		    "--disable-component-update", "--disable-sync"],
	});
} catch (e) {
	console.log("FAIL: browser: chromium does not start: " + String(e.message).split("\n")[0]);
	server.close();
	rmSync(profile, { recursive: true, force: true });
	process.exit(2);
}

// Every request the pages make, and every error they log.
const foreign = new Set();
const errors = [];
context.on("request", (r) => {
	const u = new URL(r.url());
	if (u.origin !== origin && u.protocol !== "data:")
		foreign.add(r.url());
});

async function open(path, width) {
	const page = await context.newPage();
	page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
	page.on("console", (m) => {
		// Failed loads are counted by status below, where the
		// deliberate 404 can be told apart.
		if (m.type() === "error" && !/^Failed to load resource/.test(m.text()))
			errors.push(`${path}: ${m.text()}`);
	});
	page.on("response", (r) => {
		if (r.status() >= 400 && !r.url().includes("/no/such/page/"))
			errors.push(`${path}: ${r.status()} for ${r.url()}`);
	});
	await page.setViewportSize({ width, height: 900 });
	const resp = await page.goto(origin + "/" + path, { waitUntil: "load" });
	return { page, resp };
}

const program = readFileSync(join(siteDir, "stories/khayati-dar-manzel/index.html"), "utf8")
    .match(/href="\.\.\/\.\.\/(programs\/[^"]*)"/)[1];
const keyPages = ["index.html", "stories/khayati-dar-manzel/index.html",
    "stories/dobareh-istadan/index.html", decodeURIComponent(program),
    "pages/about/index.html", "search/index.html", "download/index.html",
    "stats/index.html"];

function htmlFiles(dir) {
	const out = [];
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory())
			out.push(...htmlFiles(p));
		else if (e.name.endsWith(".html"))
			out.push(relative(siteDir, p).split(sep).join("/"));
	}
	return out.sort();
}

// What one open page says about itself: overflow, images that do not
// decode, its ids, and the links it makes inside the site.
async function inspect(page) {
	return page.evaluate(async (origin) => {
		const bad = [];
		for (const img of document.images) {
			img.loading = "eager";
			try { await img.decode(); } catch { bad.push(img.currentSrc || img.src); }
		}
		const links = [];
		for (const a of document.querySelectorAll("a[href]")) {
			const u = new URL(a.href);
			if (u.origin === origin)
				links.push({ path: decodeURIComponent(u.pathname), hash: decodeURIComponent(u.hash.slice(1)) });
		}
		return {
			over: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			bad,
			ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
			links,
		};
	}, origin);
}

async function axe(page) {
	await page.addScriptTag({ content: axeSource });
	return page.evaluate(async () => {
		const r = await window.axe.run(document, { resultTypes: ["violations"] });
		return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
		    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")}`);
	});
}

try {
	const all = htmlFiles(siteDir);
	const wide = [], broken = [], status = [], access = [];
	const idsOf = new Map(), links = [];
	for (const path of all) {
		const { page, resp } = await open(path, 360);
		if (resp.status() !== 200)
			status.push(`${path}: ${resp.status()}`);
		const seen = await inspect(page);
		if (seen.over > 0)
			wide.push(`${path} at 360 px: ${seen.over} px too wide`);
		broken.push(...seen.bad);
		idsOf.set("/" + path, new Set(seen.ids));
		for (const l of seen.links)
			links.push({ from: path, ...l });
		for (const v of await axe(page))
			access.push(`${path}: ${v}`);
		await page.close();
	}
	for (const width of [390, 1280]) {
		for (const path of keyPages) {
			const { page } = await open(path, width);
			const seen = await inspect(page);
			if (seen.over > 0)
				wide.push(`${path} at ${width} px: ${seen.over} px too wide`);
			broken.push(...seen.bad);
			if (width === 1280) {
				await page.emulateMedia({ colorScheme: "dark" });
				for (const v of await axe(page))
					access.push(`${path} (dark): ${v}`);
			}
			await page.close();
		}
	}
	check(all.length > 0 && status.length === 0, `all ${all.length} pages answer 200`, status.slice(0, 3).join("; "));
	check(wide.length === 0, `no horizontal scroll on ${all.length} pages at 360 px and ${keyPages.length} at 390 and 1280 px`, wide.slice(0, 3).join("; "));
	check(broken.length === 0, "every image decodes", broken.slice(0, 3).join(", "));
	check(access.length === 0, `axe-core: no serious or critical violation on ${all.length} pages, and on ${keyPages.length} in dark mode`, access.slice(0, 4).join("; "));

	// A link to a folder means its index.html; a fragment must name an
	// id on the page it leads to.  Other files (PDF, feed) must exist.
	const dead = [];
	for (const l of links) {
		let target = l.path.endsWith("/") ? l.path + "index.html" : l.path;
		const ids = idsOf.get(target);
		if (!ids) {
			let isFile = false;
			try { isFile = statSync(join(siteDir, target)).isFile(); } catch { /* dead */ }
			if (!isFile || target.endsWith(".html"))
				dead.push(`${l.from} → ${l.path}`);
		} else if (l.hash && !ids.has(l.hash)) {
			dead.push(`${l.from} → ${l.path}#${l.hash}`);
		}
	}
	check(links.length > 0 && dead.length === 0, `all ${links.length} links inside the site and their fragments resolve`, dead.slice(0, 4).join("; "));

	// Fonts come from the site and are used.
	{
		const { page } = await open("index.html", 390);
		await page.evaluate(() => document.fonts.ready);
		const loaded = await page.evaluate(() =>
		    [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Vazirmatn" && f.status === "loaded").length);
		check(loaded > 0, `Vazirmatn served by the site (${loaded} faces loaded)`);
		await page.close();
	}

	// Search: Arabic yeh and kaf, ASCII digits and a space for ZWNJ all
	// find what the index writes in Persian.
	{
		const { page } = await open("search/index.html", 390);
		const find = async (q) => {
			await page.fill("#q", q);
			return page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
		};
		const yeh = await find("خياطي");		// Arabic yeh
		const digits = await find("منطقه 15");	// ASCII digits
		const zwnj = await find("کسب وکار");		// space for ZWNJ
		const none = await find("qqqzzz");
		const status = await page.textContent("#search-status");
		check(yeh.some((h) => h.includes("stories/khayati-dar-manzel/")) &&
		    digits.some((h) => h.includes("stories/khayati-dar-manzel/")) &&
		    zwnj.length > 0 && none.length === 0 && /پیدا نشد/.test(status),
		    "search matches across yeh/kaf, digits and ZWNJ",
		    `yeh ${yeh.length}, digits ${digits.length}, zwnj ${zwnj.length}, nonsense ${none.length}`);
		// Results are links that open.
		if (yeh.length > 0) {
			await page.fill("#q", "خياطي");
			await Promise.all([page.waitForURL(/stories\//), page.click("#search-results a")]);
			check(/<h1>/.test(await page.content()), "a search result opens its story");
		}
		await page.close();
	}

	// A search can be a link: search/?q= opens with its results.
	{
		const { page } = await open("search/index.html?q=" + encodeURIComponent("كارگاه"), 390);
		const hrefs = await page.$$eval("#search-results a", (as) => as.length);
		check(hrefs > 0 && (await page.inputValue("#q")) === "كارگاه",
		    `search/?q= (Arabic kaf) opens with ${hrefs} results`);
		await page.close();
	}

	// Charts stay readable in dark mode: text follows the palette.
	{
		const { page } = await open("stories/dobareh-istadan/index.html", 1280);
		const light = await page.$eval("svg.chart text", (t) => getComputedStyle(t).fill);
		await page.emulateMedia({ colorScheme: "dark" });
		const dark = await page.$eval("svg.chart text", (t) => getComputedStyle(t).fill);
		const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		check(light !== dark && dark !== bg, `chart text in dark mode is ${dark} on ${bg} (light: ${light})`);
		await page.close();
	}

	// On a phone the chart shown is the narrow one, and its smallest label
	// is still at least 10 px on the screen (the wide one would be 7 px).
	{
		const sizes = [];
		for (const path of ["stories/dobareh-istadan/index.html", "pages/preface/index.html"]) {
			const { page } = await open(path, 360);
			sizes.push(...await page.evaluate(() => [...document.querySelectorAll("svg.chart")]
			    .filter((svg) => svg.getBoundingClientRect().width > 0)
			    .map((svg) => {
				const scale = svg.getScreenCTM().a;
				const min = Math.min(...[...svg.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size"))));
				return { narrow: svg.classList.contains("chart-narrow"), px: min * scale };
			})));
			await page.close();
		}
		const small = sizes.filter((x) => !x.narrow || x.px < 10);
		check(sizes.length > 0 && small.length === 0,
		    `${sizes.length} charts at 360 px are the narrow drawing, smallest label ${Math.min(...sizes.map((x) => x.px)).toFixed(1)} px`,
		    JSON.stringify(small.slice(0, 3)));
	}

	// In dark mode every bar, line, point and slice stands 3:1 from the
	// paper (WCAG 1.4.11), as in light mode.
	{
		const lum = (rgb) => {
			const [r, g, b] = rgb.match(/\d+/g).slice(0, 3).map((v) => {
				const c = Number(v) / 255;
				return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
		const low = [];
		let marks = 0;
		for (const path of ["stories/dobareh-istadan/index.html", "pages/preface/index.html", "stats/index.html"]) {
			const { page } = await open(path, 1280);
			await page.emulateMedia({ colorScheme: "dark" });
			const seen = await page.evaluate(() => {
				const bg = getComputedStyle(document.body).backgroundColor;
				return { bg, paints: [...document.querySelectorAll("svg.chart .bar, svg.chart .line, svg.chart .point, svg.chart .slice")]
				    .map((e) => { const cs = getComputedStyle(e); return e.classList.contains("line") ? cs.stroke : cs.fill; }) };
			});
			for (const p of seen.paints) {
				marks++;
				if (ratio(p, seen.bg) < 3)
					low.push(`${path}: ${p} is ${ratio(p, seen.bg).toFixed(2)}:1 on ${seen.bg}`);
			}
			await page.close();
		}
		check(marks > 0 && low.length === 0, `${marks} chart marks stand 3:1 from the dark paper`, low.slice(0, 3).join("; "));
	}

	// A share inside a pie slice keeps the ink daftar chose for that slice,
	// in both modes; the page's ink would vanish on a dark slice.
	{
		const { page } = await open("pages/preface/index.html", 1280);
		const kept = () => page.$$eval("svg.chart text.share", (ts) => ts.map((t) => {
			const hex = t.getAttribute("fill");
			const rgb = `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
			return getComputedStyle(t).fill === rgb;
		}));
		const light = await kept();
		await page.emulateMedia({ colorScheme: "dark" });
		const dark = await kept();
		check(light.length > 0 && light.every(Boolean) && dark.every(Boolean),
		    `${light.length} pie shares keep their contrasting ink in light and dark mode`,
		    `light ${light}, dark ${dark}`);
		await page.close();
	}

	// A missing page: the server's 404 with the site's stylesheet.
	{
		const { page, resp } = await open("no/such/page/", 390);
		const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
		check(resp.status() === 404 && /Vazirmatn/.test(styled), "404.html at any depth, styled");
		await page.close();
	}

	if (shotDir) {
		const shots = [["home", "index.html"], ["story", "stories/jomeh-haye-kuh/index.html"],
		    ["program", decodeURIComponent(program)]];
		for (const width of [390, 1280])
			for (const [name, path] of shots) {
				const { page } = await open(path, width);
				await page.evaluate(async () => {
					for (const img of document.images) {
						img.loading = "eager";
						try { await img.decode(); } catch { /* reported above */ }
					}
					await document.fonts.ready;
				});
				await page.screenshot({ path: join(shotDir, `${name}-${width}.png`), fullPage: true });
				await page.close();
			}
	}

	check(foreign.size === 0, "no request to another host", [...foreign].slice(0, 3).join(", "));
	check(errors.length === 0, "no script errors, no failed request", errors.slice(0, 3).join("; "));
} catch (e) {
	notOk("the test itself failed: " + e.message.split("\n")[0]);
} finally {
	await context.close();
	server.close();
	rmSync(profile, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
