//! The receiving side of webhooks, black-box: `webhook verify` with the official vectors, and
//! `webhook listen` as a real process on an ephemeral port (signed deliveries per scheme,
//! refusals counted, kill -9 under load, forwarding through an outage in order, dead letters,
//! `--exec`, `replay`, graceful shutdown).

mod support;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{KeyInit, Mac};
use std::io::BufRead;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Env, stderr, stdout};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

const SHOP_SECRET: &str = "shpss_test_receiver_secret";
const WOO_SECRET: &str = "wc_hook_secret_1";
const BC_SECRET: &str = "bc_client_secret_xyz";
const STRIPE_SECRET: &str = "whsec_test_secret";

const CONFIG: &str = r#"default_profile = "default"
[profiles.default.stores.shop]
platform = "shopify"
url = "https://example.myshopify.com"
auth = "token"
[profiles.default.stores.woo]
platform = "woocommerce"
url = "https://woo.example.com"
auth = "basic"
[profiles.default.stores.bc]
platform = "bigcommerce"
url = "https://api.bigcommerce.com/stores/abc123"
[profiles.default.payments.stripe]
gateway = "stripe"
"#;

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = HmacSha256::new_from_slice(key).unwrap();
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A signed delivery: headers and body.
struct Delivery {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn shopify(id: &str, body: &str) -> Delivery {
    let sig = B64.encode(hmac(SHOP_SECRET.as_bytes(), &[body.as_bytes()]));
    Delivery {
        headers: vec![
            ("X-Shopify-Hmac-Sha256".into(), sig),
            ("X-Shopify-Webhook-Id".into(), id.into()),
            ("X-Shopify-Topic".into(), "orders/create".into()),
            ("X-Shopify-Shop-Domain".into(), "example.myshopify.com".into()),
        ],
        body: body.as_bytes().to_vec(),
    }
}

fn woo(id: &str, body: &str) -> Delivery {
    let sig = B64.encode(hmac(WOO_SECRET.as_bytes(), &[body.as_bytes()]));
    Delivery {
        headers: vec![
            ("X-WC-Webhook-Signature".into(), sig),
            ("X-WC-Webhook-Delivery-ID".into(), id.into()),
            ("X-WC-Webhook-Topic".into(), "order.updated".into()),
        ],
        body: body.as_bytes().to_vec(),
    }
}

fn standard(key: &[u8], id: &str, ts: i64, body: &str) -> Delivery {
    let sig = B64.encode(hmac(key, &[id.as_bytes(), b".", ts.to_string().as_bytes(), b".", body.as_bytes()]));
    Delivery {
        headers: vec![
            ("webhook-id".into(), id.into()),
            ("webhook-timestamp".into(), ts.to_string()),
            ("webhook-signature".into(), format!("v1,{sig}")),
        ],
        body: body.as_bytes().to_vec(),
    }
}

fn stripe(body: &str, ts: i64) -> Delivery {
    let sig =
        hex::encode(hmac(STRIPE_SECRET.as_bytes(), &[ts.to_string().as_bytes(), b".", body.as_bytes()]));
    Delivery {
        headers: vec![("Stripe-Signature".into(), format!("t={ts},v1={sig}"))],
        body: body.as_bytes().to_vec(),
    }
}

fn env_with_secrets() -> Env {
    let env = Env::new();
    env.write_config(CONFIG);
    env
}

fn cmd(env: &Env) -> assert_cmd::Command {
    let mut c = env.cmd();
    secrets(&mut |k, v| {
        c.env(k, v);
    });
    c
}

fn secrets(set: &mut dyn FnMut(&str, &str)) {
    set("SHOPDESK_DEFAULT_SHOP_WEBHOOK_SECRET", SHOP_SECRET);
    set("SHOPDESK_DEFAULT_WOO_WEBHOOK_SECRET", WOO_SECRET);
    // BigCommerce: no webhook_secret, the app's client secret signs.
    set("SHOPDESK_DEFAULT_BC_CLIENT_SECRET", BC_SECRET);
    set("SHOPDESK_DEFAULT_STRIPE_WEBHOOK_SECRET", STRIPE_SECRET);
}

/// `webhook listen` running as a real process.
struct Listener {
    child: Child,
    url: String,
    stderr_path: std::path::PathBuf,
}

impl Listener {
    fn start(env: &Env, args: &[&str]) -> Listener {
        let mut c = env.cmd_std();
        secrets(&mut |k, v| {
            c.env(k, v);
        });
        let stderr_path = env.path().join(format!("listen-{}.err", rand::random::<u32>()));
        let err = std::fs::File::create(&stderr_path).unwrap();
        let mut child = c
            .args(["webhook", "listen", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::from(err))
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let url = first.trim().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "first line: {first:?}, stderr: {}",
            std::fs::read_to_string(&stderr_path).unwrap_or_default()
        );
        Listener { child, url, stderr_path }
    }

