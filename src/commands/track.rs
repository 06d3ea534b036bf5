//! `track`: parcels at their carriers.
//!
//! Numbers are normalized (spaces and dashes dropped, upper case) and checked before anything is
//! sent, then grouped by carrier ([`select_carrier`]); each carrier gets its numbers in batches of
//! its `max_batch`, one batch after another, while the carriers are asked concurrently. Results
//! come out in the order the numbers were given, one per number. A number a carrier does not know
//! is a result with an error (exit 7 after the output); a carrier that fails as a whole
//! (credentials, quota, network) fails its remaining numbers — and when it was the only carrier
//! and nothing was tracked, the command fails with that error and its exit code (e.g. 5 for a
//! used-up quota).

use crate::cli::TrackArgs;
use crate::context::Ctx;
use crate::domain::{TrackErrorKind, TrackResult};
use crate::error::{Error, Result};
use crate::output::Row;
use crate::tracking;
use std::collections::HashMap;

pub async fn run(ctx: &mut Ctx, args: TrackArgs) -> Result<()> {
    let mut numbers: Vec<String> = Vec::new();
    for raw in &args.numbers {
        let n = normalize(raw)?;
        if !numbers.contains(&n) {
            numbers.push(n);
        }
    }
    if args.detect {
        return detect(ctx, &numbers);
    }
    track_numbers(ctx, &numbers, args.carrier.as_deref(), false).await
}

/// Track normalized `numbers` and print one row each. `lenient` (for `order track`): a number
/// no configured carrier can take is a row with an error instead of failing the command.
pub(crate) async fn track_numbers(
    ctx: &mut Ctx,
    numbers: &[String],
    given: Option<&str>,
    lenient: bool,
) -> Result<()> {
    let numbers = numbers.to_vec();
    // Group by carrier (profile name), keeping the first-seen order of carriers and numbers.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    let mut unplaced: Vec<TrackResult> = Vec::new();
    for n in &numbers {
        let c = match select_carrier(ctx, n, given) {
            Ok(c) => c,
            Err(e) if lenient => {
                let guess = tracking::detect(n).first().map(|c| c.carrier.as_str()).unwrap_or("unknown");
                unplaced.push(TrackResult::failed(guess, n, TrackErrorKind::Other, e.message));
                continue;
            }
            Err(e) => return Err(e),
        };
        match groups.iter_mut().find(|(name, _)| *name == c) {
            Some((_, list)) => list.push(n.clone()),
            None => groups.push((c, vec![n.clone()])),
        }
    }
    let ctx_ref = &*ctx;
    let outcomes =
        futures_util::future::join_all(groups.iter().map(|(name, list)| track_with(ctx_ref, name, list)))
            .await;

    let mut by_number: HashMap<String, TrackResult> =
        unplaced.into_iter().map(|r| (r.number.clone(), r)).collect();
    let mut failures: Vec<(String, Error)> = Vec::new();
    for (results, failure) in outcomes {
        for r in results {
            by_number.insert(r.number.clone(), r);
        }
        failures.extend(failure);
    }
    let tracked = by_number.values().filter(|r| r.shipment.is_some()).count();
    if tracked == 0
        && failures.len() == 1
        && by_number.values().all(|r| r.error.as_ref().is_some_and(|e| e.kind == TrackErrorKind::Other))
    {
        return Err(failures.remove(0).1);
    }
    for (name, e) in &failures {
        eprintln!("shopdesk: carrier {name} failed: {}", e.message);
        if let Some(h) = &e.hint {
            eprintln!("  hint: {h}");
        }
    }
    let mut list = ctx.out.list::<TrackResult>();
    for n in &numbers {
        if let Some(r) = by_number.get(n) {
            list.push(r)?;
        }
    }
    list.finish()?;
    let failed: Vec<&TrackResult> =
        numbers.iter().filter_map(|n| by_number.get(n)).filter(|r| r.error.is_some()).collect();
    if failed.is_empty() {
        return Ok(());
    }
    for r in &failed {
        if let Some(e) = &r.error {
            eprintln!("shopdesk: {} ({}): {}", r.number, r.carrier, e.message);
        }
    }
    Err(Error::partial(format!("{} of {} number(s) could not be tracked", failed.len(), numbers.len()))
        .with_hint("check the numbers and the carrier; the others are shown above"))
}

