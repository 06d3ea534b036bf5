//! Webhook subscriptions the store and gateway emulators hold, in one registry shared by all of
//! them (each emulator renders its own vendor's JSON for them), and the delivery of signed
//! events to their addresses.
//!
//! Emulators register, list and remove subscriptions here from their vendor-shaped endpoints
//! (Shopify `webhookSubscriptionCreate`, WooCommerce `/webhooks`, BigCommerce `/v3/hooks`,
//! Stripe `/v1/webhook_endpoints`, PayPal `/v1/notifications/webhooks`).
//!
//! # Delivery
//! An emulator calls [`Registry::emit`] where its state changes (one line at the mutation site)
//! with the vendor's topic and the resource as that vendor renders it. The event is wrapped in
//! the vendor's envelope, and each active subscription to the topic gets it from a background
//! task: signed, with the vendor's headers, retried on the vendor's schedule (time-scaled by
//! [`super::Options::webhook_retry_scale`], default 1/1000), and the subscription disabled the
//! way the vendor does it. Every attempt is recorded (`GET /_sandbox/webhooks/deliveries`).
//! The signing here is written from the vendor contracts, independently of shopdesk's receiver,
//! so a mistake in one is caught by the other.
//!
//! Vendor facts used (../shared/reference; [U] = unverified):
//! - **Shopify** (platforms.md §1.8): body = the resource's REST JSON; `X-Shopify-Hmac-Sha256`
//!   = base64(HMAC-SHA256(client secret, raw body)); `X-Shopify-Topic`, `-Shop-Domain`,
//!   `-API-Version`, `-Webhook-Id` (the same on every retry of one delivery: the receiver's
//!   idempotency key), `-Event-Id`, `-Triggered-At`. Retries: 8 tries over 4 hours (the spacing
//!   is ours [U]); what Shopify does to the subscription afterwards is not modelled [U].
//! - **WooCommerce** (§2.8): `X-WC-Webhook-Source` (site URL with `/`), `-Topic`, `-Resource`,
//!   `-Event`, `-Signature` = base64(HMAC-SHA256(secret, raw body)), `-ID`, `-Delivery-ID`;
//!   `User-Agent: WooCommerce/… Hookshot (WordPress/…)` (versions ours); 2xx, 301 and 302 are
//!   success; after more than 5 consecutive failures the webhook is `disabled`. A failed
//!   delivery is not retried (WooCommerce counts the failure and moves on [U]).
//! - **BigCommerce** (§4.7, services.md §6a): Standard Webhooks `webhook-id` (the same on
//!   retries), `webhook-timestamp`, `webhook-signature: v1,<base64(HMAC-SHA256(raw client
//!   secret bytes, "id.timestamp.body"))>`; body `{"scope","store_id","data","hash","created_at",
//!   "producer"}` (`hash`: SHA-1 of `data` [U]); custom `headers` given at creation are sent too;
//!   retries after 60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400 and 86400 s, then
//!   the hook is deactivated (`is_active: false`).
//! - **Stripe** (services.md §1): `Stripe-Signature: t=<unix>,v1=<hex(HMAC-SHA256(whsec_…
//!   string, "t.body"))>`; body an `event` object; retries up to 3 days (spacing ours [U]);
//!   the endpoint is disabled when a delivery exhausts them [U].
//! - **PayPal** (services.md §2): `PAYPAL-TRANSMISSION-ID`, `-TRANSMISSION-TIME`,
//!   `-TRANSMISSION-SIG`, `-CERT-URL`, `-AUTH-ALGO`; up to 25 tries over 3 days (spacing ours).
//!   PayPal signs with a certificate; the sandbox has none, so the signature is opaque and the
//!   PayPal emulator's `verify-webhook-signature` answers SUCCESS exactly for the transmissions
//!   this registry sent ([`Registry::paypal_verified`]).
//!
//! # Control API
//! - `GET /_sandbox/webhooks/deliveries`: every attempt, oldest first:
//!   `[{"seq","delivery_id","subscription","vendor","topic","address","attempt","status","error","at"}]`
//!   (`status` null when the address did not answer); `DELETE` clears the list.
//! - `POST /_sandbox/webhooks/subscriptions` `{"vendor","topics":[…],"address","secret"?}`: a
//!   subscription without the vendor's own API (tests, users' CI). Without a secret, Shopify's
//!   is the demo app's client secret and the others get a generated one, shown only in this
//!   answer. `GET` lists them (without secrets).
//! - `POST /_sandbox/webhooks/trigger` `{"vendor","topic"}`: emit a sample event of that
//!   vendor topic built from the seeded data; answers once every subscription has had its first
//!   attempt: `{"event_id", "deliveries":[attempt…]}` (retries go on in the background).

