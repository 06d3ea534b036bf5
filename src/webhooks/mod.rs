//! Receiving webhooks: signature schemes ([`signature`]), the durable store ([`store`]), the
//! HTTP receiver ([`server`]) and the outputs it feeds ([`forward`], [`sink`]).
//!
//! A **source** is a store or gateway of the profile, by its name; the receiver serves
//! `POST /webhooks/{name}` for each and checks it with its platform's scheme (Shopify HMAC,
//! WooCommerce HMAC, BigCommerce Standard Webhooks, Stripe-Signature). The signing secret is the
//! credential field `webhook_secret` under the source's name (keyring, env
//! `SHOPDESK_<PROFILE>_<NAME>_WEBHOOK_SECRET`, or `credential_command`); Shopify and BigCommerce
//! sign with the app's client secret, so for them `client_secret` is used when there is no
//! `webhook_secret`. Magento Open Source has no webhooks. PayPal deliveries are verified by
//! PayPal's own `verify-webhook-signature` API, which the receiver does not call yet: PayPal
//! gateways are listed as not served.

pub mod forward;
pub mod server;
pub mod signature;
pub mod sink;
pub mod store;

use crate::context::Ctx;
use signature::{Scheme, SigningKey};
use std::path::PathBuf;

/// The credential field holding a source's signing secret.
pub const SECRET_FIELD: &str = "webhook_secret";

/// The receiver's database: `$SHOPDESK_WEBHOOK_DB`, else `webhooks.sqlite3` in the state dir
/// (`sandbox-webhooks.sqlite3` under `--sandbox`, so demo events stay apart from real ones).
pub fn db_path(ctx: &Ctx) -> PathBuf {
    if let Some(p) = std::env::var_os("SHOPDESK_WEBHOOK_DB") {
        return PathBuf::from(p);
    }
    let file = if ctx.sandbox.is_some() { "sandbox-webhooks.sqlite3" } else { "webhooks.sqlite3" };
    crate::config::state_dir().join(file)
}

/// The scheme a platform or gateway signs with, and whether its app's `client_secret` signs
/// when no `webhook_secret` is set.
fn scheme_of(kind: &str) -> Option<(Scheme, bool)> {
    match kind {
        "shopify" => Some((Scheme::Shopify, true)),
        "woocommerce" => Some((Scheme::WooCommerce, false)),
        "bigcommerce" => Some((Scheme::Standard, true)),
        "stripe" => Some((Scheme::Stripe, false)),
        _ => None,
    }
}

/// Every store and gateway of the profile as a source, with its key or the reason it cannot be
/// served. A missing secret is not an error here: the receiver starts for the others.
pub async fn sources(ctx: &Ctx) -> crate::error::Result<Vec<server::Source>> {
    let profile = ctx.profile()?;
    let mut all: Vec<(String, String, Option<String>)> = profile
        .stores
        .iter()
        .map(|(n, s)| (n.clone(), s.platform.clone(), s.credential_command.clone()))
        .collect();
    all.extend(
        profile.payments.iter().map(|(n, g)| (n.clone(), g.gateway.clone(), g.credential_command.clone())),
    );
    let mut out = Vec::new();
    for (name, kind, command) in all {
        let mut source =
            server::Source { name: name.clone(), kind: kind.clone(), check: None, unavailable: None };
        let Some((scheme, client_secret_signs)) = scheme_of(&kind) else {
            source.unavailable = Some(match kind.as_str() {
                "magento" => {
                    "Magento Open Source has no webhooks; poll with `shopdesk order search --since`".into()
                }
                "paypal" => "PayPal deliveries are verified through PayPal's verify-webhook-signature API, \
                             which the receiver does not support yet"
                    .into(),
                other => format!("no webhook scheme for `{other}`"),
            });
            out.push(source);
            continue;
        };
        let mut fields = vec![SECRET_FIELD];
        if client_secret_signs {
            fields.push("client_secret");
        }
        let mut problems = Vec::new();
        for field in fields {
            match ctx.credentials.get(&ctx.secret_id(&name, field), command.as_deref()).await {
                Ok((secret, _)) => {
                    source.check = Some((scheme, SigningKey::raw(secret.expose())));
                    break;
                }
                Err(e) => problems.push(e.message),
            }
        }
        if source.check.is_none() {
            let env = ctx.secret_id(&name, SECRET_FIELD).env_var();
            source.unavailable = Some(format!(
                "no signing secret ({}); set {env}, or register the webhook with `shopdesk webhook register`, \
                 which keeps the secret in the keyring",
                problems.join("; ")
            ));
        }
        out.push(source);
    }
    Ok(out)
}
