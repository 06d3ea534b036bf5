//! The HTTP side of `webhook listen` (axum): `POST /webhooks/{source}`, `GET /healthz`,
//! `GET /stats`.
//!
//! Each delivery goes through the same steps, cheapest refusal first, and nothing parses the
//! body before its signature holds: unknown source (404) → per-source rate limit (token bucket,
//! 429) → size cap (413, checked on `Content-Length` and again while reading) → signature (401
//! for a missing/wrong signature or a timestamp out of tolerance, 400 for a request that is not
//! a delivery of the source's scheme; PayPal: its `verify-webhook-signature` API is asked, and a
//! FAILURE is a 401, an API that cannot be reached a 503 so PayPal retries) → commit to the
//! store → 200. A delivery id already stored
//! for that source is answered 200 again and not stored twice: the vendor is retrying one whose
//! answer it did not see. A store failure is a 503, so the vendor retries later.
//!
//! Every refusal is counted by reason (`/stats`, since the start of the process), printed on
//! stderr and written to the store's `rejections` table (`webhook log --failed`), with the
//! remote address and never the secret or the body.

use super::forward::{self, Outputs};
use super::signature::{self, Clock, Rejection, Scheme, SigningKey, Verified};
use super::store::{Inserted, NewEvent, RejectionRecord, Store, Writer, now_ms};
use crate::adapters::payments::{Payments, WebhookTransmission};
use crate::error::{Error, Result};
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a source's deliveries are checked.
#[derive(Clone)]
pub enum Check {
    /// A signature over the body with a shared secret, checked here.
    Signature(Scheme, SigningKey),
    /// Asked of the gateway's API (PayPal's `verify-webhook-signature`), for the webhook that
    /// was registered (`webhook_id`).
    Api { gateway: Arc<dyn Payments>, webhook_id: String },
}

impl Check {
    /// The scheme's name, as stored with each event.
    pub fn name(&self) -> &'static str {
        match self {
            Check::Signature(scheme, _) => scheme.name(),
            Check::Api { .. } => "paypal-verify-api",
        }
    }
}

/// A store or gateway of the profile, as a webhook source.
#[derive(Clone)]
pub struct Source {
    /// Its name in the profile (the route is `/webhooks/{name}`).
    pub name: String,
    /// `shopify`, `stripe`, … (the platform or gateway kind).
    pub kind: String,
    /// How deliveries are checked; `None` when the source cannot be served (see `unavailable`).
    pub check: Option<Check>,
    /// Why the source is not served (no secret, no webhooks on this platform, …) and the fix.
    pub unavailable: Option<String>,
}

/// `webhook listen`'s settings.
pub struct Options {
    pub addr: SocketAddr,
    pub max_body: usize,
    /// Deliveries per second per source (also the burst); 0: no limit.
    pub rate_limit: u32,
    pub tolerance: Duration,
    pub outputs: Outputs,
    pub db: std::path::PathBuf,
}

#[derive(Default, Clone, serde::Serialize)]
struct Counts {
    accepted: u64,
    duplicate: u64,
    rejected: BTreeMap<&'static str, u64>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

struct App {
    sources: HashMap<String, Source>,
    writer: Writer,
    counts: Mutex<BTreeMap<String, Counts>>,
    buckets: Mutex<HashMap<String, Bucket>>,
    wakes: HashMap<String, Arc<tokio::sync::Notify>>,
    max_body: usize,
    rate_limit: u32,
    tolerance: Duration,
    pending_state: bool,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl App {
    fn count(&self, source: &str, f: impl FnOnce(&mut Counts)) {
        f(lock(&self.counts).entry(source.to_string()).or_default());
    }

    /// Take a token from `source`'s bucket; `Err(wait)` when it is empty.
    fn admit(&self, source: &str) -> std::result::Result<(), Duration> {
        if self.rate_limit == 0 {
            return Ok(());
        }
        let rate = f64::from(self.rate_limit);
        let mut buckets = lock(&self.buckets);
        let now = Instant::now();
        let b = buckets.entry(source.to_string()).or_insert(Bucket { tokens: rate, at: now });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * rate).min(rate);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - b.tokens) / rate))
        }
    }

    /// Count, print and log a refusal; the response says why (never with the secret).
    fn refuse(
        &self,
        source: &str,
        remote: SocketAddr,
        status: StatusCode,
        reason: &'static str,
        detail: String,
    ) -> Response {
        self.count(source, |c| *c.rejected.entry(reason).or_default() += 1);
        if status != StatusCode::TOO_MANY_REQUESTS {
            // A flood of 429s is counted, not logged line by line.
            eprintln!("webhook listen: {source}: refused ({status}) from {remote}: {reason}: {detail}");
            self.writer.reject(RejectionRecord {
                source: source.to_string(),
                reason: reason.to_string(),
                detail: detail.clone(),
                at_ms: now_ms(),
                remote: remote.to_string(),
            });
        }
        (status, Json(json!({ "error": detail, "reason": reason }))).into_response()
    }
}