use super::{Shared, demo};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use hmac::{KeyInit, Mac};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::oneshot;

/// One subscription, in neutral terms.
#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    /// The vendor's id for it (numeric or prefixed, as the vendor does it).
    pub id: String,
    /// `shopify`, `woocommerce`, `bigcommerce`, `stripe`, `paypal`.
    pub vendor: &'static str,
    /// The vendor's own topic names (Stripe/PayPal: several event types).
    pub topics: Vec<String>,
    pub address: String,
    /// The signing secret the vendor uses for this subscription (Shopify: the app's client
    /// secret; WooCommerce: the one given at creation; BigCommerce: the app's client secret;
    /// Stripe: the `whsec_…` it issued; PayPal: none, verified through its API).
    pub secret: Option<String>,
    pub active: bool,
    /// Consecutive failed deliveries.
    pub failures: u32,
    pub created_at: Timestamp,
    /// Vendor-specific fields the emulator keeps (name, headers, api_version, …).
    pub extra: Json,
}

impl Subscription {
    fn wants(&self, topic: &str) -> bool {
        self.active && self.topics.iter().any(|t| t == topic || t == "*")
    }
}

/// One delivery attempt, as `GET /_sandbox/webhooks/deliveries` lists it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Attempt {
    pub seq: u64,
    /// The vendor's id of the delivery, the same on every retry (Shopify `X-Shopify-Webhook-Id`,
    /// Standard Webhooks `webhook-id`, Stripe/PayPal event id, WooCommerce delivery id).
    pub delivery_id: String,
    pub subscription: String,
    pub vendor: &'static str,
    pub topic: String,
    pub address: String,
    /// 1 for the first try.
    pub attempt: u32,
    /// `None` when the address did not answer (connection refused, timeout).
    pub status: Option<u16>,
    pub error: Option<String>,
    pub at: String,
}

/// What a PayPal delivery carried, for `verify-webhook-signature`.
struct PaypalSent {
    time: String,
    sig: String,
    webhook_id: String,
    event: Json,
}

#[derive(Default)]
struct Inner {
    subs: Mutex<Vec<Subscription>>,
    attempts: Mutex<Vec<Attempt>>,
    paypal: Mutex<HashMap<String, PaypalSent>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub(crate) struct Registry {
    inner: Arc<Inner>,
    next: AtomicU64,
    seq: Arc<AtomicU64>,
    /// Multiplies every retry gap ([`super::Options::webhook_retry_scale`]).
    scale: f64,
    /// `http://127.0.0.1:PORT`, for the WooCommerce source URL.
    base_url: String,
    http: reqwest::Client,
}

impl Registry {
    pub(crate) fn new(scale: f64, base_url: &str) -> Registry {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            // WooCommerce counts a 301/302 as delivered: redirects are answers, not followed.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Registry {
            inner: Arc::default(),
            next: AtomicU64::new(0),
            seq: Arc::default(),
            scale,
            base_url: base_url.to_string(),
            http,
        }
    }

