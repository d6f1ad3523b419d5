//! Numbers and built-in words in the chart's language.
//!
//! Formatting is done here rather than by the host (ICU, `Intl`) so that a chart
//! reads the same natively and in the browser, and the wasm stays small.

use crate::spec::Locale;

/// Typographic minus sign, as newsrooms print negative numbers.
pub const MINUS: char = '\u{2212}';

/// Built-in words of one language.
pub struct Words {
    pub promoters: &'static str,
    pub passives: &'static str,
    pub detractors: &'static str,
    pub passives_lower: &'static str,
    pub detractors_lower: &'static str,
    pub source: &'static str,
    pub interval95: &'static str,
    pub no_interval: &'static str,
    pub significant: &'static str,
    pub not_significant: &'static str,
    pub change: &'static str,
    pub change_heading: &'static str,
    pub employed: &'static str,
    pub respondents: &'static str,
    pub answers: &'static str,
    pub score: &'static str,
    pub no_test: &'static str,
    /// Why a change between counted periods has no test: neither period varies.
    pub no_test_no_variation: &'static str,
    /// Percentage points, after a change of a rate: "+2.8 pts".
    pub pts: &'static str,
    pub band: &'static str,
    pub significant_change: &'static str,
    pub group: &'static str,
    pub period: &'static str,
    pub value: &'static str,
    /// The data table's caption when the chart has no title.
    pub figures: &'static str,
    pub share: &'static str,
}

const EN: Words = Words {
    promoters: "Promoters",
    passives: "Passives",
    detractors: "Detractors",
    passives_lower: "passives",
    detractors_lower: "detractors",
    source: "Source",
    interval95: "95% interval",
    no_interval: "published figure; no margin of error",
    significant: "significant",
    not_significant: "not significant",
    change: "change",
    change_heading: "Change",
    employed: "employed",
    respondents: "respondents",
    answers: "Answers from 0 (not at all likely) to 10 (extremely likely)",
    score: "Net Promoter Score",
    no_test: "no test: published figures have no margin of error",
    no_test_no_variation: "no test: no variation within either period",
    pts: "pts",
    band: "band",
    significant_change: "significant change",
    group: "Group",
    period: "Period",
    value: "Value",
    figures: "The chart's figures",
    share: "Share",
};

const ID: Words = Words {
    promoters: "Promotor",
    passives: "Pasif",
    detractors: "Detraktor",
    passives_lower: "pasif",
    detractors_lower: "detraktor",
    source: "Sumber",
    interval95: "interval 95%",
    no_interval: "angka terbitan; tanpa margin galat",
    significant: "signifikan",
    not_significant: "tidak signifikan",
    change: "perubahan",
    change_heading: "Perubahan",
    employed: "bekerja",
    respondents: "responden",
    answers: "Jawaban dari 0 (sama sekali tidak) sampai 10 (sangat mungkin)",
    score: "Net Promoter Score",
    no_test: "tanpa uji: angka terbitan tidak punya margin galat",
    no_test_no_variation: "tanpa uji: tidak ada variasi dalam kedua periode",
    pts: "poin",
    band: "pita",
    significant_change: "perubahan signifikan",
    group: "Kelompok",
    period: "Periode",
    value: "Nilai",
    figures: "Angka dalam grafik",
    share: "Porsi",
};

/// Number and word formatting for one locale.
#[derive(Debug, Clone, Copy)]
pub struct Fmt {
    pub locale: Locale,
}

impl Fmt {
    pub fn new(locale: Locale) -> Self {
        Fmt { locale }
    }

