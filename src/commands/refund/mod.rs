//! `refund`: refund an order in its store, one at a time or from a CSV file ([`batch`]).
//!
//! Both go through [`execute`], which applies DESIGN.md §7 in this order:
//! 1. inputs parsed and the policy's reason rule checked — a usage error sends nothing;
//! 2. the idempotency key derived from profile, store, order reference (as typed) and the
//!    refund's content, unless `--idempotency-key` is given;
//! 3. the journal asked first: a `done` entry is reconciled with the store (its refund is looked
//!    up by the marker the adapter stored on it) and nothing is sent; a `pending` one (the last
//!    run lost its answer or crashed) is looked up the same way and only sent again when the
//!    store has no such refund;
//! 4. the store's quote (never more than is refundable), `max_refund`, the production gate;
//! 5. `--dry-run` stops here; otherwise the typed confirmation (or `--yes`);
//! 6. the journal entry written `pending`, then the one mutating request;
//! 7. an answer that is lost (reset, dropped after commit, 5xx after retries) is followed by one
//!    lookup of the marker: found means it landed, else the entry stays pending and the
//!    operator is told to rerun, which is safe.
//!
//! The read cache is off for refunds: a refundable balance five minutes old is not one to
//! refund against.

pub mod batch;

use crate::adapters::commerce::{Commerce, OrderRef};
use crate::cli::RefundArgs;
use crate::context::Ctx;
use crate::domain::{ItemPick, Money, Refund, RefundQuote, RefundSpec, ShippingPick};
use crate::error::{Error, Result};
use crate::journal::{Journal, State};
use crate::output::table::{grid, pairs};
use crate::safety::{self, Journaled, Policy};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

pub async fn run(ctx: &mut Ctx, a: RefundArgs) -> Result<()> {
    ctx.fresh_reads = true;
    if let Some(path) = a.from_csv.clone() {
        return batch::run(ctx, a, &path).await;
    }
    let reference = a.reference.as_deref().unwrap_or_default();
    let r = OrderRef::parse(reference)?;
    let spec = spec(
        a.amount.as_deref(),
        &a.items,
        a.shipping.as_deref(),
        Flags { restock: a.restock, notify: a.notify, record_only: a.record_only },
        a.reason.as_deref(),
    )?;
    if let Some(k) = &a.idempotency_key {
        safety::check_key(k)?;
    }
    let policy = Policy::of(ctx.profile()?);
    policy.check_reason(spec.reason.as_deref())?;
    let store = ctx.selected_store()?;
    let key = a.idempotency_key.clone().unwrap_or_else(|| job_key(&ctx.profile_name, &store, &r, &spec));
    let shop = ctx.open_store(&store).await?;
    let journal = ctx.journal()?;
    let job = Job { store: store.clone(), reference: r, spec, key };
    let env = Env { profile: &ctx.profile_name, policy: &policy, live: a.live, dry_run: a.dry_run };
    let outcome = {
        let ctx_ref = &*ctx;
        let mut confirm = |q: &RefundQuote| -> Result<()> {
            eprintln!("{}", quote_text(q, &job.key, false, false));
            safety::confirm(
                ctx_ref,
                a.yes,
                &format!("Refund {} on order #{} in store {}", q.total, q.order_number, q.store),
                &q.order_number,
            )
        };
        execute(shop.as_ref(), &journal, &env, &job, Some(&mut confirm)).await?
    };
    crate::analytics::emit(ctx, refund_action(&outcome).into_iter().collect());
    let key = job.key.clone();
    ctx.out.value(&outcome, |o, color, tty| match o.status {
        Status::DryRun => format!(
            "{}\nDry run: nothing was refunded.",
            o.quote.as_ref().map(|q| quote_text(q, &key, color, tty)).unwrap_or_default()
        ),
        Status::Refunded => {
            let f = o.refund.as_ref();
            format!(
                "Refunded {} on order {} in store {} (refund {}).",
                f.map(|f| f.amount.to_string()).unwrap_or_default(),
                o.order,
                o.store,
                f.map(|f| f.id.as_str()).unwrap_or("?")
            )
        }
        Status::AlreadyRefunded => format!(
            "Already refunded: refund {} ({}) was made for these inputs by an earlier run; nothing was sent.",
            o.refund.as_ref().map(|f| f.id.as_str()).unwrap_or("?"),
            o.refund.as_ref().map(|f| f.amount.to_string()).unwrap_or_default()
        ),
        Status::Skipped | Status::Failed => String::new(),
    })
}

