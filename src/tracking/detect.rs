//! The format table: one parser per carrier format, in rank order (see the module docs of
//! `tracking` for the rules). A parser answers "does this normalised number have the shape of
//! my format, and which check digit does it call for"; [`super::detect()`] keeps the shapes
//! whose check digit matches and [`super::check`] explains the ones that do not.

use super::Carrier;
use super::checksum::{W173_13, W317_11, mod7, mod10, s10, sum_product};
use super::s10_countries;

/// How tightly a format is pinned down, beyond its check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Specificity {
    /// A literal prefix (`1Z`, `96`, `00`, `420`+ZIP, `91`–`95`, `J`…), or letters a bare
    /// digit string cannot have (S10, UPS waybill).
    Anchored,
    /// Only a length of digits (or one leading digit class) identifies it.
    DigitCount,
}

/// What the label's check digit says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Check {
    /// The format has none; the text says so for the reason.
    None(&'static str),
    /// `algorithm` (for the reason) calls for `expected`; the number carries `found`.
    Digit { algorithm: &'static str, expected: u8, found: u8 },
}

/// A number that has a format's shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parsed {
    /// Usually the format's carrier; an S10 number belongs to its issuing post.
    pub carrier: Carrier,
    /// The shape, for the reason: "18 characters, 1Z prefix".
    pub shape: String,
    pub check: Check,
}

pub(super) struct Format {
    /// The carrier `check` attributes the format to (S10: [`Carrier::Upu`]).
    pub carrier: Carrier,
    pub name: &'static str,
    pub specificity: Specificity,
    pub parse: fn(&str) -> Option<Parsed>,
}

pub(super) const UPU_S10: &str = "UPU S10";

/// Every format, best first within each check-digit tier. `tests::table_is_grouped` keeps
/// the anchored formats ahead of the digit-count ones.
pub(super) const FORMATS: &[Format] = &[
    // Anchored formats.
    f(Carrier::Ups, "UPS 1Z", Specificity::Anchored, ups_1z),
    f(Carrier::Fedex, "FedEx Ground 96 (22)", Specificity::Anchored, fedex_ground_96),
    f(Carrier::Fedex, "FedEx Ground GSN (34)", Specificity::Anchored, fedex_ground_gsn),
    f(Carrier::Fedex, "FedEx Ground SSCC (20)", Specificity::Anchored, fedex_sscc_20),
    f(Carrier::Usps, "USPS IMpb 420+ZIP", Specificity::Anchored, usps_420_impb),
    f(Carrier::Usps, "USPS Legacy 420+ZIP", Specificity::Anchored, usps_420_legacy),
    f(Carrier::Usps, "USPS IMpb 22", Specificity::Anchored, |n| usps_impb(n, 22)),
    f(Carrier::Usps, "USPS IMpb 26", Specificity::Anchored, |n| usps_impb(n, 26)),
    f(Carrier::Usps, "USPS IMpb 30", Specificity::Anchored, |n| usps_impb(n, 30)),
    f(Carrier::Usps, "USPS Legacy 22 (91)", Specificity::Anchored, usps_legacy_22),
    f(Carrier::Fedex, "FedEx Ground Economy (92)", Specificity::Anchored, fedex_ground_economy),
    f(Carrier::Upu, UPU_S10, Specificity::Anchored, upu_s10),
    f(Carrier::Ups, "UPS Waybill", Specificity::Anchored, ups_waybill),
    f(Carrier::Dhl, "DHL Express Piece ID", Specificity::Anchored, dhl_piece_id),
    f(Carrier::Dhl, "DHL eCommerce", Specificity::Anchored, dhl_ecommerce),
    // Digit counts.
    f(Carrier::Fedex, "FedEx Express 12", Specificity::DigitCount, fedex_express_12),
    f(Carrier::Fedex, "FedEx Ground 15", Specificity::DigitCount, fedex_ground_15),
    f(Carrier::Fedex, "FedEx Express 34", Specificity::DigitCount, fedex_express_34),
    f(Carrier::Fedex, "FedEx ASTRA 32", Specificity::DigitCount, fedex_astra_32),
    f(Carrier::Fedex, "FedEx Ground SSCC-18", Specificity::DigitCount, fedex_sscc_18),
    f(Carrier::Dhl, "DHL Express 10", Specificity::DigitCount, |n| dhl_express(n, 10)),
    f(Carrier::Dhl, "DHL Express 11", Specificity::DigitCount, |n| dhl_express(n, 11)),
    f(Carrier::Usps, "USPS 20", Specificity::DigitCount, usps_20),
    f(Carrier::Usps, "USPS Legacy 20", Specificity::DigitCount, usps_legacy_20),
    f(Carrier::Dhl, "DHL eCommerce 14", Specificity::DigitCount, dhl_ecommerce_14),
];

