//! The sandbox: vendor APIs emulated on loopback, for shopdesk's own tests, for `--sandbox`, and
//! for users' CI (`shopdesk sandbox serve`).
//!
//! # Why
//! Tests against mocks that answer whatever the test author expected prove little. The sandbox
//! instead emulates each vendor from its published contract: it checks auth the way the vendor
//! does, pages the way the vendor does, rate-limits with the vendor's headers and bodies, and
//! fails the way the vendor fails. Its data is seeded and deterministic (same seed, byte-identical
//! answers) so snapshots are stable. The emulators never import shopdesk's adapters or domain
//! types: they have their own DTOs, so an adapter bug cannot hide behind a shared type. The
//! contract tests check the emulators against the vendors' specs (`shared/specs/`).
//!
//! # Layout
//! - [`Sandbox`]: one axum server on one port; each vendor lives under its own path prefix
//!   (`/shopify/{shop}/…`). `GET /_sandbox/…` is the control API (below).
//! - [`seed`]: vendor-neutral deterministic data; [`tracking`]: carrier tracking numbers with
//!   valid check digits; [`shopify`]: the Shopify Admin GraphQL emulator.
//!   [`magento`]: the Magento 2 REST `V1` emulator (`/magento/{host}/rest/{store_code}/V1/…`).
//!   valid check digits; [`shopify`]: the Shopify Admin GraphQL emulator; [`bigcommerce`]: the
//!   BigCommerce REST emulator (v2 orders, v3 customers) under `/bigcommerce/stores/{hash}/…`.
//! - Gateways: [`stripe`] (`/stripe/v1/…`, idempotency replay) and [`paypal`] (`/paypal/…`,
//!   OAuth token endpoint with expiry, `PayPal-Request-Id` replay), seeded from the Shopify demo
//!   store's paid orders; [`Sandbox::demo_gateways`] is what `--sandbox` opens.
//! - Carriers: [`ups`] (`/ups/…`, OAuth token endpoint with expiry, Tracking API), [`dhl`]
//!   (`/dhl/track/shipments`, API key, problem+json errors, a daily quota), [`fedex`]
//!   (`/fedex/…`, OAuth token endpoint with expiry, batched Track API with per-number errors) and
//!   [`usps`] (`/usps/…`, OAuth with a JSON grant, Tracking 3.2 batches of up to 35), tracking the
//!   seeded orders' parcels ([`tracking::parcels`]); [`Sandbox::demo_carriers`] is what
//!   `--sandbox` opens.
//! - CRMs: [`hubspot`] (`/hubspot/crm/v3/objects/contacts…`, private-app Bearer token, search
//!   with the spec's five required keys, per-10-s and search rate limits with HubSpot's headers),
//!   its contacts linked to the seeded store customers; [`Sandbox::demo_crms`] is what
//!   `--sandbox` opens.
//! - Analytics: [`mixpanel`] (`/mixpanel/import`, service-account Basic auth, strict
//!   per-event validation with partial success, deduplication) and [`ga4`] (`/ga4/…`: the
//!   Measurement Protocol and its validation server, a JWT bearer token endpoint, the Data API's
//!   `runReport` over the seeded orders); [`Sandbox::demo_analytics`] is what `--sandbox` opens.
//!   Their stored events: `GET /_sandbox/mixpanel/events`, `GET /_sandbox/ga4/events`.
//! - Faults: a middleware on every vendor route (never on `/_sandbox/*`) adds latency and
//!   injects 429/503/connection resets, at random per [`FaultSpec`] (deterministic given the seed
//!   and the request's sequence number) or on demand through the control API.
//!
//! The server runs its own hyper accept loop (rather than `axum::serve`) so that a `reset` fault
//! can close the connection without writing any response: the client sees a connection error,
//! exactly like a dropped TCP connection in production.
//!
//! # Control API
//! All JSON; none of these routes is subject to faults or appears in the request log.
//!
//! | Route | Body / answer |
//! |---|---|
//! | `GET /_sandbox/health` | `{"ok":true}` |
//! | `GET /_sandbox/requests` | the request log: `[{"seq","method","path","status","fault","at","elapsed_ms"}]`; `status` is `null` for a dropped connection |
//! | `DELETE /_sandbox/requests` | clears the log |
//! | `GET /_sandbox/faults` | current forced faults, toggles and the random spec |
//! | `POST /_sandbox/faults` | queue a forced fault or set a toggle (below); answers the state |
//! | `DELETE /_sandbox/faults` | clears queued faults and toggles (the random spec stays) |
//! | `GET`/`DELETE /_sandbox/webhooks/deliveries` | every webhook delivery attempt / clears the list |
//! | `GET`/`POST /_sandbox/webhooks/subscriptions` | subscriptions; add one `{"vendor","topics","address","secret"?}` |
//! | `GET /_sandbox/hubspot/contacts` | every HubSpot contact with all its properties |
//! | `POST /_sandbox/webhooks/trigger` | `{"vendor","topic"}`: send a sample event of that vendor topic |
//! | `GET /_sandbox/mixpanel/events` | the events the Mixpanel emulator stored (deduplicated) |
//! | `GET /_sandbox/ga4/events` | every event `/ga4/mp/collect` received, with `valid` and its sandbox `date` |
//!
//! The emulators send signed webhooks to their subscriptions when orders, fulfillments and
//! refunds change, retried on each vendor's schedule scaled by
//! [`Options::webhook_retry_scale`] (`webhooks.rs` has the vendor facts and the JSON shapes).
//!
//! `POST /_sandbox/faults` takes one of these objects (`count`: how many of the next vendor
//! requests get the fault, default 1; `"forever": true` instead of a count keeps it until
//! cleared). Queued faults are served first-in first-out and take precedence over random ones.
//! - `{"status":429,"count":3}`: the vendor's 429 (Shopify: `Retry-After` from the spec's
//!   `retry-after`, else `1.0`, and its JSON body). `"retry_after":0.05` overrides per fault.
//! - `{"status":503}` (or 500/502/504): the vendor's 5xx JSON body.
//! - `{"html":true,"status":502}`: an HTML error page instead of JSON (status default 502).
//! - `{"reset":true}`: close the connection without a response.
//! - `{"drop_after_commit":true}`: process the request (state changes stick), then close the
//!   connection without a response.
//! - `{"truncate":true}`: process normally, then cut the body in half (invalid JSON).
//! - `{"oversize_bytes":20000000}`: a `200` JSON body of about that many bytes.
//! - `{"latency_ms":500}`: delay the next request(s).
//! - Any fault may add `"method":"POST"` and/or `"path":"/refunds"` (a substring): only matching
//!   requests get it, others pass untouched — e.g. drop the answer of a refund but not the quote.
//! - Toggles, kept until changed or cleared: `{"throttle_forever":true}` (every Shopify GraphQL
//!   request is THROTTLED), `{"deny_scope":"read_orders"}` (queries needing that scope get
//!   Shopify's ACCESS_DENIED error naming it), `{"allow_scope":"read_orders"}` to undo one,
//!   `{"clock_skew_secs":3600}` (the emulators' clock runs that far ahead; WooCommerce's OAuth
//!   timestamp check then fails with "Invalid timestamp.").

