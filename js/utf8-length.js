// Imported by the wasm: the UTF-8 length of a JS string, so that an oversized spec
// is refused before it is copied into linear memory (which never shrinks).

/** Bytes `text` takes in UTF-8; a lone surrogate counts as U+FFFD (3 bytes), as the copy would. */
export function utf8Length(text) {
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
