//! The money-safety steps every mutation shares (DESIGN.md §7): the profile's policy, the
//! live-money gate, the confirmation, and the journaled send with its audit records.
//!
//! # Why one module
//! `payment refund`, `refund` and `refund --from-csv` move money through different vendors, but
//! the rules that keep an operator from refunding twice, too much, or in the wrong environment
//! must be the same everywhere. Each command supplies the vendor calls; this module decides when
//! they may run and writes down what happened.

use crate::config::{Environment, Profile};
use crate::context::Ctx;
use crate::domain::Money;
use crate::error::{Error, Kind, Result};
use crate::journal::{AuditRecord, Begin, Entry, Journal, State};

/// The profile's refund policy.
#[derive(Debug, Clone)]
pub struct Policy {
    pub max_refund: Option<crate::config::MaxRefund>,
    pub require_reason: bool,
    /// `environment = "production"`: refunds need `--live`.
    pub production: bool,
}

impl Policy {
    pub fn of(p: &Profile) -> Policy {
        Policy {
            max_refund: p.max_refund.clone(),
            require_reason: p.require_reason,
            production: p.environment == Environment::Production,
        }
    }

    /// Checks that need no network: a reason when the policy wants one.
    pub fn check_reason(&self, reason: Option<&str>) -> Result<()> {
        if self.require_reason && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(Error::usage("this profile requires a reason for every refund; nothing was sent")
                .with_hint("add --reason \"…\" (policy: require_reason = true)"));
        }
        Ok(())
    }

    /// The amount against `max_refund`.
    pub fn check_amount(&self, amount: &Money) -> Result<()> {
        if let Some(limit) = self.max_refund.as_ref().and_then(|m| m.for_currency(amount.currency.code()))
            && amount.amount > limit
        {
            return Err(Error::usage(format!(
                "refund of {amount} exceeds this profile's max_refund of {}; nothing was sent",
                Money::new(limit, amount.currency.clone())
            ))
            .with_hint(
                "refund less (--amount / --item), or ask whoever owns the config to raise max_refund",
            ));
        }
        Ok(())
    }

    /// Live money needs `--live`.
    pub fn check_live(&self, live_money: bool, allowed: bool, service: &str) -> Result<()> {
        if (live_money || self.production) && !allowed {
            let why = if self.production {
                "this profile is environment = \"production\"".to_string()
            } else {
                format!("{service} moves live money")
            };
            return Err(Error::usage(format!("{why}; refusing without --live; nothing was sent"))
                .with_hint("check the quote above, then add --live"));
        }
        Ok(())
    }
}

/// Ask for a typed confirmation on a terminal; off a terminal `--yes` is required.
pub fn confirm(ctx: &Ctx, yes: bool, prompt: &str, expected: &str) -> Result<()> {
    let words =
        ("refund", "check the quote above (or use --dry-run), then add --yes", "nothing was refunded");
    confirm_to(ctx, yes, words, prompt, expected)
}

/// [`confirm`] for any destructive action: `(action, hint off a terminal, what did not happen)`,
/// e.g. `("delete webhooks", "check the plan above …", "nothing was deleted")`.
pub fn confirm_to(
    ctx: &Ctx,
    yes: bool,
    words: (&str, &str, &str),
    prompt: &str,
    expected: &str,
) -> Result<()> {
    let (action, hint, none) = words;
    if yes {
        return Ok(());
    }
    if !ctx.can_prompt() {
        return Err(Error::usage(format!(
            "not on a terminal: refusing to {action} without --yes; nothing was sent"
        ))
        .with_hint(hint.to_string()));
    }
    let typed: String = dialoguer::Input::new()
        .with_prompt(format!("{prompt}? Type {expected} to confirm"))
        .allow_empty(true)
        .interact_text()
        .map_err(|e| Error::usage(format!("prompt failed: {e}")))?;
    // `#1001`, `1001` and Magento's `000001001` name the same order.
    let norm = |s: &str| s.trim().trim_start_matches('#').trim_start_matches('0').to_string();
    if norm(&typed) != norm(expected) || typed.trim().is_empty() {
        return Err(Error::usage(format!("confirmation did not match {expected}; {none}")));
    }
    Ok(())
}

/// Does an error mean the vendor refused the request (nothing moved), as opposed to an outcome
/// we cannot know (the connection dropped, a 5xx after the vendor may have committed)?
pub fn refused(e: &Error) -> bool {
    matches!(e.kind, Kind::Usage | Kind::Conflict | Kind::NotFound | Kind::Auth)
}

/// One journaled mutation: the entry is written `pending` before the request goes out, and
/// every outcome is appended to the audit log.
pub struct Journaled<'a> {
    journal: &'a Journal,
    entry: Entry,
}