pub mod bigcommerce;
pub mod dhl;
mod faults;
pub mod fedex;
pub mod ga4;
pub mod hubspot;
mod jwt;
pub mod magento;
pub mod mixpanel;
pub mod paypal;
pub mod quota;
pub mod salesforce;
pub mod seed;
pub mod shopify;
pub mod stripe;
pub mod tls;
mod tokens;
pub mod tracking;
pub mod ups;
pub mod usps;
pub(crate) mod webhooks;
pub mod woocommerce;

use std::collections::VecDeque;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

pub use faults::{FaultSpec, FaultSpecError};
use seed::Rng;

/// Demo credentials the sandbox always accepts.
pub mod demo {
    pub const SHOPIFY_SHOP: &str = "demo-store";
    pub const SHOPIFY_CLIENT_ID: &str = "sandbox-client-id-0f3c9a";
    pub const SHOPIFY_CLIENT_SECRET: &str = "shpss_sandbox_5e2b7d41c09a4f63b8e1";
    /// A legacy custom-app token: valid forever, all of [`SHOPIFY_SCOPES`].
    pub const SHOPIFY_STATIC_TOKEN: &str = "shpat_sandbox0000000000000000000000";
    pub const WOO_SITE: &str = "demo-site";
    /// A WooCommerce site without the Order Fulfillments feature (routes answer `rest_no_route`).
    pub const WOO_LEGACY_SITE: &str = "legacy-site";
    pub const WOO_CONSUMER_KEY: &str = "ck_sandbox0c5e9a1f7d3b48e2a6c19f0d4b7e3a5c8d21";
    pub const WOO_CONSUMER_SECRET: &str = "cs_sandbox7a3f1e9c5b0d42a8e6f31c7b9d0a5e2f4c68";
    /// A key with `read` permission only.
    pub const WOO_READONLY_KEY: &str = "ck_sandboxread0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";
    pub const WOO_READONLY_SECRET: &str = "cs_sandboxread9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c";
    pub const SHOPIFY_SCOPES: &[&str] = &[
        "read_orders",
        "write_orders",
        "read_all_orders",
        "read_customers",
        "read_merchant_managed_fulfillment_orders",
        "write_merchant_managed_fulfillment_orders",
    ];
    /// Magento: the `{host}` in `/magento/{host}`.
    pub const MAGENTO_HOST: &str = "demo-magento";
    /// Magento admin token (Bearer), as `POST /V1/integration/admin/token` would return it.
    pub const MAGENTO_ADMIN_TOKEN: &str = "sandbox-magento-admin-token-7d2f9c41e8";
    /// Magento integration credentials (OAuth 1.0a, all four). The access token is refused
    /// as a Bearer token, as Magento 2.4.4+ does by default.
    pub const MAGENTO_CONSUMER_KEY: &str = "mg_ck_sandbox_4b1e8f0a27c9d36e";
    pub const MAGENTO_CONSUMER_SECRET: &str = "mg_cs_sandbox_93d7a2c4e61f085b";
    pub const MAGENTO_ACCESS_TOKEN: &str = "mg_at_sandbox_1f6c0b9e73a2d458";
    pub const MAGENTO_ACCESS_TOKEN_SECRET: &str = "mg_ats_sandbox_c8e2419d5b7f03a6";
    /// The BigCommerce sandbox store's hash (`…/stores/{hash}`).
    pub const BIGCOMMERCE_STORE_HASH: &str = "sbx4k2j9qd";
    /// The BigCommerce store-level API account token (`X-Auth-Token`).
    pub const BIGCOMMERCE_ACCESS_TOKEN: &str = "bcsandbox0q7m2x9k4w1r8t5y3u6i0p";
    /// The BigCommerce app's OAuth client secret: the key its webhook deliveries are signed
    /// with (Standard Webhooks, platforms.md §4.7).
    pub const BIGCOMMERCE_CLIENT_SECRET: &str = "bcsandboxsecret5t8w2q9z4x7c1v6b3n0m";
    /// The Stripe test-mode secret key the Stripe emulator accepts.
    pub const STRIPE_SECRET_KEY: &str = "sk_test_sandbox51Hx0c7Qm2aT9vE4kW8rN3pL6";
    /// The signing secret the Stripe emulator issues to every webhook endpoint (real Stripe
    /// issues a fresh one per endpoint). One known value lets a receiver be configured before
    /// the endpoint exists (`sandbox serve` prints it to export as the gateway's
    /// `webhook_secret`).
    pub const STRIPE_WEBHOOK_SECRET: &str = "whsec_sandbox4Tq9Lm2Xv7Rc1Zp8Kd3Wf6Hb0Ny5Js";
    /// A WooCommerce webhook secret for the walkthrough `sandbox serve` prints: WooCommerce signs
    /// with the secret given at creation, any value works; a fixed one is the same in every
    /// shell the user exports it in.
    pub const WOO_WEBHOOK_SECRET: &str = "sandbox-woo-webhook-secret-7c2e9f41a8d3b605";
    /// The PayPal REST app the PayPal emulator knows (client credentials).
    pub const PAYPAL_CLIENT_ID: &str = "AZsbxPayPalClient0000demo7f3a9c";
    pub const PAYPAL_CLIENT_SECRET: &str = "EKsbxPayPalSecret0000demo2b8e41d";
    /// The UPS app the UPS emulator knows (client credentials, HTTP Basic at the token endpoint).
    pub const UPS_CLIENT_ID: &str = "sbxUpsClientId0000demo4c7e1a9f2b";
    pub const UPS_CLIENT_SECRET: &str = "sbxUpsClientSecret0000demo8d3f6b0e5a";
    /// The DHL API key the DHL emulator accepts (`DHL-API-Key`).
    pub const DHL_API_KEY: &str = "sbxDhlApiKey0000demo3e9a7c51d2";
    /// The FedEx project the FedEx emulator knows (client credentials in the token request's
    /// form body: the API key and the secret key).
    pub const FEDEX_CLIENT_ID: &str = "l7sbxFedexApiKey0000demo5b2e9c4a";
    pub const FEDEX_CLIENT_SECRET: &str = "sbxFedexSecretKey0000demo1f8d3a7c";
    /// The USPS app the USPS emulator knows (client credentials in a JSON body).
    pub const USPS_CLIENT_ID: &str = "sbxUspsConsumerKey0000demo5b2d8e1c";
    pub const USPS_CLIENT_SECRET: &str = "sbxUspsConsumerSecret0000demo9f4a3c7e";
    /// The Salesforce connected app (External Client App) the Salesforce emulator knows: its
    /// consumer key, and the consumer secret for the client-credentials flow.
    pub const SALESFORCE_CLIENT_ID: &str = "3MVG9sbxSalesforceConsumerKey0000demo7c2e";
    pub const SALESFORCE_CLIENT_SECRET: &str = "sbxSalesforceConsumerSecret0000demo4a9d1f";
    /// The user the JWT bearer flow acts as (`sub`), pre-authorised for the connected app.
    pub const SALESFORCE_USERNAME: &str = "integration@shopdesk-demo.sandbox";
    /// The sandbox's one RSA key (PKCS#8 PEM): the emulators that take an RS256 JWT bearer
    /// assertion (Salesforce) verify it against this key's public half. Sandbox-only.
    pub use super::jwt::DEMO_RSA_PRIVATE_KEY as RSA_PRIVATE_KEY;
    /// The HubSpot private app token the HubSpot emulator accepts (`Authorization: Bearer`).
    pub const HUBSPOT_ACCESS_TOKEN: &str = "pat-na1-sandbox00-demo-4b7e-9c21-d3f0a8e65b12";
    /// The Mixpanel project and its service account (HTTP Basic on `/import`).
    pub const MIXPANEL_PROJECT_ID: &str = "3141592";
    pub const MIXPANEL_USERNAME: &str = "shopdesk-sbx.4c1e9a.mp-service-account";
    pub const MIXPANEL_SECRET: &str = "sbxMixpanelSecret0000demo6c1e9a4f27";
    /// The GA4 web stream (Measurement Protocol) and its API secret.
    pub const GA4_MEASUREMENT_ID: &str = "G-SBX0DEMO42";
    pub const GA4_API_SECRET: &str = "sbxGa4ApiSecret0000demo3b7e";
    /// The GA4 property and the service account that may read it (Data API).
    pub const GA4_PROPERTY_ID: &str = "412345678";
    pub const GA4_SERVICE_ACCOUNT: &str = "shopdesk-reports@shopdesk-sandbox.iam.gserviceaccount.com";
    pub const GA4_PRIVATE_KEY_ID: &str = "5bx0demo0c9a1f7d3b48e2a6c19f0d4b7e3a5c8d";
    /// The service account's RSA key (PKCS#8 PEM): the sandbox's one demo key, valid nowhere
    /// else.
    pub use super::jwt::DEMO_RSA_PRIVATE_KEY as GA4_PRIVATE_KEY;
}