    fn subs(&self) -> MutexGuard<'_, Vec<Subscription>> {
        lock(&self.inner.subs)
    }

    /// A new number for ids (1, 2, …), unique across vendors.
    pub(crate) fn next_number(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub(crate) fn add(&self, sub: Subscription) -> Subscription {
        self.subs().push(sub.clone());
        sub
    }

    /// A vendor's subscriptions, oldest first.
    pub(crate) fn list(&self, vendor: &str) -> Vec<Subscription> {
        self.subs().iter().filter(|s| s.vendor == vendor).cloned().collect()
    }

    pub(crate) fn get(&self, vendor: &str, id: &str) -> Option<Subscription> {
        self.subs().iter().find(|s| s.vendor == vendor && s.id == id).cloned()
    }

    /// Change one subscription in place; false when there is none.
    pub(crate) fn update(&self, vendor: &str, id: &str, f: impl FnOnce(&mut Subscription)) -> bool {
        update(&self.inner, vendor, id, f)
    }

    pub(crate) fn remove(&self, vendor: &str, id: &str) -> bool {
        let mut subs = self.subs();
        let before = subs.len();
        subs.retain(|s| !(s.vendor == vendor && s.id == id));
        subs.len() != before
    }

    /// Sends `payload` (the resource as the vendor renders it) to every active subscription of
    /// `vendor` to `topic` (the vendor's topic name), in the background.
    pub(crate) fn emit(&self, vendor: &'static str, topic: &str, payload: Json) {
        let _ = self.send(vendor, topic, payload);
    }

    /// [`Registry::emit`], answering the event id and, per subscription, a receiver of its first
    /// attempt.
    fn send(
        &self,
        vendor: &'static str,
        topic: &str,
        payload: Json,
    ) -> (String, Vec<oneshot::Receiver<Attempt>>) {
        let event = Event::new(vendor, topic, payload);
        let subs: Vec<Subscription> =
            self.subs().iter().filter(|s| s.vendor == vendor && s.wants(topic)).cloned().collect();
        let mut firsts = Vec::new();
        for sub in subs {
            let (tx, rx) = oneshot::channel();
            firsts.push(rx);
            let job = Job {
                inner: self.inner.clone(),
                seq: self.seq.clone(),
                http: self.http.clone(),
                scale: self.scale,
                woo_source: format!("{}/woocommerce/{}/", self.base_url, demo::WOO_SITE),
                event: event.clone(),
                sub,
            };
            tokio::spawn(job.run(tx));
        }
        (event.id, firsts)
    }

    /// Whether a `verify-webhook-signature` request describes a delivery this registry made:
    /// every field as sent, for the subscription it went to, and the same event.
    pub(crate) fn paypal_verified(&self, req: &Json) -> bool {
        let sent = lock(&self.inner.paypal);
        let field = |k: &str| req[k].as_str().unwrap_or_default();
        sent.get(field("transmission_id")).is_some_and(|s| {
            constant_time_eq(s.sig.as_bytes(), field("transmission_sig").as_bytes())
                && s.time == field("transmission_time")
                && s.webhook_id == field("webhook_id")
                && field("auth_algo") == PAYPAL_AUTH_ALGO
                && field("cert_url") == PAYPAL_CERT_URL
                && s.event == req["webhook_event"]
        })
    }
}

