//! JSON → [`Spec`], with one clear error naming the field for anything wrong.
//!
//! Each object is checked against its table in `fields.rs` by the one interpreter
//! in `read.rs` (types, limits, required and unknown fields); what is left here
//! are the rules that span fields: sums, employed ≤ total, zone order, and which
//! view takes which data.

use super::fields::*;
use super::json::{self, Json};
use super::limits::*;
use super::read::{check, field_value, index, join, object, plain, read, show, Fields, Val};
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
    object(value, "")?;
    let kind = match field_value(value, "", &TYPE)? {
        Val::Text(s) => s,
        _ => String::new(),
    };
    let Some((k, table)) = CHART_TYPES
        .names
        .iter()
        .position(|n| *n == kind)
        .and_then(|k| Some((k, *ROOTS.get(k)?)))
    else {
        return Err(SpecError::at(
            "type",
            format!(
                "unknown chart type {}; expected one of {}",
                show(&Json::String(kind)),
                CHART_TYPES.names.join(", ")
            ),
        ));
    };
    let mut root = read(value, "", &[table, &COMMON])?;
    // `data` of nps, employment and kpi: read by its own code below.
    let data = match k {
        chart::NPS | chart::EMPLOYMENT | chart::KPI => root.raw("data").unwrap_or(&Json::Null),
        _ => &Json::Null,
    };
    let chart = match k {
        chart::NPS => {
            let view = nth(&NPS_VIEW_VALUES, root.pick("view"));
            let (data, _) = nps_data(data, "data", &[])?;
            check_nps_view(view, &data)?;
            let zones = root.nums("zones");
            if let Some(z) = &zones {
                if let Some(i) = (1..z.len()).find(|&i| z[i] <= z[i - 1]) {
                    return Err(SpecError::at(
                        &index("zones", i),
                        "zone boundaries must increase",
                    ));
                }
            }
            Chart::Nps { view, data, zones }
        }
        chart::NPS_TREND => {
            let mut points = Vec::new();
            for (i, item) in root.items("data").iter().enumerate() {
                let (data, mut f) = nps_data(item, &index("data", i), &NPS_POINT)?;
                points.push(NpsPoint {
                    period: f.text("period").unwrap_or_default(),
                    label: f.text("label"),
                    data,
                });
            }
            Chart::NpsTrend { data: points }
        }
        chart::EMPLOYMENT => {
            let view = root
                .pick("view")
                .and_then(|i| EMPLOYMENT_VIEW_VALUES.get(i).copied());
            let data = employment_data(data, view)?;
            Chart::Employment { view, data }
        }
        chart::BAR | chart::LINE | chart::DONUT => {
            let fields: &[Field] = if k == chart::DONUT { &SLICE } else { &ITEM };
            let mut data = Vec::new();
            for (i, item) in root.items("data").iter().enumerate() {
                let mut f = read(item, &index("data", i), &[fields])?;
                data.push(Item {
                    label: f.text("label").unwrap_or_default(),
                    value: f.number("value"),
                });
            }
            if k == chart::DONUT && data.iter().all(|i| i.value == 0.0) {
                return Err(SpecError::at("data", "all values are 0: nothing to divide"));
            }
            let unit = root.text("unit");
            match k {
                chart::BAR => Chart::Bar { data, unit },
                chart::LINE => Chart::Line { data, unit },
                _ => Chart::Donut { data, unit },
            }
        }
        _ => {
            let mut f = read(data, "data", &[&KPI])?;
            Chart::Kpi {
                data: KpiData {
                    value: f.number("value"),
                    label: f.text("label"),
                    prefix: f.text("prefix"),
                    suffix: f.text("suffix"),
                },
            }
        }
    };
    Ok(Spec {
        chart,
        title: root.text("title"),
        subtitle: root.text("subtitle"),
        source: root.text("source"),
        note: root.text("note"),
        locale: nth(&LOCALE_VALUES, root.pick("locale")),
        theme: nth(&THEME_VALUES, root.pick("theme")),
    })
}

/// A theme by its name, as the spec's `theme` field reads it (for the JS override).
pub fn theme_named(name: &str) -> Result<ThemeName, SpecError> {
    let pick = match check(&Json::String(name.into()), "theme", Kind::Choice(&THEMES))? {
        Val::Pick(i) => Some(i),
        _ => None,
    };
    Ok(nth(&THEME_VALUES, pick))
}

/// The variant a choice picked, or the default when the field was absent.
fn nth<T: Copy + Default>(values: &[T], pick: Option<usize>) -> T {
    pick.and_then(|i| values.get(i).copied())
        .unwrap_or_default()
}

