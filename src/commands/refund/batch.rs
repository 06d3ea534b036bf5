//! `refund --from-csv FILE`: many refunds, each through the same [`super::execute`] as a single
//! one.
//!
//! # Why it is shaped like this
//! - **Every row is checked before any is sent.** A typo on line 870 must not surface after 869
//!   refunds went out; all row errors are listed with their line numbers and nothing is sent.
//! - **Resumable.** Each row's idempotency key is derived like a single refund's (or taken from
//!   its `idempotency_key` column), and the journal records it before the request. A rerun after
//!   a crash, `kill -9` or Ctrl-C skips rows the journal records as done without asking the
//!   store, reconciles rows left pending (the store is asked whether a refund with that key
//!   exists), and sends the rest.
//! - **Concurrent across orders, sequential within one.** Rows of the same order run one after
//!   another (BigCommerce forbids concurrent refunds on an order, and a second refund's quote
//!   must see the first); different orders run `--concurrency` at a time.
//! - **Results as NDJSON**, one line per row as it finishes (`line`, `status`, the refund or the
//!   error with its exit code); a progress bar on a terminal goes to stderr. Exit 7 when some
//!   rows failed, 130 after Ctrl-C (rerun to finish).

use super::{Env, Flags, Job, Outcome, Status, execute, job_key, spec};
use crate::adapters::commerce::{Commerce, OrderRef};
use crate::cli::RefundArgs;
use crate::context::Ctx;
use crate::error::{Error, Kind, Result};
use crate::journal::{Journal, State};
use crate::safety::{self, Policy};
use futures_util::StreamExt;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

const COLUMNS: &[&str] = &[
    "order",
    "store",
    "amount",
    "items",
    "shipping",
    "restock",
    "notify",
    "record_only",
    "reason",
    "idempotency_key",
];

/// One parsed row.
#[derive(Debug)]
pub struct Row {
    line: u64,
    job: Job,
}

/// One NDJSON result line.
#[derive(Serialize)]
struct RowResult {
    line: u64,
    #[serde(flatten)]
    outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<serde_json::Value>,
}

