//! Offline carrier detection for tracking numbers: which carrier formats a number fits, and
//! whether its check digit holds. Pure code: no network, no carrier API.
//!
//! # Why
//!
//! Support staff paste a number from an email or a customer and need to know whom to ask.
//! Carriers do not share one namespace, so the answer is a ranked list of [`Candidate`]s,
//! each with a `reason` a human can check ("18 characters, 1Z prefix, mod-10 check digit 7
//! matches"). The caller tracks with the first one and shows the others; a forced
//! `--carrier` that no candidate supports gets a warning from [`check`].
//!
//! # Formats and check digits
//!
//! The formats are those of `reference/services.md` §3e and of jkeen/tracking_number_data
//! (MIT; `ups.json`, `fedex.json`, `dhl.json`, `usps.json`, `s10.json`), whose test numbers
//! `tests/tracking_detect.rs` runs. Each algorithm is the one the data's
//! `validation.checksum` names, over the characters its `SerialNumber` group covers
//! (see `checksum.rs`):
//!
//! | Format | Shape | Check digit |
//! |---|---|---|
//! | UPS 1Z | `1Z` + 15 alphanumerics + digit (18) | `mod10` ×1/×2 over the 15; letters `(ASCII−3) mod 10` |
//! | UPS Waybill | `[AHJKTV]` + 10 digits | `mod10` ×1/×2 over the 9 digits after the letter |
//! | FedEx Express 12 | 12 digits | weights 3,1,7 over 11, `mod 11 mod 10` |
//! | FedEx Ground 15 | 15 digits | `mod10` ×1/×3 over 14 |
//! | FedEx Ground 96 (22) | `96` + 20 digits | `mod10` ×1/×3 over the 14-digit serial only |
//! | FedEx Ground GSN (34) | `96` + 32 digits | weights 1,7,3 over the 13 before the check, `mod 11 mod 10` |
//! | FedEx Express 34 | `[0-8]` + 33 digits | same as GSN |
//! | FedEx ASTRA 32 | `3` + 31 digits | an Express 12 at digits 17–28; its check digit is digit 28 |
//! | FedEx Ground SSCC (20) | `00` + 18 digits | GS1 over 19 (§3e) |
//! | FedEx Ground SSCC-18 | 18 digits | GS1 over digits 3–17 (the data leaves the container type out) |
//! | FedEx Ground Economy (92) | a USPS IMpb `92…` number | the IMpb check |
//! | DHL Express 10 / 11 | 10 or 11 digits | all but the last, as a number, `mod 7` |
//! | DHL Express Piece ID | `J` + 2–3 letters + 9–10 digits | none |
//! | DHL eCommerce | `GM`/`LX`/`RX`/`UV`/`CN`/`SG`/`TH`/`IN`/`HK`/`MY` + 10–39 alphanumerics with a digit | none |
//! | DHL eCommerce 14 | 14 digits | none |
//! | USPS 20 | 20 digits | GS1 (×3 on even positions from the left) over 19 |
//! | USPS Legacy 20 / 22 (91) | 19 digits + check, or `91` + those 20 | GS1 over `91` + the 19; the 91 is implied when not printed |
//! | USPS IMpb 22 / 26 / 30 | `92`/`93`/`94`/`95` + service + Mailer ID + package + check | GS1 from the right over all but the check |
//! | USPS IMpb / Legacy 420+ZIP | `420` + ZIP (5 or 9 digits) + one of the two above | over the part after the ZIP only |
//! | UPU S10 | 2 letters + 8 digits + check + ISO country | weights 8,6,4,2,3,5,9,7; `11 − r`, r=1→0, r=0→5; country must be a UPU member |
//!
//! A UPU S10 number is international mail: the country letters name the postal operator that
//! issued it, and the destination's post delivers it. A `…US` number is USPS's
//! ([`Carrier::Usps`]); any other is [`Carrier::Upu`], with the issuing operator in the
//! reason. USPS tracks inbound international items too, so [`check`] accepts a forced USPS
//! (or UPU) on any S10 number.
//!
//! # Ranking
//!
//! Only formats whose check digit holds, or that have none, are candidates. They are sorted,
//! deterministically, by:
//!
//! 1. **Check digit**: [`CheckDigit::Valid`] before [`CheckDigit::NoCheckDigit`]. A random
//!    string passes a check digit one time in ten; a format without one accepts anything of
//!    its shape.
//! 2. **Specificity**: formats anchored by a literal prefix or by letters (`1Z`, `96`, `00`,
//!    `420`+ZIP, `91`–`95`, S10's letters, a waybill letter, `J…`, `GM…`) before formats
//!    recognised by their digit count alone (12, 15, 20, 34, …).
//! 3. **Table order** (`detect.rs`, `FORMATS`), which lists more specific formats first
//!    within each group, and the carrier that owns a shared shape ahead of the one that
//!    borrows it: USPS IMpb before FedEx Ground Economy on `92…`, and `420`+ZIP before
//!    FedEx Express 34.
//!
//! A number yields at most one candidate per format.
//!
//! # What stays ambiguous
//!
//! * **`92…` IMpb**: FedEx Ground Economy (formerly SmartPost) labels carry USPS numbers;
//!   USPS is ranked first because USPS delivers and tracks them, FedEx follows.
//! * **34 digits starting `420`**: a USPS `420`+ZIP label or a FedEx Express 34 barcode.
//!   Each has its own check digit, so both survive only one time in ten; then USPS (prefix)
//!   wins.
//! * **20 digits starting `00`**: the FedEx SSCC and USPS 20 use the same GS1 sum, so every
//!   valid SSCC is also a valid USPS 20; the `00` prefix ranks FedEx first.
//! * **USPS 20 vs USPS Legacy 20**: the same 20 digits checked with and without the implied
//!   `91`. The two sums differ by 28, so at most one holds.
//! * **S10 vs DHL eCommerce**: `LX…`, `RX…`, `CN…` S10 numbers also fit DHL eCommerce's
//!   unchecked shape; the S10 check digit ranks the post first.
//! * **No check digit** (DHL piece ids, DHL eCommerce, DHL eCommerce 14): any number of that
//!   shape is a candidate, always after every check-digit match.
//! * Carriers outside this module (OnTrac, LaserShip, Amazon, …) share 10–15 and 20–22 digit
//!   shapes with these; a number of theirs may be reported as one of ours.
//!
//! # Where this differs from tracking_number_data
//!
//! * **USPS IMpb** follows §3e: any 22, 26 or 30 digits starting `92`–`95` with a valid GS1
//!   digit. The data set also pins the Mailer ID length to the application identifier (`92`
//!   needs a 9-digit MID starting with 9, `93` a 6-digit one, 30 digits only for `94`); real
//!   labels and the sandbox's `9205…` numbers do not always follow that, and the check digit
//!   already does the work.
//! * **FedEx Ground SSCC (20)** (`00` + 18, §3e) and **FedEx Ground Economy (92)** (§3e's
//!   ambiguity note) are not in the data set. Its **SSCC-18** checks digits 3–17 only, as
//!   the data says, where GS1 would include the first two; the two agree when they are `00`.
//! * **USPS Legacy 20** starting `91` is left to "USPS 20": the data checks it as printed,
//!   which is the same sum.
//! * **UPU S10** needs a country code the UPU lists (`s10_countries.rs`, from `s10.json`).
//!
//! Inputs are normalised first ([`normalize`]): spaces, other whitespace and dashes are
//! removed and letters upper-cased. Anything still not ASCII matches nothing.