const fn f(
    carrier: Carrier,
    name: &'static str,
    specificity: Specificity,
    parse: fn(&str) -> Option<Parsed>,
) -> Format {
    Format { carrier, name, specificity, parse }
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn digit_at(n: &str, i: usize) -> u8 {
    n.as_bytes()[i] - b'0'
}

/// A parse with a check digit: `None` when the algorithm refuses the characters (which
/// means the number does not have the shape after all).
fn with_digit(
    carrier: Carrier,
    shape: String,
    algorithm: &'static str,
    expected: Option<u8>,
    found: u8,
) -> Option<Parsed> {
    Some(Parsed { carrier, shape, check: Check::Digit { algorithm, expected: expected?, found } })
}

const MOD10: &str = "mod-10";
const GS1: &str = "GS1 mod-10";
const FEDEX_317: &str = "3-1-7 weighted mod-11";
const FEDEX_173: &str = "1-7-3 weighted mod-11";

// --- UPS -------------------------------------------------------------------------------

fn ups_1z(n: &str) -> Option<Parsed> {
    let b = n.as_bytes();
    if b.len() != 18 || !n.starts_with("1Z") || !b[17].is_ascii_digit() {
        return None;
    }
    if !b[2..17].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
        return None;
    }
    let shape = "18 characters, 1Z prefix".to_string();
    with_digit(Carrier::Ups, shape, MOD10, mod10(&b[2..17], 1, 2, false), digit_at(n, 17))
}

fn ups_waybill(n: &str) -> Option<Parsed> {
    let b = n.as_bytes();
    if b.len() != 11 || !b"AHJKTV".contains(&b[0]) || !digits(&n[1..]) {
        return None;
    }
    let service = match b[0] {
        b'J' => " (Next Day Express)",
        b'K' => " (Ground)",
        b'V' => " (WorldWide Express Saver)",
        _ => "",
    };
    let shape = format!("11 characters, waybill service letter {}{service} and 10 digits", b[0] as char);
    with_digit(Carrier::Ups, shape, MOD10, mod10(&b[1..10], 1, 2, false), digit_at(n, 10))
}

// --- FedEx -----------------------------------------------------------------------------

fn fedex_express_12(n: &str) -> Option<Parsed> {
    if n.len() != 12 || !digits(n) {
        return None;
    }
    let expected = sum_product(&n.as_bytes()[..11], &W317_11, 11, 10);
    with_digit(Carrier::Fedex, "12 digits".into(), FEDEX_317, expected, digit_at(n, 11))
}

fn fedex_ground_15(n: &str) -> Option<Parsed> {
    if n.len() != 15 || !digits(n) {
        return None;
    }
    let expected = mod10(&n.as_bytes()[..14], 1, 3, false);
    with_digit(Carrier::Fedex, "15 digits".into(), MOD10, expected, digit_at(n, 14))
}

fn fedex_ground_96(n: &str) -> Option<Parsed> {
    if n.len() != 22 || !n.starts_with("96") || !digits(n) {
        return None;
    }
    // The check digit covers the 14-digit shipper + package serial only, not 96/SCNC/service.
    let expected = mod10(&n.as_bytes()[7..21], 1, 3, false);
    let shape = "22 digits, 96 application identifier (FedEx Ground label)".to_string();
    with_digit(Carrier::Fedex, shape, MOD10, expected, digit_at(n, 21))
}

fn fedex_ground_gsn(n: &str) -> Option<Parsed> {
    if n.len() != 34 || !n.starts_with("96") || !digits(n) {
        return None;
    }
    let expected = sum_product(&n.as_bytes()[20..33], &W173_13, 11, 10);
    let shape = "34 digits, 96 application identifier (FedEx Ground GSN barcode)".to_string();
    with_digit(Carrier::Fedex, shape, FEDEX_173, expected, digit_at(n, 33))
}

