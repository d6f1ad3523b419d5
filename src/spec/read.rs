//! The one interpreter of the field tables: checks a JSON object against them and
//! names the first bad field. Non-generic on purpose, so the wasm holds it once.

use super::fields::{Field, Kind, List};
use super::json::Json;
use super::limits::*;
use super::SpecError;

/// A checked value.
#[derive(Debug, Default)]
pub enum Val<'a> {
    #[default]
    Absent,
    Text(String),
    Num(f64),
    /// The index of a name in a [`Kind::Choice`].
    Pick(usize),
    /// A [`Kind::Nested`] value, or a list of them, for `parse.rs` to read.
    Raw(&'a Json),
    Nums(Vec<f64>),
    Texts(Vec<String>),
}

/// An object's checked fields, taken out by key.
pub struct Fields<'a> {
    /// The object's own path.
    pub path: String,
    keys: Vec<&'static str>,
    vals: Vec<Val<'a>>,
}

impl<'a> Fields<'a> {
    fn take(&mut self, key: &str) -> Val<'a> {
        match self.keys.iter().position(|k| *k == key) {
            Some(i) => std::mem::take(&mut self.vals[i]),
            None => Val::Absent,
        }
    }
    pub fn text(&mut self, key: &str) -> Option<String> {
        match self.take(key) {
            Val::Text(s) => Some(s),
            _ => None,
        }
    }
    pub fn num(&mut self, key: &str) -> Option<f64> {
        match self.take(key) {
            Val::Num(v) => Some(v),
            _ => None,
        }
    }
    pub fn pick(&mut self, key: &str) -> Option<usize> {
        match self.take(key) {
            Val::Pick(i) => Some(i),
            _ => None,
        }
    }
    pub fn raw(&mut self, key: &str) -> Option<&'a Json> {
        match self.take(key) {
            Val::Raw(v) => Some(v),
            _ => None,
        }
    }
    /// The items of a list of nested values.
    pub fn items(&mut self, key: &str) -> &'a [Json] {
        match self.take(key) {
            Val::Raw(Json::Array(items)) => items,
            _ => &[],
        }
    }
    /// A number, 0 when absent (only optional fields can be).
    pub fn number(&mut self, key: &str) -> f64 {
        self.num(key).unwrap_or(0.0)
    }
    pub fn nums(&mut self, key: &str) -> Option<Vec<f64>> {
        match self.take(key) {
            Val::Nums(v) => Some(v),
            _ => None,
        }
    }
    pub fn texts(&mut self, key: &str) -> Vec<String> {
        match self.take(key) {
            Val::Texts(v) => v,
            _ => Vec::new(),
        }
    }
    /// The path of one of the fields.
    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

/// Checks `value` as an object holding the fields of `parts`, in order, and nothing else.
pub fn read<'a>(
    value: &'a Json,
    path: &str,
    parts: &[&'static [Field]],
) -> Result<Fields<'a>, SpecError> {
    let map = object(value, path)?;
    let mut out = Fields {
        path: path.to_string(),
        keys: Vec::new(),
        vals: Vec::new(),
    };
    for field in parts.iter().flat_map(|p| p.iter()) {
        let v = field_value(value, path, field)?;
        out.keys.push(field.key);
        out.vals.push(v);
    }
    if let Some((k, _)) = map.iter().find(|(k, _)| !out.keys.contains(&k.as_str())) {
        return Err(SpecError::at(
            &join(path, &clip(k, 40)),
            format!("unknown field; expected one of: {}", out.keys.join(", ")),
        ));
    }
    Ok(out)
}

/// Checks one field of the object `value` (absent and `null` are the same).
pub fn field_value<'a>(value: &'a Json, path: &str, field: &Field) -> Result<Val<'a>, SpecError> {
    match value.get(field.key) {
        None | Some(Json::Null) if field.required => Err(SpecError::at(
            &join(path, field.key),
            "required field is missing",
        )),
        None | Some(Json::Null) => Ok(Val::Absent),
        Some(v) => check(v, &join(path, field.key), field.kind),
    }
}

/// The pairs of an object, or the error naming `path`.
pub fn object<'a>(value: &'a Json, path: &str) -> Result<&'a [(String, Json)], SpecError> {
    match value {
        Json::Object(map) => Ok(map),
        other => Err(err(path, "expected an object, got ", other)),
    }
}

/// Checks one value of a kind.
pub fn check<'a>(value: &'a Json, path: &str, kind: Kind) -> Result<Val<'a>, SpecError> {
    Ok(match kind {
        Kind::Text(max) => Val::Text(text(value, path, max as usize)?),
        Kind::Label => {
            let s = text(value, path, MAX_LABEL_CHARS)?;
            if s.trim().is_empty() {
                return Err(SpecError::at(path, "expected a non-empty label"));
            }
            Val::Text(s)
        }
        Kind::Choice(names) => {
            if let Json::String(s) = value {
                if let Some(i) = names.names.iter().position(|n| n == s) {
                    return Ok(Val::Pick(i));
                }
            }
            let msg = format!("expected one of {}, got ", names.names.join(", "));
            return Err(err(path, &msg, value));
        }
        Kind::List(list) => return check_list(value, path, list),
        Kind::Nested(_) => Val::Raw(value),
        number => Val::Num(check_number(value, path, number)?),
    })
}