mod checksum;
mod detect;
mod s10_countries;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use detect::{Check, FORMATS, UPU_S10};

/// A carrier detection can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Carrier {
    Fedex,
    Ups,
    Dhl,
    Usps,
    /// International post (UPU S10) issued outside the US: the issuing postal operator, and
    /// at the other end the destination's post, track it.
    Upu,
}

impl Carrier {
    pub const ALL: [Carrier; 5] = [Carrier::Fedex, Carrier::Ups, Carrier::Dhl, Carrier::Usps, Carrier::Upu];

    /// The lower-case name `--carrier` takes and JSON prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Carrier::Fedex => "fedex",
            Carrier::Ups => "ups",
            Carrier::Dhl => "dhl",
            Carrier::Usps => "usps",
            Carrier::Upu => "upu",
        }
    }
}

impl fmt::Display for Carrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Carrier::Fedex => "FedEx",
            Carrier::Ups => "UPS",
            Carrier::Dhl => "DHL",
            Carrier::Usps => "USPS",
            Carrier::Upu => "UPU post",
        })
    }
}

impl FromStr for Carrier {
    type Err = String;
    fn from_str(s: &str) -> Result<Carrier, String> {
        let lower = s.trim().to_ascii_lowercase();
        Carrier::ALL
            .into_iter()
            .find(|c| c.as_str() == lower)
            .ok_or_else(|| format!("unknown carrier {s:?}: expected fedex, ups, dhl, usps or upu"))
    }
}

/// Whether the candidate's format checked a check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckDigit {
    /// The format has a check digit and it matches.
    Valid,
    /// The format has no check digit: only the shape matched.
    NoCheckDigit,
}

/// One format a number fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub carrier: Carrier,
    /// The format's name, e.g. "UPS 1Z", "FedEx Express 12", "USPS IMpb 22".
    pub format: &'static str,
    pub check_digit: CheckDigit,
    /// Why: the shape and the check digit, e.g. "18 characters, 1Z prefix, mod-10 check
    /// digit 7 matches".
    pub reason: String,
}

