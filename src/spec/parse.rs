//! JSON → [`Spec`], with one clear error naming the field for anything wrong.
//!
//! Written by hand rather than derived so that the messages read like
//! `data.promoters: expected a non-negative number, got -3` and so that every
//! limit in [`super::limits`] is checked before anything is drawn.

use super::json::{self, Json};
use super::limits::*;
use super::types::*;
use super::SpecError;

/// Parses and validates a spec from JSON text.
pub fn parse_spec(json: &str) -> Result<Spec, SpecError> {
    if json.len() > MAX_SPEC_BYTES {
        return Err(SpecError::root(format!(
            "spec is larger than the limit of {MAX_SPEC_BYTES} bytes"
        )));
    }
    // The reader stops at 128 levels of nesting, so deep input cannot overflow the stack.
    let value = json::parse(json).map_err(|e| SpecError::root(format!("invalid JSON: {e}")))?;
    spec_from_json(&value)
}

/// Validates an already parsed JSON value.
pub fn spec_from_json(value: &Json) -> Result<Spec, SpecError> {
    let mut root = Obj::new(value, "")?;
    let kind = root.req_str("type")?;
    // Only kinds with views know the field; for the others it is an unknown field.
    let view = match kind.as_str() {
        "nps" | "employment" => root.opt("view").map(|v| (v, root.path("view"))),
        _ => None,
    };
    let chart = match kind.as_str() {
        "nps" => {
            let view = match view {
                None => NpsView::Gauge,
                Some((v, p)) => match choice(v, &p, &["gauge", "breakdown", "distribution"])? {
                    "gauge" => NpsView::Gauge,
                    "breakdown" => NpsView::Breakdown,
                    _ => NpsView::Distribution,
                },
            };
            let data = nps_data(&mut Obj::new(root.req("data")?, "data")?)?;
            check_nps_view(view, &data)?;
            let zones = match root.opt("zones") {
                None => None,
                Some(v) => Some(zones(v, "zones")?),
            };
            Chart::Nps { view, data, zones }
        }
        "nps-trend" => {
            let items = array(root.req("data")?, "data", 1, MAX_POINTS)?;
            let mut points = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let path = format!("data[{i}]");
                let mut obj = Obj::new(item, &path)?;
                let period = obj.req_label("period")?;
                let label = obj.opt_label("label")?;
                let data = nps_data(&mut obj)?;
                points.push(NpsPoint {
                    period,
                    label,
                    data,
                });
            }
            Chart::NpsTrend { data: points }
        }
        "employment" => {
            let view = match view {
                None => None,
                Some((v, p)) => Some(match choice(v, &p, &["kpi", "breakdown", "trend"])? {
                    "kpi" => EmploymentView::Kpi,
                    "breakdown" => EmploymentView::Breakdown,
                    _ => EmploymentView::Trend,
                }),
            };
            let data = employment_data(root.req("data")?, view)?;
            Chart::Employment { view, data }
        }
        "bar" | "line" | "donut" => {
            let max = match kind.as_str() {
                "bar" => MAX_BARS,
                "donut" => MAX_SLICES,
                _ => MAX_POINTS,
            };
            let data = items(root.req("data")?, max, kind == "donut")?;
            let unit = root.opt_short("unit")?;
            match kind.as_str() {
                "bar" => Chart::Bar { data, unit },
                "line" => Chart::Line { data, unit },
                _ => Chart::Donut { data, unit },
            }
        }
        "kpi" => {
            let mut obj = Obj::new(root.req("data")?, "data")?;
            let value = finite(obj.req("value")?, "data.value", MAX_VALUE)?;
            let data = KpiData {
                value,
                label: obj.opt_text("label")?,
                prefix: obj.opt_short("prefix")?,
                suffix: obj.opt_short("suffix")?,
            };
            obj.finish()?;
            Chart::Kpi { data }
        }
        other => {
            return Err(SpecError::at(
                "type",
                format!(
                    "unknown chart type {}; expected one of nps, nps-trend, employment, bar, line, donut, kpi",
                    show(&Json::String(other.to_string()))
                ),
            ))
        }
    };
    let spec = Spec {
        chart,
        title: root.opt_text("title")?,
        subtitle: root.opt_text("subtitle")?,
        source: root.opt_text("source")?,
        note: root.opt_text("note")?,
        locale: match root.opt("locale") {
            None => Locale::EnUs,
            Some(v) => match choice(v, "locale", &["en-US", "id-ID"])? {
                "en-US" => Locale::EnUs,
                _ => Locale::IdId,
            },
        },
        theme: match root.opt("theme") {
            None => ThemeName::Light,
            Some(v) => match choice(v, "theme", &["light", "dark"])? {
                "light" => ThemeName::Light,
                _ => ThemeName::Dark,
            },
        },
    };
    root.finish()?;
    Ok(spec)
}