fn update(inner: &Inner, vendor: &str, id: &str, f: impl FnOnce(&mut Subscription)) -> bool {
    match lock(&inner.subs).iter_mut().find(|s| s.vendor == vendor && s.id == id) {
        Some(s) => {
            f(s);
            true
        }
        None => false,
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn random_hex(bytes: usize) -> String {
    (0..bytes).map(|_| format!("{:02x}", rand::random::<u8>())).collect()
}

fn uuid() -> String {
    let h = random_hex(16);
    format!("{}-{}-4{}-a{}-{}", &h[..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

const PAYPAL_AUTH_ALGO: &str = "SHA256withRSA";
const PAYPAL_CERT_URL: &str =
    "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-sandbox0";
/// The BigCommerce sandbox store's numeric id (`store_id` in payloads) [U: the real one is the
/// store's own].
const BIGCOMMERCE_STORE_ID: &str = "1001928374";
/// The Stripe API version events are rendered in, unless the endpoint pinned one.
const STRIPE_API_VERSION: &str = "2026-07-29.dahlia";

/// One event: the vendor envelope around the resource, serialised once (every subscription
/// and every retry gets the same bytes, as the vendors sign what they send).
#[derive(Clone)]
struct Event {
    id: String,
    vendor: &'static str,
    topic: String,
    created: Timestamp,
    json: Json,
    body: bytes::Bytes,
}

impl Event {
    fn new(vendor: &'static str, topic: &str, payload: Json) -> Event {
        let created = Timestamp::from_second(Timestamp::now().as_second()).unwrap_or(Timestamp::UNIX_EPOCH);
        let (id, json) = match vendor {
            "bigcommerce" => {
                let hash = {
                    use sha1::Digest;
                    let d = sha1::Sha1::digest(payload.to_string().as_bytes());
                    d.iter().map(|b| format!("{b:02x}")).collect::<String>()
                };
                let id = uuid();
                (
                    id,
                    json!({
                        "created_at": created.as_second(), "store_id": BIGCOMMERCE_STORE_ID,
                        "producer": format!("stores/{}", demo::BIGCOMMERCE_STORE_HASH),
                        "scope": topic, "hash": hash, "data": payload,
                    }),
                )
            }
            "stripe" => {
                let id = format!("evt_{}", &random_hex(12));
                (
                    id.clone(),
                    json!({
                        "id": id, "object": "event", "api_version": STRIPE_API_VERSION,
                        "created": created.as_second(), "data": {"object": payload}, "livemode": false,
                        "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": topic,
                    }),
                )
            }
            "paypal" => {
                let id = format!("WH-{}-{}", random_hex(8).to_uppercase(), random_hex(8).to_uppercase());
                let resource_type = if topic.contains("REFUND") { "refund" } else { "capture" };
                let amount = &payload["amount"];
                let summary = format!(
                    "A {} {} {resource_type} was {}",
                    amount["value"].as_str().unwrap_or_default(),
                    amount["currency_code"].as_str().unwrap_or_default(),
                    topic.rsplit('.').next().unwrap_or_default().to_lowercase(),
                );
                (
                    id.clone(),
                    json!({
                        "id": id, "event_version": "1.0", "create_time": created.to_string(),
                        "resource_type": resource_type, "resource_version": "2.0", "event_type": topic,
                        "summary": summary, "resource": payload,
                        "links": [{"href": format!("https://api.sandbox.paypal.com/v1/notifications/webhooks-events/{id}"), "rel": "self", "method": "GET"}],
                    }),
                )
            }
            _ => (uuid(), payload),
        };
        let body = bytes::Bytes::from(json.to_string());
        Event { id, vendor, topic: topic.to_string(), created, json, body }
    }
}

/// Seconds between tries, per vendor (the vendor's schedule before scaling).
fn schedule(vendor: &str) -> Vec<u64> {
    match vendor {
        // 8 tries over 4 hours; the spacing is ours [U].
        "shopify" => vec![60, 300, 600, 1200, 2400, 4200, 5640],
        "bigcommerce" => vec![60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400],
        // Up to 3 days, backing off exponentially; the spacing is ours [U].
        "stripe" => vec![60, 300, 1800, 3600, 7200, 14400, 28800, 57600, 86400, 59040],
        // 25 tries over 3 days.
        "paypal" => (0..24).map(|k| if k < 6 { 60 << k } else { 14_190 }).collect(),
        _ => vec![],
    }
}

/// The delivery of one event to one subscription, with its retries.
struct Job {
    inner: Arc<Inner>,
    seq: Arc<AtomicU64>,
    http: reqwest::Client,
    scale: f64,
    woo_source: String,
    event: Event,
    sub: Subscription,
}

impl Job {
    async fn run(self, first: oneshot::Sender<Attempt>) {
        let gaps = schedule(self.event.vendor);
        let delivery_id = match self.event.vendor {
            "stripe" | "paypal" => self.event.id.clone(),
            "woocommerce" => random_hex(16),
            _ => uuid(),
        };
        let mut first = Some(first);
        for attempt in 1..=gaps.len() as u32 + 1 {
            if attempt > 1 {
                let gap = Duration::from_secs(gaps[attempt as usize - 2]).mul_f64(self.scale);
                tokio::time::sleep(gap).await;
                // Deleted or disabled meanwhile: the vendor stops retrying.
                let alive = lock(&self.inner.subs)
                    .iter()
                    .any(|s| s.vendor == self.sub.vendor && s.id == self.sub.id && s.active);
                if !alive {
                    return;
                }
            }
            let headers = self.headers(&delivery_id);
            let mut req = self.http.post(&self.sub.address).body(self.event.body.clone());
            for (k, v) in &headers {
                req = req.header(k.as_str(), v.as_str());
            }
            let (status, error) = match req.send().await {
                Ok(r) => (Some(r.status().as_u16()), None),
                Err(e) => (None, Some(e.to_string())),
            };
            let ok = status.is_some_and(|s| {
                (200..300).contains(&s) || (self.event.vendor == "woocommerce" && matches!(s, 301 | 302))
            });
            let record = Attempt {
                seq: self.seq.fetch_add(1, Ordering::SeqCst) + 1,
                delivery_id: delivery_id.clone(),
                subscription: self.sub.id.clone(),
                vendor: self.sub.vendor,
                topic: self.event.topic.clone(),
                address: self.sub.address.clone(),
                attempt,
                status,
                error,
                at: Timestamp::now().to_string(),
            };
            lock(&self.inner.attempts).push(record.clone());
            update(&self.inner, self.sub.vendor, &self.sub.id, |s| {
                s.failures = if ok { 0 } else { s.failures + 1 };
                // WooCommerce: disabled after more than 5 consecutive failures.
                if s.vendor == "woocommerce" && s.failures > 5 {
                    s.active = false;
                }
            });
            if let Some(tx) = first.take() {
                let _ = tx.send(record);
            }
            if ok {
                return;
            }
        }
        // Every try failed: BigCommerce deactivates the hook, Stripe disables the endpoint [U].
        if matches!(self.sub.vendor, "bigcommerce" | "stripe") {
            update(&self.inner, self.sub.vendor, &self.sub.id, |s| s.active = false);
        }
    }

    /// The vendor's headers for one try (timestamps and signatures are per try).
    fn headers(&self, delivery_id: &str) -> Vec<(String, String)> {
        let e = &self.event;
        let secret = self.sub.secret.clone().unwrap_or_default();
        let body = &e.body[..];
        let now = Timestamp::now();
        let h = |k: &str, v: String| (k.to_string(), v);
        let mut out = vec![h("content-type", "application/json".into())];
        match e.vendor {
            "shopify" => {
                let version = self.sub.extra["api_version"].as_str().unwrap_or("2026-10").to_string();
                out.extend([
                    h("user-agent", "Shopify-Captain-Hook".into()),
                    h("x-shopify-topic", e.topic.clone()),
                    h("x-shopify-hmac-sha256", b64(&hmac_sha256(secret.as_bytes(), &[body]))),
                    h("x-shopify-shop-domain", format!("{}.myshopify.com", demo::SHOPIFY_SHOP)),
                    h("x-shopify-api-version", version),
                    h("x-shopify-webhook-id", delivery_id.to_string()),
                    h("x-shopify-event-id", e.id.clone()),
                    h("x-shopify-triggered-at", e.created.to_string()),
                ]);
                if let Some(name) = self.sub.extra["name"].as_str() {
                    out.push(h("x-shopify-name", name.to_string()));
                }
            }
            "woocommerce" => {
                let (resource, event) = e.topic.split_once('.').unwrap_or((&e.topic, ""));
                out.extend([
                    h("user-agent", "WooCommerce/10.3.0 Hookshot (WordPress/6.8.3)".into()),
                    h("x-wc-webhook-source", self.woo_source.clone()),
                    h("x-wc-webhook-topic", e.topic.clone()),
                    h("x-wc-webhook-resource", resource.to_string()),
                    h("x-wc-webhook-event", event.to_string()),
                    h("x-wc-webhook-signature", b64(&hmac_sha256(secret.as_bytes(), &[body]))),
                    h("x-wc-webhook-id", self.sub.id.clone()),
                    h("x-wc-webhook-delivery-id", delivery_id.to_string()),
                ]);
            }
            "bigcommerce" => {
                let ts = now.as_second().to_string();
                let sig = hmac_sha256(
                    secret.as_bytes(),
                    &[delivery_id.as_bytes(), b".", ts.as_bytes(), b".", body],
                );
                out.extend([
                    h("webhook-id", delivery_id.to_string()),
                    h("webhook-timestamp", ts),
                    h("webhook-signature", format!("v1,{}", b64(&sig))),
                ]);
                if let Some(custom) = self.sub.extra["headers"].as_object() {
                    out.extend(custom.iter().filter_map(|(k, v)| Some(h(k, v.as_str()?.to_string()))));
                }
            }
            "stripe" => {
                let t = now.as_second().to_string();
                let sig = hmac_sha256(secret.as_bytes(), &[t.as_bytes(), b".", body]);
                let hex: String = sig.iter().map(|b| format!("{b:02x}")).collect();
                out[0].1 = "application/json; charset=utf-8".into();
                out.extend([
                    h("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)".into()),
                    h("stripe-signature", format!("t={t},v1={hex}")),
                ]);
            }
            "paypal" => {
                let transmission = uuid();
                let time = Timestamp::from_second(now.as_second()).unwrap_or(now).to_string();
                // Opaque: PayPal's is an RSA signature; this one only has to be unforgeable.
                let sig = b64(&hmac_sha256(random_hex(32).as_bytes(), &[transmission.as_bytes(), body]));
                lock(&self.inner.paypal).insert(
                    transmission.clone(),
                    PaypalSent {
                        time: time.clone(),
                        sig: sig.clone(),
                        webhook_id: self.sub.id.clone(),
                        event: e.json.clone(),
                    },
                );
                out.extend([
                    h("user-agent", "PayPal/AUHD-214.0-58843950".into()),
                    h("paypal-transmission-id", transmission),
                    h("paypal-transmission-time", time),
                    h("paypal-transmission-sig", sig),
                    h("paypal-cert-url", PAYPAL_CERT_URL.into()),
                    h("paypal-auth-algo", PAYPAL_AUTH_ALGO.into()),
                ]);
            }
            _ => {}
        }
        out
    }
}

// ---- control API ------------------------------------------------------------------------------

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_sandbox/webhooks/deliveries", get(get_deliveries).delete(delete_deliveries))
        .route("/_sandbox/webhooks/subscriptions", get(get_subscriptions).post(post_subscription))
        .route("/_sandbox/webhooks/trigger", post(post_trigger))
}

fn bad_request(msg: String) -> Response {
    (StatusCode::BAD_REQUEST, axum::Json(json!({"error": msg}))).into_response()
}

const VENDORS: [&str; 5] = ["shopify", "woocommerce", "bigcommerce", "stripe", "paypal"];

fn vendor(name: &str) -> Option<&'static str> {
    VENDORS.into_iter().find(|v| *v == name)
}

fn unknown_vendor(name: &str) -> Response {
    bad_request(format!("unknown vendor `{name}`; the sandbox sends webhooks for {}", VENDORS.join(", ")))
}

async fn get_deliveries(State(s): State<Arc<Shared>>) -> Response {
    axum::Json(lock(&s.webhooks.inner.attempts).clone()).into_response()
}

async fn delete_deliveries(State(s): State<Arc<Shared>>) -> Response {
    lock(&s.webhooks.inner.attempts).clear();
    StatusCode::NO_CONTENT.into_response()
}

fn public(sub: &Subscription) -> Json {
    json!({
        "id": sub.id, "vendor": sub.vendor, "topics": sub.topics, "address": sub.address,
        "active": sub.active, "failures": sub.failures, "created_at": sub.created_at.to_string(),
    })
}

async fn get_subscriptions(State(s): State<Arc<Shared>>) -> Response {
    axum::Json(s.webhooks.subs().iter().map(public).collect::<Vec<_>>()).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewSubscription {
    vendor: String,
    topics: Vec<String>,
    address: String,
    secret: Option<String>,
}

async fn post_subscription(State(s): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    let req: NewSubscription = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return bad_request(format!(
                "bad subscription: {e}; expected {{\"vendor\":\"shopify\",\"topics\":[\"orders/create\"],\"address\":\"http://127.0.0.1:8788/webhooks/shopify\"}}"
            ));
        }
    };
    let Some(vendor) = vendor(&req.vendor) else { return unknown_vendor(&req.vendor) };
    if !req.address.starts_with("http://") && !req.address.starts_with("https://") {
        return bad_request(format!("bad subscription: address `{}` is not an http(s) URL", req.address));
    }
    if req.topics.is_empty() {
        return bad_request("bad subscription: name at least one topic".into());
    }
    let n = s.webhooks.next_number();
    let (id, secret) = match vendor {
        "shopify" => (
            format!("gid://shopify/WebhookSubscription/{}", 9_100_000 + n),
            Some(demo::SHOPIFY_CLIENT_SECRET.to_string()),
        ),
        "stripe" => (format!("we_sbx{n:018}"), Some(format!("whsec_{}", random_hex(24)))),
        "paypal" => (format!("WH{:017}", n), None),
        _ => (n.to_string(), Some(random_hex(24))),
    };
    let sub = s.webhooks.add(Subscription {
        id,
        vendor,
        topics: req.topics,
        address: req.address,
        secret: req.secret.or(secret),
        active: true,
        failures: 0,
        created_at: Timestamp::now(),
        extra: json!({}),
    });
    let mut out = public(&sub);
    out["secret"] = json!(sub.secret);
    (StatusCode::CREATED, axum::Json(out)).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Trigger {
    vendor: String,
    topic: String,
}

async fn post_trigger(State(s): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    let req: Trigger = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return bad_request(format!(
                "bad trigger: {e}; expected {{\"vendor\":\"shopify\",\"topic\":\"orders/create\"}}"
            ));
        }
    };
    let Some(vendor) = vendor(&req.vendor) else { return unknown_vendor(&req.vendor) };
    // Shopify topics come as the GraphQL enum (as registered) or as the REST header spelling.
    let req = Trigger {
        topic: if vendor == "shopify" { super::shopify::rest_topic(&req.topic) } else { req.topic },
        ..req
    };
    let sample = match vendor {
        "shopify" => super::shopify::webhook_sample(&s.shopify, &req.topic),
        "woocommerce" => super::woocommerce::webhook_sample(&s.woocommerce, &req.topic),
        "bigcommerce" => super::bigcommerce::webhook_sample(&s.bigcommerce, &req.topic),
        "stripe" => super::stripe::webhook_sample(&s.stripe, &req.topic),
        _ => super::paypal::webhook_sample(&s.paypal, &req.topic),
    };
    let Some(payload) = sample else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({
                "error": format!("the sandbox has no sample {vendor} event for topic `{}`", req.topic),
                "topics": sample_topics(vendor),
            })),
        )
            .into_response();
    };
    let (event_id, firsts) = s.webhooks.send(vendor, &req.topic, payload);
    let mut deliveries = Vec::new();
    for rx in firsts {
        if let Ok(a) = rx.await {
            deliveries.push(a);
        }
    }
    axum::Json(json!({"vendor": vendor, "topic": req.topic, "event_id": event_id, "deliveries": deliveries}))
        .into_response()
}

