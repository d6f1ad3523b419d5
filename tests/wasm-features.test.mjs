// The built wasm uses no WebAssembly feature beyond the floor that README states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, FLOOR } from '../scripts/wasm-features.mjs';

test('the wasm validates with only the floor\'s features, and needs more than the MVP', () => {
  const file = new URL('../pkg/statchart_bg.wasm', import.meta.url).pathname;
  const { withinFloor, used, mvp } = check(file);
  assert.equal(withinFloor, true, 'a feature beyond the floor is used');
  assert.equal(mvp, false, 'the check can fail: the module does not validate as MVP wasm');
  assert.ok(used.every((f) => f in FLOOR));
  assert.ok(used.includes('reference-types'), `uses ${used}`);
});
