//! Receiving webhooks: signature schemes ([`signature`]), the durable store ([`store`]), the
//! HTTP receiver ([`server`]) and the outputs it feeds ([`forward`], [`sink`]).
//!
//! A **source** is a store or gateway of the profile, by its name; the receiver serves
//! `POST /webhooks/{name}` for each and checks it with its platform's scheme (Shopify HMAC,
//! WooCommerce HMAC, BigCommerce Standard Webhooks, Stripe-Signature). The signing secret is the
//! credential field `webhook_secret` under the source's name (keyring, env
//! `SHOPDESK_<PROFILE>_<NAME>_WEBHOOK_SECRET`, or `credential_command`); Shopify and BigCommerce
//! sign with the app's client secret, so for them `client_secret` is used when there is no
//! `webhook_secret`. Magento Open Source has no webhooks. PayPal signs with a certificate and
//! shares no secret: its deliveries are verified by PayPal's `verify-webhook-signature` API
//! (services.md §2) through the gateway's adapter (its OAuth client), for the webhook id in the
//! gateway's `webhook_id` config key (written by `webhook register`).

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
        if kind == "paypal" {
            match paypal_check(ctx, &name).await {
                Ok(check) => source.check = Some(check),
                Err(why) => source.unavailable = Some(why),
            }
            out.push(source);
            continue;
        }
        let Some((scheme, client_secret_signs)) = scheme_of(&kind) else {
            source.unavailable = Some(match kind.as_str() {
                "magento" => {
                    "Magento Open Source has no webhooks; poll with `shopdesk order search --since`".into()
                }
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
                    source.check = Some(server::Check::Signature(scheme, SigningKey::raw(secret.expose())));
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

/// A PayPal gateway's check: its adapter (OAuth client) and the id of the registered webhook,
/// or why it cannot be served.
async fn paypal_check(ctx: &Ctx, name: &str) -> std::result::Result<server::Check, String> {
    let webhook_id = ctx.profile().ok().and_then(|p| p.payments.get(name)?.webhook_id.clone()).ok_or_else(|| {
        format!(
            "no webhook_id: PayPal deliveries are verified for the webhook they were sent to; register one with \
             `shopdesk webhook register --gateway {name} …` (it writes webhook_id to the profile) or set \
             profiles.{}.payments.{name}.webhook_id",
            ctx.profile_name
        )
    })?;
    let gateway = ctx
        .open_gateway(name)
        .await
        .map_err(|e| format!("its API client cannot be opened to verify deliveries: {}", e.message))?;
    Ok(server::Check::Api { gateway: std::sync::Arc::from(gateway), webhook_id })
}
