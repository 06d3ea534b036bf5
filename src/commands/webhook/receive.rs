//! `webhook listen | log | replay | verify`: the receiving side. Thin: the mechanisms are in
//! [`crate::webhooks`].

use crate::cli::{VerifySource, WebhookListenArgs, WebhookLogArgs, WebhookReplayArgs, WebhookVerifyArgs};
use crate::commands::order::parse_when;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::Row;
use crate::secret::Secret;
use crate::webhooks::forward::{self, Outputs};
use crate::webhooks::signature::{self, Clock, Rejection, Scheme, SigningKey};
use crate::webhooks::store::{Event, Filter, LogRow, Store};
use crate::webhooks::{self, server, sink};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use std::io::Read;

/// The accepted clock difference of the receiver's timestamped schemes (Stripe's SDK default,
/// and Standard Webhooks' reference libraries).
const TOLERANCE: std::time::Duration = std::time::Duration::from_secs(300);

pub async fn listen(ctx: &mut Ctx, a: WebhookListenArgs) -> Result<()> {
    let forward_to = a.forward_to.as_deref().map(http_url).transpose()?;
    let sink = match a.sink.as_deref() {
        Some(url) => {
            let password = std::env::var(sink::PASSWORD_ENV).ok().map(Secret::new);
            let sink = sink::RedisSink::new(sink::Target::parse(url, password)?);
            match sink.probe().await? {
                Some(warning) => eprintln!("warning: --sink: {warning}"),
                None => eprintln!("webhook listen: publishing to {}", sink.target().display()),
            }
            Some(sink)
        }
        None => None,
    };
    let outputs = Outputs::new(forward_to, a.exec, sink, a.max_attempts, a.backoff, ctx.logger.clone())?;
    let sources = webhooks::sources(ctx).await?;
    if sources.is_empty() {
        return Err(Error::usage(format!(
            "profile `{}` has no stores or gateways to receive from",
            ctx.profile_name
        ))
        .with_hint("add a store or gateway to the profile (see `shopdesk config show --default`)"));
    }
    let opts = server::Options {
        addr: std::net::SocketAddr::new(a.bind, a.port),
        max_body: a.max_body,
        rate_limit: a.rate_limit,
        tolerance: TOLERANCE,
        outputs,
        db: webhooks::db_path(ctx),
    };
    // Straight to stdout, ignoring a closed pipe: a script that read the first line (the URL)
    // and closed its end must not stop the receiver (Output would exit on a broken pipe).
    server::run(sources, opts, &mut |line| {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}").and_then(|()| out.flush());
    })
    .await
}

/// An `http://` or `https://` URL for a flag.
fn http_url(s: &str) -> Result<url::Url> {
    match url::Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(u),
        _ => Err(Error::usage(format!("`{s}` is not an http:// or https:// URL"))),
    }
}

impl Row for LogRow {
    fn headers() -> &'static [&'static str] {
        &["id", "received", "source", "topic", "delivery", "state", "attempts", "error"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.map(|i| i.to_string()).unwrap_or_else(|| "-".into()),
            self.received_at.clone(),
            self.source.clone(),
            self.topic.clone().unwrap_or_default(),
            self.delivery_id.clone().unwrap_or_default(),
            self.state.clone(),
            self.attempts.to_string(),
            self.error.clone().unwrap_or_default(),
        ]
    }
}

pub async fn log(ctx: &mut Ctx, a: WebhookLogArgs) -> Result<()> {
    let since_ms = a.since.as_deref().map(|s| parse_when(s, false)).transpose()?.map(|t| t.as_millisecond());
    let store = Store::open(&webhooks::db_path(ctx))?;
    let rows = store.log(&Filter { source: a.source, since_ms, failed: a.failed, limit: a.limit })?;
    let mut list = ctx.out.list::<LogRow>();
    for r in &rows {
        list.push(r)?;
    }
    list.finish()?;
    Ok(())
}

/// One re-sent event.
#[derive(Serialize)]
struct Replayed {
    id: i64,
    source: String,
    delivery_id: String,
    result: String,
}

impl Row for Replayed {
    fn headers() -> &'static [&'static str] {
        &["id", "source", "delivery", "result"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.id.to_string(), self.source.clone(), self.delivery_id.clone(), self.result.clone()]
    }
}

