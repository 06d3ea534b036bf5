//! The sandbox's sending side of webhooks: a receiver inside the test gets subscriptions through
//! the control API (`POST /_sandbox/webhooks/subscriptions`); refunds made with the real binary,
//! `POST /_sandbox/webhooks/trigger` and `shopdesk webhook trigger` produce deliveries whose
//! signatures the test checks with its own HMAC code (from platforms.md §1.8, §2.8, §4.7 and
//! services.md §1, §2), never with the sandbox's. Retries and disabling are read from
//! `GET /_sandbox/webhooks/deliveries`. Waits poll with a deadline that only bounds a failure.

mod support;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use hmac::{KeyInit, Mac};
use rust_decimal::Decimal;
use serde_json::{Value, json};
use shopdesk::sandbox::seed::{self, FinancialStatus};
use shopdesk::sandbox::{Options, ThrottleSpec, demo};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Host, shopify_cmd, shopify_env, stderr, stdout};

#[derive(Clone)]
struct Delivery {
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

impl Delivery {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("no {name} header"))
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// A webhook receiver on loopback: answers the scripted statuses in turn, then `then`.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Delivery>>>,
}

impl Receiver {
    fn start(host: &Host, script: &[u16], then: u16) -> Receiver {
        let got: Arc<Mutex<Vec<Delivery>>> = Arc::default();
        let script = Arc::new(Mutex::new(script.iter().copied().collect::<VecDeque<u16>>()));
        let (g, s) = (got.clone(), script.clone());
        let app =
            axum::Router::new().fallback(move |uri: axum::http::Uri, headers: HeaderMap, body: Bytes| {
                let (g, s) = (g.clone(), s.clone());
                async move {
                    g.lock().unwrap().push(Delivery { path: uri.path().to_string(), headers, body });
                    let status = s.lock().unwrap().pop_front().unwrap_or(then);
                    (StatusCode::from_u16(status).unwrap(), "ok")
                }
            });
        let listener = host.rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        host.rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
        Receiver { url, got }
    }
    fn got(&self) -> Vec<Delivery> {
        self.got.lock().unwrap().clone()
    }
}

fn control(host: &Host, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let url = format!("{}{path}", host.sb().base_url());
    host.rt.block_on(async {
        let mut r = reqwest::Client::new().request(method, url);
        if let Some(b) = body {
            r = r.json(&b);
        }
        let r = r.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    })
}

/// A subscription through the control API; answers it (with its secret).
fn subscribe(host: &Host, vendor: &str, topics: &[&str], address: &str, secret: Option<&str>) -> Value {
    let mut body = json!({"vendor": vendor, "topics": topics, "address": address});
    if let Some(s) = secret {
        body["secret"] = json!(s);
    }
    let (status, v) = control(host, reqwest::Method::POST, "/_sandbox/webhooks/subscriptions", Some(body));
    assert_eq!(status, 201, "{v}");
    v
}

fn trigger(host: &Host, vendor: &str, topic: &str) -> Value {
    let (status, v) = control(
        host,
        reqwest::Method::POST,
        "/_sandbox/webhooks/trigger",
        Some(json!({"vendor": vendor, "topic": topic})),
    );
    assert_eq!(status, 200, "{v}");
    v
}

fn attempts(host: &Host) -> Vec<Value> {
    let (_, v) = control(host, reqwest::Method::GET, "/_sandbox/webhooks/deliveries", None);
    v.as_array().cloned().unwrap_or_default()
}

/// Polls until `done` holds; the deadline only turns a hang into a failure.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn hmac(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    m.update(msg);
    m.finalize().into_bytes().to_vec()
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

fn host() -> Host {
    Host::start(Options {
        throttle: ThrottleSpec { maximum_available: 1e9, restore_rate: 1e9 },
        ..Options::default()
    })
}