/// A store the sandbox serves, in plain strings (the sandbox knows nothing of shopdesk's config
/// types): what `--sandbox` turns into a profile entry.
#[derive(Debug, Clone)]
pub struct DemoStore {
    /// The store's name in the sandbox profile (what `--store` takes).
    pub name: &'static str,
    /// The `platform = "…"` value.
    pub platform: &'static str,
    pub url: String,
    /// The `auth = "…"` value.
    pub auth: &'static str,
    pub client_id: Option<&'static str>,
    /// Secret field name → demo value.
    pub secrets: Vec<(&'static str, &'static str)>,
}

/// A payment gateway the sandbox serves, for `--sandbox`'s `[payments.NAME]` entries.
#[derive(Debug, Clone)]
pub struct DemoGateway {
    /// The gateway's name in the sandbox profile (what `--gateway` takes).
    pub name: &'static str,
    /// The `gateway = "…"` value.
    pub gateway: &'static str,
    pub url: String,
    pub client_id: Option<&'static str>,
    /// Secret field name → demo value.
    pub secrets: Vec<(&'static str, &'static str)>,
    /// The secret its webhook deliveries are signed with, when it is fixed in advance (Stripe);
    /// not a credential for calling it, so not among `secrets`: what `webhook listen` needs as
    /// `webhook_secret`.
    pub webhook_secret: Option<&'static str>,
}

/// A carrier the sandbox serves, for `--sandbox`'s `[carriers.NAME]` entries.
#[derive(Debug, Clone)]
pub struct DemoCarrier {
    /// The carrier's name in the sandbox profile (what `--carrier` takes).
    pub name: &'static str,
    /// The `carrier = "…"` value.
    pub carrier: &'static str,
    pub url: String,
    pub client_id: Option<&'static str>,
    /// Secret field name → demo value.
    pub secrets: Vec<(&'static str, &'static str)>,
    /// The pace the emulator enforces, as the profile's `min_interval` (`"0s"`: none).
    pub min_interval: Option<String>,
}

/// A CRM or analytics service the sandbox serves, for `--sandbox`'s `[crm.NAME]` and
/// `[analytics.NAME]` entries and what `sandbox serve` prints.
#[derive(Debug, Clone)]
pub struct DemoService {
    /// Its name in the sandbox profile (what `--to` takes).
    pub name: &'static str,
    /// The `crm = "…"` / `service = "…"` value.
    pub kind: &'static str,
    pub url: String,
    /// Other non-secret profile keys (`client_id`, `project_id`, …), as strings.
    pub settings: Vec<(&'static str, String)>,
    /// Secret field name → demo value.
    pub secrets: Vec<(&'static str, String)>,
}

/// GraphQL cost bucket (Shopify's leaky bucket, per access token).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThrottleSpec {
    pub maximum_available: f64,
    /// Points restored per second.
    pub restore_rate: f64,
}

impl Default for ThrottleSpec {
    fn default() -> Self {
        ThrottleSpec { maximum_available: 2000.0, restore_rate: 100.0 }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub bind: IpAddr,
    /// 0 picks an ephemeral port.
    pub port: u16,
    pub seed: u64,
    pub faults: FaultSpec,
    /// Lifetime of client-credentials tokens.
    pub token_ttl: Duration,
    pub throttle: ThrottleSpec,
    /// Also serve every vendor over HTTPS on a second port, with a generated certificate
    /// ([`Sandbox::tls_base_url`], [`Sandbox::ca_pem`]).
    pub tls: bool,
    /// BigCommerce's per-store request quota window.
    pub bigcommerce_quota: bigcommerce::QuotaSpec,
    /// Orders in the Shopify store's seed data (#1001 upwards); see [`seed::generate`]. The other
    /// emulators always serve [`seed::DEFAULT_ORDERS`].
    pub orders: usize,
    /// Requests the DHL emulator answers per API key and UTC day before it answers 429
    /// (DHL's free tier allows a few hundred; the default is effectively unlimited).
    pub dhl_daily_quota: u64,
    /// Shortest gap the DHL emulator accepts between two requests with the same key (DHL's free
    /// tier: one call per 5 s); a faster request gets 429 with `Retry-After`. Zero: no limit.
    pub dhl_min_interval: Duration,
    /// A parcel out for delivery is delivered this long after its first lookup (every carrier
    /// emulator), so `track --watch` sees a delivery.
    pub deliver_after: Duration,
    /// How much faster than the vendors' own schedules webhook retries run: each vendor's
    /// retry gap is multiplied by this (default 1/1000, so BigCommerce's first 60 s gap is 60
    /// ms and its 48 h schedule about 3 min; 1.0 is real time); see the module docs, Control API.
    pub webhook_retry_scale: f64,
    /// The Salesforce org's daily API request allocation: calls past it get 403
    /// `REQUEST_LIMIT_EXCEEDED` (real orgs: 15,000 for a Developer Edition, 100,000 and up for
    /// Enterprise).
    pub salesforce_daily_api_limit: u64,
    /// The HubSpot emulator's request window per account (default 100 per 10 s, a
    /// Free/Starter private app); lower it to see pacing.
    pub hubspot_quota: quota::QuotaSpec,
    /// HubSpot CRM search's own limit (default 5 per second per account).
    pub hubspot_search_quota: quota::QuotaSpec,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            seed: 0,
            faults: FaultSpec::default(),
            token_ttl: Duration::from_secs(24 * 3600),
            throttle: ThrottleSpec::default(),
            tls: false,
            bigcommerce_quota: bigcommerce::DEFAULT_QUOTA,
            orders: seed::DEFAULT_ORDERS,
            dhl_daily_quota: 1_000_000,
            dhl_min_interval: Duration::ZERO,
            deliver_after: Duration::from_secs(30),
            webhook_retry_scale: 0.001,
            salesforce_daily_api_limit: 100_000,
            hubspot_quota: hubspot::DEFAULT_QUOTA,
            hubspot_search_quota: hubspot::DEFAULT_SEARCH_QUOTA,
        }
    }
}