/// The `refund` event of a refund that was made now: store, order, amount, currency (no PII).
pub(crate) fn refund_action(o: &Outcome) -> Option<crate::analytics::Action> {
    use serde_json::json;
    let f = o.refund.as_ref().filter(|_| o.status == Status::Refunded)?;
    Some(crate::analytics::Action {
        name: "refund",
        props: [
            ("store", json!(o.store)),
            ("order", json!(o.order)),
            ("amount", json!(f.amount.amount.to_string())),
            ("currency", json!(f.amount.currency.to_string())),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
        pii: Default::default(),
    })
}

/// The switches of a refund.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub restock: bool,
    pub notify: bool,
    pub record_only: bool,
}

/// Build the [`RefundSpec`] from the command line (or a CSV row): every check that needs no
/// network. Amounts are normalized so `5` and `5.00` are the same refund (and the same key).
pub(crate) fn spec(
    amount: Option<&str>,
    items: &[String],
    shipping: Option<&str>,
    flags: Flags,
    reason: Option<&str>,
) -> Result<RefundSpec> {
    let positive = |what: &str, s: &str| {
        Decimal::from_str(s.trim())
            .ok()
            .filter(|d| *d > Decimal::ZERO && d.scale() <= 4)
            .map(|d| d.normalize())
            .ok_or_else(|| {
                Error::usage(format!("{what} `{s}` is not a positive amount"))
                    .with_hint(format!("e.g. {what} 5.00 (in the order's currency)"))
            })
    };
    let amount = amount.map(|s| positive("--amount", s)).transpose()?;
    if amount.is_some() && !items.is_empty() {
        return Err(Error::usage("--amount and --item cannot be combined")
            .with_hint("refund lines with --item, or an amount not tied to lines with --amount"));
    }
    let mut picks = items
        .iter()
        .map(|i| {
            ItemPick::parse(i)
                .map_err(|e| Error::usage(format!("--item {e}")).with_hint("e.g. --item TSHIRT-M:1"))
        })
        .collect::<Result<Vec<_>>>()?;
    picks.sort_by(|a, b| a.sku.cmp(&b.sku));
    if let Some(w) = picks.windows(2).find(|w| w[0].sku == w[1].sku) {
        return Err(Error::usage(format!("--item {} is given twice", w[0].sku))
            .with_hint("give each SKU once, with the total quantity (SKU:QTY)"));
    }
    let shipping = match shipping.map(str::trim) {
        None => ShippingPick::None,
        Some("full") | Some("") => ShippingPick::Full,
        Some(s) => ShippingPick::Amount(positive("--shipping", s)?),
    };
    let reason = reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(Error::usage("--reason is longer than 500 characters").with_hint("shorten it"));
    }
    Ok(RefundSpec {
        amount,
        items: picks,
        shipping,
        restock: flags.restock,
        reason,
        notify: flags.notify,
        record_only: flags.record_only,
    })
}

/// The default idempotency key of a refund.
pub(crate) fn job_key(profile: &str, store: &str, r: &OrderRef, spec: &RefundSpec) -> String {
    let content = serde_json::to_string(spec).unwrap_or_default();
    safety::derive_key(&["refund", profile, store, &r.to_string(), &content])
}

/// One refund to make.
#[derive(Debug)]
pub(crate) struct Job {
    pub store: String,
    pub reference: OrderRef,
    pub spec: RefundSpec,
    pub key: String,
}

/// What every job of a run shares.
pub(crate) struct Env<'a> {
    pub profile: &'a str,
    pub policy: &'a Policy,
    /// `--live` was given.
    pub live: bool,
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    Refunded,
    /// An earlier run made this refund (found through the journal and the store).
    AlreadyRefunded,
    DryRun,
    /// Batch only: the journal records the row as done; nothing was asked of the store.
    Skipped,
    Failed,
}