fn check_nps_view(view: NpsView, data: &NpsData) -> Result<(), SpecError> {
    match (view, data) {
        (NpsView::Breakdown, NpsData::Published { .. }) => Err(SpecError::at(
            "view",
            "the breakdown view needs promoters, passives and detractors; a published score alone has no breakdown",
        )),
        (NpsView::Distribution, NpsData::Scores { .. }) | (NpsView::Gauge | NpsView::Breakdown, _) => Ok(()),
        (NpsView::Distribution, _) => Err(SpecError::at(
            "view",
            "the distribution view needs data.scores (how many answered 0 to 10)",
        )),
    }
}

/// Reads one of the NPS data forms from `obj`, which must hold nothing else unread.
fn nps_data(obj: &mut Obj) -> Result<NpsData, SpecError> {
    let data = if obj.has("scores") {
        let path = obj.path("scores");
        let list = array(obj.req("scores")?, &path, 11, 11).map_err(|e| {
            if e.message.starts_with("expected") {
                SpecError::at(&path, "expected 11 counts, for the answers 0 to 10")
            } else {
                e
            }
        })?;
        let mut scores = [0u64; 11];
        for (i, v) in list.iter().enumerate() {
            scores[i] = count(v, &format!("{path}[{i}]"))?;
        }
        sum_counts(&scores, &path)?;
        NpsData::Scores { scores }
    } else if obj.has("promoters_pct") || obj.has("passives_pct") || obj.has("detractors_pct") {
        let p = percent(obj.req("promoters_pct")?, &obj.path("promoters_pct"))?;
        let n = percent(obj.req("passives_pct")?, &obj.path("passives_pct"))?;
        let d = percent(obj.req("detractors_pct")?, &obj.path("detractors_pct"))?;
        let sum = p + n + d;
        if (sum - 100.0).abs() > SHARE_SUM_TOLERANCE {
            return Err(SpecError::at(
                &obj.base,
                format!(
                    "promoters_pct + passives_pct + detractors_pct must add up to 100, got {}",
                    trim_float(sum)
                ),
            ));
        }
        let respondents = match obj.opt("respondents") {
            None => None,
            Some(v) => {
                let r = count(v, &obj.path("respondents"))?;
                if r == 0 {
                    return Err(SpecError::at(
                        &obj.path("respondents"),
                        "expected at least 1 respondent, got 0",
                    ));
                }
                Some(r)
            }
        };
        NpsData::Shares {
            promoters_pct: p,
            passives_pct: n,
            detractors_pct: d,
            respondents,
        }
    } else if obj.has("promoters") || obj.has("passives") || obj.has("detractors") {
        let p = count(obj.req("promoters")?, &obj.path("promoters"))?;
        let n = count(obj.req("passives")?, &obj.path("passives"))?;
        let d = count(obj.req("detractors")?, &obj.path("detractors"))?;
        sum_counts(&[p, n, d], &obj.base)?;
        NpsData::Counts {
            promoters: p,
            passives: n,
            detractors: d,
        }
    } else if obj.has("nps") {
        let path = obj.path("nps");
        let v = finite(obj.req("nps")?, &path, 1e300)?;
        if !(-100.0..=100.0).contains(&v) {
            return Err(SpecError::at(
                &path,
                format!("NPS runs from -100 to +100, got {}", show(obj.req("nps")?)),
            ));
        }
        NpsData::Published { nps: v }
    } else {
        return Err(SpecError::at(
            &obj.base,
            "expected NPS data: promoters/passives/detractors counts, scores (11 counts), promoters_pct/passives_pct/detractors_pct, or a published nps",
        ));
    };
    obj.finish()?;
    Ok(data)
}

/// Counts must not all be zero, and their total must stay within the limit.
fn sum_counts(counts: &[u64], path: &str) -> Result<u64, SpecError> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return Err(SpecError::at(path, "no respondents: all counts are 0"));
    }
    if total > MAX_COUNT {
        return Err(SpecError::at(
            path,
            format!("{total} respondents in all; the limit is {MAX_COUNT}"),
        ));
    }
    Ok(total)
}

