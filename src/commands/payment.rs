//! `payment get|refunds|refund`: payments at a gateway, and refunds with the money-safety steps
//! of DESIGN.md §7.
//!
//! A refund goes: parse and check the inputs (nothing sent on a usage error) → read the payment
//! (a GET) → quote (amount, currency, gateway, what is left) → `--dry-run` stops here → live
//! money needs `--live` → confirmation (typed on a terminal, `--yes` elsewhere, else exit 2) →
//! one POST carrying an idempotency key. The key defaults to a hash of profile, gateway, payment,
//! amount and reason, so running the same command twice is answered by the gateway's replay of
//! the first refund rather than a second refund.

use crate::adapters::payments::Payments;
use crate::cli::{PaymentCmd, PaymentRefundArgs};
use crate::context::Ctx;
use crate::domain::{Money, Payment, PaymentRefund, RefundRequest};
use crate::error::{Error, Result};
use crate::journal::{Entry, Journal, State};
use crate::output::Row;
use crate::output::table::pairs;
use crate::safety::{self, Journaled, Policy};
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;

pub async fn run(ctx: &mut Ctx, cmd: PaymentCmd) -> Result<()> {
    match cmd {
        PaymentCmd::Get { id, gateway } => {
            let id = check_id(&id)?;
            let gw = open(ctx, &id, gateway.as_deref()).await?;
            let p = gw.payment(&id).await?;
            ctx.out.value(&p, |p, _, _| payment_text(p))
        }
        PaymentCmd::Refunds { id, gateway } => {
            let id = check_id(&id)?;
            let gw = open(ctx, &id, gateway.as_deref()).await?;
            let p = gw.payment(&id).await?;
            let refunds = gw.refunds(&p.refund_target).await?;
            let mut list = ctx.out.list::<PaymentRefund>();
            for r in &refunds {
                list.push(r)?;
            }
            list.finish()?;
            Ok(())
        }
        PaymentCmd::Refund(args) => {
            ctx.fresh_reads = true;
            refund(ctx, args).await
        }
    }
}

fn check_id(id: &str) -> Result<String> {
    let t = id.trim();
    if t.is_empty() || t.len() > 255 || !t.chars().all(|c| c.is_ascii_alphanumeric() || "_-".contains(c)) {
        return Err(Error::usage(format!("`{id}` is not a payment id"))
            .with_hint("e.g. pi_3Sbx… or ch_… (Stripe), or a 17-character PayPal order or capture id"));
    }
    Ok(t.to_string())
}

async fn open(ctx: &Ctx, id: &str, gateway: Option<&str>) -> Result<Box<dyn Payments>> {
    let name = ctx.select_gateway(id, gateway)?;
    ctx.open_gateway(&name).await
}

fn payment_text(p: &Payment) -> String {
    pairs(&[
        ("payment", p.id.clone()),
        ("gateway", format!("{} ({})", p.gateway, if p.live { "live" } else { "test" })),
        ("kind", p.kind.clone()),
        ("status", p.status.clone()),
        ("amount", p.amount.to_string()),
        ("refunded", p.refunded.to_string()),
        ("refundable", p.refundable.to_string()),
        ("order", p.order_ref.clone().unwrap_or_default()),
        ("created", p.created_at.map(|t| t.to_string()).unwrap_or_default()),
    ])
}

/// What `payment refund` is about to do (printed before anything is sent; `--dry-run` output).
#[derive(Debug, Serialize)]
struct Quote {
    gateway: String,
    payment: String,
    refund_target: String,
    amount: Money,
    refundable_before: Money,
    refundable_after: Money,
    order_ref: Option<String>,
    reason: Option<String>,
    live: bool,
    idempotency_key: String,
    dry_run: bool,
}

fn quote_text(q: &Quote) -> String {
    pairs(&[
        ("refund", q.amount.to_string()),
        ("currency", q.amount.currency.to_string()),
        ("gateway", format!("{} ({})", q.gateway, if q.live { "LIVE money" } else { "test" })),
        ("payment", q.payment.clone()),
        ("order", q.order_ref.clone().unwrap_or_default()),
        ("reason", q.reason.clone().unwrap_or_default()),
        ("refundable now", q.refundable_before.to_string()),
        ("refundable after", q.refundable_after.to_string()),
        ("idempotency key", q.idempotency_key.clone()),
    ])
}

