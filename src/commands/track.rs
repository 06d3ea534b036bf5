//! `track`: parcels at their carriers.
//!
//! Numbers are normalized (spaces and dashes dropped, upper case) and checked before anything is
//! sent, then grouped by carrier ([`select_carrier`]); each carrier is opened once and gets its
//! numbers in batches of its `max_batch`, one batch after another, while the carriers are asked
//! concurrently. Results come out in the order the numbers were given, one per number. A number
//! a carrier does not know is a result with an error (exit 7 after the output); a carrier that
//! fails as a whole (credentials, quota, network) leaves its remaining numbers `not_tracked` —
//! when that was a used-up quota the command says how many are left and exits 5, and when the
//! carrier was the only one and nothing was tracked, it fails with the carrier's error.
//!
//! `--watch` keeps the opened carriers (their tokens and pacing) and asks again every interval
//! for the numbers not yet delivered, printing only the rows whose status or newest event
//! changed. It ends with exit 0 once all are delivered and with exit 9 ([`Kind::ShipmentProblem`])
//! as soon as one is in `exception` or `returned`; a carrier that is down for a round is a
//! warning and asked again next round, while credentials or a used-up quota end the watch.

use crate::adapters::carriers::Carrier;
use crate::cli::{TrackArgs, WatchArgs};
use crate::context::Ctx;
use crate::domain::{ShipmentStatus, TrackErrorKind, TrackResult};
use crate::error::{Error, Kind, Result};
use crate::output::Row;
use crate::tracking;
use std::collections::HashMap;
use std::io::BufRead;

pub async fn run(ctx: &mut Ctx, args: TrackArgs) -> Result<()> {
    let mut numbers: Vec<String> = Vec::new();
    let mut add = |n: String| {
        if !numbers.contains(&n) {
            numbers.push(n);
        }
    };
    for raw in &args.numbers {
        add(normalize(raw)?);
    }
    if let Some(path) = &args.from_file {
        for n in read_numbers(path)? {
            add(n);
        }
    }
    if numbers.is_empty() {
        return Err(
            Error::usage("no tracking numbers given").with_hint("name them, or give --from-file FILE")
        );
    }
    if args.detect {
        return detect(ctx, &numbers);
    }
    track_numbers(ctx, &numbers, args.carrier.as_deref(), false, &args.watch).await
}

/// One number per line of `path` (`-`: stdin), normalized; blank lines and `#` comments are
/// skipped. Every bad line is named (with its line number) before anything is sent.
fn read_numbers(path: &std::path::Path) -> Result<Vec<String>> {
    let shown = path.display().to_string();
    let reader: Box<dyn BufRead> = if shown == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(path).map_err(|e| {
            Error::usage(format!("cannot read {shown}: {e}"))
                .with_hint("give a file with one tracking number per line")
        })?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::usage(format!("cannot read {shown}: {e}")))?;
        let t = line.split('#').next().unwrap_or("").trim();
        if t.is_empty() {
            continue;
        }
        match normalize(t) {
            Ok(n) => out.push(n),
            Err(_) => bad.push(format!("line {}: `{t}`", i + 1)),
        }
    }
    if !bad.is_empty() {
        return Err(Error::usage(format!(
            "{shown}: not tracking numbers: {}; nothing was sent",
            bad.join(", ")
        ))
        .with_hint("one number per line, 4 to 40 letters and digits (spaces and dashes are ignored)"));
    }
    Ok(out)
}

/// Requests in flight per carrier when it has no pace to keep (UPS and DHL take one number per
/// request, so a list of them would otherwise be one round trip after another).
const CONCURRENT_BATCHES: usize = 8;

/// The numbers one carrier (a profile name) tracks, and the carrier once opened.
struct Group {
    name: String,
    kind: String,
    carrier: std::result::Result<Box<dyn Carrier>, Error>,
    numbers: Vec<String>,
    /// Batches in flight at once: 1 for a paced carrier (`min_interval`), else
    /// [`CONCURRENT_BATCHES`].
    concurrency: usize,
}