pub async fn run(ctx: &mut Ctx, a: RefundArgs, path: &Path) -> Result<()> {
    if a.amount.is_some() || !a.items.is_empty() || a.shipping.is_some() || a.reason.is_some() {
        return Err(Error::usage("--from-csv takes the amounts, items, shipping and reasons from the file")
            .with_hint("put them in the CSV's columns (see `shopdesk refund --help`)"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(format!("cannot read {}: {e}", path.display()))
            .with_hint("check the path given to --from-csv")
    })?;
    let policy = Policy::of(ctx.profile()?);
    let default_store = ctx.selected_store().ok();
    let stores = ctx.store_names()?;
    let defaults = Flags { restock: a.restock, notify: a.notify, record_only: a.record_only };
    let rows = parse(&text, &ctx.profile_name, default_store.as_deref(), &stores, defaults, &policy)
        .map_err(|errors| {
            Error::usage(format!(
                "{} has {} bad row{}; nothing was sent:\n  {}",
                path.display(),
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                errors.join("\n  ")
            ))
            .with_hint("fix the rows above and run again")
        })?;
    if rows.is_empty() {
        return Err(Error::usage(format!("{} has no rows", path.display()))
            .with_hint("the first line names the columns, e.g. `order,amount,reason`"));
    }
    let journal = ctx.journal()?;
    let done: usize = rows
        .iter()
        .map(|r| journal.get(&r.job.key).map(|e| usize::from(e.is_some_and(|e| e.state == State::Done))))
        .sum::<Result<usize>>()?;
    if !a.dry_run {
        policy.check_live(false, a.live, "this batch")?;
        let summary = format!(
            "{} refund{} from {} ({} already done, skipped){}",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            path.display(),
            done,
            if policy.production { " in a PRODUCTION profile" } else { "" }
        );
        eprintln!("{summary}");
        safety::confirm(ctx, a.yes, &format!("Send {summary}"), &rows.len().to_string())?;
    }
    // Open each store once; rows share the client (and its rate limiter).
    let mut shops: HashMap<String, Arc<dyn Commerce>> = HashMap::new();
    for r in &rows {
        if !shops.contains_key(&r.job.store) {
            let s = ctx.open_store(&r.job.store).await?;
            shops.insert(r.job.store.clone(), Arc::from(s));
        }
    }
    // Group rows by order, keeping file order within a group.
    let mut groups: BTreeMap<(String, String), Vec<Row>> = BTreeMap::new();
    let mut order_of_groups = Vec::new();
    for r in rows {
        let k = (r.job.store.clone(), r.job.reference.to_string());
        if !groups.contains_key(&k) {
            order_of_groups.push(k.clone());
        }
        groups.entry(k).or_default().push(r);
    }
    let total: u64 = groups.values().map(|g| g.len() as u64).sum();
    let bar = progress(ctx.stderr_tty, total);
    let env = Env { profile: &ctx.profile_name, policy: &policy, live: a.live, dry_run: a.dry_run };
    let journal = &journal;
    let env = &env;
    let shops = &shops;
    let mut stream =
        futures_util::stream::iter(order_of_groups.into_iter().filter_map(|k| groups.remove(&k)))
            .map(|group| async move {
                let mut results = Vec::with_capacity(group.len());
                for row in group {
                    let shop = shops[&row.job.store].as_ref();
                    results.push(one(shop, journal, env, row).await);
                }
                results
            })
            .buffer_unordered(usize::from(a.concurrency));
    ctx.out.format = crate::output::Format::Ndjson;
    let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut actions = Vec::new();
    let interrupted = loop {
        tokio::select! {
            next = stream.next() => {
                let Some(results) = next else { break false };
                for r in results {
                    let name = match (&r.error, r.outcome.status) {
                        (Some(_), _) => "failed",
                        (None, Status::Refunded) => "refunded",
                        (None, Status::AlreadyRefunded) => "already refunded",
                        (None, Status::Skipped) => "skipped (done before)",
                        (None, Status::DryRun) => "quoted (dry run)",
                        (None, Status::Failed) => "failed",
                    };
                    *counts.entry(name).or_default() += 1;
                    actions.extend(super::refund_action(&r.outcome));
                    ctx.out.value(&r, |_, _, _| String::new())?;
                    ctx.out.flush()?;
                    if let Some(b) = &bar {
                        b.inc(1);
                    }
                }
            }
            _ = tokio::signal::ctrl_c() => break true,
        }
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    crate::analytics::emit(ctx, actions);
    let tally = counts.iter().map(|(k, v)| format!("{v} {k}")).collect::<Vec<_>>().join(", ");
    if interrupted {
        return Err(Error::new(Kind::Interrupted, format!("interrupted after {tally}"))
            .with_hint("run the same command again: rows already done are skipped, the rest are finished"));
    }
    eprintln!("{tally}.");
    match counts.get("failed") {
        Some(n) => {
            Err(Error::partial(format!("{n} of {total} rows failed (see the NDJSON lines with \"error\")"))
                .with_hint(
                    "fix what the errors name and run the same command again: rows already done are skipped",
                ))
        }
        None => Ok(()),
    }
}

/// One row: the journal alone answers for rows already done (no request); the rest go through
/// [`execute`].
async fn one(shop: &dyn Commerce, journal: &Journal, env: &Env<'_>, row: Row) -> RowResult {
    let job = &row.job;
    let blank = |status| Outcome {
        status,
        store: job.store.clone(),
        order: job.reference.to_string(),
        idempotency_key: job.key.clone(),
        quote: None,
        refund: None,
    };
    if !env.dry_run
        && let Ok(Some(e)) = journal.get(&job.key)
        && e.state == State::Done
    {
        return RowResult { line: row.line, outcome: blank(Status::Skipped), error: None };
    }
    match execute(shop, journal, env, job, None).await {
        Ok(outcome) => RowResult { line: row.line, outcome, error: None },
        Err(e) => RowResult {
            line: row.line,
            outcome: blank(Status::Failed),
            error: Some(e.to_json()["error"].clone()),
        },
    }
}

fn progress(tty: bool, total: u64) -> Option<indicatif::ProgressBar> {
    if !tty {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows  {elapsed} (eta {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Parse and check every row; all errors at once, with line numbers.
pub fn parse(
    text: &str,
    profile: &str,
    default_store: Option<&str>,
    stores: &[String],
    defaults: Flags,
    policy: &Policy,
) -> std::result::Result<Vec<Row>, Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.iter().map(|h| h.to_ascii_lowercase()).collect::<Vec<_>>(),
        Err(e) => return Err(vec![format!("line 1: {e}")]),
    };
    let mut errors = Vec::new();
    for h in &headers {
        if !COLUMNS.contains(&h.as_str()) {
            errors.push(format!("line 1: unknown column `{h}` (columns: {})", COLUMNS.join(", ")));
        }
    }
    if !headers.iter().any(|h| h == "order") {
        errors.push("line 1: no `order` column (the first line must name the columns)".to_string());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let mut rows = Vec::new();
    let mut keys: HashMap<String, u64> = HashMap::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(format!("line {line}: {e}"));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |name: &str| col(name).and_then(|i| rec.get(i)).filter(|v| !v.is_empty());
        let row = (|| -> Result<Row> {
            let flag = |name: &str, default: bool| -> Result<bool> {
                match get(name).map(str::to_ascii_lowercase).as_deref() {
                    None => Ok(default),
                    Some("true" | "yes" | "1") => Ok(true),
                    Some("false" | "no" | "0") => Ok(false),
                    Some(v) => Err(Error::usage(format!("{name} `{v}` is not true or false"))),
                }
            };
            let reference = OrderRef::parse(get("order").unwrap_or_default())?;
            let store = match get("store") {
                Some(s) if stores.iter().any(|n| n == s) => s.to_string(),
                Some(s) => {
                    return Err(Error::usage(format!(
                        "store `{s}` is not in profile {profile} (stores: {})",
                        stores.join(", ")
                    )));
                }
                None => default_store.map(str::to_string).ok_or_else(|| {
                    Error::usage("no store column and no single/default store in the profile")
                })?,
            };
            let items: Vec<String> =
                get("items").map(|v| v.split_whitespace().map(str::to_string).collect()).unwrap_or_default();
            let flags = Flags {
                restock: flag("restock", defaults.restock)?,
                notify: flag("notify", defaults.notify)?,
                record_only: flag("record_only", defaults.record_only)?,
            };
            let spec = spec(get("amount"), &items, get("shipping"), flags, get("reason"))?;
            policy.check_reason(spec.reason.as_deref())?;
            let key = match get("idempotency_key") {
                Some(k) => {
                    safety::check_key(k)?;
                    k.to_string()
                }
                None => job_key(profile, &store, &reference, &spec),
            };
            Ok(Row { line, job: Job { store, reference, spec, key } })
        })();
        match row {
            Ok(r) => {
                if let Some(first) = keys.insert(r.job.key.clone(), line) {
                    errors.push(format!(
                        "line {line}: the same refund as line {first} (same order and content); it would be made once"
                    ));
                } else {
                    rows.push(r);
                }
            }
            Err(e) => errors.push(format!("line {line}: {}", e.message)),
        }
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy { max_refund: None, require_reason: false, production: false }
    }

    #[test]
    fn rows_are_parsed_and_all_errors_listed() {
        let stores = vec!["a".to_string(), "b".to_string()];
        let ok = "order,store,amount,items,shipping,restock,reason\n1001,a,5.00,,,, damaged\n#1002,b,,X:1 Y,full,yes,\n";
        let rows = parse(ok, "p", Some("a"), &stores, Flags::default(), &policy()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[1].job.store, "b");
        assert_eq!(rows[1].job.spec.items.len(), 2);
        assert!(rows[1].job.spec.restock);
        let bad = "order,store,amount\nabc,a,1\n1001,zz,1\n1002,a,-3\n1003,a,1\n1003,a,1.00\n";
        let errs = parse(bad, "p", Some("a"), &stores, Flags::default(), &policy()).unwrap_err();
        assert_eq!(errs.len(), 4, "{errs:?}");
        assert!(errs[0].starts_with("line 2:") && errs[0].contains("abc"));
        assert!(errs[1].starts_with("line 3:") && errs[1].contains("zz"));
        assert!(errs[2].starts_with("line 4:"));
        assert!(errs[3].starts_with("line 6:") && errs[3].contains("line 5"));
        let errs = parse("ordr,amount\n1,2\n", "p", None, &stores, Flags::default(), &policy()).unwrap_err();
        assert!(errs.iter().any(|e| e.contains("unknown column `ordr`")));
        let strict = Policy { require_reason: true, ..policy() };
        let errs =
            parse("order,amount\n1001,1\n", "p", Some("a"), &stores, Flags::default(), &strict).unwrap_err();
        assert!(errs[0].contains("reason"));
    }
}