/// Removes whitespace and dashes and upper-cases, as tracking numbers are printed in groups
/// ("9400 1112 0108 0805 4830 16", "1z-5r8…").
pub fn normalize(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
}

/// Every format `input` fits whose check digit holds (or that has none), best first. The
/// ranking is in the module docs.
pub fn detect(input: &str) -> Vec<Candidate> {
    let n = normalize(input);
    // Every format is ASCII; the parsers slice by byte offsets and rely on this.
    if !n.is_ascii() {
        return Vec::new();
    }
    let mut found: Vec<(usize, Candidate)> = Vec::new();
    for (i, format) in FORMATS.iter().enumerate() {
        let Some(p) = (format.parse)(&n) else { continue };
        let (check_digit, reason) = match p.check {
            Check::None(why) => (CheckDigit::NoCheckDigit, format!("{}; {why}", p.shape)),
            Check::Digit { algorithm, expected, found } if expected == found => {
                (CheckDigit::Valid, format!("{}, {algorithm} check digit {found} matches", p.shape))
            }
            Check::Digit { .. } => continue,
        };
        found.push((i, Candidate { carrier: p.carrier, format: format.name, check_digit, reason }));
    }
    // Stable and total: (check digit, specificity, table position).
    found.sort_by_key(|(i, c)| (c.check_digit == CheckDigit::NoCheckDigit, FORMATS[*i].specificity, *i));
    found.into_iter().map(|(_, c)| c).collect()
}