/// What a refund came to (`--json`; one NDJSON line per row in a batch).
#[derive(Debug, Serialize)]
pub(crate) struct Outcome {
    pub status: Status,
    pub store: String,
    pub order: String,
    pub idempotency_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<RefundQuote>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund: Option<Refund>,
}

type Confirm<'c> = Option<&'c mut dyn FnMut(&RefundQuote) -> Result<()>>;

/// Run one refund through every safety step (module docs). `confirm` sees the quote before
/// anything is sent (printing it and asking); a batch passes `None` (it confirmed the file).
pub(crate) async fn execute(
    shop: &dyn Commerce,
    journal: &Journal,
    env: &Env<'_>,
    job: &Job,
    confirm: Confirm<'_>,
) -> Result<Outcome> {
    let outcome = |status, quote: Option<RefundQuote>, refund: Option<Refund>| Outcome {
        status,
        store: job.store.clone(),
        order: job.reference.to_string(),
        idempotency_key: job.key.clone(),
        quote,
        refund,
    };
    if !env.dry_run
        && let Some(earlier) = journal.get(&job.key)?
    {
        match earlier.state {
            State::Done => {
                let found = shop.find_refund(&job.reference, &job.key).await?;
                let Some(f) = found else {
                    return Err(Error::conflict(format!(
                        "the journal records refund {} for key {}, but store {} has no refund carrying that key on order {}",
                        earlier.vendor_id.as_deref().unwrap_or("?"),
                        job.key,
                        job.store,
                        job.reference
                    ))
                    .with_hint(format!(
                        "check `shopdesk order get {} --store {}`; to refund anyway pass a new --idempotency-key",
                        job.reference, job.store
                    )));
                };
                Journaled::existing(journal, earlier).done(&f.id, "reconciled").await?;
                return Ok(outcome(Status::AlreadyRefunded, None, Some(f)));
            }
            State::Pending => {
                if let Some(f) = shop.find_refund(&job.reference, &job.key).await? {
                    Journaled::existing(journal, earlier).done(&f.id, "reconciled").await?;
                    return Ok(outcome(Status::AlreadyRefunded, None, Some(f)));
                }
                // Not found: the last attempt did not land; go on and send it again.
            }
            State::Failed => {}
        }
    }
    let quote = shop.refund_quote(&job.reference, &job.spec).await?;
    if quote.total.amount <= Decimal::ZERO {
        return Err(Error::conflict(format!(
            "order {} in store {} has nothing left to refund (refundable: {})",
            job.reference, job.store, quote.refundable
        ))
        .with_hint(format!(
            "see its refunds: `shopdesk order get {} --store {}`",
            job.reference, job.store
        )));
    }
    if quote.total.amount > quote.refundable.amount {
        return Err(Error::usage(format!(
            "a refund of {} exceeds what is left to refund on order {} ({}); nothing was sent",
            quote.total, job.reference, quote.refundable
        ))
        .with_hint(format!("refund at most {}", quote.refundable)));
    }
    env.policy.check_amount(&quote.total)?;
    if env.dry_run {
        return Ok(outcome(Status::DryRun, Some(quote), None));
    }
    env.policy.check_live(false, env.live, &job.store)?;
    if let Some(c) = confirm {
        c(&quote)?;
    }
    let entry = Journaled::entry(
        env.profile,
        &job.store,
        "refund",
        &format!("order {} ({})", quote.order_number, quote.order_id),
        Some(&quote.total),
        &job.key,
    );
    let (j, _) = Journaled::begin(journal, entry).await?;
    match shop.refund_create(&quote, &job.spec, &job.key).await {
        Ok(f) => {
            j.done(&f.id, "done").await?;
            Ok(outcome(Status::Refunded, Some(quote), Some(f)))
        }
        Err(e) if safety::refused(&e) => {
            j.failed(&e).await?;
            Err(e)
        }
        Err(e) => {
            // The answer was lost: did it land? One lookup decides.
            if let Ok(Some(f)) = shop.find_refund(&job.reference, &job.key).await {
                j.done(&f.id, "done (answer lost; found by its key)").await?;
                return Ok(outcome(Status::Refunded, Some(quote), Some(f)));
            }
            j.unknown(&e).await?;
            Err(e.with_hint(
                "the outcome is unknown; run the same command again: the journal and the key stored on the refund make sure it refunds at most once",
            ))
        }
    }
}

