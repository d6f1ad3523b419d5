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
 * Feeds for live charts. GET /feed/NAME serves what was last PUT there: a body
 * of {"status": 200, "body": "..."}; tests use this to change figures, break the
 * feed or serve a bad spec. /feed-stats/NAME counts requests and 304 answers.
 * /live/illustrative-nps.json drifts with the clock, for the embed demo.
 */
const feeds = new Map();

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
  if (path.startsWith('/feed-stats/')) {
    const f = feeds.get(name) || { hits: 0, notModified: 0 };
    res.writeHead(200, { 'content-type': TYPES['.json'] }).end(JSON.stringify({ hits: f.hits, notModified: f.notModified }));
    return;
  }
  if (req.method === 'PUT') {
    const { status = 200, body = '' } = JSON.parse(await readBody(req));
    const old = feeds.get(name) || { hits: 0, notModified: 0 };
    feeds.set(name, { ...old, status, body });
    res.writeHead(204).end();
    return;
  }
  const f = feeds.get(name);
  if (!f) {
    res.writeHead(404).end('no such feed');
    return;
  }
  f.hits += 1;
  if (f.status !== 200) {
    res.writeHead(f.status, { 'content-type': 'text/plain' }).end('feed unavailable');
    return;
  }
  const etag = `"${createHash('sha1').update(f.body).digest('base64url')}"`;
  if (req.headers['if-none-match'] === etag) {
    f.notModified += 1;
    res.writeHead(304, { etag }).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES['.json'], etag, 'cache-control': 'no-cache' }).end(f.body);
}

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
    const path = new URL(req.url, 'http://x').pathname;
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
