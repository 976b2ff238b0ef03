// Byte-level checks on files the linters read.
//
// Node's 'utf8' decoding swaps bad bytes for U+FFFD without a word, and the
// `yaml` package accepts control characters such as NUL. PyYAML (which
// charm-tools uses to read layer.yaml, metadata.yaml and config.yaml) refuses
// both, so the validator has to look at the bytes itself to agree with it.
// lint-examples.mjs uses the UTF-8 position to explain a pyflakes crash.

/**
 * Find the first byte sequence that is not strict UTF-8 (as Python's 'utf-8'
 * codec sees it: no overlong forms, no surrogates, nothing above U+10FFFF).
 * Returns null for valid input, else {offset, byte, reason} with Python's
 * wording for the reason.
 */
export function firstInvalidUtf8(buf) {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) { i++; continue; }
    let extra;
    let lo = 0x80;
    let hi = 0xbf;
    // The allowed range of the second byte rules out overlong forms,
    // surrogates (ED A0..BF) and code points above U+10FFFF (F4 90..).
    if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      return { offset: i, byte: b, reason: 'invalid start byte' };
    }
    for (let k = 1; k <= extra; k++) {
      if (i + k >= buf.length) return { offset: i, byte: b, reason: 'unexpected end of data' };
      const c = buf[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return { offset: i, byte: b, reason: 'invalid continuation byte' };
    }
    i += extra + 1;
  }
  return null;
}

// PyYAML's Reader.NON_PRINTABLE, negated: the characters it accepts anywhere
// in a stream (tab, LF, CR, printable ASCII, NEL, and the rest of Unicode
// except the C1 controls, surrogates, U+FFFE and U+FFFF).
const PYYAML_NON_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** 1-based line and column (in characters) of index `at` in `text`. */
function lineColAt(text, at) {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, col: at - (before.lastIndexOf('\n') + 1) + 1 };
}

const hex4 = (n) => `#x${n.toString(16).padStart(4, '0')}`;

/**
 * Where the first invalid UTF-8 byte is, as {line, col, byte, reason}
 * (1-based, col counted in characters), or null if buf is valid UTF-8.
 */
export function invalidUtf8Position(buf) {
  const bad = firstInvalidUtf8(buf);
  if (!bad) return null;
  const before = buf.subarray(0, bad.offset).toString('utf8');
  return { ...lineColAt(before, before.length), byte: bad.byte, reason: bad.reason };
}

/**
 * Decode a YAML file's bytes the way PyYAML's Reader does, or say why it
 * would refuse them. Returns {text} or {error: {message, line, col}}; the
 * message starts with PyYAML's own words so a search for them finds it.
 * (A UTF-16 file with a BOM, which PyYAML would also accept, is reported as
 * invalid UTF-8: charm files are UTF-8, and charm-tools opens them as such.)
 */
export function decodeYamlLikePyYAML(buf) {
  const bad = invalidUtf8Position(buf);
  if (bad) {
    return {
      error: {
        line: bad.line,
        col: bad.col,
        message: `unacceptable character ${hex4(bad.byte)}: ${bad.reason} `
          + `(byte 0x${bad.byte.toString(16)} is not valid UTF-8; PyYAML refuses the file)`,
      },
    };
  }
  const text = buf.toString('utf8');
  const m = PYYAML_NON_PRINTABLE.exec(text);
  if (m) {
    return {
      error: {
        ...lineColAt(text, m.index),
        message: `unacceptable character ${hex4(m[0].codePointAt(0))}: special characters are not allowed `
          + '(PyYAML refuses the file)',
      },
    };
  }
  // Not refused, but YAML 1.1 readers (PyYAML, Go yaml.v2) end a line at
  // these where YAML 1.2 readers (the `yaml` package here) do not, so the two
  // would see different documents. No charm file needs them.
  const brk = /[\u0085\u2028\u2029]/.exec(text);
  if (brk) {
    return {
      error: {
        ...lineColAt(text, brk.index),
        message: `line break character ${hex4(brk[0].codePointAt(0))}: PyYAML ends the line here and YAML 1.2 `
          + 'readers do not; use a plain newline',
      },
    };
  }
  return { text };
}