    fn route(&self, source: &str) -> String {
        format!("{}/webhooks/{source}", self.url)
    }

    fn stats(&self) -> serde_json::Value {
        let url = format!("{}/stats", self.url);
        rt().block_on(async { reqwest::get(url).await.unwrap().json().await.unwrap() })
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// SIGTERM, then the exit status.
    fn terminate(mut self) -> std::process::ExitStatus {
        let st = std::process::Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        assert!(st.unwrap().success());
        let status = self.child.wait().unwrap();
        std::mem::forget(self);
        status
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A runtime for the tests' own HTTP calls.
fn rt() -> &'static tokio::runtime::Runtime {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
    })
}

fn post(url: &str, d: &Delivery) -> (u16, serde_json::Value) {
    let mut req =
        reqwest::Client::new().post(url).body(d.body.clone()).header("content-type", "application/json");
    for (k, v) in &d.headers {
        req = req.header(k, v);
    }
    rt().block_on(async {
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    })
}

fn log_json(env: &Env, extra: &[&str]) -> Vec<serde_json::Value> {
    let o = cmd(env).args(["webhook", "log", "--json", "--limit", "100000"]).args(extra).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str::<Vec<serde_json::Value>>(&stdout(&o)).unwrap()
}

/// Wait (up to 60 s) until `f` holds; panics with `what` otherwise.
fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

// ---- webhook verify ---------------------------------------------------------------------------

/// services.md §6a: the Standard Webhooks vector, with the clock pinned by SHOPDESK_NOW.
#[test]
fn verify_standard_webhooks_official_vector() {
    let env = Env::new();
    let args = [
        "webhook",
        "verify",
        "--source",
        "standard",
        "--secret-env",
        "WH_KEY",
        "-H",
        "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
        "-H",
        "webhook-timestamp: 1614265330",
        "-H",
        "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    ];
    let run = |body: &str, key: &str, now: Option<&str>| {
        let mut c = env.cmd();
        c.env("WH_KEY", key).args(args).write_stdin(body.to_string());
        if let Some(n) = now {
            c.env("SHOPDESK_NOW", n);
        }
        c.output().unwrap()
    };
    let key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let ok = run(r#"{"test": 2432232314}"#, key, Some("1614265330"));
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("msg_p5jXN8AQM9LWM0D4loKWxJek"), "{}", stdout(&ok));
    let tampered = run(r#"{"test": 2432232315}"#, key, Some("1614265330"));
    assert_eq!(tampered.status.code(), Some(4));
    assert!(stderr(&tampered).contains("no signature matches"), "{}", stderr(&tampered));
    let wrong = run(r#"{"test": 2432232314}"#, "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", Some("1614265330"));
    assert_eq!(wrong.status.code(), Some(4));
    // The real clock: the vector is years old.
    let stale = run(r#"{"test": 2432232314}"#, key, None);
    assert_eq!(stale.status.code(), Some(4));
    assert!(stderr(&stale).contains("old, beyond the tolerance"), "{}", stderr(&stale));
}

/// services.md §1: the Stripe vector.
#[test]
fn verify_stripe_vector_and_usage_errors() {
    let env = Env::new();
    let body = r#"{"id":"evt_test","object":"event","type":"refund.created"}"#;
    let sig = "t=1700000000,v1=b28f6c2f966579a9de14e7e78bb28c1dcd2e37929b9123e2e2c4e9ec9f622b49";
    let o = env
        .cmd()
        .env("STRIPE_WHSEC", "whsec_test_secret")
        .env("SHOPDESK_NOW", "1700000100")
        .args(["--json", "webhook", "verify", "--source", "stripe", "--secret-env", "STRIPE_WHSEC"])
        .args(["-H", &format!("Stripe-Signature: {sig}")])
        .write_stdin(body)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["delivery_id"], "evt_test");
    assert_eq!(v["topic"], "refund.created");
    // Past Stripe's tolerance.
    let o = env
        .cmd()
        .env("STRIPE_WHSEC", "whsec_test_secret")
        .env("SHOPDESK_NOW", "1700000301")
        .args(["webhook", "verify", "--source", "stripe", "--secret-env", "STRIPE_WHSEC"])
        .args(["-H", &format!("Stripe-Signature: {sig}")])
        .write_stdin(body)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    // The env var is not set: usage, and the secret is never asked for on the command line.
    let o = env
        .cmd()
        .args(["webhook", "verify", "--source", "stripe", "--secret-env", "NOT_SET_ANYWHERE"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("NOT_SET_ANYWHERE"));
    let o = env
        .cmd()
        .env("STRIPE_WHSEC", "whsec_test_secret")
        .args(["webhook", "verify", "--source", "stripe", "--secret-env", "STRIPE_WHSEC", "-H", "no colon"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn verify_shopify_and_woocommerce_signed_here() {
    let env = Env::new();
    for (source, d, var, secret) in [
        ("shopify", shopify("w-1", r#"{"id":1}"#), "S", SHOP_SECRET),
        ("woocommerce", woo("d-1", r#"{"id":2}"#), "S", WOO_SECRET),
        (
            "bigcommerce",
            standard(BC_SECRET.as_bytes(), "m-1", now(), r#"{"scope":"store/order/created"}"#),
            "S",
            BC_SECRET,
        ),
    ] {
        let mut c = env.cmd();
        c.env(var, secret).args(["webhook", "verify", "--source", source, "--secret-env", var]);
        for (k, v) in &d.headers {
            c.args(["-H", &format!("{k}: {v}")]);
        }
        let o = c.write_stdin(d.body.clone()).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{source}: {}", stderr(&o));
        let mut c = env.cmd();
        c.env(var, "wrong").args(["webhook", "verify", "--source", source, "--secret-env", var]);
        for (k, v) in &d.headers {
            c.args(["-H", &format!("{k}: {v}")]);
        }
        assert_eq!(c.write_stdin(d.body.clone()).output().unwrap().status.code(), Some(4), "{source}");
    }
}

// ---- webhook listen ---------------------------------------------------------------------------

#[test]
fn listen_accepts_each_scheme_and_stores_it() {
    let env = env_with_secrets();
    let l = Listener::start(&env, &[]);
    let stripe_body = r#"{"id":"evt_1","object":"event","type":"charge.refunded"}"#;
    let cases = [
        ("shop", shopify("shop-1", r#"{"id":1001}"#), "orders/create"),
        ("woo", woo("woo-1", r#"{"id":727}"#), "order.updated"),
        (
            "bc",
            standard(BC_SECRET.as_bytes(), "bc-1", now(), r#"{"scope":"store/order/created"}"#),
            "store/order/created",
        ),
        ("stripe", stripe(stripe_body, now()), "charge.refunded"),
    ];
    for (source, d, _) in &cases {
        let (status, body) = post(&l.route(source), d);
        assert_eq!(status, 200, "{source}: {body}");
        assert_eq!(body["status"], "accepted");
    }
    let rows = log_json(&env, &[]);
    assert_eq!(rows.len(), 4, "{rows:?}");
    for (source, _, topic) in &cases {
        let row =
            rows.iter().find(|r| r["source"] == *source).unwrap_or_else(|| panic!("{source} not stored"));
        assert_eq!(row["topic"], *topic);
        assert_eq!(row["state"], "stored");
    }
    assert_eq!(rows.iter().find(|r| r["source"] == "stripe").unwrap()["delivery_id"], "evt_1");
    let stats = l.stats();
    assert_eq!(stats["accepted"], 4);
    assert_eq!(stats["rejected"], 0);
    assert!(l.terminate().success());
}

#[test]
fn refusals_are_refused_and_counted() {
    let env = env_with_secrets();
    let l = Listener::start(&env, &["--max-body", "2000"]);
    let good = shopify("dup-1", r#"{"id":1}"#);
    assert_eq!(post(&l.route("shop"), &good).0, 200);
    // A replayed delivery id: acknowledged, not stored twice.
    let (status, body) = post(&l.route("shop"), &good);
    assert_eq!((status, body["status"].as_str()), (200, Some("duplicate")));
    // Tampered body.
    let mut tampered = shopify("t-1", r#"{"id":1}"#);
    tampered.body = br#"{"id":2}"#.to_vec();
    assert_eq!(post(&l.route("shop"), &tampered).0, 401);
    // Wrong secret.
    let wrong = standard(b"not the client secret", "bc-w", now(), "{}");
    assert_eq!(post(&l.route("bc"), &wrong).0, 401);
    // Stale timestamp (10 minutes old), correctly signed.
    let stale = standard(BC_SECRET.as_bytes(), "bc-s", now() - 600, "{}");
    assert_eq!(post(&l.route("bc"), &stale).0, 401);
    // Oversize body, correctly signed.
    let big = format!(r#"{{"pad":"{}"}}"#, "x".repeat(5000));
    assert_eq!(post(&l.route("woo"), &woo("big-1", &big)).0, 413);
    // Not a source of this profile.
    assert_eq!(post(&l.route("nope"), &good).0, 404);

    let s = l.stats();
    assert_eq!(s["accepted"], 1, "{s}");
    assert_eq!(s["duplicate"], 1, "{s}");
    assert_eq!(s["sources"]["shop"]["rejected"]["bad_signature"], 1, "{s}");
    assert_eq!(s["sources"]["bc"]["rejected"]["bad_signature"], 1, "{s}");
    assert_eq!(s["sources"]["bc"]["rejected"]["stale_timestamp"], 1, "{s}");
    assert_eq!(s["sources"]["woo"]["rejected"]["too_large"], 1, "{s}");
    assert_eq!(s["sources"]["(unknown)"]["rejected"]["unknown_source"], 1, "{s}");
    let err = l.stderr();
    assert!(!err.contains(SHOP_SECRET) && !err.contains(BC_SECRET), "a secret reached stderr");
    assert!(l.terminate().success());
    let events = log_json(&env, &[]);
    assert_eq!(events.len(), 1, "{events:?}");
    let failed = log_json(&env, &["--failed"]);
    let reasons: Vec<String> = failed.iter().map(|r| r["error"].as_str().unwrap_or("").to_string()).collect();
    assert_eq!(failed.len(), 4, "{reasons:?}");
    assert!(reasons.iter().any(|r| r.starts_with("stale_timestamp")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.starts_with("too_large")), "{reasons:?}");
}

#[test]
fn rate_limit_answers_429_and_counts() {
    let env = env_with_secrets();
    let l = Listener::start(&env, &["--rate-limit", "1"]);
    let statuses: Vec<u16> =
        (0..10).map(|i| post(&l.route("shop"), &shopify(&format!("r-{i}"), "{}")).0).collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(statuses[0], 200);
    let s = l.stats();
    let limited = statuses.iter().filter(|s| **s == 429).count() as u64;
    assert_eq!(s["sources"]["shop"]["rejected"]["rate_limited"], limited, "{s}");
}

/// Every delivery answered 2xx is in the store after a kill -9 in the middle of a burst, 20
/// times: each round posts a burst of signed deliveries concurrently, SIGKILLs the receiver once a
/// random number of them were acknowledged (seeded: the seed is printed, `SHOPDESK_TEST_SEED`
/// replays it), restarts it on the same database, and checks that every acknowledged delivery
/// is stored and that the restarted receiver answers and dedups one sent again. The restarted
/// receiver takes the next round's burst.
#[test]
fn kill_9_under_load_loses_no_acknowledged_event() {
    const ROUNDS: usize = 20;
    const BURST: usize = 150;
    let mut rng = support::seeded_rng("kill_9_under_load_loses_no_acknowledged_event");
    let env = env_with_secrets();
    let mut l = Listener::start(&env, &["--rate-limit", "0"]);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().unwrap();
    let client = reqwest::Client::new();
    let delivery = |round: usize, i: usize| {
        shopify(&format!("r{round}-{i}"), &format!(r#"{{"round":{round},"i":{i}}}"#))
    };
    let (mut report, mut stored_total) = (Vec::new(), 0);
    for round in 0..ROUNDS {
        let kill_after = 1 + rng.below(BURST as u64 - 1) as usize;
        let acked: Arc<Mutex<Vec<usize>>> = Arc::default();
        let refused: Arc<Mutex<Vec<String>>> = Arc::default();
        let url = l.route("shop");
        let listener = Arc::new(Mutex::new(l));
        rt.block_on(async {
            let mut tasks = Vec::new();
            for i in 0..BURST {
                let d = delivery(round, i);
                let (client, url, acked, refused, listener) =
                    (client.clone(), url.clone(), acked.clone(), refused.clone(), listener.clone());
                tasks.push(tokio::spawn(async move {
                    let mut req = client.post(&url).body(d.body.clone());
                    for (k, v) in &d.headers {
                        req = req.header(k, v);
                    }
                    match req.send().await {
                        Ok(r) if r.status().is_success() => {
                            let n = {
                                let mut a = acked.lock().unwrap();
                                a.push(i);
                                a.len()
                            };
                            // The answer that makes `kill_after` acknowledgements kills the
                            // receiver; the rest of the burst is in flight or not sent yet.
                            if n == kill_after {
                                listener.lock().unwrap().child.kill().unwrap(); // SIGKILL
                            }
                        }
                        Ok(r) => {
                            let what = format!("{}: {}", r.status(), r.text().await.unwrap_or_default());
                            refused.lock().unwrap().push(what);
                        }
                        Err(_) => {} // the receiver is gone
                    }
                }));
            }
            for t in tasks {
                let _ = t.await;
            }
        });
        let Ok(listener) = Arc::try_unwrap(listener) else { unreachable!("the tasks are done") };
        let mut killed = listener.into_inner().unwrap();
        let _ = killed.child.wait();
        let refused = refused.lock().unwrap().clone();
        assert!(refused.is_empty(), "round {round}: deliveries refused: {refused:?}\n{}", killed.stderr());
        let acked = acked.lock().unwrap().clone();
        assert!(
            acked.len() >= kill_after,
            "round {round}: {} acknowledged, fewer than {kill_after}",
            acked.len()
        );
        let stored: std::collections::HashSet<String> =
            log_json(&env, &[]).iter().map(|r| r["delivery_id"].as_str().unwrap().to_string()).collect();
        let lost: Vec<String> =
            acked.iter().map(|i| format!("r{round}-{i}")).filter(|id| !stored.contains(id)).collect();
        assert!(lost.is_empty(), "round {round}: {} acknowledged deliveries lost: {lost:?}", lost.len());
        let this_round = stored.iter().filter(|id| id.starts_with(&format!("r{round}-"))).count();
        // The restarted receiver serves again from the same store and dedups a resent delivery.
        l = Listener::start(&env, &["--rate-limit", "0"]);
        let again = acked[rng.below(acked.len() as u64) as usize];
        let (status, body) = post(&l.route("shop"), &delivery(round, again));
        assert_eq!((status, body["status"].as_str()), (200, Some("duplicate")), "round {round}: {body}");
        assert_eq!(
            log_json(&env, &[]).len(),
            stored.len(),
            "round {round}: the resent one is not stored twice"
        );
        stored_total = stored.len();
        report.push(format!(
            "round {round:2}: SIGKILL at acknowledgement {kill_after:3} of {BURST}; {:3} acknowledged in all, \
             {this_round:3} stored (committed but unanswered: {})",
            acked.len(),
            this_round - acked.len()
        ));
    }
    eprintln!("{}", report.join("\n"));
    eprintln!("{stored_total} events stored over {ROUNDS} rounds, none lost");
}

/// What the downstream server accepted: (X-Shopdesk-Event-Id, body, headers), in order.
type Seen = Arc<Mutex<Vec<(String, Vec<u8>, axum::http::HeaderMap)>>>;

/// A downstream server: answers 503 to the first `fail_first` requests, then 200, and records
/// what it accepted.
struct Target {
    url: String,
    seen: Seen,
    _rt: tokio::runtime::Runtime,
}

fn target(fail_first: usize) -> Target {
    use axum::extract::State;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let seen: Seen = Arc::default();
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let state = (seen.clone(), calls);
    let app = axum::Router::new()
        .route(
            "/hook",
            axum::routing::post(
                move |State((seen, calls)): State<(Seen, Arc<std::sync::atomic::AtomicUsize>)>,
                      headers: axum::http::HeaderMap,
                      body: axum::body::Bytes| async move {
                    if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < fail_first {
                        return axum::http::StatusCode::SERVICE_UNAVAILABLE;
                    }
                    let id = headers.get("x-shopdesk-event-id").unwrap().to_str().unwrap().to_string();
                    seen.lock().unwrap().push((id, body.to_vec(), headers));
                    axum::http::StatusCode::OK
                },
            ),
        )
        .with_state(state);
    rt.spawn(async move { axum::serve(listener, app).await.unwrap() });
    Target { url, seen, _rt: rt }
}

#[test]
fn forward_through_an_outage_delivers_each_event_once_in_order() {
    let env = env_with_secrets();
    let t = target(5);
    let l = Listener::start(&env, &["--forward-to", &t.url, "--backoff", "20ms", "--max-attempts", "50"]);
    let ids: Vec<String> = (0..10).map(|i| format!("ord-{i}")).collect();
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(post(&l.route("shop"), &shopify(id, &format!(r#"{{"seq":{i}}}"#))).0, 200);
    }
    wait_until("10 forwarded events", || t.seen.lock().unwrap().len() >= 10);
    let seen = t.seen.lock().unwrap().clone();
    let delivered: Vec<String> = seen
        .iter()
        .map(|(_, _, h)| h.get("x-shopify-webhook-id").unwrap().to_str().unwrap().to_string())
        .collect();
    assert_eq!(delivered, ids, "order or count differs");
    // Raw body and vendor headers as received, plus the event id.
    let (event_id, body, headers) = &seen[0];
    assert_eq!(body, br#"{"seq":0}"#);
    assert!(headers.get("x-shopify-hmac-sha256").is_some());
    assert_eq!(headers.get("x-shopify-topic").unwrap(), "orders/create");
    wait_until("all done", || log_json(&env, &[]).iter().all(|r| r["state"] == "done"));
    let rows = log_json(&env, &[]);
    let first = rows.iter().find(|r| r["delivery_id"] == "ord-0").unwrap();
    assert_eq!(first["id"].to_string(), *event_id);
    assert_eq!(first["attempts"], 6, "5 refusals then a success: {first}");
    assert!(l.terminate().success());
}

#[test]
fn dead_letter_after_max_attempts_and_resume_after_restart() {
    let env = env_with_secrets();
    // Nothing listens on this port: every attempt fails.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down = format!("http://{}/hook", closed.local_addr().unwrap());
    drop(closed);
    let l = Listener::start(&env, &["--forward-to", &down, "--backoff", "10ms", "--max-attempts", "3"]);
    assert_eq!(post(&l.route("woo"), &woo("dl-1", r#"{"id":9}"#)).0, 200);
    wait_until("a dead letter", || log_json(&env, &["--failed"]).iter().any(|r| r["state"] == "dead"));
    let row = log_json(&env, &["--failed"]).into_iter().find(|r| r["state"] == "dead").unwrap();
    assert_eq!(row["attempts"], 3);
    assert_eq!(row["delivery_id"], "dl-1");
    assert!(row["error"].as_str().unwrap().contains("forward"), "{row}");
    assert!(l.terminate().success());

    // Requeued by replay (no --to), delivered by the next listener once the target is up.
    let id = row["id"].to_string();
    let o = cmd(&env).args(["webhook", "replay", &id]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let t = target(0);
    let l = Listener::start(&env, &["--forward-to", &t.url, "--backoff", "10ms"]);
    wait_until("the requeued event", || !t.seen.lock().unwrap().is_empty());
    assert_eq!(t.seen.lock().unwrap()[0].1, br#"{"id":9}"#);
    assert!(l.stderr().contains("resuming 1 pending"), "{}", l.stderr());
}

#[test]
fn exec_gets_the_event_on_stdin_and_failures_retry() {
    let env = env_with_secrets();
    let out = env.path().join("events.ndjson");
    let flag = env.path().join("fail-once");
    std::fs::write(&flag, "").unwrap();
    // Fails the first time (removing the flag), then appends the event.
    let script = format!(
        "if [ -e '{f}' ]; then rm '{f}'; echo boom >&2; exit 3; fi; cat >> '{o}'; echo >> '{o}'",
        f = flag.display(),
        o = out.display()
    );
    let l = Listener::start(&env, &["--exec", &script, "--backoff", "10ms"]);
    let stripe_body = r#"{"id":"evt_x","object":"event","type":"refund.created"}"#;
    assert_eq!(post(&l.route("stripe"), &stripe(stripe_body, now())).0, 200);
    wait_until("the exec output", || std::fs::read_to_string(&out).is_ok_and(|s| s.ends_with('\n')));
    let line = std::fs::read_to_string(&out).unwrap();
    let ev: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(ev["source"], "stripe");
    assert_eq!(ev["topic"], "refund.created");
    assert_eq!(ev["delivery_id"], "evt_x");
    assert_eq!(ev["body"]["type"], "refund.created");
    assert!(ev["headers"]["stripe-signature"].is_string());
    assert!(l.stderr().contains("exited with 3: boom"), "{}", l.stderr());
    assert!(l.terminate().success());
}

#[test]
fn replay_to_a_url_resends_the_stored_event() {
    let env = env_with_secrets();
    let l = Listener::start(&env, &[]);
    assert_eq!(post(&l.route("shop"), &shopify("rp-1", r#"{"id":5}"#)).0, 200);
    assert!(l.terminate().success());
    let t = target(0);
    let o = cmd(&env).args(["webhook", "replay", "1", "--to", &t.url, "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let seen = t.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, "1");
    assert_eq!(seen[0].1, br#"{"id":5}"#);
    assert_eq!(seen[0].2.get("x-shopify-webhook-id").unwrap(), "rp-1");
    let o = cmd(&env).args(["webhook", "replay", "99", "--to", &t.url]).output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    // --since with nothing reachable: the failure is reported, exit 7.
    let o = cmd(&env)
        .args(["webhook", "replay", "--since", "1d", "--to", "http://127.0.0.1:9/x"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
}