/// The headers kept with an event: everything received except credentials a proxy or the
/// sender may have added (`Authorization`, `Cookie`), which the store must not hold.
fn kept_headers(h: &HeaderMap) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in h {
        if matches!(name.as_str(), "authorization" | "proxy-authorization" | "cookie") {
            continue;
        }
        let v = String::from_utf8_lossy(value.as_bytes()).into_owned();
        out.entry(name.as_str().to_string()).and_modify(|e| *e = format!("{e}, {v}")).or_insert(v);
    }
    out
}

async fn receive(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
    ConnectInfo(remote): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some(source) = app.sources.get(&name) else {
        let known: Vec<&str> = app.sources.keys().map(String::as_str).collect();
        app.count("(unknown)", |c| *c.rejected.entry("unknown_source").or_default() += 1);
        return (
            StatusCode::NOT_FOUND,
            Json(json!({
                "error": format!("no webhook source `{name}`; this receiver serves: {}", known.join(", ")),
                "reason": "unknown_source",
            })),
        )
            .into_response();
    };
    let Some(check) = &source.check else {
        let why = source.unavailable.clone().unwrap_or_default();
        return app.refuse(&name, remote, StatusCode::NOT_FOUND, "not_configured", why);
    };
    if let Err(wait) = app.admit(&name) {
        let mut r =
            app.refuse(&name, remote, StatusCode::TOO_MANY_REQUESTS, "rate_limited", "rate limit".into());
        let secs = wait.as_secs().max(1).to_string();
        if let Ok(v) = secs.parse() {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    let too_large = |app: &App| {
        let detail = format!("the body is larger than --max-body ({} bytes)", app.max_body);
        app.refuse(&name, remote, StatusCode::PAYLOAD_TOO_LARGE, "too_large", detail)
    };
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > app.max_body) {
        return too_large(&app);
    }
    let Ok(bytes) = axum::body::to_bytes(body, app.max_body).await else {
        return too_large(&app);
    };
    let verified = match check {
        Check::Signature(scheme, key) => {
            match signature::verify(*scheme, key, &headers, &bytes, Clock::system(app.tolerance)) {
                Ok(v) => v,
                Err(r) => {
                    let status = if r.is_auth() { StatusCode::UNAUTHORIZED } else { StatusCode::BAD_REQUEST };
                    return app.refuse(&name, remote, status, r.code(), rejection_text(&r, scheme));
                }
            }
        }
        Check::Api { gateway, webhook_id } => {
            match verify_by_api(gateway.as_ref(), webhook_id, &headers, &bytes).await {
                Ok(v) => v,
                Err((status, reason, detail)) => return app.refuse(&name, remote, status, reason, detail),
            }
        }
    };
    let ev = NewEvent {
        source: name.clone(),
        delivery_id: verified.delivery_id,
        topic: verified.topic,
        scheme: check.name(),
        received_at_ms: now_ms(),
        headers: kept_headers(&headers),
        body: bytes,
        pending: app.pending_state,
    };
    match app.writer.insert(ev).await {
        Ok(Inserted::New(id)) => {
            app.count(&name, |c| c.accepted += 1);
            if let Some(w) = app.wakes.get(&name) {
                w.notify_one();
            }
            (StatusCode::OK, Json(json!({ "status": "accepted", "id": id }))).into_response()
        }
        Ok(Inserted::Duplicate(id)) => {
            app.count(&name, |c| c.duplicate += 1);
            (StatusCode::OK, Json(json!({ "status": "duplicate", "id": id }))).into_response()
        }
        Err(e) => {
            eprintln!("webhook listen: {name}: not stored: {}", e.message);
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "error": "the event could not be stored; retry" })),
            )
                .into_response()
        }
    }
}