/// A paid Shopify order with no refunds yet.
fn paid_order() -> seed::Order {
    seed::generate(0, seed::DEFAULT_ORDERS)
        .orders
        .into_iter()
        .find(|o| {
            o.financial_status == FinancialStatus::Paid
                && o.refunds.is_empty()
                && o.cancelled_at.is_none()
                && o.closed_at.is_none()
                && o.shipping_line.price > Decimal::ZERO
        })
        .expect("the seed has such an order")
}

#[test]
fn a_shopify_refund_made_with_the_binary_is_delivered_signed() {
    let host = host();
    let rx = Receiver::start(&host, &[], 200);
    let secret = "shpss_test_receiver_secret";
    subscribe(
        &host,
        "shopify",
        &["refunds/create", "orders/updated"],
        &format!("{}/webhooks/shopify", rx.url),
        Some(secret),
    );
    let env = shopify_env(&host);
    let o = paid_order();
    let sku = format!("{}:1", o.line_items[0].sku);
    let out = shopify_cmd(&env)
        .args(["refund", &o.name(), "--item", &sku, "--reason", "damaged", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    wait_for("both deliveries", || rx.got().len() >= 2);
    let got = rx.got();
    let refund =
        got.iter().find(|d| d.header("x-shopify-topic") == "refunds/create").expect("refunds/create");
    assert_eq!(refund.path, "/webhooks/shopify");
    assert_eq!(refund.header("x-shopify-hmac-sha256"), b64(&hmac(secret.as_bytes(), &refund.body)));
    assert_eq!(refund.header("x-shopify-shop-domain"), "demo-store.myshopify.com");
    assert_eq!(refund.header("x-shopify-api-version"), "2026-10");
    assert!(!refund.header("x-shopify-webhook-id").is_empty());
    assert!(!refund.header("x-shopify-event-id").is_empty());
    assert!(refund.header("x-shopify-triggered-at").parse::<jiff::Timestamp>().is_ok());
    let body = refund.json();
    assert_eq!(body["order_id"], json!(o.id), "{body}");
    assert_eq!(body["refund_line_items"][0]["quantity"], 1);
    assert_eq!(body["refund_line_items"][0]["line_item"]["sku"], json!(o.line_items[0].sku));
    let updated =
        got.iter().find(|d| d.header("x-shopify-topic") == "orders/updated").expect("orders/updated");
    assert_eq!(updated.header("x-shopify-hmac-sha256"), b64(&hmac(secret.as_bytes(), &updated.body)));
    let order = updated.json();
    assert_eq!(order["name"], json!(o.name()));
    assert_eq!(order["financial_status"], "partially_refunded");
    assert!(order["total_price"].as_str().unwrap().contains('.'), "REST prices are strings: {order}");
    // A tampered body no longer matches.
    let mut tampered = refund.body.to_vec();
    tampered[1] ^= 1;
    assert_ne!(refund.header("x-shopify-hmac-sha256"), b64(&hmac(secret.as_bytes(), &tampered)));
}

#[test]
fn a_failing_receiver_gets_retries_until_it_answers_2xx() {
    let host = host();
    let rx = Receiver::start(&host, &[500, 500], 200);
    subscribe(&host, "shopify", &["orders/create"], &rx.url, None);
    let first = trigger(&host, "shopify", "orders/create");
    assert_eq!(first["deliveries"][0]["status"], 500, "{first}");
    assert_eq!(first["deliveries"][0]["attempt"], 1);
    wait_for("the 200", || attempts(&host).iter().any(|a| a["status"] == 200));
    let all = attempts(&host);
    let statuses: Vec<(u64, u64)> =
        all.iter().map(|a| (a["attempt"].as_u64().unwrap(), a["status"].as_u64().unwrap())).collect();
    assert_eq!(statuses, [(1, 500), (2, 500), (3, 200)]);
    assert!(all.iter().all(|a| a["delivery_id"] == all[0]["delivery_id"]));
    let got = rx.got();
    assert_eq!(got.len(), 3);
    // One delivery id for the whole series (the receiver's idempotency key), and every try is
    // signed with the demo app's client secret (no secret given).
    let id = got[0].header("x-shopify-webhook-id").to_string();
    for d in &got {
        assert_eq!(d.header("x-shopify-webhook-id"), id);
        assert_eq!(
            d.header("x-shopify-hmac-sha256"),
            b64(&hmac(demo::SHOPIFY_CLIENT_SECRET.as_bytes(), &d.body))
        );
    }
}

#[test]
fn woocommerce_disables_a_webhook_after_more_than_five_failures() {
    let host = host();
    let rx = Receiver::start(&host, &[], 500);
    let sub = subscribe(&host, "woocommerce", &["order.updated"], &rx.url, Some("wc-secret"));
    for n in 1..=6 {
        let t = trigger(&host, "woocommerce", "order.updated");
        assert_eq!(t["deliveries"][0]["status"], 500, "try {n}: {t}");
    }
    let (_, subs) = control(&host, reqwest::Method::GET, "/_sandbox/webhooks/subscriptions", None);
    let s = subs.as_array().unwrap().iter().find(|s| s["id"] == sub["id"]).unwrap().clone();
    assert_eq!(s["active"], false, "{s}");
    assert_eq!(s["failures"], 6);
    // Disabled: the next event goes nowhere.
    let t = trigger(&host, "woocommerce", "order.updated");
    assert_eq!(t["deliveries"], json!([]));
    assert_eq!(rx.got().len(), 6, "one try per event, no retries");
    let d = &rx.got()[0];
    assert_eq!(d.header("x-wc-webhook-signature"), b64(&hmac(b"wc-secret", &d.body)));
    assert_eq!(d.header("x-wc-webhook-topic"), "order.updated");
    assert_eq!(d.header("x-wc-webhook-resource"), "order");
    assert_eq!(d.header("x-wc-webhook-event"), "updated");
    assert_eq!(d.header("x-wc-webhook-id"), sub["id"].as_str().unwrap());
    assert!(d.header("x-wc-webhook-source").ends_with("/woocommerce/demo-site/"));
    assert!(d.header("user-agent").contains("Hookshot (WordPress/"));
    assert!(d.json()["line_items"].is_array());
}

#[test]
fn bigcommerce_stripe_and_paypal_sign_as_documented() {
    let host = host();
    let rx = Receiver::start(&host, &[], 200);
    let bc_secret = "bc-client-secret-raw";
    subscribe(&host, "bigcommerce", &["store/order/created"], &format!("{}/bc", rx.url), Some(bc_secret));
    let stripe = subscribe(&host, "stripe", &["charge.refunded"], &format!("{}/stripe", rx.url), None);
    let paypal = subscribe(&host, "paypal", &["*"], &format!("{}/paypal", rx.url), None);
    for (v, t) in [
        ("bigcommerce", "store/order/created"),
        ("stripe", "charge.refunded"),
        ("paypal", "PAYMENT.CAPTURE.REFUNDED"),
    ] {
        assert_eq!(trigger(&host, v, t)["deliveries"][0]["status"], 200);
    }
    let got = rx.got();
    let at = |p: &str| got.iter().find(|d| d.path == p).unwrap().clone();

    // Standard Webhooks, keyed with the raw client-secret bytes.
    let bc = at("/bc");
    let msg =
        [bc.header("webhook-id").as_bytes(), b".", bc.header("webhook-timestamp").as_bytes(), b".", &bc.body]
            .concat();
    assert_eq!(bc.header("webhook-signature"), format!("v1,{}", b64(&hmac(bc_secret.as_bytes(), &msg))));
    let body = bc.json();
    assert_eq!(body["scope"], "store/order/created");
    assert_eq!(body["producer"], format!("stores/{}", demo::BIGCOMMERCE_STORE_HASH));
    assert_eq!(body["data"]["type"], "order");

    // Stripe: t=…,v1=hex(HMAC(whsec…, "t.body")).
    let st = at("/stripe");
    let sig = st.header("stripe-signature");
    let t = sig.split(',').find_map(|p| p.strip_prefix("t=")).unwrap();
    let v1 = sig.split(',').find_map(|p| p.strip_prefix("v1=")).unwrap();
    let secret = stripe["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_"));
    let expected: String = hmac(secret.as_bytes(), &[t.as_bytes(), b".", &st.body].concat())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(v1, expected);
    let event = st.json();
    assert_eq!(event["object"], "event");
    assert_eq!(event["type"], "charge.refunded");
    assert_eq!(event["data"]["object"]["object"], "charge");

    // PayPal: verified through the emulator's verify-webhook-signature.
    let pp = at("/paypal");
    let verify = |transmission_id: &str| -> String {
        let base = host.sb().paypal_url();
        host.rt.block_on(async {
            let c = reqwest::Client::new();
            let tok: Value = c
                .post(format!("{base}/v1/oauth2/token"))
                .basic_auth(demo::PAYPAL_CLIENT_ID, Some(demo::PAYPAL_CLIENT_SECRET))
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let body = json!({
                "auth_algo": pp.header("paypal-auth-algo"), "cert_url": pp.header("paypal-cert-url"),
                "transmission_id": transmission_id, "transmission_sig": pp.header("paypal-transmission-sig"),
                "transmission_time": pp.header("paypal-transmission-time"),
                "webhook_id": paypal["id"], "webhook_event": pp.json(),
            });
            let r: Value = c
                .post(format!("{base}/v1/notifications/verify-webhook-signature"))
                .bearer_auth(tok["access_token"].as_str().unwrap())
                .json(&body)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            r["verification_status"].as_str().unwrap_or_default().to_string()
        })
    };
    assert_eq!(verify(pp.header("paypal-transmission-id")), "SUCCESS");
    assert_eq!(verify("0b1c2d3e-forged"), "FAILURE");
    assert_eq!(pp.json()["event_type"], "PAYMENT.CAPTURE.REFUNDED");
}

#[test]
fn webhook_trigger_makes_the_sandbox_send_a_signed_event() {
    let host = host();
    let rx = Receiver::start(&host, &[], 200);
    subscribe(&host, "shopify", &["orders/create"], &rx.url, None);
    let env = shopify_env(&host);
    let out = shopify_cmd(&env).args(["webhook", "trigger", "--topic", "order.created"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("HTTP 200"), "{}", stdout(&out));
    let got = rx.got();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("x-shopify-topic"), "orders/create");
    assert_eq!(
        got[0].header("x-shopify-hmac-sha256"),
        b64(&hmac(demo::SHOPIFY_CLIENT_SECRET.as_bytes(), &got[0].body))
    );
    assert!(got[0].json()["line_items"].is_array());
    // A topic the vendor lacks is refused before anything is sent.
    let out = shopify_cmd(&env).args(["webhook", "trigger", "--topic", "no/such"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("orders/create"), "{}", stderr(&out));
}

#[test]
fn webhook_trigger_against_a_real_vendor_says_how_to_trigger_there() {
    let host = host();
    // Something that answers HTTP but is not a sandbox.
    let rx = Receiver::start(&host, &[], 200);
    let env = shopify_env(&host);
    env.write_config(&support::shopify_config(&rx.url));
    let out = shopify_cmd(&env).args(["webhook", "trigger", "--topic", "order.created"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a shopdesk sandbox"), "{}", stderr(&out));
    assert!(stderr(&out).contains("shopify app webhook trigger"), "{}", stderr(&out));
    // A gateway at the vendor's own API is not even asked.
    env.write_config(&format!(
        "{}[profiles.default.payments.stripe]\ngateway = \"stripe\"\n",
        support::shopify_config(&rx.url)
    ));
    let out = shopify_cmd(&env)
        .args(["webhook", "trigger", "--gateway", "stripe", "--topic", "refund.created"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("stripe trigger"), "{}", stderr(&out));
}