/// One row of `track --detect`: a candidate carrier for a number, ranked.
#[derive(Debug, serde::Serialize)]
struct Detected {
    number: String,
    rank: usize,
    #[serde(flatten)]
    candidate: tracking::Candidate,
}

impl Row for Detected {
    fn headers() -> &'static [&'static str] {
        &["number", "rank", "carrier", "format", "check digit", "why"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.number.clone(),
            self.rank.to_string(),
            self.candidate.carrier.to_string(),
            self.candidate.format.to_string(),
            match self.candidate.check_digit {
                tracking::CheckDigit::Valid => "valid".into(),
                tracking::CheckDigit::NoCheckDigit => "none".into(),
            },
            self.candidate.reason.clone(),
        ]
    }
}

/// `track --detect`: the ranked candidates of each number (offline; nothing is sent). Exit 2
/// when a number fits no carrier's format.
fn detect(ctx: &mut Ctx, numbers: &[String]) -> Result<()> {
    let mut list = ctx.out.list::<Detected>();
    let mut unknown = Vec::new();
    for n in numbers {
        let found = tracking::detect(n);
        if found.is_empty() {
            unknown.push(n.clone());
        }
        for (i, c) in found.into_iter().enumerate() {
            list.push(&Detected { number: n.clone(), rank: i + 1, candidate: c })?;
        }
    }
    list.finish()?;
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::usage(format!("{} fit(s) no carrier's format or check digit", unknown.join(", ")))
        .with_hint("check for a mistyped digit; `--carrier` forces a carrier"))
}

/// Which configured carrier tracks `number`: `--carrier` (a carrier name in the profile, or a
/// carrier kind such as `ups`; a number whose format or check digit disagrees gets a warning),
/// else the best-ranked carrier offline detection ([`tracking::detect`]) finds that the profile
/// has. A number that fits no carrier is a usage error (nothing is sent).
pub(crate) fn select_carrier(ctx: &Ctx, number: &str, given: Option<&str>) -> Result<String> {
    use crate::adapters::carriers;
    let p = ctx.profile()?;
    let names: Vec<&String> = p.carriers.keys().collect();
    let listed = || {
        if names.is_empty() {
            format!(
                "add one: [profiles.{}.carriers.ups] carrier = \"ups\" (see README, Tracking)",
                ctx.profile_name
            )
        } else {
            format!("carriers: {}", names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "))
        }
    };
    let warn = |kind: &str| {
        if let Ok(c) = kind.parse::<tracking::Carrier>()
            && let Err(why) = tracking::check(c, number)
        {
            eprintln!("warning: {why}; tracking with {kind} as asked");
        }
    };
    let kind = match given {
        Some(g) if p.carriers.contains_key(g) => {
            warn(&p.carriers[g].carrier);
            return Ok(g.to_string());
        }
        Some(g) if carriers::info(g).is_some() => {
            warn(g);
            g
        }
        Some(g) => {
            return Err(Error::usage(format!("unknown carrier `{g}` in profile `{}`", ctx.profile_name))
                .with_hint(format!(
                    "{} (supported kinds: {})",
                    listed(),
                    carriers::carrier_names().join(", ")
                )));
        }
        None => {
            if names.is_empty() {
                return Err(Error::usage(format!("profile `{}` has no carriers", ctx.profile_name))
                    .with_hint(listed()));
            }
            let found = tracking::detect(number);
            let Some(best) =
                found.iter().find(|c| p.carriers.values().any(|k| k.carrier == c.carrier.as_str()))
            else {
                return Err(match found.first() {
                    None => Error::usage(format!(
                        "`{number}` is not a valid tracking number for any carrier (no format and check digit match); nothing was sent"
                    ))
                    .with_hint(format!("check for a mistyped digit (`shopdesk track --detect {number}`), or force one with --carrier")),
                    Some(c) => Error::usage(format!(
                        "`{number}` looks like a {} number ({}), and profile `{}` has no {} carrier",
                        c.carrier,
                        c.format,
                        ctx.profile_name,
                        c.carrier.as_str()
                    ))
                    .with_hint(listed()),
                });
            };
            best.carrier.as_str()
        }
    };
    let matching: Vec<&String> =
        p.carriers.iter().filter(|(_, c)| c.carrier == kind).map(|(n, _)| n).collect();
    match matching.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            Err(Error::usage(format!("profile `{}` has no {kind} carrier", ctx.profile_name))
                .with_hint(listed()))
        }
        many => Err(Error::usage(format!("profile `{}` has several {kind} carriers", ctx.profile_name))
            .with_hint(format!(
                "pick one with --carrier ({})",
                many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ))),
    }
}