/// One vendor request as the sandbox saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestRecord {
    pub seq: u64,
    pub method: String,
    pub path: String,
    /// `None` when the connection was dropped without a response.
    pub status: Option<u16>,
    /// The injected fault, if any (`429`, `503`, `reset`, `html`, …).
    pub fault: Option<String>,
    /// Wall-clock time the request arrived (RFC 3339).
    pub at: String,
    pub elapsed_ms: u64,
}

/// A fault queued through the control API.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum ForcedFault {
    Status { status: u16, retry_after: Option<f64> },
    Html { status: u16 },
    Reset,
    DropAfterCommit,
    Truncate,
    Oversize { bytes: usize },
    Latency { ms: u64 },
}

#[derive(Debug, Clone, Serialize)]
struct Queued {
    fault: ForcedFault,
    /// `None` = forever.
    remaining: Option<u64>,
    /// Only requests with this method (e.g. `POST`) get the fault; others pass untouched.
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<String>,
    /// Only requests whose path contains this get the fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
}

impl Queued {
    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| path.contains(p))
    }
}

/// Control-API state shared with the emulators.
#[derive(Debug, Default)]
pub(crate) struct Control {
    queue: VecDeque<Queued>,
    pub throttle_forever: bool,
    pub denied_scopes: Vec<String>,
    /// Seconds added to the emulators' clock (WooCommerce's OAuth timestamp window).
    pub clock_skew_secs: i64,
}

impl Control {
    /// The first queued fault that applies to this request (counting it down).
    fn next_forced(&mut self, method: &str, path: &str) -> Option<ForcedFault> {
        let i = self.queue.iter().position(|q| q.matches(method, path))?;
        let q = &mut self.queue[i];
        let fault = q.fault.clone();
        match &mut q.remaining {
            None => {}
            Some(n) => {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.queue.remove(i);
                }
            }
        }
        Some(fault)
    }
}

/// State shared by the server, the middleware and the emulators.
pub(crate) struct Shared {
    pub opts: Options,
    counter: AtomicU64,
    log: Mutex<Vec<RequestRecord>>,
    control: Mutex<Control>,
    pub(crate) shopify: shopify::State,
    pub(crate) woocommerce: woocommerce::State,
    pub(crate) magento: magento::State,
    pub(crate) bigcommerce: bigcommerce::State,
    pub(crate) stripe: stripe::State,
    pub(crate) paypal: paypal::State,
    pub(crate) ups: ups::State,
    pub(crate) dhl: dhl::State,
    pub(crate) fedex: fedex::State,
    pub(crate) usps: usps::State,
    pub(crate) salesforce: salesforce::State,
    pub(crate) hubspot: hubspot::State,
    pub(crate) mixpanel: mixpanel::State,
    pub(crate) ga4: ga4::State,
    pub(crate) webhooks: webhooks::Registry,
}