/// Track normalized `numbers` and print one row each (with `--watch`, until they are all
/// delivered). `lenient` (for `order track`): a number no configured carrier can take is a row
/// with an error instead of failing the command.
pub(crate) async fn track_numbers(
    ctx: &mut Ctx,
    numbers: &[String],
    given: Option<&str>,
    lenient: bool,
    watch: &WatchArgs,
) -> Result<()> {
    if watch.watch {
        ctx.fresh_reads = true; // every round asks the carrier, never the response cache
    }
    let (groups, unplaced) = open_groups(ctx, numbers, given, lenient).await?;
    if watch.watch {
        return watch_loop(ctx, numbers, &groups, unplaced, watch.interval).await;
    }
    let (mut by_number, failures) = round(&groups, &|_| true).await;
    by_number.extend(unplaced.into_iter().map(|r| (r.number.clone(), r)));
    report(ctx, numbers, by_number, failures)
}

/// Track normalized `numbers` once, leniently, for a caller that shows them its own way (the
/// merged `customer get`): a result per number, and the carriers that failed as a whole.
pub(crate) async fn track_once(
    ctx: &Ctx,
    numbers: &[String],
) -> Result<(HashMap<String, TrackResult>, Vec<(String, Error)>)> {
    let (groups, unplaced) = open_groups(ctx, numbers, None, true).await?;
    let (mut by_number, failures) = round(&groups, &|_| true).await;
    by_number.extend(unplaced.into_iter().map(|r| (r.number.clone(), r)));
    Ok((by_number, failures))
}

/// Group numbers by carrier (profile name), keeping the first-seen order of carriers and
/// numbers, and open each carrier once. `lenient`: a number no configured carrier can take is a
/// result with an error instead of failing.
async fn open_groups(
    ctx: &Ctx,
    numbers: &[String],
    given: Option<&str>,
    lenient: bool,
) -> Result<(Vec<Group>, Vec<TrackResult>)> {
    let mut names: Vec<(String, Vec<String>)> = Vec::new();
    let mut unplaced: Vec<TrackResult> = Vec::new();
    for n in numbers {
        let c = match select_carrier(ctx, n, given) {
            Ok(c) => c,
            Err(e) if lenient => {
                let guess = tracking::detect(n).first().map(|c| c.carrier.as_str()).unwrap_or("unknown");
                unplaced.push(TrackResult::failed(guess, n, TrackErrorKind::Other, e.message));
                continue;
            }
            Err(e) => return Err(e),
        };
        match names.iter_mut().find(|(name, _)| *name == c) {
            Some((_, list)) => list.push(n.clone()),
            None => names.push((c, vec![n.clone()])),
        }
    }
    let groups: Vec<Group> =
        futures_util::future::join_all(names.into_iter().map(|(name, numbers)| async move {
            let kind = ctx.carrier_config(&name).map(|c| c.carrier).unwrap_or_else(|_| name.clone());
            let carrier = ctx.open_carrier(&name).await;
            let paced = ctx.carrier_min_interval(&name).map(|d| !d.is_zero()).unwrap_or(true);
            let concurrency = if paced { 1 } else { CONCURRENT_BATCHES };
            Group { name, kind, carrier, numbers, concurrency }
        }))
        .await;
    Ok((groups, unplaced))
}

/// Ask every carrier for its numbers that `wanted` keeps; a result per number asked, and the
/// carriers that failed as a whole.
async fn round(
    groups: &[Group],
    wanted: &dyn Fn(&str) -> bool,
) -> (HashMap<String, TrackResult>, Vec<(String, Error)>) {
    let outcomes = futures_util::future::join_all(groups.iter().map(|g| {
        let list: Vec<String> = g.numbers.iter().filter(|n| wanted(n)).cloned().collect();
        async move { track_with(g, &list).await }
    }))
    .await;
    let mut by_number = HashMap::new();
    let mut failures = Vec::new();
    for (results, failure) in outcomes {
        by_number.extend(results.into_iter().map(|r| (r.number.clone(), r)));
        failures.extend(failure);
    }
    (by_number, failures)
}