/// Spaces and dashes out, upper case; letters and digits only, 4 to 40 of them.
pub fn normalize(raw: &str) -> Result<String> {
    let n: String =
        raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
    if n.len() < 4 || n.len() > 40 || !n.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::usage(format!("`{raw}` is not a tracking number"))
            .with_hint("tracking numbers are 4 to 40 letters and digits (spaces and dashes are ignored)"));
    }
    Ok(n)
}

/// One carrier's numbers, batch by batch. Returns a result per number; on a failure of the
/// carrier as a whole, the numbers not yet tracked become `other` errors and the error is
/// returned beside them.
async fn track_with(
    ctx: &Ctx,
    name: &str,
    numbers: &[String],
) -> (Vec<TrackResult>, Option<(String, Error)>) {
    let kind = ctx.carrier_config(name).map(|c| c.carrier).unwrap_or_else(|_| name.to_string());
    let fail_rest = |done: &mut Vec<TrackResult>, e: Error| {
        for n in numbers.iter().skip(done.len()) {
            done.push(TrackResult::failed(&kind, n, TrackErrorKind::Other, e.message.clone()));
        }
        Some((name.to_string(), e))
    };
    let mut out = Vec::with_capacity(numbers.len());
    let carrier = match ctx.open_carrier(name).await {
        Ok(c) => c,
        Err(e) => {
            let f = fail_rest(&mut out, e);
            return (out, f);
        }
    };
    for batch in numbers.chunks(carrier.info().max_batch.max(1)) {
        match carrier.track(batch).await {
            Ok(rs) => out.extend(rs),
            Err(e) => {
                let f = fail_rest(&mut out, e);
                return (out, f);
            }
        }
    }
    (out, None)
}

impl Row for TrackResult {
    fn headers() -> &'static [&'static str] {
        &["number", "carrier", "status", "eta / delivered", "last event"]
    }
    fn cells(&self) -> Vec<String> {
        let Some(s) = &self.shipment else {
            let (kind, msg) = match &self.error {
                Some(e) => (
                    serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)),
                    e.message.clone(),
                ),
                None => (None, String::new()),
            };
            return vec![
                self.number.clone(),
                self.carrier.clone(),
                format!("error: {}", kind.unwrap_or_else(|| "other".into())),
                String::new(),
                msg,
            ];
        };
        let when = match (&s.delivered_at, &s.estimated_delivery) {
            (Some(d), _) => format!("delivered {d}"),
            (None, Some(e)) => format!("eta {e}"),
            _ => String::new(),
        };
        let last = s
            .last_event()
            .map(|e| {
                let mut t = e.description.clone();
                if let Some(l) = &e.location {
                    t.push_str(&format!(" — {l}"));
                }
                if let Some(a) = &e.at {
                    t.push_str(&format!(" ({a})"));
                }
                t
            })
            .unwrap_or_default();
        vec![s.number.clone(), s.carrier.clone(), s.status.to_string(), when, last]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalized_and_checked() {
        assert_eq!(normalize(" 1z 5r8-939 0357 5671 27 ").unwrap(), "1Z5R89390357567127");
        assert_eq!(normalize("7777777770").unwrap(), "7777777770");
        assert_eq!(normalize("12").err().unwrap().exit_code(), 2);
        assert_eq!(normalize("1Z5R8939_0357").err().unwrap().exit_code(), 2);
    }
}