impl Shared {
    pub(crate) fn control(&self) -> MutexGuard<'_, Control> {
        self.control.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn log(&self) -> MutexGuard<'_, Vec<RequestRecord>> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running sandbox server.
pub struct Sandbox {
    base_url: String,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    tls_base_url: Option<String>,
    ca_pem: Option<String>,
    tls_shutdown: Option<oneshot::Sender<()>>,
    tls_task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds and spawns the server on the current tokio runtime.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// use shopdesk::sandbox::{Options, Sandbox, demo};
    /// let sb = Sandbox::start(Options { seed: 42, faults: "429=5%".parse().unwrap(), ..Options::default() }).await?;
    /// let url = format!("{}/admin/api/2026-10/graphql.json", sb.shopify_store_url());
    /// // POST {"query": "{ shop { name } }"} to `url` with X-Shopify-Access-Token: demo::SHOPIFY_STATIC_TOKEN
    /// # let _ = (url, demo::SHOPIFY_STATIC_TOKEN);
    /// sb.shutdown().await;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start(opts: Options) -> std::io::Result<Sandbox> {
        let listener = TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).await?;
        let addr = listener.local_addr()?;
        let base_url = match addr.ip() {
            IpAddr::V6(ip) => format!("http://[{ip}]:{}", addr.port()),
            IpAddr::V4(ip) => format!("http://{ip}:{}", addr.port()),
        };
        let tls = if opts.tls { Some(tls::bind(opts.bind).await?) } else { None };
        let tls_base_url = tls.as_ref().map(|t| t.base_url.clone());
        let ca_pem = tls.as_ref().map(|t| t.ca_pem.clone());
        let shared = Arc::new(Shared {
            shopify: shopify::State::new(&opts),
            woocommerce: woocommerce::State::new(&opts, &base_url, tls_base_url.as_deref()),
            magento: magento::State::new(&opts),
            bigcommerce: bigcommerce::State::new(&opts),
            stripe: stripe::State::new(&opts),
            paypal: paypal::State::new(&opts),
            ups: ups::State::new(&opts),
            dhl: dhl::State::new(&opts),
            fedex: fedex::State::new(&opts),
            usps: usps::State::new(&opts),
            salesforce: salesforce::State::new(&opts),
            hubspot: hubspot::State::new(&opts),
            mixpanel: mixpanel::State::default(),
            ga4: ga4::State::new(&opts),
            webhooks: webhooks::Registry::new(opts.webhook_retry_scale, &base_url),
            opts,
            counter: AtomicU64::new(0),
            log: Mutex::new(Vec::new()),
            control: Mutex::new(Control::default()),
        });
        let app = router(shared.clone());
        let (tx, rx) = oneshot::channel();
        let task = tokio::spawn(serve(listener, app.clone(), rx));
        let (tls_shutdown, tls_task) = match tls {
            Some(t) => {
                let (ttx, trx) = oneshot::channel();
                (Some(ttx), Some(tokio::spawn(tls::serve(t, app, trx))))
            }
            None => (None, None),
        };
        Ok(Sandbox {
            base_url,
            shared,
            shutdown: Some(tx),
            task: Some(task),
            tls_base_url,
            ca_pem,
            tls_shutdown,
            tls_task,
        })
    }

    /// `https://127.0.0.1:PORT` when started with [`Options::tls`].
    pub fn tls_base_url(&self) -> Option<&str> {
        self.tls_base_url.as_deref()
    }

    /// The PEM of the CA that signed the HTTPS listener's certificate (write it to a file and
    /// name it as the store's `ca_file`).
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The WooCommerce site URL (the adapter appends `wp-json/wc/v3/…`); `site` is
    /// [`demo::WOO_SITE`] or [`demo::WOO_LEGACY_SITE`].
    pub fn woocommerce_site_url(&self, site: &str) -> String {
        format!("{}/woocommerce/{site}", self.base_url)
    }

    /// The same site over HTTPS (needs [`Options::tls`]).
    pub fn woocommerce_tls_site_url(&self, site: &str) -> Option<String> {
        self.tls_base_url.as_ref().map(|b| format!("{b}/woocommerce/{site}"))
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The store URL an adapter uses in place of `https://{shop}.myshopify.com`; it appends
    /// `/admin/api/{version}/graphql.json` and `/admin/oauth/access_token`.
    pub fn shopify_store_url(&self) -> String {
        format!("{}/shopify/{}", self.base_url, demo::SHOPIFY_SHOP)
    }

    /// The Magento store's base URL; the adapter appends `rest/{store_code}/V1/…`.
    pub fn magento_store_url(&self) -> String {
        format!("{}/magento/{}", self.base_url, demo::MAGENTO_HOST)
    }

    /// The store URL in place of `https://api.bigcommerce.com/stores/{store_hash}`; the adapter
    /// appends `v2/…` and `v3/…`.
    pub fn bigcommerce_store_url(&self) -> String {
        format!("{}/bigcommerce/stores/{}", self.base_url, demo::BIGCOMMERCE_STORE_HASH)
    }

    /// Every store this sandbox serves, with demo credentials, for `--sandbox`'s profile. One
    /// entry per vendor emulator.
    pub fn demo_stores(&self) -> Vec<DemoStore> {
        vec![
            DemoStore {
                name: "shopify",
                platform: "shopify",
                url: self.shopify_store_url(),
                auth: "client_credentials",
                client_id: Some(demo::SHOPIFY_CLIENT_ID),
                secrets: vec![("client_secret", demo::SHOPIFY_CLIENT_SECRET)],
            },
            DemoStore {
                name: "woocommerce",
                platform: "woocommerce",
                url: self.woocommerce_site_url(demo::WOO_SITE),
                auth: "oauth1",
                client_id: None,
                secrets: vec![
                    ("consumer_key", demo::WOO_CONSUMER_KEY),
                    ("consumer_secret", demo::WOO_CONSUMER_SECRET),
                ],
            },
            DemoStore {
                name: "magento",
                platform: "magento",
                url: self.magento_store_url(),
                auth: "oauth1",
                client_id: None,
                secrets: vec![
                    ("consumer_key", demo::MAGENTO_CONSUMER_KEY),
                    ("consumer_secret", demo::MAGENTO_CONSUMER_SECRET),
                    ("access_token", demo::MAGENTO_ACCESS_TOKEN),
                    ("access_token_secret", demo::MAGENTO_ACCESS_TOKEN_SECRET),
                ],
            },
            DemoStore {
                name: "bigcommerce",
                platform: "bigcommerce",
                url: self.bigcommerce_store_url(),
                auth: "token",
                client_id: None,
                // The app's client secret signs its webhook deliveries (`webhook listen`).
                secrets: vec![
                    ("access_token", demo::BIGCOMMERCE_ACCESS_TOKEN),
                    ("client_secret", demo::BIGCOMMERCE_CLIENT_SECRET),
                ],
            },
        ]
    }

    /// The base URL in place of `https://api.stripe.com` (the adapter appends `v1/…`).
    pub fn stripe_url(&self) -> String {
        format!("{}/stripe", self.base_url)
    }

    /// The base URL in place of `https://api-m.sandbox.paypal.com` (the adapter appends
    /// `v1/oauth2/token`, `v2/…`).
    pub fn paypal_url(&self) -> String {
        format!("{}/paypal", self.base_url)
    }

    /// Expire every PayPal access token now (the next API call gets a 401).
    pub fn expire_paypal_tokens(&self) {
        self.shared.paypal.expire_tokens();
    }

    /// The base URL in place of `https://wwwcie.ups.com` (the adapter appends
    /// `security/v1/oauth/token` and `api/track/v1/…`).
    pub fn ups_url(&self) -> String {
        format!("{}/ups", self.base_url)
    }

    /// Expire every UPS access token now (the next API call gets a 401).
    pub fn expire_ups_tokens(&self) {
        self.shared.ups.expire_tokens();
    }

    /// The base URL in place of `https://api-eu.dhl.com` (the adapter appends `track/shipments`).
    pub fn dhl_url(&self) -> String {
        format!("{}/dhl", self.base_url)
    }

    /// The base URL in place of `https://apis-sandbox.fedex.com` (the adapter appends
    /// `oauth/token` and `track/v1/trackingnumbers`).
    pub fn fedex_url(&self) -> String {
        format!("{}/fedex", self.base_url)
    }

    /// Expire every FedEx access token now (the next API call gets a 401).
    pub fn expire_fedex_tokens(&self) {
        self.shared.fedex.expire_tokens();
    }

    /// The base URL in place of `https://apis-tem.usps.com` (the adapter appends
    /// `oauth2/v3/token` and `tracking/v3r2/tracking`).
    pub fn usps_url(&self) -> String {
        format!("{}/usps", self.base_url)
    }

    /// Expire every USPS access token now (the next API call gets a 401).
    pub fn expire_usps_tokens(&self) {
        self.shared.usps.expire_tokens();
    }

    /// The base URL in place of `https://api.mixpanel.com` (the adapter appends `import`).
    pub fn mixpanel_url(&self) -> String {
        format!("{}/mixpanel", self.base_url)
    }

    /// The one base URL in place of GA4's three hosts (the adapter appends `mp/collect`,
    /// `debug/mp/collect`, `token` and `v1beta/properties/{id}:runReport`).
    pub fn ga4_url(&self) -> String {
        format!("{}/ga4", self.base_url)
    }

    /// Expire every GA4 access token now (the next Data API call gets a 401).
    pub fn expire_ga4_tokens(&self) {
        self.shared.ga4.expire_tokens();
    }

    /// Every carrier this sandbox serves, with demo credentials, for `--sandbox`.
    pub fn demo_carriers(&self) -> Vec<DemoCarrier> {
        vec![
            DemoCarrier {
                name: "ups",
                carrier: "ups",
                url: self.ups_url(),
                client_id: Some(demo::UPS_CLIENT_ID),
                secrets: vec![("client_secret", demo::UPS_CLIENT_SECRET)],
                min_interval: None,
            },
            DemoCarrier {
                name: "dhl",
                carrier: "dhl",
                url: self.dhl_url(),
                client_id: None,
                secrets: vec![("api_key", demo::DHL_API_KEY)],
                min_interval: Some(format!("{}ms", self.shared.opts.dhl_min_interval.as_millis())),
            },
            DemoCarrier {
                name: "fedex",
                carrier: "fedex",
                url: self.fedex_url(),
                client_id: Some(demo::FEDEX_CLIENT_ID),
                secrets: vec![("client_secret", demo::FEDEX_CLIENT_SECRET)],
                min_interval: None,
            },
            DemoCarrier {
                name: "usps",
                carrier: "usps",
                url: self.usps_url(),
                client_id: Some(demo::USPS_CLIENT_ID),
                secrets: vec![("client_secret", demo::USPS_CLIENT_SECRET)],
                min_interval: None,
            },
        ]
    }

    /// The Salesforce org's My Domain (the adapter asks `services/oauth2/token` there; the
    /// REST API is at the `instance_url` the token answer names, [`salesforce::INSTANCE_PATH`]).
    pub fn salesforce_url(&self) -> String {
        format!("{}{}", self.base_url, salesforce::MY_DOMAIN_PATH)
    }

    /// Expire every Salesforce session now (the next API call gets 401 `INVALID_SESSION_ID`).
    pub fn expire_salesforce_tokens(&self) {
        self.shared.salesforce.expire_tokens();
    }

    /// Every Salesforce contact as stored (also `GET /_sandbox/salesforce/contacts`).
    pub fn salesforce_contacts(&self) -> Vec<Json> {
        self.shared.salesforce.contacts()
    }

    /// The base URL in place of `https://api.hubapi.com` (the adapter appends
    /// `crm/v3/objects/contacts…`).
    pub fn hubspot_url(&self) -> String {
        format!("{}/hubspot", self.base_url)
    }

    /// Every CRM this sandbox serves, with demo credentials, for `--sandbox`.
    pub fn demo_crms(&self) -> Vec<DemoService> {
        vec![
            DemoService {
                name: "salesforce",
                kind: "salesforce",
                url: self.salesforce_url(),
                // client_credentials by default; `auth = "jwt"` uses username and private_key.
                settings: vec![
                    ("client_id", demo::SALESFORCE_CLIENT_ID.to_string()),
                    ("username", demo::SALESFORCE_USERNAME.to_string()),
                    ("api_version", "v66.0".to_string()),
                ],
                secrets: vec![
                    ("client_secret", demo::SALESFORCE_CLIENT_SECRET.to_string()),
                    ("private_key", demo::RSA_PRIVATE_KEY.to_string()),
                ],
            },
            DemoService {
                name: "hubspot",
                kind: "hubspot",
                url: self.hubspot_url(),
                settings: vec![],
                secrets: vec![("access_token", demo::HUBSPOT_ACCESS_TOKEN.to_string())],
            },
        ]
    }

    /// Every analytics service this sandbox serves, with demo credentials, for `--sandbox`.
    pub fn demo_analytics(&self) -> Vec<DemoService> {
        vec![
            DemoService {
                name: "mixpanel",
                kind: "mixpanel",
                url: self.mixpanel_url(),
                settings: vec![
                    ("project_id", demo::MIXPANEL_PROJECT_ID.into()),
                    ("username", demo::MIXPANEL_USERNAME.into()),
                    ("region", "us".into()),
                ],
                secrets: vec![("service_account_secret", demo::MIXPANEL_SECRET.into())],
            },
            DemoService {
                name: "ga4",
                kind: "ga4",
                url: self.ga4_url(),
                settings: vec![
                    ("measurement_id", demo::GA4_MEASUREMENT_ID.into()),
                    ("property_id", demo::GA4_PROPERTY_ID.into()),
                    ("service_account", demo::GA4_SERVICE_ACCOUNT.into()),
                    ("private_key_id", demo::GA4_PRIVATE_KEY_ID.into()),
                ],
                secrets: vec![
                    ("api_secret", demo::GA4_API_SECRET.into()),
                    ("private_key", demo::GA4_PRIVATE_KEY.into()),
                ],
            },
        ]
    }

    /// Every payment gateway this sandbox serves, with demo credentials, for `--sandbox`.
    pub fn demo_gateways(&self) -> Vec<DemoGateway> {
        vec![
            DemoGateway {
                name: "stripe",
                gateway: "stripe",
                url: self.stripe_url(),
                client_id: None,
                secrets: vec![("secret_key", demo::STRIPE_SECRET_KEY)],
                webhook_secret: Some(demo::STRIPE_WEBHOOK_SECRET),
            },
            DemoGateway {
                name: "paypal",
                gateway: "paypal",
                url: self.paypal_url(),
                client_id: Some(demo::PAYPAL_CLIENT_ID),
                secrets: vec![("client_secret", demo::PAYPAL_CLIENT_SECRET)],
                webhook_secret: None,
            },
        ]
    }

    /// `POST` a fault request here (see the module docs for the JSON).
    pub fn faults_url(&self) -> String {
        format!("{}/_sandbox/faults", self.base_url)
    }

    /// The vendor request log (control-API calls are not logged).
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.log().clone()
    }

    /// Stops accepting, closes open connections, and waits for the server task.
    pub async fn shutdown(mut self) {
        self.stop();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        if let Some(task) = self.tls_task.take() {
            let _ = task.await;
        }
    }

    fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(tx) = self.tls_shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Marks a response whose connection must be dropped instead of answered.