    pub fn words(&self) -> &'static Words {
        match self.locale {
            Locale::EnUs => &EN,
            Locale::IdId => &ID,
        }
    }

    fn separators(&self) -> (char, char) {
        match self.locale {
            Locale::EnUs => ('.', ','),
            Locale::IdId => (',', '.'),
        }
    }

    /// `value` with exactly `decimals` decimals, grouped by thousands, with a true minus.
    pub fn fixed(&self, value: f64, decimals: usize) -> String {
        let (int_part, frac) = fixed_digits(value, decimals);
        self.assemble(value, &int_part, &frac)
    }

    /// Up to `max_decimals` decimals, dropping trailing zeros: 24 → "24", 24.5 → "24.5".
    pub fn num(&self, value: f64, max_decimals: usize) -> String {
        let (int_part, frac) = fixed_digits(value, max_decimals);
        self.assemble(value, &int_part, frac.trim_end_matches('0'))
    }

    fn assemble(&self, value: f64, int_part: &str, frac: &str) -> String {
        let (dec_sep, group_sep) = self.separators();
        let mut out = String::with_capacity(int_part.len() + frac.len() + 4);
        // Rounding can turn −0.04 into "0.0": never print a minus before zero.
        if value < 0.0 && (int_part != "0" || frac.bytes().any(|b| b != b'0')) {
            out.push(MINUS);
        }
        let digits = int_part.len();
        for (i, c) in int_part.chars().enumerate() {
            if i > 0 && (digits - i).is_multiple_of(3) {
                out.push(group_sep);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(dec_sep);
            out.push_str(frac);
        }
        out
    }

    /// A short form for tight spaces: 1,500 → "1.5K", 2.4e9 → "2.4B" (en-US);
    /// "1,5 rb", "2,4 M" (id-ID: ribu, juta, miliar, triliun). Below 1,000 as [`Fmt::num`].
    pub fn compact(&self, value: f64) -> String {
        let steps: [(f64, &str); 4] = match self.locale {
            Locale::EnUs => [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")],
            Locale::IdId => [(1e12, " T"), (1e9, " M"), (1e6, " jt"), (1e3, " rb")],
        };
        match steps.iter().find(|(step, _)| value.abs() >= *step) {
            Some((step, suffix)) => format!("{}{suffix}", self.num(value / step, 1)),
            None => self.num(value, 2),
        }
    }

    /// A percentage: `24%`, `24.5%` (en-US), `24,5%` (id-ID).
    pub fn pct(&self, value: f64, max_decimals: usize) -> String {
        format!("{}%", self.num(value, max_decimals))
    }

    /// A signed score: +33, −12, 0.
    pub fn signed(&self, value: f64, decimals: usize) -> String {
        let s = self.fixed(value, decimals);
        if value > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("+{s}")
        } else {
            s
        }
    }

    /// "lo to hi" / "lo sampai hi".
    fn span(&self, lo: String, hi: String) -> String {
        let to = match self.locale {
            Locale::EnUs => "to",
            Locale::IdId => "sampai",
        };
        format!("{lo} {to} {hi}")
    }

    /// An interval: "28.1 to 37.6" / "28,1 sampai 37,6".
    pub fn range(&self, lo: f64, hi: f64, decimals: usize) -> String {
        self.span(self.fixed(lo, decimals), self.fixed(hi, decimals))
    }

    /// The interval of a change, with signs: "−1.9 to +20.4" / "−1,9 sampai +20,4".
    pub fn signed_range(&self, lo: f64, hi: f64, decimals: usize) -> String {
        self.span(self.signed(lo, decimals), self.signed(hi, decimals))
    }

    /// A period label in the chart's language: "2023-06" → "Jun 2023" / "Jun 2023",
    /// "2023-Q2" → "Q2 2023" / "K2 2023"; anything else as written.
    pub fn period(&self, label: &str) -> String {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const ID: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
        ];
        let b = label.as_bytes();
        let year_ok = b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
        if !year_ok {
            return label.to_string();
        }
        let year = &label[..4];
        match (b.len(), b[5], b[6]) {
            (7, m1 @ b'0'..=b'1', m2 @ b'0'..=b'9') => {
                let month = ((m1 - b'0') * 10 + (m2 - b'0')) as usize;
                if (1..=12).contains(&month) {
                    let names = if self.locale == Locale::IdId { ID } else { EN };
                    return format!("{} {year}", names[month - 1]);
                }
                label.to_string()
            }
            (7, b'Q', q @ b'1'..=b'4') => {
                let prefix = if self.locale == Locale::IdId {
                    'K'
                } else {
                    'Q'
                };
                format!("{prefix}{} {year}", q as char)
            }
            _ => label.to_string(),
        }
    }

    /// "Source: …" in the chart's language.
    pub fn source_line(&self, source: &str) -> String {
        format!("{}: {source}", self.words().source)
    }
}

