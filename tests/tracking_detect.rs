//! `shopdesk::tracking::detect` against three independent sources:
//!
//! 1. the test numbers of jkeen/tracking_number_data (MIT) in `../shared/reference/`,
//!    for every UPS, FedEx, DHL, USPS and S10 format (skipped when the folder is absent);
//! 2. random numbers per format, built with check-digit code written here from the specs,
//!    and the same numbers with one digit changed;
//! 3. the sandbox's own generators (`shopdesk::sandbox::tracking`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use shopdesk::tracking::{Candidate, Carrier, CheckDigit, check, detect, normalize};

// --- 1. tracking_number_data ----------------------------------------------------------

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/tracking-number-data");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIPPED: {} is absent", dir.display());
        None
    }
}

/// The data set's format (its `id`, or `name` where it has none) → the `detect` formats
/// that implement it. One data format can be several of ours: they split by length or by
/// the `420`+ZIP routing prefix.
fn our_formats(courier: &str, id: &str) -> &'static [&'static str] {
    match (courier, id) {
        ("ups", "ups") => &["UPS 1Z"],
        ("ups", "UPS Waybill") => &["UPS Waybill"],
        ("fedex", "fedex_12") => &["FedEx Express 12"],
        ("fedex", "fedex_34") => &["FedEx Express 34"],
        ("fedex", "fedex_astra_32") => &["FedEx ASTRA 32"],
        ("fedex", "fedex_ground") => &["FedEx Ground 15"],
        ("fedex", "fedex_ground_sscc_18") => &["FedEx Ground SSCC-18"],
        ("fedex", "fedex_ground_96") => &["FedEx Ground 96 (22)"],
        ("fedex", "fedex_ground_gsn") => &["FedEx Ground GSN (34)"],
        ("dhl", "dhl_express") => &["DHL Express 10", "DHL Express 11"],
        ("dhl", "dhl_express_piece_id") => &["DHL Express Piece ID"],
        ("dhl", "dhl_ecommerce") => &["DHL eCommerce"],
        ("dhl", "dhl_ecommerce_14") => &["DHL eCommerce 14"],
        ("usps", "usps_20") => &["USPS 20"],
        ("usps", "usps_impb_n" | "usps_impb_c") => {
            &["USPS IMpb 22", "USPS IMpb 26", "USPS IMpb 30", "USPS IMpb 420+ZIP"]
        }
        // A 20-digit legacy number that already starts with 91 is checked as printed, which
        // is "USPS 20" (detect.rs: usps_legacy_20).
        ("usps", "usps_legacy") => {
            &["USPS Legacy 20", "USPS Legacy 22 (91)", "USPS Legacy 420+ZIP", "USPS 20"]
        }
        ("s10", "s10") => &["UPU S10"],
        _ => panic!("{courier}: format {id} is not mapped; add it to detect.rs and here"),
    }
}

fn carrier_of(courier: &str, number: &str) -> Carrier {
    match courier {
        "ups" => Carrier::Ups,
        "fedex" => Carrier::Fedex,
        "dhl" => Carrier::Dhl,
        "usps" => Carrier::Usps,
        // S10 belongs to the issuing post: USPS for …US, the UPU variant otherwise.
        "s10" if normalize(number).ends_with("US") => Carrier::Usps,
        "s10" => Carrier::Upu,
        _ => unreachable!(),
    }
}

/// Valid data-set numbers whose first candidate is another carrier's, and why. Empty today:
/// every collision among these carriers is settled by a check digit or a prefix. A new entry
/// here must say which format wins and why that is right.
const RANKED_BELOW_ANOTHER_CARRIER: &[(&str, &str)] = &[];

struct Case {
    courier: String,
    id: String,
    number: String,
    valid: bool,
}