fn fedex_express_34(n: &str) -> Option<Parsed> {
    if n.len() != 34 || !digits(n) || n.as_bytes()[0] == b'9' {
        return None;
    }
    let expected = sum_product(&n.as_bytes()[20..33], &W173_13, 11, 10);
    let shape = "34 digits (FedEx Express barcode; the check digit covers the last 14)".to_string();
    with_digit(Carrier::Fedex, shape, FEDEX_173, expected, digit_at(n, 33))
}

fn fedex_astra_32(n: &str) -> Option<Parsed> {
    if n.len() != 32 || !n.starts_with('3') || !digits(n) {
        return None;
    }
    // Digits 17–28 hold a FedEx Express 12 number; its check digit is the barcode's only one.
    let expected = sum_product(&n.as_bytes()[16..27], &W317_11, 11, 10);
    let shape = format!("32 digits starting with 3 (FedEx ASTRA barcode holding Express {})", &n[16..28]);
    with_digit(Carrier::Fedex, shape, FEDEX_317, expected, digit_at(n, 27))
}

fn fedex_sscc_20(n: &str) -> Option<Parsed> {
    if n.len() != 20 || !n.starts_with("00") || !digits(n) {
        return None;
    }
    let expected = mod10(&n.as_bytes()[..19], 3, 1, false);
    let shape = "20 digits, 00 SSCC application identifier".to_string();
    with_digit(Carrier::Fedex, shape, GS1, expected, digit_at(n, 19))
}

fn fedex_sscc_18(n: &str) -> Option<Parsed> {
    if n.len() != 18 || !digits(n) {
        return None;
    }
    // As the data set defines it: the 2-digit container type is outside the check.
    let expected = mod10(&n.as_bytes()[2..17], 3, 1, false);
    with_digit(Carrier::Fedex, "18 digits (SSCC-18)".into(), GS1, expected, digit_at(n, 17))
}

fn fedex_ground_economy(n: &str) -> Option<Parsed> {
    let (usps, ai) = match usps_420_impb(n) {
        Some(p) => (p, impb_start(n)?),
        None => ([22, 26, 30].iter().find_map(|len| usps_impb(n, *len))?, 0),
    };
    if !n[ai..].starts_with("92") {
        return None;
    }
    let shape = format!(
        "{}; FedEx Ground Economy (formerly SmartPost) labels carry USPS IMpb 92 numbers, \
         and USPS delivers them",
        usps.shape
    );
    Some(Parsed { carrier: Carrier::Fedex, shape, check: usps.check })
}

// --- DHL -------------------------------------------------------------------------------

fn dhl_express(n: &str, len: usize) -> Option<Parsed> {
    if n.len() != len || !digits(n) {
        return None;
    }
    let shape = format!("{len} digits");
    with_digit(Carrier::Dhl, shape, "mod-7", mod7(&n.as_bytes()[..len - 1]), digit_at(n, len - 1))
}

fn dhl_piece_id(n: &str) -> Option<Parsed> {
    let rest = n.strip_prefix('J')?;
    let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    let tail = &rest[letters..];
    if !(2..=3).contains(&letters) || !(9..=10).contains(&tail.len()) || !digits(tail) {
        return None;
    }
    let shape =
        format!("{} characters, J{} piece prefix and {} digits", n.len(), &rest[..letters], tail.len());
    Some(Parsed { carrier: Carrier::Dhl, shape, check: Check::None("DHL piece ids carry no check digit") })
}

const DHL_ECOMMERCE_PREFIXES: [&str; 10] = ["GM", "LX", "RX", "UV", "CN", "SG", "TH", "IN", "HK", "MY"];

fn dhl_ecommerce(n: &str) -> Option<Parsed> {
    let prefix = DHL_ECOMMERCE_PREFIXES.iter().find(|p| n.starts_with(**p))?;
    let rest = &n[2..];
    let ok = (10..=39).contains(&rest.len())
        && rest.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        && rest.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    let shape = format!("{} characters, {prefix} prefix", n.len());
    Some(Parsed {
        carrier: Carrier::Dhl,
        shape,
        check: Check::None("DHL eCommerce numbers carry no check digit"),
    })
}

