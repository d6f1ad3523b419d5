// A small static server for the demo: www/ at /, the wasm package at /pkg/,
// the example specs at /examples/ (with /examples/index.json listing them).
// Honours If-None-Match with strong ETags, as a live-figures feed should, and
// gzips (level 9, as a CDN would) for clients that accept it, so pages and the
// benchmark see the bytes a reader's browser would download.
// `node scripts/serve.mjs` serves on http://127.0.0.1:8080/ (PORT to change).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under the repository, or null when it is outside the served folders. */
function resolve(path) {
  const clean = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
  // /broken-pkg/ is the package without its wasm: the tests' "file missing" case.
  if (clean.startsWith('/broken-pkg/') && !clean.endsWith('.wasm')) return join(root, 'pkg', clean.slice('/broken-pkg/'.length));
  for (const [prefix, dir] of [['/pkg/', 'pkg'], ['/examples/', 'examples'], ['/bench/', 'bench']]) {
    if (clean.startsWith(prefix)) return join(root, dir, clean.slice(prefix.length));
  }
  const file = clean === '/' ? 'index.html' : clean.slice(1);
  return join(root, 'www', file);
}

async function body(path) {
  if (path === '/live/illustrative-nps.json') return Buffer.from(liveNps());
  if (path === '/examples/index.json') {
    const names = (await readdir(join(root, 'examples'))).filter((f) => f.endsWith('.json')).sort();
    return Buffer.from(JSON.stringify(names));
  }
  return readFile(resolve(path));
}

/**
 * Feeds for live charts, whose misbehaviour the tests control. PUT /feed/NAME with
 * {status, body, delay, hang, stall, size, chunked, always304} sets how GET /feed/NAME
 * answers: `delay` ms before answering, `hang` never answers, `stall` sends the
 * headers and part of the body and then nothing, `size` pads the body to that many
 * bytes, `flap` fails every other request, `chunked` sends no Content-Length, `always304` answers 304 even without
 * If-None-Match. /feed-stats/NAME counts requests (with their times), 304 answers and
 * requests in flight; DELETE /feed-stats/NAME resets the counts.
 * /live/illustrative-nps.json drifts with the clock, for the embed demo.
 */
const feeds = new Map();
const counts = () => ({ hits: 0, notModified: 0, inFlight: 0, maxInFlight: 0, times: [] });

function liveNps() {
  // Illustrative figures that change every 10 s, for the embed page's live chart.
  const tick = Math.floor(Date.now() / 10000);
  const promoters = 480 + (tick % 7) * 9;
  const detractors = 190 - (tick % 5) * 7;
  return JSON.stringify({
    type: 'nps',
    title: 'Live: would trainees recommend the course?',
    subtitle: 'Illustrative feed for a fictional training centre; refreshes every 10 seconds',
    source: 'illustrative data',
    data: { promoters, passives: 1000 - promoters - detractors, detractors },
  });
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

async function feed(req, res, path) {
  const name = path.split('/')[2];
  const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'etag' };
  if (path.startsWith('/feed-stats/')) {
    const f = feeds.get(name) || counts();
    if (req.method === 'DELETE') {
      if (feeds.has(name)) Object.assign(f, counts());
      res.writeHead(204).end();
      return;
    }
    const { hits, notModified, inFlight, maxInFlight, times } = f;
    res.writeHead(200, { 'content-type': TYPES['.json'] }).end(JSON.stringify({ hits, notModified, inFlight, maxInFlight, times }));
    return;
  }
  if (req.method === 'PUT') {
    const settings = JSON.parse(await readBody(req));
    const old = feeds.get(name) || counts();
    feeds.set(name, { ...counts(), ...old, status: 200, body: '', delay: 0, hang: false, stall: false, size: 0, chunked: false, always304: false, flap: false, ...settings });
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...cors, 'access-control-allow-headers': 'if-none-match' }).end();
    return;
  }
  const f = feeds.get(name);
  if (!f) {
    res.writeHead(404, cors).end('no such feed');
    return;
  }
  f.hits += 1;
  f.times.push(Date.now());
  f.inFlight += 1;
  f.maxInFlight = Math.max(f.maxInFlight, f.inFlight);
  let open = true;
  const done = () => { if (open) { open = false; f.inFlight -= 1; } };
  res.on('close', done);
  if (f.hang) return;  // never answers; the socket closes when the client gives up
  if (f.delay) await new Promise((ok) => setTimeout(ok, f.delay));
  if (!open) return;
  let body = f.body;
  if (f.size > body.length) body += ' '.repeat(f.size - body.length);
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  if (f.always304 || (f.status === 200 && req.headers['if-none-match'] === etag)) {
    f.notModified += 1;
    res.writeHead(304, { ...cors, etag }).end();
    return;
  }
  if (f.status !== 200 || (f.flap && f.hits % 2 === 0)) {
    res.writeHead(f.status !== 200 ? f.status : 500, { ...cors, 'content-type': 'text/plain' }).end('feed unavailable');
    return;
  }
  const headers = { ...cors, 'content-type': TYPES['.json'], etag, 'cache-control': 'no-cache' };
  if (f.stall) {
    res.writeHead(200, headers);
    res.write(body.slice(0, Math.max(1, Math.floor(body.length / 2))));
    return;  // the rest never comes
  }
  if (f.chunked) {
    res.writeHead(200, headers);
    for (let i = 0; i < body.length && open; i += 65536) res.write(body.slice(i, i + 65536));
    res.end();
    return;
  }
  res.writeHead(200, headers).end(body);
}

/**
 * Content-Security-Policies for the strict-page tests, sent as real response headers:
 * a page asked for with ?csp=NAME gets policy NAME.
 */
export const POLICIES = {
  // The minimum policy that README documents, with Trusted Types required.
  strict: "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'; trusted-types 'none'",
  // No 'wasm-unsafe-eval': the wasm cannot be compiled.
  'no-wasm': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'",
  // The wasm and the feeds cannot be fetched.
  'no-connect': "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'none'",
};

/** The last gzipped body of each path: compressing a wasm at level 9 is worth doing once,
 * and a body that changes (the live feed) replaces its entry rather than piling up. */
const gzipped = new Map();
function gzip(path, data, etag) {
  const hit = gzipped.get(path);
  if (hit?.etag === etag) return hit.body;
  const body = gzipSync(data, { level: 9 });
  gzipped.set(path, { etag, body });
  return body;
}

/** Starts the server; resolves to { server, url } once it listens. */
export function serve({ port = 8080, host = '127.0.0.1', quiet = false } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    const policy = POLICIES[url.searchParams.get('csp')];
    if (path.startsWith('/feed/') || path.startsWith('/feed-stats/')) {
      await feed(req, res, path);
      return;
    }
    try {
      const data = await body(path);
      const etag = `"${createHash('sha1').update(data).digest('base64url')}"`;
      const headers = {
        'content-type': TYPES[extname(path)] || (path === '/' ? TYPES['.html'] : 'application/octet-stream'),
        etag,
        'cache-control': 'no-cache',
        // Cross-origin isolation gives performance.now() microsecond resolution; the
        // benchmark pages need it to time sub-millisecond updates.
        ...(path.startsWith('/bench/') ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}),
        ...(policy ? { 'content-security-policy': policy } : {}),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
      } else if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(gzip(path, data, etag));
      } else {
        res.writeHead(200, headers).end(data);
      }
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    if (!quiet) console.log(`${res.statusCode} ${req.method} ${path}`);
  });
  return new Promise((ok) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      ok({ server, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve({ port: Number(process.env.PORT || 8080) });
  console.log(`statchart demo on ${url}`);
}
