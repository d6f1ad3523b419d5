// Imported by the wasm: a spec as JSON text, made and measured on the JS side, so that
// an oversized spec is refused before it is copied into linear memory (which never
// shrinks), and the wasm needs no reflection to turn an object into text.

/** Bytes `text` takes in UTF-8; a lone surrogate counts as U+FFFD (3 bytes), as the copy would. */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * `spec` (JSON text, or an object through the engine's `JSON.stringify`: walking it in
 * Rust would have no depth limit) as text; or why not, as a number: 0 nothing was
 * given, 1 it cannot be JSON, 2 it is larger than `limit` bytes.
 */
export function specText(spec, limit) {
  let text = spec;
  if (typeof spec !== 'string') {
    if (spec == null) return 0;
    try {
      text = JSON.stringify(spec);
    } catch {
      return 1;
    }
    if (typeof text !== 'string') return 1;
  }
  return text.length > limit || (text.length * 3 > limit && utf8Length(text) > limit) ? 2 : text;
}