pub async fn replay(ctx: &mut Ctx, a: WebhookReplayArgs) -> Result<()> {
    let store = Store::open(&webhooks::db_path(ctx))?;
    let events: Vec<Event> = match (&a.id, &a.since) {
        (Some(id), _) => {
            let n: i64 = id.trim().parse().map_err(|_| {
                Error::usage(format!("`{id}` is not an event id"))
                    .with_hint("event ids are the numbers `webhook log` shows")
            })?;
            vec![store.get(n)?.ok_or_else(|| {
                Error::not_found(format!("no event {n} in {}", store.path.display()))
                    .with_hint("list them with `shopdesk webhook log`")
            })?]
        }
        (None, Some(since)) => {
            let t = parse_when(since, false)?;
            let evs = store.since(t.as_millisecond())?;
            if evs.is_empty() {
                return Err(Error::not_found(format!("no events received since {t}")));
            }
            evs
        }
        (None, None) => return Err(Error::usage("give an event id or --since")),
    };
    let Some(to) = a.to.as_deref().map(http_url).transpose()? else {
        let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
        let n = store.requeue(&ids)?;
        eprintln!(
            "{n} event(s) queued for delivery again: a running `shopdesk webhook listen` with --forward-to \
             or --exec delivers them within seconds (else the next one started does); --to URL sends them now"
        );
        return Ok(());
    };
    let client = forward::forwarding_client(to.clone(), ctx.logger.clone())?;
    let mut failed = 0;
    let mut list = ctx.out.list::<Replayed>();
    for ev in &events {
        let result = match forward::post(&client, &to, ev).await {
            Ok(()) => "delivered".to_string(),
            Err(e) => {
                failed += 1;
                format!("failed: {e}")
            }
        };
        list.push(&Replayed {
            id: ev.id,
            source: ev.source.clone(),
            delivery_id: ev.delivery_id.clone(),
            result,
        })?;
    }
    list.finish()?;
    if failed > 0 {
        return Err(Error::partial(format!(
            "{failed} of {} events were not delivered to {to}",
            events.len()
        )));
    }
    Ok(())
}

/// `webhook verify`'s answer.
#[derive(Serialize)]
struct Verdict {
    valid: bool,
    scheme: &'static str,
    delivery_id: String,
    topic: Option<String>,
}

/// Pins "now" (unix seconds) for `webhook verify` only, so captured deliveries and published
/// test vectors with old timestamps can be checked without widening `--tolerance`.
pub const NOW_ENV: &str = "SHOPDESK_NOW";

pub async fn verify(ctx: &mut Ctx, a: WebhookVerifyArgs) -> Result<()> {
    let secret = std::env::var(&a.secret_env).ok().filter(|s| !s.is_empty()).ok_or_else(|| {
        Error::usage(format!("the environment variable {} is not set", a.secret_env))
            .with_hint("put the signing secret in it (the secret itself never goes on the command line)")
    })?;
    let mut headers = HeaderMap::new();
    for h in &a.headers {
        let bad =
            || Error::usage(format!("`{h}` is not a header")).with_hint("write each as -H 'Name: value'");
        let (name, value) = h.split_once(':').ok_or_else(bad)?;
        let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| bad())?;
        let value = HeaderValue::from_str(value.trim()).map_err(|_| bad())?;
        headers.append(name, value);
    }
    let now = match std::env::var(NOW_ENV) {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| Error::usage(format!("{NOW_ENV}=`{v}` is not a unix time in seconds")))?,
        Err(_) => jiff::Timestamp::now().as_second(),
    };
    let mut body = Vec::new();
    std::io::stdin().read_to_end(&mut body)?;
    let (scheme, key) = match a.source {
        VerifySource::Shopify => (Scheme::Shopify, SigningKey::raw(&secret)),
        VerifySource::Woocommerce => (Scheme::WooCommerce, SigningKey::raw(&secret)),
        VerifySource::Bigcommerce => (Scheme::Standard, SigningKey::raw(&secret)),
        VerifySource::Stripe => (Scheme::Stripe, SigningKey::raw(&secret)),
        VerifySource::Standard => (
            Scheme::Standard,
            SigningKey::standard(&secret).map_err(|m| Error::usage(format!("{}: {m}", a.secret_env)))?,
        ),
    };
    let clock = Clock { now, tolerance_secs: a.tolerance.as_secs() as i64 };
    match signature::verify(scheme, &key, &headers, &body, clock) {
        Ok(v) => {
            let verdict = Verdict { valid: true, scheme: scheme.name(), delivery_id: v.delivery_id, topic: v.topic };
            ctx.out.value(&verdict, |v, _, _| {
                format!(
                    "valid {} signature: delivery {}{}",
                    v.scheme,
                    v.delivery_id,
                    v.topic.as_deref().map(|t| format!(", topic {t}")).unwrap_or_default()
                )
            })
        }
        Err(r) => Err(Error::auth(format!("invalid delivery ({}): {r}", scheme.name())).with_hint(match r {
            Rejection::BadSignature => match a.source {
                VerifySource::Shopify | VerifySource::Bigcommerce => {
                    "check the secret (the app's client secret unless a webhook secret was set) and that the body \
                     is byte for byte what was received (no re-encoding, no added newline)"
                }
                _ => "check the secret and that the body is byte for byte what was received (no re-encoding, \
                      no added newline)",
            }
            .to_string(),
            Rejection::Stale(_) | Rejection::Future(_) => {
                "for an old capture pin the clock with SHOPDESK_NOW=<unix seconds>, or pass a larger --tolerance \
                 (e.g. 8760h)"
                    .to_string()
            }
            Rejection::MissingHeader(h) => format!("pass it with -H '{h}: …' as it was received"),
            Rejection::Malformed(_) => "pass the headers and body exactly as they were received".to_string(),
        })),
    }
}