impl<'a> Journaled<'a> {
    /// The entry as it would be recorded (state pending).
    pub fn entry(
        profile: &str,
        service: &str,
        action: &str,
        target: &str,
        amount: Option<&Money>,
        key: &str,
    ) -> Entry {
        Entry {
            key: key.to_string(),
            profile: profile.to_string(),
            service: service.to_string(),
            action: action.to_string(),
            target: target.to_string(),
            amount: amount.map(|m| m.amount.to_string()),
            currency: amount.map(|m| m.currency.to_string()),
            state: State::Pending,
            vendor_id: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    /// Record `entry` as pending (before the request is sent). Returns the earlier entry if
    /// there was one with this key.
    pub async fn begin(journal: &'a Journal, entry: Entry) -> Result<(Journaled<'a>, Option<Entry>)> {
        let earlier = match journal.begin(&entry).await? {
            Begin::New => None,
            Begin::Existing(e) => Some(*e),
        };
        Ok((Journaled { journal, entry }, earlier))
    }

    /// A handle on an existing entry (to reconcile it).
    pub fn existing(journal: &'a Journal, entry: Entry) -> Journaled<'a> {
        Journaled { journal, entry }
    }

    /// The vendor did it (or had done it): `result` is `done`, `replayed` or `reconciled`.
    pub async fn done(&self, vendor_id: &str, result: &str) -> Result<()> {
        let (finished, audited) = tokio::join!(
            self.journal.finish(&self.entry.key, State::Done, Some(vendor_id)),
            self.audit(result, Some(vendor_id))
        );
        finished.and(audited)
    }

    /// The vendor refused it: nothing moved.
    pub async fn failed(&self, e: &Error) -> Result<()> {
        let result = format!("failed: {}", e.message);
        let (finished, audited) = tokio::join!(
            self.journal.finish(&self.entry.key, State::Failed, None),
            self.audit(&result, None)
        );
        finished.and(audited)
    }

    /// The outcome is unknown: the entry stays pending for the next run to reconcile.
    pub async fn unknown(&self, e: &Error) -> Result<()> {
        self.audit(&format!("unknown: {}", e.message), None).await
    }

    async fn audit(&self, result: &str, vendor: Option<&str>) -> Result<()> {
        let e = &self.entry;
        self.journal
            .audit(&AuditRecord {
                at: jiff::Timestamp::now().to_string(),
                who: crate::journal::who(),
                profile: e.profile.clone(),
                service: e.service.clone(),
                action: e.action.clone(),
                target: e.target.clone(),
                amount: e.amount.clone(),
                currency: e.currency.clone(),
                key: e.key.clone(),
                vendor_ids: vendor.map(str::to_string),
                result: result.to_string(),
            })
            .await
    }
}

/// A key made of `parts`: the same inputs give the same key, so a rerun is recognised.
pub fn derive_key(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    // Length-prefixed, so no two different lists of parts hash the same text.
    let material: String = parts.iter().map(|p| format!("{}:{p}\n", p.len())).collect();
    let h = Sha256::digest(material.as_bytes());
    let hex: String = h.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("shopdesk-{hex}")
}

/// A user-given `--idempotency-key`: 1–255 printable ASCII characters without spaces.
pub fn check_key(k: &str) -> Result<()> {
    if k.is_empty() || k.len() > 255 || !k.chars().all(|c| c.is_ascii_graphic()) {
        return Err(Error::usage(
            "--idempotency-key must be 1–255 printable ASCII characters without spaces",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MaxRefund;
    use crate::domain::Currency;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn usd(a: &str) -> Money {
        Money::new(Decimal::from_str(a).unwrap(), Currency::new("USD").unwrap())
    }

    #[test]
    fn policy_limits_reasons_and_live_money() {
        let mut p = Policy {
            max_refund: Some(MaxRefund::Any(Decimal::from(100))),
            require_reason: true,
            production: false,
        };
        assert!(p.check_amount(&usd("100")).is_ok());
        assert_eq!(p.check_amount(&usd("100.01")).unwrap_err().exit_code(), 2);
        assert_eq!(p.check_reason(None).unwrap_err().exit_code(), 2);
        assert_eq!(p.check_reason(Some("  ")).unwrap_err().exit_code(), 2);
        assert!(p.check_reason(Some("damaged")).is_ok());
        assert!(p.check_live(false, false, "demo").is_ok());
        assert!(p.check_live(true, false, "demo").is_err());
        p.production = true;
        assert!(p.check_live(false, false, "demo").is_err());
        assert!(p.check_live(false, true, "demo").is_ok());
        let per: MaxRefund = toml::from_str::<std::collections::BTreeMap<String, MaxRefund>>(
            "m = { USD = 50, JPY = \"6000\" }",
        )
        .unwrap()
        .remove("m")
        .unwrap();
        p.max_refund = Some(per);
        assert!(p.check_amount(&usd("50.5")).is_err());
        assert!(p.check_amount(&Money::new(Decimal::from(7000), Currency::new("EUR").unwrap())).is_ok());
    }

    #[test]
    fn keys_are_stable_and_distinct() {
        let k = derive_key(&["p", "s", "#1001"]);
        assert_eq!(k, derive_key(&["p", "s", "#1001"]));
        assert!(k.starts_with("shopdesk-") && k.len() == 41);
        assert_ne!(k, derive_key(&["p", "s", "#1002"]));
        assert_ne!(derive_key(&["a\nb", "c"]), derive_key(&["a", "b\nc"]));
        assert!(check_key("abc-1").is_ok());
        assert!(check_key("a b").is_err());
    }
}