/// The default idempotency key: the same inputs give the same key, so a rerun is a replay.
pub fn derived_key(
    profile: &str,
    gateway: &str,
    payment: &str,
    amount: &Money,
    reason: Option<&str>,
) -> String {
    let amount_text = amount.amount.normalize().to_string();
    safety::derive_key(&[
        "payment refund",
        profile,
        gateway,
        payment,
        &amount_text,
        amount.currency.code(),
        reason.unwrap_or(""),
    ])
}

async fn refund(ctx: &mut Ctx, a: PaymentRefundArgs) -> Result<()> {
    // Everything that can be checked without the network is checked first: nothing is sent on
    // a usage error.
    let id = check_id(&a.id)?;
    let requested = a
        .amount
        .as_deref()
        .map(|s| {
            Decimal::from_str(s.trim()).ok().filter(|d| *d > Decimal::ZERO).ok_or_else(|| {
                Error::usage(format!("--amount `{s}` is not a positive amount"))
                    .with_hint("e.g. --amount 5.00")
            })
        })
        .transpose()?;
    if let Some(k) = &a.idempotency_key {
        safety::check_key(k)?;
    }
    let policy = Policy::of(ctx.profile()?);
    let reason_text = a.reason.map(|r| r.as_str());
    policy.check_reason(reason_text)?;
    let gw = open(ctx, &id, a.gateway.as_deref()).await?;
    let p = gw.payment(&id).await?;
    let cur = p.refundable.currency.clone();
    let amount = match requested {
        Some(d) => {
            let m = Money::new(d, cur.clone());
            m.to_minor().map_err(|e| {
                Error::usage(format!("--amount: {e}"))
                    .with_hint(format!("{cur} has {} decimal places", cur.exponent()))
            })?;
            m
        }
        None => p.refundable.clone(),
    };
    let reason = a.reason.map(|r| r.as_str().to_string());
    let key = a.idempotency_key.clone().unwrap_or_else(|| {
        derived_key(&ctx.profile_name, &gw.gateway().name, &p.id, &amount, reason.as_deref())
    });
    // A rerun of a refund the journal records as done: reconcile with the gateway, send nothing.
    let journal = ctx.journal()?;
    if !a.dry_run
        && let Some(e) = journal.get(&key)?
        && e.state == State::Done
    {
        return reconcile(ctx, &journal, gw.as_ref(), &p, e).await;
    }
    if p.refundable.amount <= Decimal::ZERO {
        return Err(Error::conflict(format!(
            "payment {} at {} has nothing left to refund (refunded {} of {})",
            p.id, p.gateway, p.refunded, p.amount
        ))
        .with_hint(format!("see its refunds: `shopdesk payment refunds {}`", p.id)));
    }
    if amount.amount > p.refundable.amount {
        return Err(Error::usage(format!(
            "refund of {amount} exceeds what is left to refund on {} ({})",
            p.id, p.refundable
        ))
        .with_hint(format!("refund at most {} (or omit --amount to refund all of it)", p.refundable)));
    }
    policy.check_amount(&amount)?;
    let live = gw.gateway().live || p.live || policy.production;
    let quote = Quote {
        gateway: gw.gateway().name.clone(),
        payment: p.id.clone(),
        refund_target: p.refund_target.clone(),
        refundable_after: Money::new(p.refundable.amount - amount.amount, cur.clone()),
        refundable_before: p.refundable.clone(),
        amount: amount.clone(),
        order_ref: p.order_ref.clone(),
        reason: reason.clone(),
        live,
        idempotency_key: key.clone(),
        dry_run: a.dry_run,
    };
    if a.dry_run {
        return ctx.out.value(&quote, |q, _, _| format!("{}\nDry run: nothing was refunded.", quote_text(q)));
    }
    eprintln!("{}", quote_text(&quote));
    policy.check_live(live, a.live, &format!("gateway {}", quote.gateway))?;
    safety::confirm(
        ctx,
        a.yes,
        &format!(
            "Refund {amount} of payment {} via {}{}",
            p.id,
            quote.gateway,
            if live { " (LIVE)" } else { "" }
        ),
        &p.id,
    )?;
    let entry =
        Journaled::entry(&ctx.profile_name, &quote.gateway, "refund", &p.refund_target, Some(&amount), &key);
    let (j, earlier) = Journaled::begin(&journal, entry).await?;
    if let Some(e) = earlier {
        eprintln!(
            "The journal has an unfinished refund with this key ({:?} since {}): sending it again with the same key; the gateway answers with the first one if it went through.",
            e.state, e.created_at
        );
    }
    let req = RefundRequest {
        amount: Some(amount),
        reason: a.reason,
        order_ref: p.order_ref.clone(),
        idempotency_key: key.clone(),
    };
    let r = match gw.refund(&p.refund_target, &req).await {
        Ok(r) => {
            j.done(&r.id, if r.replayed { "replayed" } else { "done" }).await?;
            r
        }
        Err(e) => {
            if safety::refused(&e) {
                j.failed(&e).await?;
                return Err(e);
            }
            j.unknown(&e).await?;
            return Err(e.with_hint(
                "the outcome is unknown; run the same command again: the journal and the idempotency key make sure it refunds at most once",
            ));
        }
    };
    ctx.out.value(&r, |r, _, _| {
        if r.replayed {
            format!(
                "Already refunded: the gateway replayed refund {} from an earlier run with the same idempotency key; nothing new was refunded.",
                r.id
            )
        } else {
            format!("Refunded {} of {} via {} (refund {}, {}).", r.amount, p.id, r.gateway, r.id, r.status)
        }
    })
}