fn employment_data(
    value: &Json,
    view: Option<EmploymentView>,
) -> Result<EmploymentData, SpecError> {
    let shape = match value {
        Json::Array(_) => EmploymentView::Trend,
        v @ Json::Object(_) if v.get("categories").is_some() || v.get("groups").is_some() => {
            EmploymentView::Breakdown
        }
        _ => EmploymentView::Kpi,
    };
    if let Some(view) = view {
        if view != shape {
            let need = match view {
                EmploymentView::Kpi => "an object with employed and total, or rate",
                EmploymentView::Breakdown => "an object with categories and groups",
                EmploymentView::Trend => "a list of periods",
            };
            return Err(SpecError::at(
                "data",
                format!("the {} view needs {need}", view_name(view)),
            ));
        }
    }
    Ok(match shape {
        EmploymentView::Trend => {
            let list = array(value, "data", 1, MAX_POINTS)?;
            let mut points = Vec::with_capacity(list.len());
            for (i, item) in list.iter().enumerate() {
                let mut obj = Obj::new(item, &format!("data[{i}]"))?;
                let period = obj.req_label("period")?;
                let value = rate_value(&mut obj)?;
                obj.finish()?;
                points.push(RatePoint { period, value });
            }
            EmploymentData::Trend(points)
        }
        EmploymentView::Breakdown => EmploymentData::Breakdown(breakdown(value)?),
        EmploymentView::Kpi => {
            let mut obj = Obj::new(value, "data")?;
            let value = rate_value(&mut obj)?;
            let figure = RateFigure {
                value,
                label: obj.opt_text("label")?,
                period: obj.opt_label("period")?,
            };
            obj.finish()?;
            EmploymentData::Rate(figure)
        }
    })
}

fn view_name(view: EmploymentView) -> &'static str {
    match view {
        EmploymentView::Kpi => "kpi",
        EmploymentView::Breakdown => "breakdown",
        EmploymentView::Trend => "trend",
    }
}

fn rate_value(obj: &mut Obj) -> Result<RateValue, SpecError> {
    if obj.has("employed") || obj.has("total") {
        let k = count(obj.req("employed")?, &obj.path("employed"))?;
        let n = count(obj.req("total")?, &obj.path("total"))?;
        if n == 0 {
            return Err(SpecError::at(
                &obj.path("total"),
                "no respondents: total is 0",
            ));
        }
        if k > n {
            return Err(SpecError::at(
                &obj.path("employed"),
                format!("{k} employed is more than the total of {n}"),
            ));
        }
        Ok(RateValue::Counts {
            employed: k,
            total: n,
        })
    } else if obj.has("rate") {
        Ok(RateValue::Published {
            rate: percent(obj.req("rate")?, &obj.path("rate"))?,
        })
    } else {
        Err(SpecError::at(
            &obj.base,
            "expected employed and total (counts), or rate (a published percentage)",
        ))
    }
}