fn rejection_text(r: &Rejection, scheme: &Scheme) -> String {
    format!("{} signature refused: {r}", scheme.name())
}

/// What a refused delivery answers: the status, the reason code and the text.
pub type Refusal = (StatusCode, &'static str, String);

/// PayPal (services.md §2): the `PAYPAL-*` transmission headers and the event, verbatim, go to
/// the gateway's verification API; the event's `id` (the same on PayPal's retries) is the
/// delivery id. Errs with the refusal's status, reason and text.
async fn verify_by_api(
    gateway: &dyn Payments,
    webhook_id: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> std::result::Result<Verified, Refusal> {
    let (t, verified) = paypal_delivery(webhook_id, headers, body)?;
    match gateway.verify_webhook(&t).await {
        Ok(true) => Ok(verified),
        Ok(false) => Err((
            StatusCode::UNAUTHORIZED,
            Rejection::BadSignature.code(),
            format!(
                "PayPal's verify-webhook-signature answered FAILURE: not a delivery PayPal made to webhook \
                 {webhook_id}, or changed on the way"
            ),
        )),
        Err(e) => Err((
            StatusCode::SERVICE_UNAVAILABLE,
            "verify_unavailable",
            format!("PayPal's verification API could not be asked ({}); PayPal will retry", e.message),
        )),
    }
}

/// The pure half of a PayPal delivery, read before PayPal's API is asked: the transmission
/// headers (each required, non-empty) and the event's `id` and `event_type` (what the delivery is
/// stored under once PayPal says it is genuine). Public so `fuzz/` runs exactly this code.
pub fn paypal_delivery<'a>(
    webhook_id: &'a str,
    headers: &'a HeaderMap,
    body: &'a [u8],
) -> std::result::Result<(WebhookTransmission<'a>, Verified), Refusal> {
    let header = |name: &'static str| {
        headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty()).ok_or_else(|| {
            let r = Rejection::MissingHeader(name);
            (StatusCode::UNAUTHORIZED, r.code(), format!("PayPal delivery refused: {r}"))
        })
    };
    let t = WebhookTransmission {
        webhook_id,
        transmission_id: header("paypal-transmission-id")?,
        transmission_time: header("paypal-transmission-time")?,
        transmission_sig: header("paypal-transmission-sig")?,
        cert_url: header("paypal-cert-url")?,
        auth_algo: header("paypal-auth-algo")?,
        event: body,
    };
    #[derive(serde::Deserialize)]
    struct Event {
        id: String,
        event_type: Option<String>,
    }
    let event: Event = serde_json::from_slice(body).map_err(|e| {
        (
            StatusCode::BAD_REQUEST,
            "malformed",
            format!("the body is not a PayPal event (JSON with an id): {e}"),
        )
    })?;
    Ok((t, Verified { delivery_id: event.id, topic: event.event_type }))
}

async fn stats(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    let counts = lock(&app.counts).clone();
    let total = |f: fn(&Counts) -> u64| counts.values().map(f).sum::<u64>();
    Json(json!({
        "accepted": total(|c| c.accepted),
        "duplicate": total(|c| c.duplicate),
        "rejected": total(|c| c.rejected.values().sum()),
        "sources": counts,
    }))
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    eprintln!("webhook listen: shutting down: finishing requests in flight and current deliveries");
}