fn data_cases(dir: &std::path::Path) -> Vec<Case> {
    let mut cases = Vec::new();
    for courier in ["ups", "fedex", "dhl", "usps", "s10"] {
        let path = dir.join(format!("{courier}.json"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        for format in json["tracking_numbers"].as_array().unwrap() {
            let id = format["id"].as_str().or(format["name"].as_str()).unwrap().to_string();
            for (key, valid) in [("valid", true), ("invalid", false)] {
                for n in format["test_numbers"][key].as_array().unwrap() {
                    let number = n.as_str().unwrap().to_string();
                    cases.push(Case { courier: courier.into(), id: id.clone(), number, valid });
                }
            }
        }
    }
    cases
}

fn describe(found: &[Candidate]) -> String {
    found.iter().map(|c| format!("\n    {:?} {} ({})", c.carrier, c.format, c.reason)).collect()
}

#[test]
fn data_set_valid_numbers_are_detected_and_invalid_ones_are_not() {
    let Some(dir) = data_dir() else { return };
    let cases = data_cases(&dir);
    let mut failures = Vec::new();
    let mut counts: BTreeMap<(String, bool), usize> = BTreeMap::new();
    for case in &cases {
        *counts.entry((case.courier.clone(), case.valid)).or_default() += 1;
        let found = detect(&case.number);
        let ours = our_formats(&case.courier, &case.id);
        let as_format = found.iter().any(|c| ours.contains(&c.format));
        if !case.valid {
            if as_format {
                failures.push(format!(
                    "{} {:?} invalid, but detected as:{}",
                    case.id,
                    case.number,
                    describe(&found)
                ));
            }
            continue;
        }
        let carrier = carrier_of(&case.courier, &case.number);
        let ok = found.iter().any(|c| c.carrier == carrier && ours.contains(&c.format));
        if !ok {
            failures.push(format!(
                "{} {:?} valid, not detected as {carrier:?}:{}",
                case.id,
                case.number,
                describe(&found)
            ));
            continue;
        }
        let excepted =
            RANKED_BELOW_ANOTHER_CARRIER.iter().any(|(n, _)| normalize(n) == normalize(&case.number));
        if found[0].carrier != carrier && !excepted {
            failures.push(format!(
                "{} {:?}: {carrier:?} is not first:{}",
                case.id,
                case.number,
                describe(&found)
            ));
        }
        if found[0].carrier == carrier && excepted {
            failures
                .push(format!("{:?} is listed as ranked below another carrier but is first", case.number));
        }
        if let Err(e) = check(carrier, &case.number) {
            failures.push(format!("{:?}: check({carrier:?}) refused it: {e}", case.number));
        }
    }
    println!("tracking_number_data cases (courier, valid) → count: {counts:?}");
    assert!(counts.values().sum::<usize>() > 100, "expected the full data set, got {counts:?}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

// --- 2. random numbers per format -----------------------------------------------------

/// xorshift64*: deterministic, no crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }
    fn from(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n).map(|_| char::from(alphabet[self.below(alphabet.len())])).collect()
    }
}

// Check digits written again from services.md §3e and the data's `validation.checksum`,
// independently of src/tracking/checksum.rs.

fn value(c: u8) -> u32 {
    if c.is_ascii_digit() { u32::from(c - b'0') } else { (u32::from(c) - 3) % 10 }
}

/// Weights applied from the left (index 0 = first weight), complement to a multiple of 10.
fn mod10_left(s: &str, even: u32, odd: u32) -> u8 {
    let sum: u32 = s.bytes().enumerate().map(|(i, c)| value(c) * if i % 2 == 0 { even } else { odd }).sum();
    ((10 - sum % 10) % 10) as u8
}

/// GS1: the rightmost data digit weighs 3.
fn gs1_right(s: &str) -> u8 {
    let sum: u32 = s.bytes().rev().enumerate().map(|(i, c)| value(c) * if i % 2 == 0 { 3 } else { 1 }).sum();
    ((10 - sum % 10) % 10) as u8
}

fn weighted_mod11_mod10(s: &str, weights: &[u32]) -> u8 {
    let sum: u32 = s.bytes().zip(weights.iter().cycle()).map(|(c, w)| value(c) * w).sum();
    (sum % 11 % 10) as u8
}

fn mod7(s: &str) -> u8 {
    (s.parse::<u128>().unwrap() % 7) as u8
}

fn s10(s: &str) -> u8 {
    let sum: u32 = s.bytes().zip([8, 6, 4, 2, 3, 5, 9, 7]).map(|(c, w)| value(c) * w).sum();
    match sum % 11 {
        0 => 5,
        1 => 0,
        r => (11 - r) as u8,
    }
}

/// One generated number: where its check digit is, which characters it covers that are free
/// to change without leaving the format's shape, and how to recompute it.
struct Generated {
    number: String,
    check_at: usize,
    free: Vec<usize>,
    recompute: fn(&str) -> u8,
}

struct Spec {
    format: &'static str,
    carrier: Carrier,
    /// The most single-character changes, in percent, the check digit may fail to see: 0
    /// for the ×1/×3 sums, which see every one.
    unseen_percent_max: usize,
    make: fn(&mut XorShift) -> Generated,
}

const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Appends the check digit `f(body[covered])` (plus `tail`) to `body`.
fn finish(body: String, covered: std::ops::Range<usize>, tail: &str, f: fn(&str) -> u8) -> Generated {
    let check = f(&body[covered.clone()]);
    let check_at = body.len();
    let number = format!("{body}{check}{tail}");
    Generated { number, check_at, free: covered.collect(), recompute: f }
}

fn gen_with_fixed(mut g: Generated, fixed: usize) -> Generated {
    g.free.retain(|i| *i >= fixed);
    g
}

// Recomputers take the whole number and read their covered range, so a mutated number can
// be judged with the same function.
fn ups_1z(n: &str) -> u8 {
    mod10_left(&n[2..17], 1, 2)
}
fn ups_waybill(n: &str) -> u8 {
    mod10_left(&n[1..10], 1, 2)
}
fn fedex_12(n: &str) -> u8 {
    weighted_mod11_mod10(&n[..11], &[3, 1, 7])
}
fn fedex_15(n: &str) -> u8 {
    mod10_left(&n[..14], 1, 3)
}
fn fedex_96(n: &str) -> u8 {
    mod10_left(&n[7..21], 1, 3)
}
fn fedex_serial13(n: &str) -> u8 {
    weighted_mod11_mod10(&n[20..33], &[1, 7, 3])
}
fn fedex_astra(n: &str) -> u8 {
    weighted_mod11_mod10(&n[16..27], &[3, 1, 7])
}
fn sscc_20(n: &str) -> u8 {
    mod10_left(&n[..19], 3, 1)
}
fn sscc_18(n: &str) -> u8 {
    mod10_left(&n[2..17], 3, 1)
}
fn dhl(n: &str) -> u8 {
    mod7(&n[..n.len() - 1])
}
fn usps_20(n: &str) -> u8 {
    mod10_left(&n[..19], 3, 1)
}
fn usps_legacy_20(n: &str) -> u8 {
    mod10_left(&format!("91{}", &n[..19]), 3, 1)
}
fn usps_legacy_22(n: &str) -> u8 {
    mod10_left(&n[..21], 3, 1)
}
fn impb(n: &str) -> u8 {
    gs1_right(&n[..n.len() - 1])
}
fn impb_after_zip5(n: &str) -> u8 {
    gs1_right(&n[8..n.len() - 1])
}
fn impb_after_zip9(n: &str) -> u8 {
    gs1_right(&n[12..n.len() - 1])
}
fn legacy_after_zip5(n: &str) -> u8 {
    let inner = &n[8..n.len() - 1];
    if inner.starts_with("91") { mod10_left(inner, 3, 1) } else { mod10_left(&format!("91{inner}"), 3, 1) }
}
fn s10_serial(n: &str) -> u8 {
    s10(&n[2..10])
}

const SPECS: &[Spec] = &[
    Spec {
        format: "UPS 1Z",
        carrier: Carrier::Ups,
        // ×2 misses a change of 5, and 36 characters share 10 values (A=2 like 2, K=2, …)
        unseen_percent_max: 20,
        make: |r| {
            let body = format!("1Z{}", r.from(ALNUM, 15));
            let mut g = finish(body, 2..17, "", |s| mod10_left(s, 1, 2));
            g.recompute = ups_1z;
            g
        },
    },
    Spec {
        format: "UPS Waybill",
        carrier: Carrier::Ups,
        unseen_percent_max: 10,
        make: |r| {
            let body = format!("{}{}", r.from(b"AHJKTV", 1), r.digits(9));
            let mut g = finish(body, 1..10, "", |s| mod10_left(s, 1, 2));
            g.recompute = ups_waybill;
            g
        },
    },
    Spec {
        format: "FedEx Express 12",
        carrier: Carrier::Fedex,
        unseen_percent_max: 10, // mod 11 then mod 10: remainders 0 and 10 both give 0
        make: |r| {
            let mut g = finish(r.digits(11), 0..11, "", |s| weighted_mod11_mod10(s, &[3, 1, 7]));
            g.recompute = fedex_12;
            g
        },
    },
    Spec {
        format: "FedEx Ground 15",
        carrier: Carrier::Fedex,
        unseen_percent_max: 0,
        make: |r| {
            let mut g = finish(r.digits(14), 0..14, "", |s| mod10_left(s, 1, 3));
            g.recompute = fedex_15;
            g
        },
    },
    Spec {
        format: "FedEx Ground 96 (22)",
        carrier: Carrier::Fedex,
        unseen_percent_max: 0,
        make: |r| {
            let body = format!("96{}{}", r.digits(5), r.digits(14));
            let mut g = finish(body, 7..21, "", |s| mod10_left(s, 1, 3));
            g.recompute = fedex_96;
            g
        },
    },
    Spec {
        format: "FedEx Ground GSN (34)",
        carrier: Carrier::Fedex,
        unseen_percent_max: 10,
        make: |r| {
            let body = format!("96{}{}", r.digits(18), r.digits(13));
            let mut g = finish(body, 20..33, "", |s| weighted_mod11_mod10(s, &[1, 7, 3]));
            g.recompute = fedex_serial13;
            g
        },
    },
    Spec {
        format: "FedEx Express 34",
        carrier: Carrier::Fedex,
        unseen_percent_max: 10,
        make: |r| {
            // Not starting 420, which would make it a USPS routing prefix candidate as well.
            let body = format!("1{}{}", r.digits(19), r.digits(13));
            let mut g = finish(body, 20..33, "", |s| weighted_mod11_mod10(s, &[1, 7, 3]));
            g.recompute = fedex_serial13;
            g
        },
    },
    Spec {
        format: "FedEx ASTRA 32",
        carrier: Carrier::Fedex,
        unseen_percent_max: 10,
        make: |r| {
            let body = format!("3{}{}", r.digits(15), r.digits(11));
            let tail = r.digits(4);
            let check = weighted_mod11_mod10(&body[16..27], &[3, 1, 7]);
            Generated {
                number: format!("{body}{check}{tail}"),
                check_at: 27,
                free: (16..27).collect(),
                recompute: fedex_astra,
            }
        },
    },
    Spec {
        format: "FedEx Ground SSCC (20)",
        carrier: Carrier::Fedex,
        unseen_percent_max: 0,
        make: |r| {
            let mut g =
                gen_with_fixed(finish(format!("00{}", r.digits(17)), 0..19, "", |s| mod10_left(s, 3, 1)), 2);
            g.recompute = sscc_20;
            g
        },
    },
    Spec {
        format: "FedEx Ground SSCC-18",
        carrier: Carrier::Fedex,
        unseen_percent_max: 0,
        make: |r| {
            let mut g = finish(r.digits(17), 2..17, "", |s| mod10_left(s, 3, 1));
            g.recompute = sscc_18;
            g
        },
    },
    Spec {
        format: "DHL Express 10",
        carrier: Carrier::Dhl,
        unseen_percent_max: 10, // a change of 7 keeps the remainder mod 7
        make: |r| {
            let mut g = finish(r.digits(9), 0..9, "", mod7);
            g.recompute = dhl;
            g
        },
    },
    Spec {
        format: "DHL Express 11",
        carrier: Carrier::Dhl,
        unseen_percent_max: 10,
        make: |r| {
            let mut g = finish(r.digits(10), 0..10, "", mod7);
            g.recompute = dhl;
            g
        },
    },
    Spec {
        format: "USPS 20",
        carrier: Carrier::Usps,
        unseen_percent_max: 0,
        make: |r| {
            // 00… would be a FedEx SSCC first; USPS 20 is then second, which is checked below.
            let body = format!("{}{}", 1 + r.below(9), r.digits(18));
            let mut g = finish(body, 0..19, "", |s| mod10_left(s, 3, 1));
            g.recompute = usps_20;
            g
        },
    },
    Spec {
        format: "USPS Legacy 20",
        carrier: Carrier::Usps,
        unseen_percent_max: 0,
        make: |r| {
            // Not starting 91, which is checked as printed ("USPS 20"); the 7 stays.
            let body = format!("7{}", r.digits(18));
            let mut g = gen_with_fixed(finish(body, 0..19, "", |s| mod10_left(&format!("91{s}"), 3, 1)), 1);
            g.recompute = usps_legacy_20;
            g
        },
    },
    Spec {
        format: "USPS Legacy 22 (91)",
        carrier: Carrier::Usps,
        unseen_percent_max: 0,
        make: |r| {
            let mut g =
                gen_with_fixed(finish(format!("91{}", r.digits(19)), 0..21, "", |s| mod10_left(s, 3, 1)), 2);
            g.recompute = usps_legacy_22;
            g
        },
    },
    Spec {
        format: "USPS IMpb 22",
        carrier: Carrier::Usps,
        unseen_percent_max: 0,
        make: |r| make_impb(r, 22),
    },
    Spec {
        format: "USPS IMpb 26",
        carrier: Carrier::Usps,
        unseen_percent_max: 0,
        make: |r| make_impb(r, 26),
    },
    Spec {
        format: "USPS IMpb 30",
        carrier: Carrier::Usps,
        unseen_percent_max: 0,
        make: |r| make_impb(r, 30),
    },
    Spec {
        format: "USPS IMpb 420+ZIP",
        carrier: Carrier::Usps,
        unseen_percent_max: 0,
        make: |r| {
            // At 34 digits a number can split as ZIP+4 + 22 or ZIP + 26. Keep the split the
            // generator means the only one with an IMpb shape, so a changed digit cannot
            // turn the other split valid.
            let impb_at =
                |n: &str, i: usize| ["92", "93", "94", "95"].iter().any(|ai| n[i..].starts_with(ai));
            let (zip, inner, recompute): (String, Generated, fn(&str) -> u8) = loop {
                let (zip, len, recompute): (String, usize, fn(&str) -> u8) = match r.below(3) {
                    0 => (r.digits(5), 22, impb_after_zip5),
                    1 => (r.digits(5), 26, impb_after_zip5),
                    _ => (r.digits(9), 22, impb_after_zip9),
                };
                let inner = make_impb(r, len);
                let n = format!("420{zip}{}", inner.number);
                let other_split = n.len() == 34 && impb_at(&n, if zip.len() == 9 { 8 } else { 12 });
                if !other_split {
                    break (zip, inner, recompute);
                }
            };
            let start = 3 + zip.len();
            let number = format!("420{zip}{}", inner.number);
            Generated {
                check_at: number.len() - 1,
                free: inner.free.iter().map(|i| i + start).collect(),
                number,
                recompute,
            }
        },
    },
    Spec {
        format: "USPS Legacy 420+ZIP",
        carrier: Carrier::Usps,
        unseen_percent_max: 0,
        make: |r| {
            let zip = r.digits(5);
            let inner =
                if r.below(2) == 0 { format!("91{}", r.digits(19)) } else { format!("7{}", r.digits(18)) };
            let number = format!("420{zip}{inner}");
            let check = legacy_after_zip5(&format!("{number}0"));
            let first_free = if inner.starts_with("91") { 10 } else { 8 };
            let free = (first_free..number.len()).collect();
            Generated {
                number: format!("{number}{check}"),
                check_at: 8 + inner.len(),
                free,
                recompute: legacy_after_zip5,
            }
        },
    },
    Spec {
        format: "UPU S10",
        carrier: Carrier::Upu,
        unseen_percent_max: 10, // remainders 0 and 6 both give 5
        make: |r| {
            let country = ["GB", "DE", "FR", "JP", "CA", "AU", "NL", "BR"][r.below(8)];
            // RX… and MY… also fit DHL eCommerce, which has no check digit and ranks after.
            let body = format!("{}{}", r.from(b"ABEMRV", 1), r.from(b"ABCDEFGHJKLMNOPQRSTUVWXYZ", 1));
            let mut g = finish(format!("{body}{}", r.digits(8)), 2..10, country, s10);
            g.recompute = s10_serial;
            g
        },
    },
];

fn make_impb(r: &mut XorShift, len: usize) -> Generated {
    let ai = ["92", "93", "94", "95"][r.below(4)];
    let mut g = gen_with_fixed(finish(format!("{ai}{}", r.digits(len - 3)), 0..len - 1, "", gs1_right), 2);
    g.recompute = impb;
    g
}

fn has(found: &[Candidate], format: &str) -> bool {
    found.iter().any(|c| c.format == format)
}

#[test]
fn random_numbers_are_detected_and_one_changed_digit_is_caught() {
    const PER_FORMAT: usize = 2_000;
    let mut rng = XorShift(0x5EED_CAFE_F00D_0001);
    let mut report = Vec::new();
    for spec in SPECS {
        let mut misses = 0;
        for _ in 0..PER_FORMAT {
            let g = (spec.make)(&mut rng);
            let n = &g.number;
            let found = detect(n);
            let mine = found.iter().find(|c| c.format == spec.format);
            let mine =
                mine.unwrap_or_else(|| panic!("{}: {n} not detected:{}", spec.format, describe(&found)));
            assert_eq!(mine.carrier, spec.carrier, "{n}");
            assert_eq!(mine.check_digit, CheckDigit::Valid, "{n}");
            assert!(found[0].format == spec.format, "{}: {n} ranks below:{}", spec.format, describe(&found));

            // Every other check digit is refused.
            let d = n.as_bytes()[g.check_at] - b'0';
            let mut bad = n.clone().into_bytes();
            bad[g.check_at] = b'0' + (d + 1 + rng.below(9) as u8) % 10;
            let bad = String::from_utf8(bad).unwrap();
            assert!(
                !has(&detect(&bad), spec.format),
                "{}: {bad} (check digit changed) detected",
                spec.format
            );

            // One covered character changed: refused unless the algorithm cannot see it.
            let at = g.free[rng.below(g.free.len())];
            let old = n.as_bytes()[at];
            let pool: &[u8] =
                if old.is_ascii_digit() && spec.format != "UPS 1Z" { b"0123456789" } else { ALNUM };
            let mut new = old;
            while new == old {
                new = pool[rng.below(pool.len())];
            }
            let mut bad = n.clone().into_bytes();
            bad[at] = new;
            let bad = String::from_utf8(bad).unwrap();
            let still_valid = (g.recompute)(&bad) == d;
            assert_eq!(
                has(&detect(&bad), spec.format),
                still_valid,
                "{}: {n} → {bad} (position {at}); the reference check says {still_valid}",
                spec.format
            );
            if still_valid {
                misses += 1;
            }
        }
        assert!(
            misses * 100 <= spec.unseen_percent_max * PER_FORMAT,
            "{}: {misses} of {PER_FORMAT} substitutions unseen",
            spec.format
        );
        report.push(format!("{}: {misses}", spec.format));
    }
    println!("{} formats × {PER_FORMAT}; substitutions the check digit cannot see: {report:?}", SPECS.len());
}

#[test]
fn random_numbers_of_formats_without_a_check_digit_are_shape_matches_ranked_last() {
    let mut rng = XorShift(0x0DD5_4A9E_0000_0002);
    for _ in 0..2_000 {
        let (letters, piece_digits, ecommerce_tail) = (2 + rng.below(2), 9 + rng.below(2), 9 + rng.below(30));
        let piece =
            format!("J{}{}", rng.from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", letters), rng.digits(piece_digits));
        let prefix = ["GM", "LX", "RX", "UV", "CN", "SG", "TH", "IN", "HK", "MY"][rng.below(10)];
        let ecommerce = format!("{prefix}{}{}", rng.digits(1), rng.from(ALNUM, ecommerce_tail));
        let fourteen = rng.digits(14);
        for (n, format) in
            [(piece, "DHL Express Piece ID"), (ecommerce, "DHL eCommerce"), (fourteen, "DHL eCommerce 14")]
        {
            let found = detect(&n);
            let c = found.iter().find(|c| c.format == format);
            let c = c.unwrap_or_else(|| panic!("{format}: {n} not detected:{}", describe(&found)));
            assert_eq!((c.carrier, c.check_digit), (Carrier::Dhl, CheckDigit::NoCheckDigit), "{n}");
            // Unchecked shapes come after every check-digit match.
            let first_unchecked =
                found.iter().position(|c| c.check_digit == CheckDigit::NoCheckDigit).unwrap();
            assert!(
                found[first_unchecked..].iter().all(|c| c.check_digit == CheckDigit::NoCheckDigit),
                "{n}"
            );
        }
    }
}

// --- 3. the sandbox's generators ------------------------------------------------------

#[test]
fn every_sandbox_tracking_number_is_detected_as_its_carrier_first() {
    use shopdesk::sandbox::seed::Rng;
    use shopdesk::sandbox::tracking::Carrier as Sandbox;
    let mut rng = Rng::new(2026);
    for (sandbox, carrier) in [
        (Sandbox::Ups, Carrier::Ups),
        (Sandbox::FedEx, Carrier::Fedex),
        (Sandbox::Usps, Carrier::Usps),
        (Sandbox::DhlExpress, Carrier::Dhl),
    ] {
        for _ in 0..1_000 {
            let n = sandbox.generate(&mut rng);
            let found = detect(&n);
            assert!(
                found.first().is_some_and(|c| c.carrier == carrier && c.check_digit == CheckDigit::Valid),
                "sandbox {sandbox:?} {n}:{}",
                describe(&found)
            );
            assert_eq!(check(carrier, &n), Ok(()), "{n}");
        }
    }
}