fn breakdown(value: &Json) -> Result<Breakdown, SpecError> {
    let mut obj = Obj::new(value, "data")?;
    let cats = array(obj.req("categories")?, "data.categories", 1, MAX_CATEGORIES)?;
    let categories = cats
        .iter()
        .enumerate()
        .map(|(i, v)| label(v, &format!("data.categories[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let unit = match obj.opt("unit") {
        None => BreakdownUnit::Count,
        Some(v) => match choice(v, "data.unit", &["count", "percent"])? {
            "count" => BreakdownUnit::Count,
            _ => BreakdownUnit::Percent,
        },
    };
    let mode = match obj.opt("mode") {
        None => BreakdownMode::Stacked,
        Some(v) => match choice(v, "data.mode", &["stacked", "grouped"])? {
            "stacked" => BreakdownMode::Stacked,
            _ => BreakdownMode::Grouped,
        },
    };
    let list = array(obj.req("groups")?, "data.groups", 1, MAX_GROUPS)?;
    let mut groups = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let path = format!("data.groups[{i}]");
        let mut g = Obj::new(item, &path)?;
        let label = g.req_label("label")?;
        let vpath = g.path("values");
        let vals =
            array(g.req("values")?, &vpath, categories.len(), categories.len()).map_err(|e| {
                if e.message.starts_with("expected") {
                    SpecError::at(
                        &vpath,
                        format!("expected {} numbers, one per category", categories.len()),
                    )
                } else {
                    e
                }
            })?;
        let mut values = Vec::with_capacity(vals.len());
        for (j, v) in vals.iter().enumerate() {
            let p = format!("{vpath}[{j}]");
            values.push(match unit {
                BreakdownUnit::Count => count(v, &p)? as f64,
                BreakdownUnit::Percent => percent(v, &p)?,
            });
        }
        let sum: f64 = values.iter().sum();
        match unit {
            BreakdownUnit::Count if sum == 0.0 => {
                return Err(SpecError::at(&vpath, "no respondents: all counts are 0"))
            }
            BreakdownUnit::Count if sum > MAX_COUNT as f64 => {
                return Err(SpecError::at(
                    &vpath,
                    format!(
                        "{} respondents in all; the limit is {MAX_COUNT}",
                        trim_float(sum)
                    ),
                ))
            }
            BreakdownUnit::Percent if (sum - 100.0).abs() > SHARE_SUM_TOLERANCE => {
                return Err(SpecError::at(
                    &vpath,
                    format!("percentages must add up to 100, got {}", trim_float(sum)),
                ))
            }
            _ => {}
        }
        g.finish()?;
        groups.push(BreakdownGroup { label, values });
    }
    obj.finish()?;
    Ok(Breakdown {
        categories,
        groups,
        unit,
        mode,
    })
}

fn items(value: &Json, max: usize, parts_of_whole: bool) -> Result<Vec<Item>, SpecError> {
    let list = array(value, "data", 1, max)?;
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let path = format!("data[{i}]");
        let mut obj = Obj::new(v, &path)?;
        let label = obj.req_label("label")?;
        let vpath = obj.path("value");
        let value = if parts_of_whole {
            non_negative(obj.req("value")?, &vpath, MAX_VALUE)?
        } else {
            finite(obj.req("value")?, &vpath, MAX_VALUE)?
        };
        obj.finish()?;
        out.push(Item { label, value });
    }
    if parts_of_whole && out.iter().all(|i| i.value == 0.0) {
        return Err(SpecError::at("data", "all values are 0: nothing to divide"));
    }
    Ok(out)
}

fn zones(value: &Json, path: &str) -> Result<Vec<f64>, SpecError> {
    let list = array(value, path, 0, 6)?;
    let mut out = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let p = format!("{path}[{i}]");
        let z = finite(v, &p, 1e300)?;
        if z <= -100.0 || z >= 100.0 {
            return Err(SpecError::at(
                &p,
                format!(
                    "a zone boundary lies between -100 and +100, got {}",
                    show(v)
                ),
            ));
        }
        if out.last().is_some_and(|&last| z <= last) {
            return Err(SpecError::at(&p, "zone boundaries must increase"));
        }
        out.push(z);
    }
    Ok(out)
}

// ---------------------------------------------------------------- field readers

/// A JSON object being read, remembering which keys were used so leftovers are errors.
struct Obj<'a> {
    map: &'a [(String, Json)],
    base: String,
    used: Vec<&'static str>,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Json, path: &str) -> Result<Self, SpecError> {
        match value {
            Json::Object(map) => Ok(Obj {
                map,
                base: path.to_string(),
                used: Vec::new(),
            }),
            other => Err(SpecError::at(
                path,
                format!("expected an object, got {}", show(other)),
            )),
        }
    }
    fn path(&self, key: &str) -> String {
        if self.base.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.base)
        }
    }
    fn has(&self, key: &str) -> bool {
        self.map.iter().any(|(k, _)| k == key)
    }
    fn opt(&mut self, key: &'static str) -> Option<&'a Json> {
        if !self.used.contains(&key) {
            self.used.push(key);
        }
        match self.map.iter().find(|(k, _)| k == key) {
            None | Some((_, Json::Null)) => None,
            Some((_, v)) => Some(v),
        }
    }
    fn req(&mut self, key: &'static str) -> Result<&'a Json, SpecError> {
        self.opt(key)
            .ok_or_else(|| SpecError::at(&self.path(key), "required field is missing"))
    }
    fn req_str(&mut self, key: &'static str) -> Result<String, SpecError> {
        let path = self.path(key);
        text(self.req(key)?, &path, MAX_LABEL_CHARS)
    }
    fn req_label(&mut self, key: &'static str) -> Result<String, SpecError> {
        let path = self.path(key);
        label(self.req(key)?, &path)
    }
    fn opt_label(&mut self, key: &'static str) -> Result<Option<String>, SpecError> {
        let path = self.path(key);
        self.opt(key).map(|v| label(v, &path)).transpose()
    }
    fn opt_text(&mut self, key: &'static str) -> Result<Option<String>, SpecError> {
        let path = self.path(key);
        self.opt(key)
            .map(|v| text(v, &path, MAX_TEXT_CHARS))
            .transpose()
    }
    fn opt_short(&mut self, key: &'static str) -> Result<Option<String>, SpecError> {
        let path = self.path(key);
        self.opt(key)
            .map(|v| text(v, &path, MAX_AFFIX_CHARS))
            .transpose()
    }
    /// Errors on the first key that no reader asked for.
    fn finish(&self) -> Result<(), SpecError> {
        match self
            .map
            .iter()
            .map(|(k, _)| k)
            .find(|k| !self.used.contains(&k.as_str()))
        {
            None => Ok(()),
            Some(k) => Err(SpecError::at(
                &self.path(&clip(k, 40)),
                format!("unknown field; expected one of: {}", self.used.join(", ")),
            )),
        }
    }
}

fn choice<'v>(value: &Json, path: &str, options: &[&'v str]) -> Result<&'v str, SpecError> {
    if let Json::String(s) = value {
        if let Some(o) = options.iter().find(|o| **o == s) {
            return Ok(o);
        }
    }
    Err(SpecError::at(
        path,
        format!(
            "expected one of {}, got {}",
            options.join(", "),
            show(value)
        ),
    ))
}