#[derive(Clone, Copy)]
struct DropConnection;

#[derive(Debug)]
struct ConnectionDropped;
impl std::fmt::Display for ConnectionDropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sandbox fault: connection dropped")
    }
}
impl std::error::Error for ConnectionDropped {}

async fn serve(listener: TcpListener, app: Router, mut shutdown: oneshot::Receiver<()>) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let app = app.clone();
                conns.spawn(serve_connection(stream, app, false));
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
    conns.shutdown().await;
}

/// Serves one HTTP/1 connection (plain or TLS); `tls` marks its requests with [`tls::ViaTls`].
pub(crate) async fn serve_connection<IO>(stream: IO, app: Router, tls: bool)
where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let svc = hyper_util::service::TowerToHyperService::new(app);
    let svc = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
        if tls {
            req.extensions_mut().insert(tls::ViaTls);
        }
        let fut = hyper::service::Service::call(&svc, req);
        async move {
            let resp: Response = match fut.await {
                Ok(r) => r,
                Err(never) => match never {},
            };
            if resp.extensions().get::<DropConnection>().is_some() {
                Err(ConnectionDropped)
            } else {
                Ok(resp)
            }
        }
    });
    let io = hyper_util::rt::TokioIo::new(stream);
    let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, svc).await;
}

fn router(shared: Arc<Shared>) -> Router {
    let vendors = shopify::routes()
        .merge(woocommerce::routes())
        .merge(magento::routes())
        .merge(bigcommerce::routes())
        .merge(stripe::routes())
        .merge(paypal::routes())
        .merge(ups::routes())
        .merge(dhl::routes())
        .merge(fedex::routes())
        .merge(usps::routes())
        .merge(salesforce::routes())
        .merge(hubspot::routes())
        .merge(mixpanel::routes())
        .merge(ga4::routes())
        .fallback(vendor_not_found)
        .layer(middleware::from_fn_with_state(shared.clone(), fault_layer));
    let control = Router::new()
        .route("/_sandbox/health", get(|| async { axum::Json(json!({"ok": true})) }))
        .route("/_sandbox/requests", get(get_requests).delete(delete_requests))
        .route("/_sandbox/faults", get(get_faults).post(post_faults).delete(delete_faults))
        .merge(webhooks::routes())
        .merge(salesforce::control_routes())
        .merge(hubspot::control_routes())
        .merge(mixpanel::control_routes())
        .merge(ga4::control_routes());
    vendors.merge(control).with_state(shared)
}

async fn vendor_not_found(uri: axum::http::Uri) -> Response {
    if vendor_of(uri.path()) == "magento" {
        return magento::no_route();
    }
    (StatusCode::NOT_FOUND, axum::Json(json!({"errors": "Not Found"}))).into_response()
}

async fn get_requests(State(s): State<Arc<Shared>>) -> Response {
    axum::Json(s.log().clone()).into_response()
}

async fn delete_requests(State(s): State<Arc<Shared>>) -> Response {
    s.log().clear();
    StatusCode::NO_CONTENT.into_response()
}

