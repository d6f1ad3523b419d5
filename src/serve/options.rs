//! A request's query: size, scale and theme, checked with the CLI's limits and messages,
//! and the canonical form of a render request that its ETag is the hash of.

use crate::render::Size;
use crate::spec::limits::MAX_SPEC_BYTES;
use crate::spec::{SpecError, ThemeName};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Longest request target (path and query) accepted: a GET spec travels in the URL,
/// and CDNs and browsers refuse much longer URLs anyway (hyper itself stops at 65534
/// bytes, without a message). Larger specs go by POST.
pub const MAX_URI_BYTES: usize = 32 * 1024;
/// Longest value of a query parameter other than `spec`.
const MAX_VALUE_CHARS: usize = 32;

/// Output format of a render endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// `svg` or `png`, from the end of a path.
    pub fn from_ext(ext: &str) -> Option<Format> {
        match ext {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
        }
    }
    /// The CLI's default scale: 2 device pixels per CSS pixel for PNG, 1 for SVG (a vector).
    fn default_scale(self) -> f64 {
        match self {
            Format::Svg => 1.0,
            Format::Png => 2.0,
        }
    }
}

/// The query's key/value pairs, percent-decoded, each key at most once.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses a raw query string; `allowed` are the keys the endpoint knows.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Query, SpecError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                return Err(SpecError::at(
                    "query",
                    format!(
                        "unknown parameter {:?}; expected one of {}",
                        clip(&k),
                        allowed.join(", ")
                    ),
                ));
            }
            if pairs.iter().any(|(seen, _)| *seen == k) {
                return Err(SpecError::at(&k, "given more than once"));
            }
            if k != "spec" && v.chars().count() > MAX_VALUE_CHARS {
                return Err(SpecError::at(
                    &k,
                    format!("expected at most {MAX_VALUE_CHARS} characters"),
                ));
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        Ok(Query { pairs })
    }

    /// The value of `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, key: &str) -> Result<Option<f64>, SpecError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.trim().parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(SpecError::at(
                key,
                format!("expected a number, got {:?}", clip(v)),
            )),
        }
    }
}

/// The query parameters of the render endpoints.
pub const RENDER_KEYS: &[&str] = &["width", "height", "scale", "theme"];
/// The same, plus the spec itself, for GET /chart.
pub const CHART_KEYS: &[&str] = &["spec", "width", "height", "scale", "theme"];

/// The query parameters of POST /embed: `statchart embed`'s options.
pub const EMBED_KEYS: &[&str] = &["src", "refresh", "image", "width", "scale"];

/// `statchart embed`'s options from a query, checked as the CLI and the element check them.
pub fn embed_options(q: &Query) -> Result<crate::embed::EmbedOptions, SpecError> {
    let defaults = crate::embed::EmbedOptions::default();
    let width = q.number("width")?.unwrap_or(defaults.width);
    let scale = q.number("scale")?.unwrap_or(defaults.scale);
    Size::new(width, crate::spec::limits::MIN_SIZE as f64, scale)?;
    let refresh = q.number("refresh")?;
    if let Some(r) = refresh {
        if !(5.0..=86_400.0).contains(&r) {
            return Err(SpecError::at(
                "refresh",
                format!(
                    "expected 5 to 86400 seconds, got {}",
                    crate::locale::plain(r)
                ),
            ));
        }
    }
    let src = match q.get("src") {
        None => None,
        Some(url) if url.is_empty() || url.len() > 2048 || url.chars().any(char::is_control) => {
            return Err(SpecError::at(
                "src",
                "expected a URL of 1 to 2048 characters without control characters",
            ))
        }
        Some(url) => Some(url.to_string()),
    };
    let image = match q.get("image") {
        None | Some("0") | Some("false") => false,
        Some("1") | Some("true") | Some("") => true,
        Some(other) => {
            return Err(SpecError::at(
                "image",
                format!("expected true or false, got {:?}", clip(other)),
            ))
        }
    };
    Ok(crate::embed::EmbedOptions {
        src,
        refresh,
        image,
        width,
        scale,
    })
}

/// How to draw: what the CLI's `render` takes, plus a theme that overrides the spec's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    pub format: Format,
    pub width: f64,
    /// `None`: what the chart needs at `width`.
    pub height: Option<f64>,
    pub scale: f64,
    pub theme: Option<ThemeName>,
}

impl RenderOptions {
    /// Reads and checks the options, with the limits and messages of `Size::new`.
    pub fn from_query(q: &Query, format: Format) -> Result<RenderOptions, SpecError> {
        let width = q.number("width")?.unwrap_or(crate::render::DEFAULT_WIDTH);
        let height = q.number("height")?;
        let scale = q.number("scale")?.unwrap_or(format.default_scale());
        // Height is checked here only when given; the natural height is in range by construction.
        let probe_height = height.unwrap_or(crate::spec::limits::MIN_SIZE as f64);
        Size::new(width, probe_height, scale)?;
        let theme = match q.get("theme") {
            None => None,
            Some("light") => Some(ThemeName::Light),
            Some("dark") => Some(ThemeName::Dark),
            Some(other) => {
                return Err(SpecError::at(
                    "theme",
                    format!("expected one of light, dark, got {:?}", clip(other)),
                ))
            }
        };
        Ok(RenderOptions {
            format,
            width,
            height,
            scale,
            theme,
        })
    }

    /// The strong ETag of this render of `spec`: a hash of the crate version, the spec's
    /// exact bytes and the options with defaults filled in, so equal requests share it on
    /// every copy of the service.
    pub fn etag(&self, spec: &[u8]) -> String {
        let canonical = format!(
            "statchart {}\n{:?} width={} height={} scale={} theme={}\n",
            env!("CARGO_PKG_VERSION"),
            self.format,
            self.width,
            self.height.map_or("auto".to_string(), |h| h.to_string()),
            self.scale,
            match self.theme {
                None => "spec",
                Some(ThemeName::Light) => "light",
                Some(ThemeName::Dark) => "dark",
            }
        );
        let mut hash = Sha256::new();
        hash.update(canonical.as_bytes());
        hash.update(spec);
        let digest = hash.finalize();
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        format!("\"{hex}\"")
    }
}

/// Base64url (RFC 4648 §5) with or without padding.
const BASE64URL: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

/// Encodes a spec for GET /chart (unpadded base64url).
pub fn encode_spec(json: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

/// The `spec` parameter of GET /chart: base64url of the spec's UTF-8 JSON.
pub fn decode_spec(q: &Query) -> Result<Vec<u8>, SpecError> {
    let text = q
        .get("spec")
        .ok_or_else(|| SpecError::at("spec", "missing: give the spec as base64url JSON"))?;
    let bytes = BASE64URL.decode(text.trim()).map_err(|e| {
        SpecError::at(
            "spec",
            format!(
                "expected base64url-encoded JSON: {}",
                e.to_string().trim_end_matches('.')
            ),
        )
    })?;
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(SpecError::root(format!(
            "spec is larger than the limit of {MAX_SPEC_BYTES} bytes"
        )));
    }
    Ok(bytes)
}

/// A value shown in a message, cut short so an error line stays one short line.
fn clip(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}
