// Which WebAssembly features the built wasm uses, checked against the floor that
// README states (Chrome 96, Firefox 79, Safari 15). binaryen validates the module
// with only the floor's features enabled, after the target_features section (which
// lists what the compiler was allowed, not what the code uses) is cut out; then with
// each floor feature taken away in turn, to name the ones the code really uses.
// `node scripts/wasm-features.mjs [file.wasm]`; exits 1 when a feature beyond the floor is used.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The features every supported engine has, with the first versions that have them. */
export const FLOOR = {
  'mutable-globals': 'Chrome 74, Firefox 61, Safari 13.1',
  'sign-ext': 'Chrome 74, Firefox 62, Safari 14.1',
  'nontrapping-float-to-int': 'Chrome 75, Firefox 64, Safari 15',
  'bulk-memory': 'Chrome 75, Firefox 79, Safari 15',
  multivalue: 'Chrome 85, Firefox 78, Safari 13.1',
  'reference-types': 'Chrome 96, Firefox 79, Safari 15',
};

function leb(bytes, at) {
  let value = 0, shift = 0, b;
  do { b = bytes[at++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [value, at];
}

/** The module without its target_features custom section. */
export function withoutFeatureSection(bytes) {
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const [size, body] = leb(bytes, at);
    const end = body + size;
    let drop = false;
    if (id === 0) {
      const [len, name] = leb(bytes, body);
      drop = Buffer.from(bytes.subarray(name, name + len)).toString() === 'target_features';
    }
    if (!drop) parts.push(bytes.subarray(start, end));
    at = end;
  }
  return Buffer.concat(parts);
}

/** Whether binaryen accepts the module with exactly these features enabled. */
function validates(file, features) {
  try {
    execFileSync('wasm-opt', [file, '--mvp-features', ...features.map((f) => `--enable-${f}`), '-o', '/dev/null'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export function check(file) {
  const dir = mkdtempSync(join(tmpdir(), 'statchart-features-'));
  const bare = join(dir, 'bare.wasm');
  writeFileSync(bare, withoutFeatureSection(readFileSync(file)));
  const floor = Object.keys(FLOOR);
  const withinFloor = validates(bare, floor);
  const used = floor.filter((f) => !validates(bare, floor.filter((g) => g !== f)));
  return { withinFloor, used, mvp: validates(bare, []) };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const file = process.argv[2] || new URL('../pkg/statchart_bg.wasm', import.meta.url).pathname;
  const { withinFloor, used } = check(file);
  for (const f of used) console.log(`uses ${f.padEnd(26)} ${FLOOR[f]}`);
  console.log(withinFloor ? 'no feature beyond the floor (Chrome 96, Firefox 79, Safari 15)' : 'uses a feature beyond the floor');
  process.exit(withinFloor ? 0 : 1);
}
