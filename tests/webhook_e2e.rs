//! Webhooks end to end, as a new user would run them against the sandbox: a profile like the one
//! `sandbox serve` prints (secrets in the environment, names as printed), `webhook listen` as a
//! real process forwarding to a small HTTP server of the test, `webhook register` through each
//! vendor's own endpoint pointing at the listener, a refund made with the binary, then the
//! signed delivery followed through: accepted by the sandbox's receiver (its attempt answered
//! 200), verified (no refusal in `/stats`), stored once (`webhook log`), forwarded with the
//! bytes that were signed (the test re-checks the vendor signature on what it got, with its own
//! HMAC code), and `webhook replay --to` sends it again. Waits poll with a deadline that only
//! turns a hang into a failure.

mod support;

use axum::body::Bytes;
use axum::http::HeaderMap;
use base64::Engine;
use hmac::{KeyInit, Mac};
use serde_json::Value;
use shopdesk::sandbox::seed::{self, FinancialStatus};
use shopdesk::sandbox::{demo, paypal, stripe};
use std::io::BufRead;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Env, Host, stderr, stdout};

/// The WooCommerce signing secret `sandbox serve` tells the user to export before registering.
const WOO_SECRET: &str = demo::WOO_WEBHOOK_SECRET;

/// What the sink (the `--forward-to` / `--to` target) received.
#[derive(Clone)]
struct Got {
    path: String,
    headers: HeaderMap,
    body: Bytes,
}

impl Got {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("no {name} header"))
    }
}

struct Sink {
    url: String,
    got: Arc<Mutex<Vec<Got>>>,
}

impl Sink {
    fn start(host: &Host) -> Sink {
        let got: Arc<Mutex<Vec<Got>>> = Arc::default();
        let g = got.clone();
        let app =
            axum::Router::new().fallback(move |uri: axum::http::Uri, headers: HeaderMap, body: Bytes| {
                let g = g.clone();
                async move {
                    g.lock().unwrap().push(Got { path: uri.path().to_string(), headers, body });
                    "ok"
                }
            });
        let listener = host.rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        host.rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
        Sink { url, got }
    }
    fn got(&self) -> Vec<Got> {
        self.got.lock().unwrap().clone()
    }
}

/// The profile `sandbox serve` prints, as profile `default` (so the variables are
/// `SHOPDESK_DEFAULT_<NAME>_<FIELD>`).
fn profile(host: &Host) -> Env {
    let sb = host.sb();
    let e = Env::new();
    let mut cfg = String::from(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 0\ndefault_store = \"shopify\"\n",
    );
    for d in sb.demo_stores() {
        cfg.push_str(&format!(
            "[profiles.default.stores.{}]\nplatform = \"{}\"\nurl = \"{}\"\nauth = \"{}\"\n",
            d.name, d.platform, d.url, d.auth
        ));
        if let Some(id) = d.client_id {
            cfg.push_str(&format!("client_id = \"{id}\"\n"));
        }
    }
    for g in sb.demo_gateways() {
        cfg.push_str(&format!(
            "[profiles.default.payments.{}]\ngateway = \"{}\"\nurl = \"{}\"\n",
            g.name, g.gateway, g.url
        ));
        if let Some(id) = g.client_id {
            cfg.push_str(&format!("client_id = \"{id}\"\n"));
        }
    }
    e.write_config(&cfg);
    e
}

/// The environment `sandbox serve` tells the user to export.
fn exports(host: &Host) -> Vec<(String, String)> {
    let var = |name: &str, field: &str| format!("SHOPDESK_DEFAULT_{name}_{field}").to_uppercase();
    let mut out = Vec::new();
    for d in host.sb().demo_stores() {
        out.extend(d.secrets.iter().map(|(f, v)| (var(d.name, f), v.to_string())));
    }
    for g in host.sb().demo_gateways() {
        out.extend(g.secrets.iter().map(|(f, v)| (var(g.name, f), v.to_string())));
        out.extend(g.webhook_secret.map(|s| (var(g.name, "webhook_secret"), s.to_string())));
    }
    out.push((var("woocommerce", "webhook_secret"), WOO_SECRET.to_string()));
    out
}