/// The topics `POST /_sandbox/webhooks/trigger` has samples for, per vendor.
pub(crate) fn sample_topics(vendor: &str) -> &'static [&'static str] {
    match vendor {
        "shopify" => {
            &["orders/create", "orders/updated", "fulfillments/create", "refunds/create", "customers/create"]
        }
        "woocommerce" => {
            &["order.created", "order.updated", "customer.created", "action.woocommerce_order_refunded"]
        }
        "bigcommerce" => &[
            "store/order/created",
            "store/order/updated",
            "store/shipment/created",
            "store/order/refund/created",
            "store/customer/created",
        ],
        "stripe" => &["charge.refunded", "refund.created", "payment_intent.succeeded"],
        "paypal" => &["PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.COMPLETED"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_match_the_published_vectors() {
        // services.md §1: Stripe's test vector.
        let body = br#"{"id":"evt_test","object":"event","type":"refund.created"}"#;
        let sig = hmac_sha256(b"whsec_test_secret", &[b"1700000000", b".", body]);
        let hex: String = sig.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "b28f6c2f966579a9de14e7e78bb28c1dcd2e37929b9123e2e2c4e9ec9f622b49");
        // services.md §6a: the Standard Webhooks vector (its key is base64 after `whsec_`).
        let key =
            base64::engine::general_purpose::STANDARD.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let sig = hmac_sha256(
            &key,
            &[b"msg_p5jXN8AQM9LWM0D4loKWxJek", b".", b"1614265330", b".", br#"{"test": 2432232314}"#],
        );
        assert_eq!(b64(&sig), "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn schedules_follow_the_vendors() {
        assert_eq!(schedule("shopify").len() + 1, 8);
        assert_eq!(schedule("shopify").iter().sum::<u64>(), 4 * 3600);
        assert_eq!(schedule("paypal").len() + 1, 25);
        assert_eq!(schedule("paypal").iter().sum::<u64>(), 3 * 86400);
        assert_eq!(schedule("stripe").iter().sum::<u64>(), 3 * 86400);
        assert_eq!(schedule("bigcommerce").first(), Some(&60));
        assert!(schedule("woocommerce").is_empty());
    }

    #[test]
    fn envelopes_are_the_vendors() {
        let e = Event::new("bigcommerce", "store/order/created", json!({"type": "order", "id": 7}));
        assert_eq!(e.json["producer"], format!("stores/{}", demo::BIGCOMMERCE_STORE_HASH));
        assert_eq!(e.json["data"]["id"], 7);
        let e = Event::new("stripe", "charge.refunded", json!({"id": "ch_1"}));
        assert_eq!(e.json["object"], "event");
        assert_eq!(e.json["data"]["object"]["id"], "ch_1");
        assert!(e.id.starts_with("evt_"));
        let e = Event::new("shopify", "orders/create", json!({"id": 1}));
        assert_eq!(&e.body[..], br#"{"id":1}"#);
    }
}