/// Reads `value` in the first of `forms` whose required keys appear, with the
/// `extra` fields before (`extra_first`) or after the form's own.
fn read_form<'a>(
    value: &'a Json,
    path: &str,
    forms: &[&'static [Field]],
    none: &str,
    extra: &'static [Field],
    extra_first: bool,
) -> Result<(usize, Fields<'a>), SpecError> {
    object(value, path)?;
    if extra_first {
        // A trend's period is named before a missing form, as the reader always has.
        for field in extra {
            field_value(value, path, field)?;
        }
    }
    let Some((i, form)) = forms.iter().enumerate().find(|(_, form)| {
        form.iter()
            .any(|f| f.required && value.get(f.key).is_some())
    }) else {
        return Err(SpecError::at(path, none));
    };
    let parts = if extra_first {
        [extra, form]
    } else {
        [form, extra]
    };
    Ok((i, read(value, path, &parts)?))
}

/// Reads one of the NPS data forms, after `extra` fields (a trend's period and label).
fn nps_data<'a>(
    value: &'a Json,
    path: &str,
    extra: &'static [Field],
) -> Result<(NpsData, Fields<'a>), SpecError> {
    let (form, mut f) = read_form(
        value,
        path,
        &NPS_FORMS,
        "expected NPS data: promoters/passives/detractors counts, scores (11 counts), promoters_pct/passives_pct/detractors_pct, or a published nps",
        extra,
        true,
    )?;
    let data = match form {
        0 => {
            let mut scores = [0u64; 11];
            for (s, v) in scores.iter_mut().zip(f.nums("scores").unwrap_or_default()) {
                *s = v as u64;
            }
            sum_counts(&scores, &f.at("scores"))?;
            NpsData::Scores { scores }
        }
        1 => {
            let p = f.number("promoters_pct");
            let n = f.number("passives_pct");
            let d = f.number("detractors_pct");
            let sum = p + n + d;
            if (sum - 100.0).abs() > SHARE_SUM_TOLERANCE {
                return Err(SpecError::at(
                    path,
                    format!(
                        "promoters_pct + passives_pct + detractors_pct must add up to 100, got {}",
                        plain(sum)
                    ),
                ));
            }
            NpsData::Shares {
                promoters_pct: p,
                passives_pct: n,
                detractors_pct: d,
                respondents: f.num("respondents").map(|r| r as u64),
            }
        }
        2 => {
            let counts = ["promoters", "passives", "detractors"].map(|k| f.number(k) as u64);
            sum_counts(&counts, path)?;
            NpsData::Counts {
                promoters: counts[0],
                passives: counts[1],
                detractors: counts[2],
            }
        }
        _ => NpsData::Published {
            nps: f.number("nps"),
        },
    };
    Ok((data, f))
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

/// Counts must not all be zero, and their total must stay within the limit.
fn sum_counts(counts: &[u64], path: &str) -> Result<(), SpecError> {
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
    Ok(())
}

/// What each employment view needs, in the order of [`EMPLOYMENT_VIEWS`].
const VIEW_NEEDS: [&str; 3] = [
    "an object with employed and total, or rate",
    "an object with categories and groups",
    "a list of periods",
];

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
    if let Some(view) = view.filter(|v| *v != shape) {
        let i = view as usize;
        return Err(SpecError::at(
            "data",
            format!(
                "the {} view needs {}",
                EMPLOYMENT_VIEWS.names.get(i).unwrap_or(&""),
                VIEW_NEEDS.get(i).unwrap_or(&"")
            ),
        ));
    }
    const RATE_NONE: &str =
        "expected employed and total (counts), or rate (a published percentage)";
    Ok(match shape {
        EmploymentView::Trend => {
            let items = match check(value, "data", Kind::List(&RATE_POINTS))? {
                Val::Raw(Json::Array(items)) => items.as_slice(),
                _ => &[],
            };
            let mut points = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let path = index("data", i);
                let (form, mut f) =
                    read_form(item, &path, &RATE_FORMS, RATE_NONE, &RATE_POINT, true)?;
                let value = rate_value(form, &mut f)?;
                points.push(RatePoint {
                    period: f.text("period").unwrap_or_default(),
                    value,
                });
            }
            EmploymentData::Trend(points)
        }
        EmploymentView::Breakdown => EmploymentData::Breakdown(breakdown(value)?),
        EmploymentView::Kpi => {
            let (form, mut f) =
                read_form(value, "data", &RATE_FORMS, RATE_NONE, &RATE_FIGURE, false)?;
            EmploymentData::Rate(RateFigure {
                value: rate_value(form, &mut f)?,
                label: f.text("label"),
                period: f.text("period"),
            })
        }
    })
}

/// A rate of the `form`-th of [`RATE_FORMS`]: counts need employed ≤ total ≠ 0.
fn rate_value(form: usize, f: &mut Fields) -> Result<RateValue, SpecError> {
    if form != 0 {
        return Ok(RateValue::Published {
            rate: f.number("rate"),
        });
    }
    let k = f.number("employed") as u64;
    let n = f.number("total") as u64;
    if n == 0 {
        return Err(SpecError::at(&f.at("total"), "no respondents: total is 0"));
    }
    if k > n {
        return Err(SpecError::at(
            &f.at("employed"),
            format!("{k} employed is more than the total of {n}"),
        ));
    }
    Ok(RateValue::Counts {
        employed: k,
        total: n,
    })
}