fn dhl_ecommerce_14(n: &str) -> Option<Parsed> {
    if n.len() != 14 || !digits(n) {
        return None;
    }
    Some(Parsed {
        carrier: Carrier::Dhl,
        shape: "14 digits".into(),
        check: Check::None("DHL eCommerce 14-digit numbers carry no check digit"),
    })
}

// --- USPS ------------------------------------------------------------------------------

const IMPB_AIS: [&str; 4] = ["92", "93", "94", "95"];

/// A bare IMpb serial of `len` digits: `92`/`93`/`94`/`95`, service, Mailer ID, package,
/// GS1 check digit read from the right.
fn usps_impb(n: &str, len: usize) -> Option<Parsed> {
    if n.len() != len || !digits(n) || !IMPB_AIS.iter().any(|ai| n.starts_with(ai)) {
        return None;
    }
    let shape = format!("{len} digits, IMpb application identifier {}", &n[..2]);
    with_digit(Carrier::Usps, shape, GS1, mod10(&n.as_bytes()[..len - 1], 3, 1, true), digit_at(n, len - 1))
}

/// The 420 + ZIP routing prefix's possible lengths (ZIP+4 first, as the data's greedy
/// regex tries it), each giving the offset where the package number starts.
fn routings(n: &str) -> impl Iterator<Item = usize> + '_ {
    [12, 8].into_iter().filter(move |_| n.starts_with("420") && digits(n))
}

fn zip(n: &str, start: usize) -> String {
    if start == 12 { format!("{}-{}", &n[3..8], &n[8..12]) } else { n[3..8].to_string() }
}

/// Where the IMpb serial starts inside a `420`+ZIP number, if it parses as one.
fn impb_start(n: &str) -> Option<usize> {
    // ZIP+4 is followed by 22 IMpb digits, a 5-digit ZIP by 22 or 26 (the data's lookaheads).
    let fits = |s: usize| matches!((s, n.len() - s), (12, 22) | (8, 22 | 26));
    let parses: Vec<usize> =
        routings(n).filter(|s| fits(*s) && usps_impb(&n[*s..], n.len() - s).is_some()).collect();
    // Prefer the parse whose check digit holds.
    parses
        .iter()
        .copied()
        .find(|s| matches!(usps_impb(&n[*s..], n.len() - s), Some(p) if is_valid(&p)))
        .or(parses.first().copied())
}

fn is_valid(p: &Parsed) -> bool {
    match p.check {
        Check::None(_) => true,
        Check::Digit { expected, found, .. } => expected == found,
    }
}

fn usps_420_impb(n: &str) -> Option<Parsed> {
    if !matches!(n.len(), 30 | 34) {
        return None;
    }
    let start = impb_start(n)?;
    let inner_len = n.len() - start;
    if !matches!(inner_len, 22 | 26) {
        return None;
    }
    let inner = usps_impb(&n[start..], inner_len)?;
    let shape = format!(
        "{} digits: 420 + ZIP {} routing prefix, then {} IMpb digits with application identifier {}",
        n.len(),
        zip(n, start),
        inner_len,
        &n[start..start + 2]
    );
    Some(Parsed { shape, ..inner })
}

/// The legacy (pre-IMpb) 20 or 22 digits: an optional `91` application identifier, 2 service,
/// 9 shipper and 8 package digits, check digit. The check digit always covers the `91`,
/// implied when it is not printed.
fn legacy(n: &str) -> Option<(String, Option<u8>)> {
    let body = &n.as_bytes()[..n.len() - 1];
    match n.len() {
        22 if n.starts_with("91") => Some(("91 application identifier".into(), mod10(body, 3, 1, false))),
        20 => {
            let mut seq = b"91".to_vec();
            seq.extend_from_slice(body);
            Some((
                "check digit computed with the implied 91 application identifier".into(),
                mod10(&seq, 3, 1, false),
            ))
        }
        _ => None,
    }
}

fn usps_legacy_22(n: &str) -> Option<Parsed> {
    if n.len() != 22 || !digits(n) {
        return None;
    }
    let (note, expected) = legacy(n)?;
    with_digit(Carrier::Usps, format!("22 digits, {note}"), GS1, expected, digit_at(n, 21))
}