fn cmd(e: &Env, host: &Host) -> assert_cmd::Command {
    let mut c = e.cmd();
    c.envs(exports(host)).env("SHOPDESK_WEBHOOK_DB", e.path().join("webhooks.sqlite3"));
    c
}

fn run(e: &Env, host: &Host, args: &[&str]) -> std::process::Output {
    let o = cmd(e, host).args(args).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}\n{}", stderr(&o), stdout(&o));
    o
}

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// `webhook listen --forward-to` as a real process.
struct Listener {
    child: Child,
    url: String,
    stderr_path: std::path::PathBuf,
}

impl Listener {
    fn start(e: &Env, host: &Host, forward_to: &str, port: u16) -> Listener {
        let c = cmd(e, host);
        let mut s = support::to_std(&c);
        let stderr_path = e.path().join("listen.err");
        let mut child = s
            .args(["webhook", "listen", "--port", &port.to_string(), "--forward-to", forward_to])
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(&stderr_path).unwrap()))
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let url = first.trim().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "{first:?}: {}",
            std::fs::read_to_string(&stderr_path).unwrap()
        );
        Listener { child, url, stderr_path }
    }
    fn stats(&self, host: &Host) -> Value {
        let url = format!("{}/stats", self.url);
        host.rt.block_on(async { reqwest::get(url).await.unwrap().json().await.unwrap() })
    }
    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
    fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// Whether `got` carries the vendor's signature over exactly its body (platforms.md §1.8,
/// §2.8, §4.7; services.md §1): the bytes forwarded are the bytes the vendor signed.
fn signed_as_sent(source: &str, got: &Got) -> bool {
    let body = &got.body[..];
    match source {
        "shopify" => {
            got.header("x-shopify-hmac-sha256") == b64(&hmac(demo::SHOPIFY_CLIENT_SECRET.as_bytes(), &[body]))
        }
        "woocommerce" => got.header("x-wc-webhook-signature") == b64(&hmac(WOO_SECRET.as_bytes(), &[body])),
        "bigcommerce" => {
            let (id, ts) = (got.header("webhook-id"), got.header("webhook-timestamp"));
            let sig = b64(&hmac(
                demo::BIGCOMMERCE_CLIENT_SECRET.as_bytes(),
                &[id.as_bytes(), b".", ts.as_bytes(), b".", body],
            ));
            got.header("webhook-signature").split(' ').any(|s| s == format!("v1,{sig}"))
        }
        "stripe" => {
            let h = got.header("stripe-signature");
            let t = h.split(',').find_map(|p| p.strip_prefix("t=")).unwrap();
            let sig = hmac(demo::STRIPE_WEBHOOK_SECRET.as_bytes(), &[t.as_bytes(), b".", body]);
            let hex: String = sig.iter().map(|b| format!("{b:02x}")).collect();
            h.split(',').any(|p| p == format!("v1={hex}"))
        }
        "paypal" => !got.header("paypal-transmission-sig").is_empty(),
        other => panic!("no check for {other}"),
    }
}