fn check_list<'a>(value: &'a Json, path: &str, list: &List) -> Result<Val<'a>, SpecError> {
    let items = match value {
        Json::Array(items) => items,
        other if list.wrong.is_empty() => return Err(err(path, "expected a list, got ", other)),
        _ => return Err(SpecError::at(path, list.wrong)),
    };
    let (n, min, max) = (items.len(), list.min as usize, list.max as usize);
    if n < min || n > max {
        let msg = if n == 0 {
            "is empty: nothing to draw".to_string()
        } else if !list.wrong.is_empty() {
            list.wrong.to_string()
        } else if n > max {
            format!("has {n} items; the limit is {max}")
        } else {
            format!("expected at least {min} items, got {n}")
        };
        return Err(SpecError::at(path, msg));
    }
    let mut nums = Vec::new();
    let mut texts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match check(item, &index(path, i), list.item)? {
            Val::Num(v) => nums.push(v),
            Val::Text(s) => texts.push(s),
            _ => return Ok(Val::Raw(value)),
        }
    }
    Ok(if texts.is_empty() {
        Val::Nums(nums)
    } else {
        Val::Texts(texts)
    })
}

/// The number kinds, each with the words of its own limit.
fn check_number(value: &Json, path: &str, kind: Kind) -> Result<f64, SpecError> {
    let what = match kind {
        Kind::Count | Kind::Respondents | Kind::Amount => "a non-negative number",
        Kind::Percent => "a percentage from 0 to 100",
        _ => "a number",
    };
    let v = match value.as_f64() {
        Some(v) if v.is_finite() => v,
        _ => return Err(err(path, &format!("expected {what}, got "), value)),
    };
    let bad = |msg: &str| Err(err(path, msg, value));
    match kind {
        Kind::Value if v.abs() > MAX_VALUE => {
            return Err(too_large(path, value, &format!("±{}", plain(MAX_VALUE))))
        }
        Kind::Count | Kind::Respondents | Kind::Amount if v < 0.0 => {
            return bad("expected a non-negative number, got ")
        }
        Kind::Amount if v > MAX_VALUE => return Err(too_large(path, value, &plain(MAX_VALUE))),
        Kind::Count | Kind::Respondents if v > MAX_COUNT as f64 => {
            return Err(too_large(path, value, &MAX_COUNT.to_string()))
        }
        Kind::Count | Kind::Respondents if v.fract() != 0.0 => {
            return bad("expected a whole number of respondents, got ")
        }
        Kind::Respondents if v == 0.0 => {
            return Err(SpecError::at(path, "expected at least 1 respondent, got 0"))
        }
        Kind::Percent if !(0.0..=100.0).contains(&v) => {
            return bad("expected a percentage from 0 to 100, got ")
        }
        Kind::Score if !(-100.0..=100.0).contains(&v) => {
            return bad("NPS runs from -100 to +100, got ")
        }
        Kind::Zone if v <= -100.0 || v >= 100.0 => {
            return bad("a zone boundary lies between -100 and +100, got ")
        }
        _ => {}
    }
    Ok(v)
}

fn too_large(path: &str, value: &Json, limit: &str) -> SpecError {
    SpecError::at(
        path,
        format!("{} is too large; the limit is {limit}", show(value)),
    )
}

/// Plain text: no control characters, at most `max` characters.
fn text(value: &Json, path: &str, max: usize) -> Result<String, SpecError> {
    let s = match value {
        Json::String(s) => s,
        other => return Err(err(path, "expected text, got ", other)),
    };
    let chars = s.chars().count();
    if chars > max {
        return Err(SpecError::at(
            path,
            format!("text is {chars} characters long; the limit is {max}"),
        ));
    }
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(SpecError::at(
            path,
            format!("text holds the control character U+{:04X}", c as u32),
        ));
    }
    Ok(s.clone())
}

/// `message` followed by the offending value as written.
fn err(path: &str, message: &str, value: &Json) -> SpecError {
    SpecError::at(path, format!("{message}{}", show(value)))
}

/// `base.key`, or `key` at the root.
pub fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

/// `path[i]`: one item of a list.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A short rendering of a JSON value for error messages: numbers as written.
pub fn show(value: &Json) -> String {
    match value {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(_, text) => clip(text, 40),
        Json::String(s) => {
            let mut out = String::from("\"");
            for c in clip(s, 40).chars() {
                match c {
                    '"' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
        Json::Array(_) => "a list".into(),
        Json::Object(_) => "an object".into(),
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// A number as plain digits, for messages.
pub fn plain(v: f64) -> String {
    crate::locale::plain(v)
}