/// The digits of |value| rounded to `decimals` places: (integer part, fractional part).
///
/// Integer arithmetic instead of `format!("{:.2}")`: core's float formatting
/// (Grisu and Dragon4 with their tables) would cost the wasm over 10 KB.
fn fixed_digits(value: f64, decimals: usize) -> (String, String) {
    let a = value.abs();
    // Keep value × 10^decimals within u64; past 1e12 whole units are precision enough.
    let decimals = if a >= 1e12 { 0 } else { decimals.min(6) };
    let scale = 10u64.pow(decimals as u32);
    let n = (a * scale as f64).round() as u64;
    let mut frac = (n % scale).to_string();
    while frac.len() < decimals {
        frac.insert(0, '0');
    }
    if decimals == 0 {
        frac.clear();
    }
    ((n / scale).to_string(), frac)
}

/// `1234.5` style, no grouping, at most 6 decimals; scientific past 1e18, for messages and CSS.
pub fn plain(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN"
        } else if value > 0.0 {
            "inf"
        } else {
            "-inf"
        }
        .into();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let a = value.abs();
    if a >= 1e18 {
        let mut exp = 0;
        let mut m = a;
        while m >= 10.0 {
            m /= 10.0;
            exp += 1;
        }
        let (i, f) = fixed_digits(m, 3);
        let f = f.trim_end_matches('0');
        let dot = if f.is_empty() { "" } else { "." };
        return format!("{sign}{i}{dot}{f}e{exp}");
    }
    let (i, f) = fixed_digits(a, 6);
    let f = f.trim_end_matches('0');
    match (f.is_empty(), i == "0" && f.is_empty()) {
        (_, true) => "0".into(),
        (true, _) => format!("{sign}{i}"),
        _ => format!("{sign}{i}.{f}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_locale() {
        let en = Fmt::new(Locale::EnUs);
        let id = Fmt::new(Locale::IdId);
        assert_eq!(en.pct(24.5, 1), "24.5%");
        assert_eq!(id.pct(24.5, 1), "24,5%");
        assert_eq!(en.pct(24.0, 1), "24%");
        assert_eq!(en.fixed(1234.5, 1), "1,234.5");
        assert_eq!(en.fixed(12345.5, 1), "12,345.5");
        assert_eq!(id.fixed(1234.5, 1), "1.234,5");
        assert_eq!(id.fixed(1_234_567.0, 0), "1.234.567");
        assert_eq!(en.fixed(-12.0, 0), "\u{2212}12");
        assert_eq!(en.fixed(-0.04, 1), "0.0");
        assert_eq!(en.signed(33.0, 0), "+33");
        assert_eq!(en.signed(0.2, 0), "0");
        assert_eq!(id.num(4.56, 1), "4,6");
        assert_eq!(id.range(28.1, 37.6, 1), "28,1 sampai 37,6");
        assert_eq!(en.signed_range(-1.86, 20.4, 1), "\u{2212}1.9 to +20.4");
        assert_eq!(id.signed_range(0.0, 8.93, 1), "0,0 sampai +8,9");
        assert_eq!(en.num(33.000000001, 1), "33");
        assert_eq!(en.num(-0.04, 1), "0");
        assert_eq!(en.fixed(0.125, 2), "0.13");
        assert_eq!(plain(2.5), "2.5");
        assert_eq!(plain(-3.0), "-3");
        assert_eq!(plain(1e300), "1e300");
        assert_eq!(plain(1.5e20), "1.5e20");
        assert_eq!(plain(f64::NAN), "NaN");
        assert_eq!(plain(0.1 + 0.2), "0.3");
        assert_eq!(en.period("2023-06"), "Jun 2023");
        assert_eq!(id.period("2023-05"), "Mei 2023");
        assert_eq!(en.period("2023-Q2"), "Q2 2023");
        assert_eq!(id.period("2023-Q2"), "K2 2023");
        assert_eq!(id.period("2020–2022"), "2020–2022");
        assert_eq!(en.period("2023-13"), "2023-13");
    }
}