/// A paid store order without refunds, by number, through the binary.
fn paid_order(e: &Env, host: &Host, store: &str) -> String {
    let list = json(&run(e, host, &["--store", store, "order", "search", "--json", "--limit", "40"]));
    list.as_array()
        .unwrap()
        .iter()
        .find(|o| o["financial_status"] == "paid")
        .unwrap_or_else(|| panic!("no paid order on {store}: {list}"))["number"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A paid seeded order with no refunds whose payment is at PayPal (`true`) or Stripe.
fn paid_at(paypal: bool) -> u32 {
    seed::generate(0, seed::DEFAULT_ORDERS)
        .orders
        .into_iter()
        .find(|o| {
            (o.gateway == "paypal") == paypal
                && o.financial_status == FinancialStatus::Paid
                && o.refunds.is_empty()
        })
        .expect("the seed has one")
        .number
}

struct Flow {
    host: Host,
    env: Env,
    sink: Sink,
    listen: Listener,
}

impl Flow {
    fn start() -> Flow {
        let host = Host::default();
        let env = profile(&host);
        let sink = Sink::start(&host);
        let listen = Listener::start(&env, &host, &format!("{}/forwarded", sink.url), 0);
        Flow { host, env, sink, listen }
    }

    /// Stop `webhook listen` and start it again on the same port (and database).
    fn restart(&mut self) {
        let port = self.listen.port();
        let _ = self.listen.child.kill();
        let _ = self.listen.child.wait();
        self.listen = Listener::start(&self.env, &self.host, &format!("{}/forwarded", self.sink.url), port);
    }

    /// Register `topic` on `target` (`--store NAME` / `--gateway NAME`) at the listener.
    fn register(&self, target: [&str; 2], topic: &str) {
        let url = format!("{}/webhooks/{}", self.listen.url, target[1]);
        // The store is the global `--store`; `--gateway` belongs to the verb.
        let mut args = vec!["webhook", "register", "--topic", topic, "--url", &url];
        match target[0] {
            "--store" => args.splice(0..0, target),
            _ => args.splice(2..2, target),
        };
        let o = run(&self.env, &self.host, &args);
        let all = format!("{}{}", stdout(&o), stderr(&o));
        for (_, secret) in exports(&self.host).iter().filter(|(k, _)| k.ends_with("_WEBHOOK_SECRET")) {
            assert!(!all.contains(secret.as_str()), "a secret was printed: {all}");
        }
    }

    /// After a refund on `source`: the delivery was accepted, verified, stored once, forwarded
    /// with its signed bytes, and `webhook replay --to` sends it again. Answers the forward.
    fn follow(&self, source: &str, vendor_topic: &str) -> Got {
        wait_for(&format!("{source}'s delivery forwarded"), || {
            self.sink
                .got()
                .iter()
                .any(|g| g.path == "/forwarded" && g.headers.contains_key(topic_header(source)))
        });
        let got = self.sink.got();
        let fwd: Vec<&Got> = got.iter().filter(|g| g.path == "/forwarded").collect();
        assert_eq!(fwd.len(), 1, "forwarded once: {:?}", fwd.iter().map(|g| &g.headers).collect::<Vec<_>>());
        let fwd = fwd[0].clone();
        assert!(signed_as_sent(source, &fwd), "{source}: forwarded body is not the signed one");
        let attempts: Value = self.host.rt.block_on(async {
            let url = format!("{}/_sandbox/webhooks/deliveries", self.host.sb().base_url());
            reqwest::get(url).await.unwrap().json().await.unwrap()
        });
        let mine: Vec<&Value> =
            attempts.as_array().unwrap().iter().filter(|a| a["vendor"] == source_vendor(source)).collect();
        assert!(!mine.is_empty() && mine.iter().all(|a| a["status"] == 200), "{attempts}");
        assert_eq!(mine[0]["topic"], vendor_topic, "{attempts}");
        let stats = self.listen.stats(&self.host);
        assert_eq!(stats["rejected"], 0, "{stats}\n{}", self.listen.stderr());
        assert_eq!(stats["sources"][source]["accepted"], 1, "{stats}");
        let log = json(&run(&self.env, &self.host, &["webhook", "log", "--json", "--source", source]));
        let rows = log.as_array().unwrap();
        assert_eq!(rows.len(), 1, "stored once: {log}");
        let id = rows[0]["id"].as_i64().unwrap();
        assert_eq!(fwd.header("x-shopdesk-event-id"), id.to_string());
        wait_for("the event marked delivered", || {
            json(&run(&self.env, &self.host, &["webhook", "log", "--json", "--source", source]))[0]["state"]
                == "done"
        });
        let failed = json(&run(&self.env, &self.host, &["webhook", "log", "--json", "--failed"]));
        assert_eq!(failed, serde_json::json!([]), "no refusal or dead letter");
        // Replay: the same bytes again, to another address.
        let to = format!("{}/replayed", self.sink.url);
        let r =
            json(&run(&self.env, &self.host, &["webhook", "replay", &id.to_string(), "--to", &to, "--json"]));
        assert_eq!(r[0]["result"], "delivered", "{r}");
        let again = self.sink.got().into_iter().find(|g| g.path == "/replayed").expect("replayed");
        assert_eq!(again.body, fwd.body);
        assert!(signed_as_sent(source, &again));
        fwd
    }
}

fn source_vendor(source: &str) -> &str {
    source
}

/// A header each vendor's deliveries carry (to tell them apart at the sink).
fn topic_header(source: &str) -> &'static str {
    match source {
        "shopify" => "x-shopify-topic",
        "woocommerce" => "x-wc-webhook-topic",
        "bigcommerce" => "webhook-id",
        "stripe" => "stripe-signature",
        _ => "paypal-transmission-id",
    }
}

fn store_refund(store: &str, topic: &str, vendor_topic: &str) {
    let f = Flow::start();
    f.register(["--store", store], topic);
    let number = paid_order(&f.env, &f.host, store);
    run(
        &f.env,
        &f.host,
        &["--store", store, "refund", &number, "--amount", "1", "--reason", "damaged", "--yes"],
    );
    f.follow(store, vendor_topic);
}

#[test]
fn shopify_refund_arrives_verified_stored_forwarded_and_replays() {
    store_refund("shopify", "refund.created", "refunds/create");
}

#[test]
fn woocommerce_refund_arrives_as_order_updated_and_replays() {
    store_refund("woocommerce", "order.updated", "order.updated");
}

#[test]
fn bigcommerce_refund_arrives_verified_stored_forwarded_and_replays() {
    store_refund("bigcommerce", "refund.created", "store/order/refund/created");
}

#[test]
fn stripe_refund_arrives_verified_stored_forwarded_and_replays() {
    let f = Flow::start();
    f.register(["--gateway", "stripe"], "refund.created");
    let pi = stripe::intent_id(paid_at(false));
    run(&f.env, &f.host, &["payment", "refund", &pi, "--gateway", "stripe", "--amount", "1.00", "--yes"]);
    let got = f.follow("stripe", "refund.created");
    let event: Value = serde_json::from_slice(&got.body).unwrap();
    assert_eq!(event["type"], "refund.created", "{event}");
}

/// PayPal shares no secret: `webhook listen` asks PayPal's `verify-webhook-signature` (the
/// sandbox's PayPal answers SUCCESS exactly for what it sent) for the webhook id that
/// `webhook register` wrote to the profile, which `listen` reads when it starts: so it is
/// restarted, on the same port, after registering.
#[test]
fn paypal_refund_is_verified_through_paypal_and_a_forged_delivery_is_refused() {
    let mut f = Flow::start();
    f.register(["--gateway", "paypal"], "refund.created");
    let cfg = std::fs::read_to_string(f.env.config_path()).unwrap();
    assert!(cfg.contains("webhook_id"), "register wrote the webhook id: {cfg}");
    assert!(
        f.listen.stderr().contains("`paypal` (paypal) is not served: no webhook_id"),
        "{}",
        f.listen.stderr()
    );
    f.restart();
    assert!(!f.listen.stderr().contains("`paypal` (paypal) is not served"), "{}", f.listen.stderr());
    let capture = paypal::capture_id(paid_at(true));
    run(
        &f.env,
        &f.host,
        &["payment", "refund", &capture, "--gateway", "paypal", "--amount", "1.00", "--yes"],
    );
    let got = f.follow("paypal", "PAYMENT.CAPTURE.REFUNDED");
    let event: Value = serde_json::from_slice(&got.body).unwrap();
    assert_eq!(event["event_type"], "PAYMENT.CAPTURE.REFUNDED", "{event}");
    let verify_calls = || {
        f.host
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("/v1/notifications/verify-webhook-signature"))
            .count()
    };
    assert_eq!(verify_calls(), 1);
    // The same transmission headers with another event: PayPal answers FAILURE, refused.
    let mut forged = event.clone();
    forged["id"] = Value::from("WH-FORGED-0001");
    forged["resource"]["amount"]["value"] = Value::from("999.00");
    let url = format!("{}/webhooks/paypal", f.listen.url);
    let status = f.host.rt.block_on(async {
        let mut req = reqwest::Client::new().post(url).body(serde_json::to_vec(&forged).unwrap());
        for name in [
            "paypal-transmission-id",
            "paypal-transmission-time",
            "paypal-transmission-sig",
            "paypal-cert-url",
            "paypal-auth-algo",
            "content-type",
        ] {
            req = req.header(name, got.header(name));
        }
        req.send().await.unwrap().status().as_u16()
    });
    assert_eq!(status, 401);
    assert_eq!(verify_calls(), 2);
    let stats = f.listen.stats(&f.host);
    assert_eq!(stats["sources"]["paypal"]["rejected"]["bad_signature"], 1, "{stats}");
    assert_eq!(stats["sources"]["paypal"]["accepted"], 1, "{stats}");
    let failed = json(&run(&f.env, &f.host, &["webhook", "log", "--json", "--failed", "--source", "paypal"]));
    assert_eq!(failed.as_array().unwrap().len(), 1, "{failed}");
    let log = json(&run(&f.env, &f.host, &["webhook", "log", "--json", "--source", "paypal"]));
    assert!(!log.to_string().contains("WH-FORGED"), "the forged event was not stored: {log}");
}