fn fault_state(s: &Shared) -> Json {
    let c = s.control();
    json!({
        "queued": c.queue,
        "throttle_forever": c.throttle_forever,
        "denied_scopes": c.denied_scopes,
        "clock_skew_secs": c.clock_skew_secs,
        "random": s.opts.faults.to_string(),
    })
}

async fn get_faults(State(s): State<Arc<Shared>>) -> Response {
    axum::Json(fault_state(&s)).into_response()
}

async fn delete_faults(State(s): State<Arc<Shared>>) -> Response {
    *s.control() = Control::default();
    axum::Json(fault_state(&s)).into_response()
}

/// The body of `POST /_sandbox/faults`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultRequest {
    status: Option<u16>,
    count: Option<u64>,
    forever: Option<bool>,
    retry_after: Option<f64>,
    reset: Option<bool>,
    drop_after_commit: Option<bool>,
    html: Option<bool>,
    truncate: Option<bool>,
    oversize_bytes: Option<usize>,
    latency_ms: Option<u64>,
    throttle_forever: Option<bool>,
    deny_scope: Option<String>,
    allow_scope: Option<String>,
    clock_skew_secs: Option<i64>,
    /// Only requests with this method get the fault.
    method: Option<String>,
    /// Only requests whose path contains this get the fault.
    path: Option<String>,
}

fn bad_request(msg: String) -> Response {
    (StatusCode::BAD_REQUEST, axum::Json(json!({"error": msg}))).into_response()
}

async fn post_faults(State(s): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    let req: FaultRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return bad_request(format!(
                "bad fault request: {e}; expected e.g. {{\"status\":429,\"count\":3}}, {{\"reset\":true}}, \
                 {{\"html\":true}}, {{\"truncate\":true}}, {{\"oversize_bytes\":20000000}}, \
                 {{\"throttle_forever\":true}} or {{\"deny_scope\":\"read_orders\"}}"
            ));
        }
    };
    let mut toggled = false;
    {
        let mut c = s.control();
        if let Some(t) = req.throttle_forever {
            c.throttle_forever = t;
            toggled = true;
        }
        if let Some(scope) = &req.deny_scope {
            if !c.denied_scopes.contains(scope) {
                c.denied_scopes.push(scope.clone());
            }
            toggled = true;
        }
        if let Some(scope) = &req.allow_scope {
            c.denied_scopes.retain(|d| d != scope);
            toggled = true;
        }
        if let Some(skew) = req.clock_skew_secs {
            c.clock_skew_secs = skew;
            toggled = true;
        }
    }
    let flag = |b: Option<bool>| b == Some(true);
    let mut kinds = Vec::new();
    if flag(req.html) {
        kinds.push(ForcedFault::Html { status: req.status.unwrap_or(502) });
    } else if let Some(status) = req.status {
        if !(400..=599).contains(&status) {
            return bad_request(format!(
                "bad fault request: status {status} is not an HTTP error status (400-599)"
            ));
        }
        kinds.push(ForcedFault::Status { status, retry_after: req.retry_after });
    }
    if flag(req.reset) {
        kinds.push(ForcedFault::Reset);
    }
    if flag(req.drop_after_commit) {
        kinds.push(ForcedFault::DropAfterCommit);
    }
    if flag(req.truncate) {
        kinds.push(ForcedFault::Truncate);
    }
    if let Some(bytes) = req.oversize_bytes {
        kinds.push(ForcedFault::Oversize { bytes });
    }
    if let Some(ms) = req.latency_ms {
        kinds.push(ForcedFault::Latency { ms });
    }
    match kinds.len() {
        0 if toggled => {}
        0 => return bad_request("bad fault request: name one fault (status, html, reset, drop_after_commit, truncate, oversize_bytes, latency_ms) or a toggle (throttle_forever, deny_scope, allow_scope)".into()),
        1 => {
            let remaining = if flag(req.forever) { None } else { Some(req.count.unwrap_or(1)) };
            if remaining != Some(0) {
                s.control().queue.push_back(Queued {
                    fault: kinds.remove(0),
                    remaining,
                    method: req.method.clone(),
                    path: req.path.clone(),
                });
            }
        }
        _ => return bad_request("bad fault request: one fault per request, please".into()),
    }
    axum::Json(fault_state(&s)).into_response()
}

/// The `user:password` of an HTTP Basic `Authorization` header.
pub(crate) fn basic_credentials(headers: &axum::http::HeaderMap) -> Option<String> {
    use base64::Engine;
    let b = headers.get("authorization")?.to_str().ok()?.strip_prefix("Basic ")?;
    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(b.trim()).ok()?).ok()
}

/// Which vendor a path belongs to (its first segment).
fn vendor_of(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or_default()
}

