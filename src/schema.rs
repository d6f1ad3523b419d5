//! The JSON Schema of the spec, generated from the Rust types.

use serde_json::{Map, Value};

/// The schema of [`crate::Spec`] as JSON (draft-07).
pub fn json_schema() -> Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(crate::Spec)).unwrap_or(Value::Null);
    merge_flattened(&mut schema);
    schema
}

/// schemars renders a struct with a flattened enum as its own `properties` beside
/// an `anyOf`/`oneOf` of the enum's forms, each side closed with
/// `additionalProperties: false`; under draft-07 no object can pass both. Each
/// form gets the struct's properties instead, so each form lists exactly the
/// fields it allows.
fn merge_flattened(node: &mut Value) {
    match node {
        Value::Object(obj) => {
            for key in ["anyOf", "oneOf"] {
                if obj.contains_key("properties") && obj.contains_key(key) {
                    let props = take_object(obj, "properties");
                    let required = obj.remove("required");
                    obj.remove("additionalProperties");
                    if let Some(Value::Array(forms)) = obj.get_mut(key) {
                        for form in forms {
                            merge_into(form, &props, required.as_ref());
                        }
                    }
                }
            }
            obj.values_mut().for_each(merge_flattened);
        }
        Value::Array(items) => items.iter_mut().for_each(merge_flattened),
        _ => {}
    }
}

fn take_object(obj: &mut Map<String, Value>, key: &str) -> Map<String, Value> {
    match obj.remove(key) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

fn merge_into(form: &mut Value, props: &Map<String, Value>, required: Option<&Value>) {
    let Value::Object(f) = form else { return };
    let form_props = f
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(fp) = form_props {
        for (k, v) in props {
            fp.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    if let Some(Value::Array(req)) = required {
        let list = f.entry("required").or_insert_with(|| Value::Array(vec![]));
        if let Value::Array(list) = list {
            for r in req {
                if !list.contains(r) {
                    list.push(r.clone());
                }
            }
        }
    }
    f.insert("additionalProperties".into(), Value::Bool(false));
}