/// The quote as printed before confirming (and by `--dry-run`).
pub(crate) fn quote_text(q: &RefundQuote, key: &str, color: bool, tty: bool) -> String {
    let mut out = format!("Refund quote: order #{} in store {} ({})\n", q.order_number, q.store, q.platform);
    if !q.lines.is_empty() {
        let rows = q
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.sku.clone().unwrap_or_default(),
                    l.title.clone(),
                    l.quantity.to_string(),
                    l.subtotal.to_string(),
                    l.tax.to_string(),
                ]
            })
            .collect();
        out.push_str(&grid(&["sku", "item", "qty", "subtotal", "tax"], rows, color, tty));
        out.push('\n');
    }
    let zero = |m: &Money| m.amount.is_zero();
    let mut rows = Vec::new();
    if !zero(&q.shipping) {
        rows.push(("shipping", q.shipping.to_string()));
    }
    if !zero(&q.adjustment) {
        rows.push(("amount", q.adjustment.to_string()));
    }
    rows.push(("tax", q.tax.to_string()));
    rows.push(("total", q.total.to_string()));
    rows.push(("currency", q.currency.to_string()));
    rows.push(("refundable now", q.refundable.to_string()));
    let to = match (&q.gateway, q.online) {
        (Some(g), true) => format!("{g} (back to the customer's payment)"),
        (None, true) => "the order's payment gateway".to_string(),
        (Some(g), false) => format!("recorded only, no money moves ({g})"),
        (None, false) => "recorded only, no money moves".to_string(),
    };
    rows.push(("gateway", to));
    rows.push(("restock", if q.restock { "yes" } else { "no" }.to_string()));
    rows.push(("idempotency key", key.to_string()));
    out.push_str(&pairs(&rows));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f() -> Flags {
        Flags::default()
    }

    #[test]
    fn specs_from_the_command_line() {
        let s = spec(Some("5.00"), &[], Some("full"), f(), Some(" damaged ")).unwrap();
        assert_eq!(s.amount, Some(Decimal::from(5)));
        assert_eq!(s.shipping, ShippingPick::Full);
        assert_eq!(s.reason.as_deref(), Some("damaged"));
        let s = spec(None, &["B:2".into(), "A".into()], Some("2.50"), f(), None).unwrap();
        assert_eq!(s.items[0].sku, "A", "items are sorted, so the key does not depend on their order");
        assert_eq!(s.shipping, ShippingPick::Amount(Decimal::from_str("2.5").unwrap()));
        assert!(spec(None, &[], None, f(), None).unwrap().is_full());
        for (amount, items, shipping) in [
            (Some("0"), vec![], None),
            (Some("-1"), vec![], None),
            (Some("abc"), vec![], None),
            (Some("1.00001"), vec![], None),
            (Some("5"), vec!["A".to_string()], None),
            (None, vec!["A:0".to_string()], None),
            (None, vec!["A".to_string(), "A:2".to_string()], None),
            (None, vec![], Some("-2")),
        ] {
            let e = spec(amount, &items, shipping, f(), None).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{amount:?} {items:?} {shipping:?}");
        }
    }

    #[test]
    fn keys_follow_the_content() {
        let r = OrderRef::parse("#1001").unwrap();
        let a = spec(Some("5"), &[], None, f(), None).unwrap();
        let b = spec(Some("5.00"), &[], None, f(), None).unwrap();
        assert_eq!(job_key("p", "s", &r, &a), job_key("p", "s", &r, &b));
        let c = spec(Some("5.01"), &[], None, f(), None).unwrap();
        assert_ne!(job_key("p", "s", &r, &a), job_key("p", "s", &r, &c));
        assert_ne!(job_key("p", "s", &r, &a), job_key("p", "t", &r, &a));
        assert_ne!(job_key("p", "s", &r, &a), job_key("p", "s", &OrderRef::parse("#1002").unwrap(), &a));
        let d = spec(Some("5"), &[], None, Flags { restock: true, ..f() }, None).unwrap();
        assert_ne!(job_key("p", "s", &r, &a), job_key("p", "s", &r, &d));
    }
}