pub(crate) fn request_id(seed: u64, seq: u64) -> String {
    let mut r = Rng::new(seed ^ seq.wrapping_mul(0xA24B_AED4_963E_E407));
    let (a, b) = (r.next_u64(), r.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48 & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

/// Decides the random fault for request `seq`: deterministic given the seed.
fn random_fault(spec: &FaultSpec, seed: u64, seq: u64) -> (Option<ForcedFault>, Duration) {
    let mut r = Rng::new(seed.rotate_left(17) ^ seq.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let latency = match spec.latency {
        Some((a, b)) if b > a => a + (b - a).mul_f64(r.unit()),
        Some((a, _)) => a,
        None => Duration::ZERO,
    };
    let roll = r.unit() * 100.0;
    let mut edge = spec.rate_429;
    let fault = if roll < edge {
        Some(ForcedFault::Status { status: 429, retry_after: None })
    } else if roll < {
        edge += spec.rate_503;
        edge
    } {
        Some(ForcedFault::Status { status: 503, retry_after: None })
    } else if roll < {
        edge += spec.rate_reset;
        edge
    } {
        Some(ForcedFault::Reset)
    } else if roll < edge + spec.rate_drop_after_commit {
        Some(ForcedFault::DropAfterCommit)
    } else {
        None
    };
    (fault, latency)
}

fn fault_name(f: &ForcedFault) -> String {
    match f {
        ForcedFault::Status { status, .. } => status.to_string(),
        ForcedFault::Html { .. } => "html".into(),
        ForcedFault::Reset => "reset".into(),
        ForcedFault::DropAfterCommit => "drop-after-commit".into(),
        ForcedFault::Truncate => "truncate".into(),
        ForcedFault::Oversize { .. } => "oversize".into(),
        ForcedFault::Latency { .. } => "latency".into(),
    }
}

fn dropped() -> Response {
    let mut r = Response::new(Body::empty());
    r.extensions_mut().insert(DropConnection);
    r
}

/// The vendor-shaped answer for an injected status.
fn status_response(vendor: &str, status: u16, retry_after: f64) -> Response {
    if vendor == "bigcommerce" {
        return bigcommerce::fault_response(status, retry_after);
    }
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let mut r = if vendor == "dhl" {
        dhl::problem(code, code.canonical_reason().unwrap_or("Error"), "", "/track/shipments")
    } else {
        (code, axum::Json(vendor_body(vendor, status, code))).into_response()
    };
    if status == 429 {
        let v = format!("{retry_after:?}");
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_str(&v).expect("a float is a valid header"));
    }
    r
}

/// The JSON error body of an injected status, per vendor.
fn vendor_body(vendor: &str, status: u16, code: StatusCode) -> Json {
    match (vendor, status) {
        ("shopify", 429) => {
            json!({"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."})
        }
        ("shopify", 503) => json!({"errors": "Service Unavailable"}),
        // WordPress REST error shape; core WooCommerce sends no 429 of its own (a host or WAF
        // would), so the code names are the sandbox's.
        ("woocommerce", _) => json!({
            "code": if status == 429 { "too_many_requests".to_string() } else { format!("http_{status}") },
            "message": code.canonical_reason().unwrap_or("Error"),
            "data": {"status": status},
        }),
        ("magento", _) => json!({"message": code.canonical_reason().unwrap_or("Error")}),
        ("paypal", 429) => json!({
            "name": "RATE_LIMIT_REACHED",
            "message": "Too many requests. Blocked due to rate limiting.",
            "debug_id": "sbx0000000429",
        }),
        ("paypal", _) => json!({
            "name": if status == 503 { "SERVICE_UNAVAILABLE" } else { "INTERNAL_SERVER_ERROR" },
            "message": code.canonical_reason().unwrap_or("Error"),
            "debug_id": format!("sbx0000000{status}"),
        }),
        ("stripe", 429) => json!({"error": {
            "type": "invalid_request_error", "code": "rate_limit",
            "message": "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
        }}),
        ("stripe", _) => json!({"error": {
            "type": "api_error",
            "message": "An unknown error occurred while processing your request.",
        }}),
        ("fedex", _) => fedex::fault_body(status),
        ("salesforce", _) => salesforce::fault_body(status),
        ("hubspot", _) => hubspot::fault_body(status),
        ("mixpanel", _) => mixpanel::fault_body(status),
        ("ga4", _) => ga4::fault_body(status),
        ("ups", _) => json!({"response": {"errors": [{
            "code": if status == 429 { "10429".to_string() } else { format!("{status}") },
            "message": code.canonical_reason().unwrap_or("Error"),
        }]}}),
        ("usps", _) => usps::error_json(
            code,
            &format!("TRK-0{status}"),
            code.canonical_reason().unwrap_or("Error"),
            if status == 429 {
                "Too many requests have been received from the client in a short amount of time."
            } else {
                "The service is temporarily unavailable; try again later."
            },
        ),
        (_, 429) => json!({"errors": "Too Many Requests"}),
        _ => json!({"errors": code.canonical_reason().unwrap_or("Error")}),
    }
}

fn html_response(status: u16) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let reason = code.canonical_reason().unwrap_or("Error");
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status} {reason}</title></head>\
         <body><h1>{reason}</h1><p>There was a problem loading this website. Please try again.</p></body></html>\n"
    );
    let mut r = (code, page).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    r
}

fn oversize_response(bytes: usize) -> Response {
    const HEAD: &str = "{\"data\":{\"padding\":\"";
    const TAIL: &str = "\"}}";
    let filler = bytes.saturating_sub(HEAD.len() + TAIL.len()).max(1);
    let mut body = String::with_capacity(filler + HEAD.len() + TAIL.len());
    body.push_str(HEAD);
    body.extend(std::iter::repeat_n('x', filler));
    body.push_str(TAIL);
    let mut r = Response::new(Body::from(body));
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    r
}

/// The fault middleware on every vendor route; also stamps `X-Request-Id` and logs the request.
async fn fault_layer(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let at = jiff::Timestamp::now().to_string();
    let seq = s.counter.fetch_add(1, Ordering::SeqCst) + 1;
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let vendor = vendor_of(&path).to_string();
    let (random, mut latency) = random_fault(&s.opts.faults, s.opts.seed, seq);
    let forced = s.control().next_forced(&method, &path);
    let fault = forced.or(random);
    if let Some(ForcedFault::Latency { ms }) = fault {
        latency += Duration::from_millis(ms);
    }
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let retry_after = s.opts.faults.retry_after.unwrap_or(1.0);
    let mut resp = match &fault {
        Some(ForcedFault::Status { status, retry_after: ra }) => {
            status_response(&vendor, *status, ra.unwrap_or(retry_after))
        }
        Some(ForcedFault::Html { status }) => html_response(*status),
        Some(ForcedFault::Reset) => dropped(),
        Some(ForcedFault::Oversize { bytes }) => oversize_response(*bytes),
        Some(ForcedFault::DropAfterCommit) => {
            let _ = next.run(req).await;
            dropped()
        }
        Some(ForcedFault::Truncate) => {
            let resp = next.run(req).await;
            let (parts, body) = resp.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
            let cut = bytes.slice(..bytes.len() / 2);
            let mut parts = parts;
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(cut))
        }
        Some(ForcedFault::Latency { .. }) | None => next.run(req).await,
    };
    let is_dropped = resp.extensions().get::<DropConnection>().is_some();
    if let Ok(v) = HeaderValue::from_str(&request_id(s.opts.seed, seq)) {
        resp.headers_mut().insert("x-request-id", v);
    }
    s.log().push(RequestRecord {
        seq,
        method,
        path,
        status: (!is_dropped).then(|| resp.status().as_u16()),
        fault: fault.as_ref().map(fault_name),
        at,
        elapsed_ms: started.elapsed().as_millis() as u64,
    });
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forced_faults_can_target_a_method_and_path() {
        let mut c = Control::default();
        let q = |fault, method: Option<&str>, path: Option<&str>| Queued {
            fault,
            remaining: Some(1),
            method: method.map(str::to_string),
            path: path.map(str::to_string),
        };
        c.queue.push_back(q(ForcedFault::DropAfterCommit, Some("POST"), Some("/refunds")));
        c.queue.push_back(q(ForcedFault::Reset, None, None));
        assert_eq!(c.next_forced("POST", "/wc/orders/1/notes"), Some(ForcedFault::Reset));
        assert_eq!(c.next_forced("GET", "/wc/orders/1/refunds"), None);
        assert_eq!(c.next_forced("post", "/wc/orders/1/refunds"), Some(ForcedFault::DropAfterCommit));
        assert!(c.queue.is_empty());
    }

    #[test]
    fn random_faults_are_deterministic_and_near_their_rates() {
        let spec: FaultSpec = "429=10%,503=5%,reset=5%".parse().unwrap();
        let run = |seed| (1..=2000).map(|i| random_fault(&spec, seed, i).0).collect::<Vec<_>>();
        assert_eq!(run(7), run(7));
        let got = run(7);
        let n429 = got.iter().filter(|f| matches!(f, Some(ForcedFault::Status { status: 429, .. }))).count();
        let nreset = got.iter().filter(|f| matches!(f, Some(ForcedFault::Reset))).count();
        assert!((140..=260).contains(&n429), "{n429}");
        assert!((50..=150).contains(&nreset), "{nreset}");
        assert!(random_fault(&FaultSpec::default(), 7, 1).0.is_none());
    }

    #[test]
    fn request_ids_look_like_uuids() {
        let id = request_id(1, 2);
        assert_eq!(id.len(), 36);
        assert_eq!(id, request_id(1, 2));
        assert_ne!(id, request_id(1, 3));
    }
}