fn array<'v>(
    value: &'v Json,
    path: &str,
    min: usize,
    max: usize,
) -> Result<&'v Vec<Json>, SpecError> {
    let list = match value {
        Json::Array(list) => list,
        other => {
            return Err(SpecError::at(
                path,
                format!("expected a list, got {}", show(other)),
            ))
        }
    };
    if list.len() < min || list.len() > max {
        let msg = if list.is_empty() {
            "is empty: nothing to draw".to_string()
        } else if min == max {
            format!("expected {min} items, got {}", list.len())
        } else if list.len() > max {
            format!("has {} items; the limit is {max}", list.len())
        } else {
            format!("expected at least {min} items, got {}", list.len())
        };
        return Err(SpecError::at(path, msg));
    }
    Ok(list)
}

fn number(value: &Json, path: &str, what: &str) -> Result<f64, SpecError> {
    match value.as_f64() {
        Some(v) if v.is_finite() => Ok(v),
        _ => Err(SpecError::at(
            path,
            format!("expected {what}, got {}", show(value)),
        )),
    }
}

fn finite(value: &Json, path: &str, max_abs: f64) -> Result<f64, SpecError> {
    let v = number(value, path, "a number")?;
    if v.abs() > max_abs {
        return Err(SpecError::at(
            path,
            format!(
                "{} is too large; the limit is ±{}",
                show(value),
                trim_float(max_abs)
            ),
        ));
    }
    Ok(v)
}

fn non_negative(value: &Json, path: &str, max: f64) -> Result<f64, SpecError> {
    let v = number(value, path, "a non-negative number")?;
    if v < 0.0 {
        return Err(SpecError::at(
            path,
            format!("expected a non-negative number, got {}", show(value)),
        ));
    }
    if v > max {
        return Err(SpecError::at(
            path,
            format!(
                "{} is too large; the limit is {}",
                show(value),
                trim_float(max)
            ),
        ));
    }
    Ok(v)
}

fn count(value: &Json, path: &str) -> Result<u64, SpecError> {
    let v = non_negative(value, path, MAX_COUNT as f64)?;
    if v.fract() != 0.0 {
        return Err(SpecError::at(
            path,
            format!(
                "expected a whole number of respondents, got {}",
                show(value)
            ),
        ));
    }
    Ok(v as u64)
}

fn percent(value: &Json, path: &str) -> Result<f64, SpecError> {
    let v = number(value, path, "a percentage from 0 to 100")?;
    if !(0.0..=100.0).contains(&v) {
        return Err(SpecError::at(
            path,
            format!("expected a percentage from 0 to 100, got {}", show(value)),
        ));
    }
    Ok(v)
}

fn label(value: &Json, path: &str) -> Result<String, SpecError> {
    let s = text(value, path, MAX_LABEL_CHARS)?;
    if s.trim().is_empty() {
        return Err(SpecError::at(path, "expected a non-empty label"));
    }
    Ok(s)
}

/// Plain text: no control characters, at most `max` characters.
fn text(value: &Json, path: &str, max: usize) -> Result<String, SpecError> {
    let s = match value {
        Json::String(s) => s,
        other => {
            return Err(SpecError::at(
                path,
                format!("expected text, got {}", show(other)),
            ))
        }
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

/// A short rendering of a JSON value for error messages: numbers as written.
fn show(value: &Json) -> String {
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

fn trim_float(v: f64) -> String {
    crate::locale::plain(v)
}
