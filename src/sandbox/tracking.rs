//! Tracking-number generators whose check digits pass the carriers' real algorithms
//! (reference/services.md §3e), plus the validators the tests use to prove it.

use super::seed::{self, Rng};
use jiff::Timestamp;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The carriers the sandbox ships with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    Ups,
    FedEx,
    Usps,
    DhlExpress,
}

impl Carrier {
    /// The company name as Shopify shows it in `trackingInfo.company`.
    pub fn company(self) -> &'static str {
        match self {
            Carrier::Ups => "UPS",
            Carrier::FedEx => "FedEx",
            Carrier::Usps => "USPS",
            Carrier::DhlExpress => "DHL Express",
        }
    }
    pub fn tracking_url(self, number: &str) -> String {
        match self {
            Carrier::Ups => format!("https://www.ups.com/track?tracknum={number}"),
            Carrier::FedEx => format!("https://www.fedex.com/fedextrack/?trknbr={number}"),
            Carrier::Usps => {
                format!("https://tools.usps.com/go/TrackConfirmAction?tLabels={number}")
            }
            Carrier::DhlExpress => {
                format!("https://www.dhl.com/en/express/tracking.html?AWB={number}")
            }
        }
    }
    pub fn generate(self, rng: &mut Rng) -> String {
        match self {
            Carrier::Ups => ups(rng),
            Carrier::FedEx => fedex12(rng),
            Carrier::Usps => usps_impb(rng),
            Carrier::DhlExpress => dhl_express(rng),
        }
    }
    pub fn validate(self, number: &str) -> bool {
        match self {
            Carrier::Ups => ups_valid(number),
            Carrier::FedEx => fedex12_valid(number),
            Carrier::Usps => usps_impb_valid(number),
            Carrier::DhlExpress => dhl_express_valid(number),
        }
    }
}

/// How far along a seeded parcel is in the carrier emulators (UPS, DHL, FedEx). The sandbox's own
/// words, not shopdesk's domain type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    PreTransit,
    InTransit,
    OutForDelivery,
    Delivered,
    /// A failed delivery attempt is the newest event.
    Exception,
}

impl Stage {
    /// The stage as `shopdesk track --json` spells the status it maps to.
    pub fn name(self) -> &'static str {
        match self {
            Stage::PreTransit => "pre_transit",
            Stage::InTransit => "in_transit",
            Stage::OutForDelivery => "out_for_delivery",
            Stage::Delivered => "delivered",
            Stage::Exception => "exception",
        }
    }
}

/// The stages seeded parcels cycle through, so that every status has examples in any data set
/// with a handful of parcels per carrier (the first parcel, e.g. order #1001's, is delivered).
const CYCLE: [Stage; 8] = [
    Stage::Delivered,
    Stage::InTransit,
    Stage::Delivered,
    Stage::OutForDelivery,
    Stage::Delivered,
    Stage::Exception,
    Stage::PreTransit,
    Stage::Delivered,
];

/// A seeded parcel a carrier emulator tracks.
#[derive(Debug, Clone)]
pub struct Parcel {
    pub number: String,
    /// The store whose seeded order it ships.
    pub store: seed::Store,
    /// The seeded order it ships.
    pub order: u32,
    pub stage: Stage,
    /// When the label was created (the fulfillment's creation).
    pub shipped_at: Timestamp,
}

/// The parcels of `carrier` in the seeded orders of every store emulator ([`seed::Store::data`]),
/// Shopify's first, each store's in order-number order, each with its stage. The stage follows
/// [`CYCLE`], not the store's fulfillment dates: the carrier emulators show every status on
/// purpose, whatever the store thinks.
pub fn parcels(seed_value: u64, orders: usize, carrier: Carrier) -> Vec<Parcel> {
    let mut out: Vec<Parcel> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for store in seed::Store::ALL {
        let data = store.data(seed_value, orders);
        for o in &data.orders {
            for f in o.fulfillments.iter().filter(|f| f.carrier == carrier) {
                if !seen.insert(f.tracking_number.clone()) {
                    continue;
                }
                out.push(Parcel {
                    number: f.tracking_number.clone(),
                    store,
                    order: o.number,
                    stage: CYCLE[out.len() % CYCLE.len()],
                    shipped_at: f.created_at,
                });
            }
        }
    }
    out
}