/// Whether `input` can be a `carrier` number: `Ok` when one of its candidates is that
/// carrier's, otherwise why not (a failed check digit, or no format of that carrier), for
/// the caller to warn with before it tracks with the forced carrier anyway.
pub fn check(carrier: Carrier, input: &str) -> Result<(), String> {
    let n = normalize(input);
    if n.is_empty() {
        return Err("the tracking number is empty".into());
    }
    let found = detect(&n);
    let post = matches!(carrier, Carrier::Usps | Carrier::Upu);
    if found.iter().any(|c| c.carrier == carrier || (post && c.format == UPU_S10)) {
        return Ok(());
    }
    let near: Vec<String> = FORMATS
        .iter()
        .filter(|f| f.carrier == carrier && n.is_ascii())
        .filter_map(|f| match (f.parse)(&n)?.check {
            Check::Digit { algorithm, expected, found } if expected != found => Some(format!(
                "it has the shape of {} but its check digit is {found} where the {algorithm} sum gives {expected}",
                f.name
            )),
            _ => None,
        })
        .collect();
    let mut msg = if near.is_empty() {
        format!("{n} does not match any {carrier} tracking number format")
    } else {
        format!("{n} is not a valid {carrier} tracking number: {}", near.join("; "))
    };
    if let Some(best) = found.first() {
        msg.push_str(&format!(" (it looks like {}: {})", best.format, best.reason));
    }
    Err(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(n: &str) -> Candidate {
        detect(n).into_iter().next().unwrap_or_else(|| panic!("{n}: nothing detected"))
    }

    #[test]
    fn normalize_strips_spaces_and_dashes_and_uppercases() {
        assert_eq!(normalize(" 1z-5r89 3903\t57567127\n"), "1Z5R89390357567127");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn services_md_reference_numbers_are_detected_first_as_their_format() {
        for (n, carrier, format) in [
            ("1Z5R89390357567127", Carrier::Ups, "UPS 1Z"),
            ("1Z879E930346834440", Carrier::Ups, "UPS 1Z"),
            ("1Z410E7W0392751591", Carrier::Ups, "UPS 1Z"),
            ("986578788855", Carrier::Fedex, "FedEx Express 12"),
            ("477179081230", Carrier::Fedex, "FedEx Express 12"),
            ("799531274483", Carrier::Fedex, "FedEx Express 12"),
            ("041441760228964", Carrier::Fedex, "FedEx Ground 15"),
            ("568283610012000", Carrier::Fedex, "FedEx Ground 15"),
            ("00012345000000000027", Carrier::Fedex, "FedEx Ground SSCC (20)"),
            ("9611020987654312345672", Carrier::Fedex, "FedEx Ground 96 (22)"),
            ("3318810025", Carrier::Dhl, "DHL Express 10"),
            ("8487135506", Carrier::Dhl, "DHL Express 10"),
            ("73891051146", Carrier::Dhl, "DHL Express 11"),
            ("03071790000523483741", Carrier::Usps, "USPS 20"),
            ("71123456789123456787", Carrier::Usps, "USPS 20"),
            ("9400111206206406260787", Carrier::Usps, "USPS IMpb 22"),
            ("420787459400111206206406260787", Carrier::Usps, "USPS IMpb 420+ZIP"),
            ("RB123456785GB", Carrier::Upu, "UPU S10"),
            ("RB123456785US", Carrier::Usps, "UPU S10"),
        ] {
            let c = first(n);
            assert_eq!((c.carrier, c.format), (carrier, format), "{n}: {c:?}");
            assert_eq!(c.check_digit, CheckDigit::Valid, "{n}");
        }
    }

    #[test]
    fn an_altered_check_digit_drops_the_format() {
        for n in [
            "1Z5R89390357567127",
            "986578788855",
            "041441760228964",
            "00012345000000000027",
            "9611020987654312345672",
            "3318810025",
            "73891051146",
            "03071790000523483741",
            "9400111206206406260787",
            "420787459400111206206406260787",
        ] {
            let format = first(n).format;
            let mut bad = n.to_string();
            let last = bad.pop().unwrap().to_digit(10).unwrap();
            bad.push(char::from_digit((last + 1) % 10, 10).unwrap());
            assert!(detect(&bad).iter().all(|c| c.format != format), "{bad} still {format}");
        }
        assert!(detect("RB123456786GB").iter().all(|c| c.format != "UPU S10"));
    }

    #[test]
    fn reason_explains_shape_and_check_digit() {
        assert_eq!(
            first("1Z5R89390357567127").reason,
            "18 characters, 1Z prefix, mod-10 check digit 7 matches"
        );
        assert!(first("420787459400111206206406260787").reason.contains("ZIP 78745"));
        assert!(first("RB123456785GB").reason.contains("Royal Mail"));
    }

    #[test]
    fn input_with_spaces_and_lower_case_is_detected() {
        assert_eq!(first(" 1z 5r8 939-0357567127 ").format, "UPS 1Z");
    }

    #[test]
    fn check_digit_matches_rank_above_unchecked_shapes() {
        // LX… S10 also fits DHL eCommerce's unchecked shape. Find an LX…DE number with a
        // valid S10 digit from the reference serial.
        let all = detect("LX123456785DE");
        assert_eq!(all[0].format, "UPU S10");
        assert_eq!(all[0].carrier, Carrier::Upu);
        assert_eq!(all[1].format, "DHL eCommerce");
        assert_eq!(all[1].check_digit, CheckDigit::NoCheckDigit);
    }

    #[test]
    fn collisions_are_ranked_by_prefix() {
        // A valid SSCC is a valid USPS 20 too.
        let all: Vec<_> = detect("00012345000000000027").iter().map(|c| c.format).collect();
        assert_eq!(all, ["FedEx Ground SSCC (20)", "USPS 20"]);
        // 92… IMpb: USPS, then FedEx Ground Economy.
        let all: Vec<_> = detect("9261292700768711948021").iter().map(|c| (c.carrier, c.format)).collect();
        assert_eq!(all, [(Carrier::Usps, "USPS IMpb 22"), (Carrier::Fedex, "FedEx Ground Economy (92)")]);
    }

    #[test]
    fn garbage_is_nothing() {
        for n in ["", "hello", "1Z", "12345", "!!!!!!!!!!!!"] {
            assert!(detect(n).is_empty(), "{n}");
        }
    }

    #[test]
    fn non_ascii_input_is_nothing_and_never_panics() {
        for n in
            ["AB12345678é9X", "1Zé123456789012345", "420é1234567890123456789012345678", "ＲＢ123456785GB"]
        {
            assert!(detect(n).is_empty(), "{n}");
            assert!(check(Carrier::Usps, n).is_err(), "{n}");
        }
    }

    #[test]
    fn check_accepts_candidates_and_explains_the_rest() {
        assert_eq!(check(Carrier::Ups, "1Z5R89390357567127"), Ok(()));
        assert_eq!(check(Carrier::Fedex, "9261292700768711948021"), Ok(()));
        assert_eq!(check(Carrier::Usps, "RB123456785GB"), Ok(()));
        let e = check(Carrier::Fedex, "1Z5R89390357567127").unwrap_err();
        assert!(e.contains("does not match any FedEx") && e.contains("UPS 1Z"), "{e}");
        let e = check(Carrier::Fedex, "986578788856").unwrap_err();
        assert!(
            e.contains("FedEx Express 12") && e.contains("check digit is 6") && e.contains("gives 5"),
            "{e}"
        );
        assert!(check(Carrier::Dhl, " ").is_err());
    }

    #[test]
    fn carrier_parses_and_serializes_snake_case() {
        assert_eq!("FedEx".parse::<Carrier>(), Ok(Carrier::Fedex));
        assert!("royal".parse::<Carrier>().is_err());
        let c = first("1Z5R89390357567127");
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["carrier"], "ups");
        assert_eq!(v["check_digit"], "valid");
        assert_eq!(v["format"], "UPS 1Z");
    }
}
