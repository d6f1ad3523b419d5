//! A small strict JSON reader (RFC 8259) for untrusted specs.
//!
//! Why not serde_json: in the wasm this is a fifth of the size, it keeps each
//! number's original text for error messages (`got 1e300`, not `1e+300`),
//! rejects duplicate keys, and stops at a nesting depth instead of recursing
//! without bound.

/// Deepest nesting of lists and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value. Objects keep their keys in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The value and the number as written.
    Number(f64, String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(pairs) => pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(v, _) => Some(*v),
            _ => None,
        }
    }
}

/// Appends `text` as a JSON string literal: how figures cross the wasm boundary
/// as one string instead of object-by-object reflection.
pub fn quote(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from_digit(c as u32 >> 4, 16).unwrap_or('0'));
                out.push(char::from_digit(c as u32 & 15, 16).unwrap_or('0'));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a list of strings as a JSON array.
pub fn quote_all(out: &mut String, texts: &[String]) {
    out.push('[');
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        quote(out, text);
    }
    out.push(']');
}

/// Parses `text` as one JSON value; the error says what is wrong and where.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    p.skip_ws();
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    /// The input as text, for slicing runs between ASCII delimiters without
    /// validating them again as UTF-8.
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    /// "what at line L column C", counting from 1 as editors do.
    fn error(&self, what: &str) -> String {
        let before = &self.bytes[..self.pos.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Characters, not bytes: count the bytes that start a UTF-8 sequence.
        let column = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        format!("{what} at line {line} column {column}")
    }

    fn eof(&self) -> String {
        "unexpected end of JSON".to_string()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        match self.peek() {
            None => Err(self.eof()),
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => {
                Err(self.error("recursion limit exceeded"))
            }
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect("true", Json::Bool(true)),
            Some(b'f') => self.expect("false", Json::Bool(false)),
            Some(b'n') => self.expect("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, String> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.eof()),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, String> {
        self.pos += 1;
        let mut pairs: Vec<(String, Json)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(pairs));
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.eof()),
                Some(_) => return Err(self.error("expected a key in double quotes")),
            }
            let key_at = self.pos;
            let key = self.string()?;
            if pairs.iter().any(|(k, _)| *k == key) {
                self.pos = key_at;
                return Err(self.error(&format!("duplicate key \"{key}\"")));
            }
            self.skip_ws();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.eof()),
                Some(_) => return Err(self.error("expected `:`")),
            }
            self.skip_ws();
            let value = self.value(depth)?;
            pairs.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(pairs));
                }
                None => return Err(self.eof()),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Runs start and end at ASCII delimiters: always char boundaries.
            out.push_str(self.text.get(start..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(self.eof()),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.peek() {
                        None => return Err(self.eof()),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        Some(_) => return Err(self.error("invalid escape")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.eof())?;
        let mut v = 0;
        for &d in digits {
            v = v * 16
                + match d {
                    b'0'..=b'9' => d - b'0',
                    b'a'..=b'f' => d - b'a' + 10,
                    b'A'..=b'F' => d - b'A' + 10,
                    _ => return Err(self.error("invalid \\u escape")),
                } as u32;
        }
        self.pos += 4;
        Ok(v)
    }

    /// The code point of `\uXXXX`, joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.bytes[self.pos..].starts_with(b"\\u") {
                return Err(self.error("lone surrogate in \\u escape"));
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("lone surrogate in \\u escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("lone surrogate in \\u escape"))
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while let Some(b'0'..=b'9') = p.peek() {
                p.pos += 1;
            }
            p.pos > s
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        if !digits(self) {
            return Err(self.error("invalid number"));
        }
        if self.bytes[int_start] == b'0' && self.pos - int_start > 1 {
            return Err(self.error("invalid number: leading zero"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or("0");
        match decimal_to_f64(text) {
            Ok(v) if v.is_finite() => Ok(Json::Number(v, text.to_string())),
            _ => {
                self.pos = start;
                Err(self.error("number out of range"))
            }
        }
    }
}

/// The value of a JSON number that the grammar above has accepted.
///
/// Exact (correctly rounded) whenever the digits fit in 2^53 and the power of
/// ten in 10^22, which covers every count, share and score a spec holds; other
/// numbers come within an ulp or two. core's `f64::from_str` is exact always but
/// brings 10 KB of tables into the wasm.
fn decimal_to_f64(text: &str) -> Result<f64, ()> {
    // Bytes, not str slicing: the grammar has been checked, and str slicing and
    // i64 parsing would bring their panic paths into the wasm.
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let mut digits: u64 = 0;
    let mut exp10: i64 = 0;
    let mut seen_point = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => seen_point = true,
            b'0'..=b'9' => {
                if digits < 1_000_000_000_000_000_000 / 10 {
                    digits = digits * 10 + (bytes[i] - b'0') as u64;
                    if seen_point {
                        exp10 -= 1;
                    }
                } else if !seen_point {
                    // Digits beyond u64 precision: drop them, keep the magnitude.
                    exp10 += 1;
                }
            }
            b'e' | b'E' => break,
            _ => {}
        }
        i += 1;
    }
    if i < bytes.len() {
        let mut e: i64 = 0;
        let mut sign = 1;
        for &b in &bytes[i + 1..] {
            match b {
                b'-' => sign = -1,
                b'0'..=b'9' => e = (e * 10 + (b - b'0') as i64).min(100_000),
                _ => {}
            }
        }
        exp10 = exp10.saturating_add(sign * e);
    }
    let m = digits as f64;
    let value = if digits == 0 {
        0.0
    } else if exp10 > 400 {
        f64::INFINITY
    } else if exp10 < -400 {
        0.0
    } else if (0..=22).contains(&exp10) && digits < (1 << 53) {
        m * 10f64.powi(exp10 as i32)
    } else if (-22..0).contains(&exp10) && digits < (1 << 53) {
        m / 10f64.powi(-exp10 as i32)
    } else {
        let mut v = m;
        let step = if exp10 > 0 { 10.0 } else { 0.1 };
        for _ in 0..exp10.unsigned_abs() {
            v *= step;
        }
        v
    };
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64, t: &str) -> Json {
        Json::Number(v, t.to_string())
    }

    #[test]
    fn parses_the_json_grammar() {
        assert_eq!(
            parse(r#" {"a": [1, -2.5e1, true, null], "b": "x\"\u00e9\ud83d\ude00\n"} "#).unwrap(),
            Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![
                        num(1.0, "1"),
                        num(-25.0, "-2.5e1"),
                        Json::Bool(true),
                        Json::Null
                    ])
                ),
                ("b".into(), Json::String("x\"é😀\n".into())),
            ])
        );
        assert_eq!(parse("[]").unwrap(), Json::Array(vec![]));
        assert_eq!(parse("0").unwrap(), num(0.0, "0"));
    }

    #[test]
    fn numbers_read_exactly_in_the_common_range() {
        for text in [
            "0",
            "-3",
            "33",
            "41.5",
            "0.1",
            "1e3",
            "2.5E-3",
            "123456789.125",
            "1e22",
            "9007199254740991",
        ] {
            let Json::Number(v, _) = parse(text).unwrap() else {
                panic!()
            };
            assert_eq!(v, text.parse::<f64>().unwrap(), "{text}");
        }
        let Json::Number(v, _) = parse("1e300").unwrap() else {
            panic!()
        };
        assert!((v / 1e300 - 1.0).abs() < 1e-12);
        let Json::Number(v, _) = parse("123456789012345678901234567890").unwrap() else {
            panic!()
        };
        assert!((v / 1.2345678901234568e29 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        assert_eq!(parse("").unwrap_err(), "unexpected end of JSON");
        assert_eq!(
            parse("{\"a\":1,\n \"a\":2}").unwrap_err(),
            "duplicate key \"a\" at line 2 column 2"
        );
        assert_eq!(
            parse("[1] x").unwrap_err(),
            "trailing characters at line 1 column 5"
        );
        assert_eq!(
            parse("[NaN]").unwrap_err(),
            "expected a value at line 1 column 2"
        );
        assert_eq!(
            parse("[01]").unwrap_err(),
            "invalid number: leading zero at line 1 column 4"
        );
        assert_eq!(
            parse("1e400").unwrap_err(),
            "number out of range at line 1 column 1"
        );
        assert_eq!(
            parse("[1,]").unwrap_err(),
            "expected a value at line 1 column 4"
        );
        assert_eq!(
            parse("{\"a\" 1}").unwrap_err(),
            "expected `:` at line 1 column 6"
        );
        assert_eq!(
            parse("\"a\u{1}\"").unwrap_err(),
            "control character in a string at line 1 column 3"
        );
        assert_eq!(
            parse("\"\\ud800\"").unwrap_err(),
            "lone surrogate in \\u escape at line 1 column 8"
        );
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(&deep)
            .unwrap_err()
            .starts_with("recursion limit exceeded"));
        let ok = "[".repeat(128) + &"]".repeat(128);
        assert!(parse(&ok).is_ok());
    }
}