/// The parcels one carrier emulator serves, keyed by number, with the sandbox's one moving
/// part: a parcel out for delivery is delivered [`Options::deliver_after`] after it was first
/// looked up, so `track --watch` sees a delivery happen. Every other stage stays put, so the
/// seeded statuses are stable for tests and demos. The emulators read stages only through
/// [`Parcels::get`].
///
/// [`Options::deliver_after`]: super::Options::deliver_after
pub struct Parcels {
    map: BTreeMap<String, Parcel>,
    deliver_after: Duration,
    first_seen: Mutex<HashMap<String, Instant>>,
}

impl Parcels {
    pub fn new(opts: &super::Options, carrier: Carrier) -> Parcels {
        let map =
            parcels(opts.seed, opts.orders, carrier).into_iter().map(|p| (p.number.clone(), p)).collect();
        Parcels { map, deliver_after: opts.deliver_after, first_seen: Mutex::new(HashMap::new()) }
    }

    /// The parcel as it stands now (a lookup starts an out-for-delivery parcel's clock).
    pub fn get(&self, number: &str) -> Option<Parcel> {
        let mut p = self.map.get(number)?.clone();
        if p.stage == Stage::OutForDelivery {
            let mut seen = self.first_seen.lock().unwrap_or_else(|e| e.into_inner());
            let first = *seen.entry(number.to_string()).or_insert_with(Instant::now);
            if first.elapsed() >= self.deliver_after {
                p.stage = Stage::Delivered;
            }
        }
        Some(p)
    }
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.below(10) as u8)).collect()
}

fn ups_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some((u32::from(c) - 3) % 10),
        _ => None,
    }
}

fn ups_check(body: &[u8]) -> Option<u32> {
    let mut sum = 0;
    for (i, c) in body.iter().enumerate() {
        let v = ups_value(*c)?;
        sum += if i % 2 == 1 { v * 2 } else { v };
    }
    Some((10 - sum % 10) % 10)
}

/// UPS `1Z`: 6 shipper characters, 2 service digits, 7 package digits, mod-10 check digit.
pub fn ups(rng: &mut Rng) -> String {
    const ALNUM: &[u8] = b"0123456789ABCDEFGHJKLMNPRSTUVWXY";
    let shipper: String = (0..6).map(|_| char::from(ALNUM[rng.below(ALNUM.len() as u64) as usize])).collect();
    let service = ["01", "02", "03", "12", "13"][rng.below(5) as usize];
    let body = format!("{shipper}{service}{}", digits(rng, 7));
    let check = ups_check(body.as_bytes()).expect("generated from valid characters");
    format!("1Z{body}{check}")
}

pub fn ups_valid(n: &str) -> bool {
    let b = n.as_bytes();
    b.len() == 18
        && n.starts_with("1Z")
        && b[17].is_ascii_digit()
        && ups_check(&b[2..17]) == Some(u32::from(b[17] - b'0'))
}

fn fedex_check(d: &[u8]) -> u32 {
    const W: [u32; 3] = [3, 1, 7];
    let sum: u32 = d.iter().enumerate().map(|(i, c)| u32::from(c - b'0') * W[i % 3]).sum();
    sum % 11 % 10
}

/// FedEx Express 12 digits: weights 3,1,7 over the first 11, check = sum % 11 % 10.
pub fn fedex12(rng: &mut Rng) -> String {
    let body = format!("{}{}", 1 + rng.below(9), digits(rng, 10));
    let check = fedex_check(body.as_bytes());
    format!("{body}{check}")
}