/// Print the results of a single round in the order given, and turn what failed into the exit
/// code: the one carrier's own error when nothing could be tracked, 5 when a quota stopped a
/// carrier early, 7 when some numbers failed.
fn report(
    ctx: &mut Ctx,
    numbers: &[String],
    by_number: HashMap<String, TrackResult>,
    mut failures: Vec<(String, Error)>,
) -> Result<()> {
    let tracked = by_number.values().filter(|r| r.shipment.is_some()).count();
    let unanswered = |r: &TrackResult| {
        r.error.as_ref().is_some_and(|e| matches!(e.kind, TrackErrorKind::NotTracked | TrackErrorKind::Other))
    };
    if tracked == 0 && failures.len() == 1 && by_number.values().all(unanswered) {
        return Err(failures.remove(0).1);
    }
    warn_failures(&failures);
    crate::analytics::emit(ctx, numbers.iter().filter_map(|n| by_number.get(n)).map(check_action).collect());
    let mut list = ctx.out.list::<TrackResult>();
    for n in numbers {
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
    let left: Vec<&str> = failed
        .iter()
        .filter(|r| r.error.as_ref().is_some_and(|e| e.kind == TrackErrorKind::NotTracked))
        .map(|r| r.number.as_str())
        .collect();
    for r in failed.iter().filter(|r| !left.contains(&r.number.as_str())) {
        if let Some(e) = &r.error {
            eprintln!("shopdesk: {} ({}): {}", r.number, r.carrier, e.message);
        }
    }
    if let Some((name, e)) = failures.iter().find(|(_, e)| e.kind == Kind::RateLimited) {
        let shown = if left.len() <= 20 { format!(": {}", left.join(" ")) } else { String::new() };
        return Err(Error::rate_limited(format!(
            "stopped early: {} of {} number(s) not tracked, carrier {name} is rate limited ({}){shown}",
            left.len(),
            numbers.len(),
            e.message
        ))
        .with_hint(
            "the tracked ones are shown above; ask again for the `not_tracked` rows once the quota resets (e.g. `--format ndjson | jq -r 'select(.error.kind == \"not_tracked\") | .number'` into --from-file)",
        ));
    }
    Err(Error::partial(format!("{} of {} number(s) could not be tracked", failed.len(), numbers.len()))
        .with_hint("check the numbers and the carrier; the others are shown above"))
}

/// The `tracking_check` event of one number: carrier and status (or why it failed); the
/// number itself only as PII.
fn check_action(r: &TrackResult) -> crate::analytics::Action {
    use serde_json::json;
    let status = match (&r.shipment, &r.error) {
        (Some(s), _) => serde_json::to_value(s.status).unwrap_or_default(),
        (None, Some(e)) => serde_json::to_value(e.kind).unwrap_or_default(),
        (None, None) => json!("unknown"),
    };
    crate::analytics::Action {
        name: "tracking_check",
        props: [("carrier".to_string(), json!(r.carrier)), ("status".to_string(), status)].into(),
        pii: [("tracking_number".to_string(), json!(r.number))].into(),
    }
}

fn warn_failures(failures: &[(String, Error)]) {
    for (name, e) in failures {
        eprintln!("shopdesk: carrier {name} failed: {}", e.message);
        if let Some(h) = &e.hint {
            eprintln!("  hint: {h}");
        }
    }
}

/// `--watch`: rounds until every number is delivered (Ok) or one is in exception or returned
/// (exit 9). Each round asks only for the numbers not yet delivered and prints the rows that
/// changed (all of them the first time).
async fn watch_loop(
    ctx: &mut Ctx,
    numbers: &[String],
    groups: &[Group],
    unplaced: Vec<TrackResult>,
    interval: std::time::Duration,
) -> Result<()> {
    if let Some(r) = unplaced.first() {
        let why = r.error.as_ref().map(|e| e.message.as_str()).unwrap_or("");
        return Err(Error::usage(format!("cannot watch {}: {why}", r.number))
            .with_hint("add the carrier to the profile, or watch the other numbers"));
    }
    let mut latest: HashMap<String, TrackResult> = HashMap::new();
    let is_done = |r: Option<&TrackResult>| {
        r.and_then(|r| r.shipment.as_ref()).is_some_and(|s| s.status == ShipmentStatus::Delivered)
    };
    loop {
        let (results, failures) = round(groups, &|n: &str| !is_done(latest.get(n))).await;
        if let Some((name, e)) = failures.iter().find(|(_, e)| e.kind != Kind::Unavailable) {
            return Err(e.clone().context(format!("carrier {name}")));
        }
        warn_failures(&failures);
        let mut fresh = Vec::new();
        for n in numbers {
            let Some(r) = results.get(n) else { continue };
            if r.error.as_ref().is_some_and(|e| e.kind == TrackErrorKind::NotTracked) {
                continue; // the carrier was down this round; asked again next round
            }
            if latest.get(n).is_none_or(|old| changed(old, r)) {
                latest.insert(n.clone(), r.clone());
                fresh.push(r);
            }
        }
        if !fresh.is_empty() {
            let mut list = ctx.out.list::<TrackResult>();
            for r in fresh {
                list.push(r)?;
            }
            list.finish()?;
            ctx.out.flush()?;
        }
        let problem: Vec<String> = numbers
            .iter()
            .filter_map(|n| latest.get(n)?.shipment.as_ref())
            .filter(|s| matches!(s.status, ShipmentStatus::Exception | ShipmentStatus::Returned))
            .map(|s| {
                let what = s.last_event().map(|e| e.description.as_str()).unwrap_or("");
                format!("{} is {} ({what})", s.number, s.status)
            })
            .collect();
        if !problem.is_empty() {
            return Err(Error::new(Kind::ShipmentProblem, problem.join("; ")).with_hint(
                "contact the carrier or the customer; `shopdesk track NUMBER --json` shows every event",
            ));
        }
        let delivered = numbers.iter().filter(|n| is_done(latest.get(*n))).count();
        if delivered == numbers.len() {
            eprintln!("all {delivered} delivered");
            return Ok(());
        }
        eprintln!(
            "{delivered} of {} delivered; next check in {} (Ctrl-C to stop)",
            numbers.len(),
            jiff::SignedDuration::try_from(interval).map(|d| format!("{d:#}")).unwrap_or_default()
        );
        tokio::time::sleep(interval).await;
    }
}

/// A row worth printing again: another status, newest event or error.
fn changed(old: &TrackResult, new: &TrackResult) -> bool {
    let key = |r: &TrackResult| {
        (
            r.shipment.as_ref().map(|s| (s.status, s.last_event().cloned())),
            r.error.as_ref().map(|e| e.message.clone()),
        )
    };
    key(old) != key(new)
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

/// One carrier's numbers, in batches of its `max_batch`, up to `concurrency` batches in flight.
/// Returns a result per number, in order. When the carrier fails as a whole (quota,
/// credentials, network), no further batch is started; batches already in flight keep their
/// answers, and the numbers without one are `not_tracked`. The first such error is returned
/// beside the results.
async fn track_with(g: &Group, numbers: &[String]) -> (Vec<TrackResult>, Option<(String, Error)>) {
    use futures_util::StreamExt;
    use std::sync::Mutex;
    let not_tracked = |batch: &[String], e: &Error| -> Vec<TrackResult> {
        batch
            .iter()
            .map(|n| TrackResult::failed(&g.kind, n, TrackErrorKind::NotTracked, e.message.clone()))
            .collect()
    };
    let carrier = match &g.carrier {
        Ok(c) => c,
        Err(e) => return (not_tracked(numbers, e), Some((g.name.clone(), e.clone()))),
    };
    let first_error: Mutex<Option<Error>> = Mutex::new(None);
    // Per batch: its numbers, and its answer (`None`: not started after a failure).
    type Answer<'a> = (&'a [String], Option<Result<Vec<TrackResult>>>);
    let answers: Vec<Answer> = futures_util::stream::iter(numbers.chunks(carrier.info().max_batch.max(1)))
        .map(|batch| {
            let first_error = &first_error;
            async move {
                if first_error.lock().unwrap_or_else(|e| e.into_inner()).is_some() {
                    return (batch, None); // the carrier already failed: not started
                }
                let answer = carrier.track(batch).await;
                if let Err(e) = &answer {
                    first_error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert_with(|| e.clone());
                }
                (batch, Some(answer))
            }
        })
        .buffered(g.concurrency.max(1))
        .collect()
        .await;
    let failure = first_error.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::with_capacity(numbers.len());
    for (batch, answer) in answers {
        match (answer, &failure) {
            (Some(Ok(rs)), _) => out.extend(rs),
            (Some(Err(e)), _) => out.extend(not_tracked(batch, &e)),
            (None, Some(e)) => out.extend(not_tracked(batch, e)),
            (None, None) => unreachable!("a batch is skipped only after a failure"),
        }
    }
    (out, failure.map(|e| (g.name.clone(), e)))
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