/// The journal says this refund was done: find it at the gateway and report it (no write).
async fn reconcile(ctx: &mut Ctx, journal: &Journal, gw: &dyn Payments, p: &Payment, e: Entry) -> Result<()> {
    let refunds = gw.refunds(&p.refund_target).await?;
    let found = e.vendor_id.as_ref().and_then(|v| refunds.iter().find(|r| &r.id == v)).cloned();
    let Some(mut r) = found else {
        return Err(Error::conflict(format!(
            "the journal records refund {} for key {}, but {} lists no such refund on {}",
            e.vendor_id.as_deref().unwrap_or("?"),
            e.key,
            e.service,
            p.id
        ))
        .with_hint(format!(
            "check `shopdesk payment refunds {}`; to refund anyway pass a new --idempotency-key",
            p.id
        )));
    };
    Journaled::existing(journal, e).done(&r.id, "reconciled").await?;
    r.replayed = true;
    ctx.out.value(&r, |r, _, _| {
        format!(
            "Already refunded: the journal records refund {} ({}, {}) for these inputs; nothing was sent.",
            r.id, r.amount, r.status
        )
    })
}

impl Row for PaymentRefund {
    fn headers() -> &'static [&'static str] {
        &["refund", "payment", "amount", "status", "reason", "order", "created"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.payment_id.clone(),
            self.amount.to_string(),
            self.status.clone(),
            self.reason.clone().unwrap_or_default(),
            self.order_ref.clone().unwrap_or_default(),
            self.created_at.map(|t| t.to_string()).unwrap_or_default(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    #[test]
    fn derived_keys_depend_on_every_input() {
        let m = |a: &str| Money::new(Decimal::from_str(a).unwrap(), Currency::new("USD").unwrap());
        let k = derived_key("p", "stripe", "pi_1", &m("5.00"), None);
        assert_eq!(k, derived_key("p", "stripe", "pi_1", &m("5"), None), "5 and 5.00 are the same amount");
        assert!(k.starts_with("shopdesk-") && k.len() == 41);
        for other in [
            derived_key("q", "stripe", "pi_1", &m("5"), None),
            derived_key("p", "stripe2", "pi_1", &m("5"), None),
            derived_key("p", "stripe", "pi_2", &m("5"), None),
            derived_key("p", "stripe", "pi_1", &m("5.01"), None),
            derived_key("p", "stripe", "pi_1", &m("5"), Some("duplicate")),
        ] {
            assert_ne!(k, other);
        }
    }
}