pub fn fedex12_valid(n: &str) -> bool {
    let b = n.as_bytes();
    b.len() == 12 && b.iter().all(u8::is_ascii_digit) && fedex_check(&b[..11]) == u32::from(b[11] - b'0')
}

fn gs1_check_from_right(d: &[u8]) -> u32 {
    let sum: u32 =
        d.iter().rev().enumerate().map(|(i, c)| u32::from(c - b'0') * if i % 2 == 0 { 3 } else { 1 }).sum();
    (10 - sum % 10) % 10
}

/// USPS IMpb, 22 digits (`9400…` Priority / `9205…` Ground Advantage), GS1 mod-10 from the right.
pub fn usps_impb(rng: &mut Rng) -> String {
    let prefix = if rng.below(2) == 0 { "9400" } else { "9205" };
    let body = format!("{prefix}{}", digits(rng, 17));
    let check = gs1_check_from_right(body.as_bytes());
    format!("{body}{check}")
}

pub fn usps_impb_valid(n: &str) -> bool {
    let b = n.as_bytes();
    b.len() == 22
        && b.iter().all(u8::is_ascii_digit)
        && gs1_check_from_right(&b[..21]) == u32::from(b[21] - b'0')
}

/// DHL Express 10 digits: the first 9 as a number mod 7 is the last digit.
pub fn dhl_express(rng: &mut Rng) -> String {
    let body = format!("{}{}", 1 + rng.below(9), digits(rng, 8));
    let check = body.parse::<u64>().expect("digits") % 7;
    format!("{body}{check}")
}

pub fn dhl_express_valid(n: &str) -> bool {
    let b = n.as_bytes();
    (b.len() == 10 || b.len() == 11)
        && b.iter().all(u8::is_ascii_digit)
        && n[..n.len() - 1].parse::<u64>().is_ok_and(|v| v % 7 == u64::from(b[b.len() - 1] - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Changes the last digit, so the check must fail.
    fn alter(n: &str) -> String {
        let mut s = n.to_string();
        let last = s.pop().unwrap();
        let d = (last.to_digit(10).unwrap() + 1) % 10;
        s.push(char::from_digit(d, 10).unwrap());
        s
    }

    fn check(valid: fn(&str) -> bool, good: &[&str]) {
        for n in good {
            assert!(valid(n), "{n} should validate");
            assert!(!valid(&alter(n)), "{} should fail", alter(n));
        }
    }

    #[test]
    fn ups_reference_numbers() {
        check(ups_valid, &["1Z5R89390357567127", "1Z879E930346834440", "1Z410E7W0392751591"]);
        assert!(!ups_valid("1Z5R89390357567"));
    }

    #[test]
    fn fedex_reference_numbers() {
        check(fedex12_valid, &["986578788855", "477179081230", "799531274483"]);
    }

    #[test]
    fn usps_reference_numbers() {
        check(usps_impb_valid, &["9400111206206406260787"]);
    }

    #[test]
    fn dhl_reference_numbers() {
        check(dhl_express_valid, &["3318810025", "8487135506", "73891051146"]);
    }

    #[test]
    fn seeded_parcels_cover_every_stage() {
        for c in [Carrier::Ups, Carrier::DhlExpress, Carrier::FedEx] {
            let p = parcels(0, seed::DEFAULT_ORDERS, c);
            for st in CYCLE {
                assert!(p.iter().any(|x| x.stage == st), "{c:?}: no {st:?} parcel");
            }
            assert!(p.iter().all(|x| c.validate(&x.number)));
        }
    }

    #[test]
    fn generated_numbers_validate() {
        let mut rng = Rng::new(7);
        for c in [Carrier::Ups, Carrier::FedEx, Carrier::Usps, Carrier::DhlExpress] {
            for _ in 0..200 {
                let n = c.generate(&mut rng);
                assert!(c.validate(&n), "{c:?} generated {n}, which fails its check digit");
                assert!(!c.validate(&alter(&n)), "{c:?}: altered {n} still validates");
            }
        }
    }
}
