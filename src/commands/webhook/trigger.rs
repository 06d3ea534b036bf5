//! `webhook trigger`: ask the sandbox to send a signed sample event of a topic to the webhook
//! subscriptions of a store or gateway, so a receiver can be tried end to end without making a
//! real change.
//!
//! The target is the sandbox when the command runs with `--sandbox`, or when the store's (or
//! gateway's) URL is served by a sandbox (`shopdesk sandbox serve`): its origin answers the
//! control API's `GET /_sandbox/health`. The event is then requested from
//! `POST /_sandbox/webhooks/trigger` on that origin, which answers once every subscription has
//! had its first try (see `sandbox::webhooks`). Real vendors are never asked: Shopify and
//! Stripe have their own tools for this (`shopify app webhook trigger`, `stripe trigger`), the
//! others send events only for real changes (PayPal also has a Webhooks Simulator); the
//! command says so and exits 2.
//!
//! Topics are resolved by the registration's table ([`super::topics`]): a portable topic, or
//! the vendor's own verbatim.

use crate::cli::WebhookTargetArgs;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::transport::{AuthScheme, Client, Request, Settings, VendorHooks};
use serde_json::{Value as Json, json};
use std::time::Duration;

/// How to trigger a real event of this vendor, for the "not a sandbox" error.
fn real_vendor_hint(vendor: &str) -> &'static str {
    match vendor {
        "shopify" => {
            "real Shopify events are triggered with the Shopify CLI: `shopify app webhook trigger --topic orders/create --address URL`"
        }
        "stripe" => "real Stripe events are triggered with the Stripe CLI: `stripe trigger charge.refunded`",
        "paypal" => "PayPal sends sample events from its Webhooks Simulator (developer dashboard)",
        _ => "this vendor sends events only for real changes; make the change in the store's admin",
    }
}

pub async fn run(ctx: &mut Ctx, target: WebhookTargetArgs, topic: &str) -> Result<()> {
    let (name, vendor, url) = match &target.gateway {
        Some(g) => {
            let p = ctx.profile()?;
            let cfg = p.payments.get(g).ok_or_else(|| {
                let names: Vec<&str> = p.payments.keys().map(String::as_str).collect();
                Error::usage(format!("unknown gateway `{g}`"))
                    .with_hint(format!("gateways: {}", names.join(", ")))
            })?;
            (g.clone(), cfg.gateway.clone(), cfg.url.clone())
        }
        None => {
            let name = ctx.selected_store()?;
            let cfg = ctx.store_config(&name)?;
            (name, cfg.platform.clone(), Some(cfg.url.clone()))
        }
    };
    if vendor == "magento" {
        return Err(Error::usage(format!("{name}: Magento Open Source has no webhooks"))
            .with_hint("poll for changes with `shopdesk order search --since 1h` instead"));
    }
    // The registration's table: a portable topic, or the vendor's own verbatim.
    let vendor_topic = super::topics::vendor(&vendor)
        .ok_or_else(|| Error::usage(format!("{name}: {vendor} has no webhooks")))?
        .resolve(topic)?;
    let origin = match &ctx.sandbox {
        Some(sb) => sb.base_url().to_string(),
        None => sandbox_origin(ctx, &name, &vendor, url).await?,
    };
    let client = control_client(ctx, &name, &origin)?;
    let resp = client
        .send_any(
            Request::post("_sandbox/webhooks/trigger").json(json!({"vendor": vendor, "topic": vendor_topic})),
        )
        .await?;
    let answer: Json = serde_json::from_slice(&resp.body).unwrap_or(Json::Null);
    if !resp.status.is_success() {
        let msg = answer["error"].as_str().unwrap_or("the sandbox refused the trigger").to_string();
        let topics: Vec<&str> =
            answer["topics"].as_array().into_iter().flatten().filter_map(Json::as_str).collect();
        let mut e = Error::usage(format!("{name}: {msg}"));
        if !topics.is_empty() {
            e = e.with_hint(format!("sample topics: {}", topics.join(", ")));
        }
        return Err(e);
    }
    let deliveries = answer["deliveries"].as_array().cloned().unwrap_or_default();
    if deliveries.is_empty() {
        return Err(Error::not_found(format!("{name}: no webhook subscription for `{vendor_topic}`, nothing was sent"))
            .with_hint(if ctx.sandbox.is_some() {
                "--sandbox starts a fresh sandbox for each command; run `shopdesk sandbox serve`, point a profile at it and `shopdesk webhook register` there"
            } else {
                "subscribe first: `shopdesk webhook register --topic TOPIC --url URL`"
            }));
    }
    ctx.out.value(&answer, |a, _, _| {
        let mut s = format!(
            "sent {} event {}\n",
            a["topic"].as_str().unwrap_or_default(),
            a["event_id"].as_str().unwrap_or_default()
        );
        for d in a["deliveries"].as_array().into_iter().flatten() {
            let status = match (d["status"].as_u64(), d["error"].as_str()) {
                (Some(code), _) => format!("HTTP {code}"),
                (None, Some(e)) => format!("no answer ({e})"),
                (None, None) => "no answer".to_string(),
            };
            s.push_str(&format!("  {}  {status}\n", d["address"].as_str().unwrap_or_default()));
        }
        s.push_str("failed deliveries are retried by the sandbox on the vendor's schedule");
        s
    })
}

/// The origin of `url` when a sandbox serves it; otherwise the "not a sandbox" error (exit 2).
async fn sandbox_origin(ctx: &Ctx, name: &str, vendor: &str, url: Option<url::Url>) -> Result<String> {
    let not_sandbox = |shown: &str| {
        Error::usage(format!(
            "{name} ({shown}) is not a shopdesk sandbox; `webhook trigger` asks the sandbox to send a sample event"
        ))
        .with_hint(real_vendor_hint(vendor))
    };
    let Some(url) = url else { return Err(not_sandbox("the vendor's own API")) };
    let origin = url.origin().ascii_serialization();
    // The vendors' own hosts are not asked whether they are a sandbox.
    const VENDOR_DOMAINS: [&str; 4] = ["myshopify.com", "bigcommerce.com", "stripe.com", "paypal.com"];
    let host = url.host_str().unwrap_or_default();
    if VENDOR_DOMAINS.iter().any(|d| host == *d || host.ends_with(&format!(".{d}"))) {
        return Err(not_sandbox(&origin));
    }
    let client = control_client(ctx, name, &origin)?;
    let health = client.send_any(Request::get("_sandbox/health")).await.map_err(|e| {
        e.with_hint(format!("is the sandbox at {origin} running? (`shopdesk sandbox serve`)"))
    })?;
    let ok = health.status.is_success()
        && serde_json::from_slice::<Json>(&health.body).is_ok_and(|j| j["ok"] == json!(true));
    if ok { Ok(origin) } else { Err(not_sandbox(&origin)) }
}

/// A client for the sandbox's control API: no credentials, no retries.
fn control_client(ctx: &Ctx, name: &str, origin: &str) -> Result<Client> {
    let base = url::Url::parse(origin).map_err(|e| Error::usage(format!("{name}: bad URL {origin}: {e}")))?;
    let settings = Settings { max_retries: 0, timeout: Duration::from_secs(30), ..Settings::default() };
    Client::new(
        format!("{name} (sandbox)"),
        base,
        AuthScheme::None,
        VendorHooks::default(),
        settings,
        ctx.logger.clone(),
    )
}