/// The walkthrough exactly as `sandbox serve` prints it (README "Try it end to end"): its
/// profile block into the config, its `export` lines into the environment, its payment ids;
/// `webhook listen --exec`, register, refund, `webhook log`, `webhook replay`.
#[test]
fn the_walkthrough_sandbox_serve_prints_works() {
    let e = Env::new();
    let serve = support::Served::start(&e, &[]);
    e.write_config(&serve.profile());
    let exports = serve.exports();
    let lines = &serve.lines;
    let payments = lines.iter().find(|l| l.starts_with("Payments to try refunds on")).expect("payment ids");
    let pi = payments.split_whitespace().find(|w| w.starts_with("pi_")).unwrap().to_string();
    let cmd = || {
        let mut c = e.cmd();
        c.envs(exports.iter().cloned()).env("SHOPDESK_PROFILE", "sandbox");
        c
    };
    let ok = |args: &[&str]| {
        let o = cmd().args(args).output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        o
    };
    // `webhook listen --exec`, as a process of its own.
    let events = e.path().join("events.jsonl");
    let c = cmd();
    let s = support::to_std(&c);
    let exec = format!("cat >> '{}'; echo >> '{}'", events.display(), events.display());
    let mut listen = support::Spawned::start(
        s,
        &["webhook", "listen", "--port", "0", "--exec", &exec],
        e.path().join("listen.err"),
    );
    let base = listen.line();
    ok(&[
        "--store",
        "woocommerce",
        "webhook",
        "register",
        "--topic",
        "order.updated",
        "--url",
        &format!("{base}/webhooks/woocommerce"),
    ]);
    ok(&[
        "webhook",
        "register",
        "--gateway",
        "stripe",
        "--topic",
        "refund.created",
        "--url",
        &format!("{base}/webhooks/stripe"),
    ]);
    let list = json(&ok(&["--store", "woocommerce", "order", "search", "--json", "--limit", "40"]));
    let paid = list.as_array().unwrap().iter().find(|o| o["financial_status"] == "paid");
    let number =
        paid.unwrap_or_else(|| panic!("no paid order: {list}"))["number"].as_str().unwrap().to_string();
    ok(&["--store", "woocommerce", "refund", &number, "--amount", "1", "--reason", "damaged", "--yes"]);
    ok(&["payment", "refund", &pi, "--amount", "1.00", "--yes"]);
    let log = || json(&ok(&["webhook", "log", "--json"]));
    wait_for("both events delivered", || {
        let l = log();
        l.as_array().unwrap().len() == 2 && l.as_array().unwrap().iter().all(|r| r["state"] == "done")
    });
    let sources: Vec<String> =
        log().as_array().unwrap().iter().map(|r| r["source"].as_str().unwrap().to_string()).collect();
    assert!(sources.contains(&"woocommerce".into()) && sources.contains(&"stripe".into()), "{sources:?}");
    assert_eq!(json(&ok(&["webhook", "log", "--json", "--failed"])), serde_json::json!([]));
    let first = log().as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).min().unwrap();
    ok(&["webhook", "replay", &first.to_string()]);
    let count =
        || std::fs::read_to_string(&events).unwrap_or_default().lines().filter(|l| !l.is_empty()).count();
    wait_for("the replayed event delivered again", || count() == 3);
    drop((listen, serve));
}