/// Serve until Ctrl-C/SIGTERM, then drain: requests in flight are answered, each worker finishes
/// the delivery it is making, the writer commits what it holds. `announce` receives the URL (the
/// first line, so scripts and tests can read the port) and the routes.
pub async fn run(sources: Vec<Source>, opts: Options, announce: &mut dyn FnMut(&str)) -> Result<()> {
    let writer_store = Store::open(&opts.db)?;
    let worker_store = Arc::new(Mutex::new(Store::open(&opts.db)?));
    let pending = lock(&worker_store).pending_counts()?;
    let listener = tokio::net::TcpListener::bind(opts.addr).await.map_err(|e| {
        Error::usage(format!("cannot listen on {}: {e}", opts.addr))
            .with_hint("pick another --port (0 picks a free one) or stop what uses it")
    })?;
    let local = listener.local_addr()?;
    let base = format!("http://{local}");
    announce(&base);
    for s in &sources {
        match &s.check {
            Some(check) => {
                announce(&format!("POST {base}/webhooks/{}  ({}, {})", s.name, s.kind, check.name()))
            }
            None => eprintln!(
                "warning: webhook source `{}` ({}) is not served: {}",
                s.name,
                s.kind,
                s.unavailable.as_deref().unwrap_or("")
            ),
        }
    }
    if sources.iter().all(|s| s.check.is_none()) {
        eprintln!("warning: no source can be served; requests will be refused until a signing secret is set");
    }
    let serving: Vec<&Source> = sources.iter().filter(|s| s.check.is_some()).collect();
    let outputs = Arc::new(opts.outputs);
    let waiting: u64 = pending.values().sum();
    if waiting > 0 {
        if outputs.any() {
            eprintln!("webhook listen: resuming {waiting} pending deliveries from {}", opts.db.display());
        } else {
            eprintln!(
                "warning: {waiting} events in {} wait for delivery; start with --forward-to, --exec or --sink to deliver them",
                opts.db.display()
            );
        }
    }
    let (writer, writer_thread) = Writer::spawn(writer_store);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut wakes = HashMap::new();
    let mut workers = Vec::new();
    if outputs.any() {
        for s in &serving {
            let wake = Arc::new(tokio::sync::Notify::new());
            wakes.insert(s.name.clone(), wake.clone());
            workers.push(tokio::spawn(forward::worker(
                s.name.clone(),
                worker_store.clone(),
                outputs.clone(),
                wake,
                stop_rx.clone(),
            )));
        }
        for name in pending.keys().filter(|n| !wakes.contains_key(*n)) {
            eprintln!("warning: events of `{name}` wait for delivery, but `{name}` is not served now");
        }
    }
    let app = Arc::new(App {
        sources: sources.into_iter().map(|s| (s.name.clone(), s)).collect(),
        writer,
        counts: Mutex::new(BTreeMap::new()),
        buckets: Mutex::new(HashMap::new()),
        wakes,
        max_body: opts.max_body,
        rate_limit: opts.rate_limit,
        tolerance: opts.tolerance,
        pending_state: outputs.any(),
    });
    let router = Router::new()
        .route("/webhooks/{source}", post(receive))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/stats", get(stats))
        .with_state(app);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Error::general(format!("webhook listener failed: {e}")))?;
    let _ = stop_tx.send(true);
    for w in workers {
        let _ = w.await;
    }
    // The router (and with it the last `Writer`) is gone: the writer thread commits and ends.
    tokio::task::spawn_blocking(move || writer_thread.join())
        .await
        .map_err(|e| Error::general(format!("webhook store writer: {e}")))?
        .map_err(|_| Error::general("the webhook store writer panicked"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_not_kept() {
        let mut h = HeaderMap::new();
        h.insert("authorization", "Bearer x".parse().unwrap());
        h.insert("cookie", "a=b".parse().unwrap());
        h.insert("x-shopify-topic", "orders/create".parse().unwrap());
        let kept = kept_headers(&h);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept["x-shopify-topic"], "orders/create");
    }
}