fn breakdown(value: &Json) -> Result<Breakdown, SpecError> {
    let mut f = read(value, "data", &[&BREAKDOWN])?;
    let categories = f.texts("categories");
    let unit = nth(&UNIT_VALUES, f.pick("unit"));
    let mode = nth(&MODE_VALUES, f.pick("mode"));
    let (group, percent) = match unit {
        BreakdownUnit::Count => (&GROUPS_BY_UNIT[0], false),
        BreakdownUnit::Percent => (&GROUPS_BY_UNIT[1], true),
    };
    let n = categories.len();
    let mut groups = Vec::new();
    for (i, item) in f.items("groups").iter().enumerate() {
        let path = index("data.groups", i);
        let vpath = join(&path, "values");
        // One value per category: a count the table cannot know, so checked first here.
        match item.get("values") {
            None | Some(Json::Null) => {}
            Some(Json::Array(v)) if v.is_empty() || v.len() == n => {}
            Some(_) => {
                return Err(SpecError::at(
                    &vpath,
                    format!("expected {n} numbers, one per category"),
                ))
            }
        }
        let mut g = read(item, &path, &[group])?;
        let values = g.nums("values").unwrap_or_default();
        let sum: f64 = values.iter().sum();
        let wrong = if percent {
            ((sum - 100.0).abs() > SHARE_SUM_TOLERANCE)
                .then(|| format!("percentages must add up to 100, got {}", plain(sum)))
        } else if sum == 0.0 {
            Some("no respondents: all counts are 0".to_string())
        } else {
            (sum > MAX_COUNT as f64).then(|| {
                format!(
                    "{} respondents in all; the limit is {MAX_COUNT}",
                    plain(sum)
                )
            })
        };
        if let Some(message) = wrong {
            return Err(SpecError::at(&vpath, message));
        }
        groups.push(BreakdownGroup {
            label: g.text("label").unwrap_or_default(),
            values,
        });
    }
    Ok(Breakdown {
        categories,
        groups,
        unit,
        mode,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(spec: &str) -> String {
        parse_spec(spec).unwrap_err().to_string()
    }

    /// Messages the tables and the rules give that tests/bad_input.rs does not pin:
    /// the known-field lists follow the tables' order, and the rules name their field.
    #[test]
    fn messages_name_the_field_and_what_it_allows() {
        let cases = [
            (
                r#"{"type":"nps","data":{"nps":33},"colour":"red"}"#,
                "colour: unknown field; expected one of: type, view, data, zones, title, subtitle, source, note, locale, theme",
            ),
            (
                r#"{"type":"bar","view":"gauge","data":[{"label":"a","value":1}]}"#,
                "view: unknown field; expected one of: type, data, unit, title, subtitle, source, note, locale, theme",
            ),
            (
                r#"{"type":"nps","data":{"scores":[1,1,1,1,1,1,1,1,1,1,1],"promoters":3}}"#,
                "data.promoters: unknown field; expected one of: scores",
            ),
            (
                r#"{"type":"nps-trend","data":[{"period":"a","nps":1,"x":1}]}"#,
                "data[0].x: unknown field; expected one of: period, label, nps",
            ),
            (
                r#"{"type":"nps","data":{"nps":3},"zones":[0,70,30]}"#,
                "zones[2]: zone boundaries must increase",
            ),
            (
                r#"{"type":"nps","data":{"promoters_pct":50,"passives_pct":30,"detractors_pct":20,"respondents":0}}"#,
                "data.respondents: expected at least 1 respondent, got 0",
            ),
            (
                r#"{"type":"employment","data":{"categories":["a","b"],"groups":[{"label":"g","values":[1]}]}}"#,
                "data.groups[0].values: expected 2 numbers, one per category",
            ),
            (
                r#"{"type":"employment","data":[{"period":"p"}]}"#,
                "data[0]: expected employed and total (counts), or rate (a published percentage)",
            ),
            (
                r#"{"type":"nps","view":"distribution","data":{"nps":3}}"#,
                "view: the distribution view needs data.scores (how many answered 0 to 10)",
            ),
            (
                r#"{"type":"nps","data":{"nps":3},"theme":"sepia"}"#,
                "theme: expected one of light, dark, got \"sepia\"",
            ),
            (
                r#"{"type":"donut","data":[{"label":"a","value":1}],"unit":"abcdefghijklm"}"#,
                "unit: text is 13 characters long; the limit is 12",
            ),
        ];
        for (spec, message) in cases {
            assert_eq!(error(spec), message, "{spec}");
        }
    }

    #[test]
    fn a_theme_override_reads_the_names_of_the_spec() {
        assert_eq!(theme_named("dark"), Ok(ThemeName::Dark));
        assert_eq!(theme_named("light"), Ok(ThemeName::Light));
        assert_eq!(
            theme_named("sepia").unwrap_err().to_string(),
            "theme: expected one of light, dark, got \"sepia\""
        );
    }
}