fn usps_legacy_20(n: &str) -> Option<Parsed> {
    // A 20-digit number that already starts with 91 is checked without another 91: that is
    // exactly "USPS 20", so it is left to that format.
    if n.len() != 20 || !digits(n) || n.starts_with("91") {
        return None;
    }
    let (note, expected) = legacy(n)?;
    with_digit(Carrier::Usps, format!("20 digits, {note}"), GS1, expected, digit_at(n, 19))
}

fn usps_420_legacy(n: &str) -> Option<Parsed> {
    if !matches!(n.len(), 28 | 30 | 32 | 34) {
        return None;
    }
    let mut first = None;
    for start in routings(n) {
        let inner = &n[start..];
        let Some((note, expected)) = (match inner.len() {
            // A printed 20 that starts with 91 is checked as printed, like "USPS 20".
            20 if inner.starts_with("91") => {
                Some(("".to_string(), mod10(&inner.as_bytes()[..19], 3, 1, false)))
            }
            20 | 22 => legacy(inner),
            _ => None,
        }) else {
            continue;
        };
        let shape = format!(
            "{} digits: 420 + ZIP {} routing prefix, then {} legacy digits{}{note}",
            n.len(),
            zip(n, start),
            inner.len(),
            if note.is_empty() { "" } else { ", " }
        );
        let parsed = with_digit(Carrier::Usps, shape, GS1, expected, digit_at(n, n.len() - 1))?;
        if is_valid(&parsed) {
            return Some(parsed);
        }
        first.get_or_insert(parsed);
    }
    first
}

fn usps_20(n: &str) -> Option<Parsed> {
    if n.len() != 20 || !digits(n) {
        return None;
    }
    let expected = mod10(&n.as_bytes()[..19], 3, 1, false);
    with_digit(Carrier::Usps, "20 digits".into(), GS1, expected, digit_at(n, 19))
}

// --- UPU S10 ---------------------------------------------------------------------------

fn s10_service(indicator: &str) -> Option<&'static str> {
    let b = indicator.as_bytes();
    Some(match (b[0], b[1]) {
        (b'E', _) => "EMS",
        (b'L', _) => "letter post express",
        (b'M', _) => "M-bag",
        (b'Q', b'A'..=b'M') => "IBRS",
        (b'R', _) => "registered letter post",
        (b'U', _) => "letter post",
        (b'V', _) => "insured letter post",
        (b'C', _) => "parcel post",
        (b'H', _) => "e-commerce parcel",
        (b'B' | b'D' | b'N' | b'P' | b'Z', _) | (b'A', b'V'..=b'Z') | (b'G', b'A' | b'D') => "domestic",
        _ => return None,
    })
}

fn upu_s10(n: &str) -> Option<Parsed> {
    let b = n.as_bytes();
    if b.len() != 13
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !digits(&n[2..11])
        || !b[11..].iter().all(u8::is_ascii_uppercase)
    {
        return None;
    }
    let country = &n[11..];
    let operator = s10_countries::operator(country)?;
    let carrier = if country == "US" { Carrier::Usps } else { Carrier::Upu };
    let service = s10_service(&n[..2]).map(|s| format!(" ({s})")).unwrap_or_default();
    let shape =
        format!("13 characters, UPU S10: service {}{service}, issued by {operator} ({country})", &n[..2]);
    with_digit(carrier, shape, "S10 mod-11", s10(&b[2..10]), digit_at(n, 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_grouped_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for w in FORMATS.windows(2) {
            assert!(w[0].specificity <= w[1].specificity, "{} is after {}", w[0].name, w[1].name);
        }
        for f in FORMATS {
            assert!(seen.insert(f.name), "{} twice", f.name);
        }
    }

    #[test]
    fn a_routing_prefix_leaves_a_whole_impb() {
        // ZIP+4 would leave 18 digits starting 95: not an IMpb, so the 5-digit ZIP it is.
        let n = "420921869522959937232400250808";
        assert_eq!(impb_start(n), Some(8));
        assert!(usps_420_impb(n).is_some_and(|p| is_valid(&p)));
    }

    #[test]
    fn zip_plus_4_is_tried_first_and_the_valid_parse_wins() {
        // 420 + ZIP 78745 + 22-digit IMpb: only the ZIP5 parse exists at 30 digits.
        assert_eq!(impb_start("420787459400111206206406260787"), Some(8));
        // 34 digits: 420 + ZIP9 + 22.
        assert_eq!(impb_start("4201028200009261290113185417468510"), Some(12));
    }
}
