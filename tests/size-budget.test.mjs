// The size check fails above its budget and passes within it (run after `npm run build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = new URL('../scripts/size.mjs', import.meta.url).pathname;
const run = (budget) => {
  const file = join(mkdtempSync(join(tmpdir(), 'budget-')), 'budget.json');
  writeFileSync(file, JSON.stringify(budget));
  return spawnSync(process.execPath, [script, '--budget', file], { encoding: 'utf8' });
};

test('the committed budget holds, and the check fails one byte under the real size', () => {
  const committed = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url), 'utf8'));
  const ok = run(committed);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const element = Number(ok.stdout.match(/page with <stat-chart>: (\d+) bytes/)[1]);
  assert.ok(element > 30000 && element <= committed['page with <stat-chart>']);
  const over = run({ ...committed, 'page with <stat-chart>': element - 1 });
  assert.equal(over.status, 1);
  assert.match(over.stdout, /page with <stat-chart>: \d+ bytes, budget \d+: OVER \(\+1\)/);
  assert.match(over.stderr, /size budget exceeded/);
});
