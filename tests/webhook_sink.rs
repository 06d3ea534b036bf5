//! `webhook listen --sink redis://…` against a real `redis-server` started here on a free port:
//! signed deliveries come out of the stream (XRANGE via `redis-cli`) with their fields, in order
//! per source, also across a Redis outage; a wrong or missing password stops the receiver with a
//! clear error and the password never shows. Skipped, with a printed reason, only when
//! `redis-server` is not installed (`.ci/run` installs it).

mod support;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{KeyInit, Mac};
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{Env, stderr};

const SHOP_SECRET: &str = "shpss_sink_test_secret";
const WOO_SECRET: &str = "wc_sink_test_secret";
const REDIS_PASSWORD: &str = "redis-pw-7f3e9c";

const CONFIG: &str = r#"default_profile = "default"
[profiles.default.stores.shop]
platform = "shopify"
url = "https://example.myshopify.com"
auth = "token"
[profiles.default.stores.woo]
platform = "woocommerce"
url = "https://woo.example.com"
auth = "basic"
"#;

fn have_redis() -> bool {
    let found = Command::new("redis-server").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!(
            "SKIPPED: redis-server is not installed (apt-get install redis-server; .ci/run installs it)"
        );
    }
    found
}

/// A `redis-server` child on a fixed port with a password and an append-only file, so a restart
/// keeps the stream.
struct Redis {
    child: Option<Child>,
    port: u16,
    dir: std::path::PathBuf,
}

impl Redis {
    fn start(dir: &std::path::Path) -> Redis {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut r = Redis { child: None, port, dir: dir.to_path_buf() };
        r.up();
        r
    }

    fn up(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", ""])
            .args(["--appendonly", "yes", "--requirepass", REDIS_PASSWORD])
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        wait_until("redis-server answers PING", || self.cli(&["PING"]).trim() == "PONG");
    }

    /// SIGTERM and wait: Redis flushes its append-only file and exits.
    fn down(&mut self) {
        if let Some(mut c) = self.child.take() {
            let st = Command::new("kill").args(["-TERM", &c.id().to_string()]).status().unwrap();
            assert!(st.success());
            c.wait().unwrap();
        }
    }

    fn cli(&self, args: &[&str]) -> String {
        let o = Command::new("redis-cli")
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "--no-auth-warning",
                "-a",
                REDIS_PASSWORD,
            ])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// The stream's entries, each as field → value.
    fn entries(&self, db: &str, stream: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let out = self.cli(&["-n", db, "-2", "--json", "XRANGE", stream, "-", "+"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        v.as_array()
            .unwrap()
            .iter()
            .map(|entry| {
                let kv = entry[1].as_array().unwrap();
                kv.chunks(2).map(|p| (p[0].as_str().unwrap().to_string(), p[1].clone())).collect()
            })
            .collect()
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// `webhook listen` as a real process; `None` when it exited (its stderr is then returned).
struct Listener {
    child: Child,
    url: String,
    stderr_path: std::path::PathBuf,
}

fn listen(env: &Env, extra_env: &[(&str, &str)], args: &[&str]) -> Result<Listener, String> {
    let mut c = env.cmd_std();
    c.env("SHOPDESK_DEFAULT_SHOP_WEBHOOK_SECRET", SHOP_SECRET);
    c.env("SHOPDESK_DEFAULT_WOO_WEBHOOK_SECRET", WOO_SECRET);
    for (k, v) in extra_env {
        c.env(k, v);
    }
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
    if first.trim().is_empty() {
        let status = child.wait().unwrap();
        return Err(format!("{status}\n{}", std::fs::read_to_string(&stderr_path).unwrap()));
    }
    Ok(Listener { child, url: first.trim().to_string(), stderr_path })
}

impl Listener {
    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sign(secret: &str, body: &str) -> String {
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    m.update(body.as_bytes());
    B64.encode(m.finalize().into_bytes())
}

/// POST a signed delivery of `source` (`shop` or `woo`); the status.
fn deliver(l: &Listener, source: &str, id: &str, body: &str) -> u16 {
    let headers: Vec<(&str, String)> = match source {
        "shop" => vec![
            ("X-Shopify-Hmac-Sha256", sign(SHOP_SECRET, body)),
            ("X-Shopify-Webhook-Id", id.into()),
            ("X-Shopify-Topic", "orders/create".into()),
        ],
        _ => vec![
            ("X-WC-Webhook-Signature", sign(WOO_SECRET, body)),
            ("X-WC-Webhook-Delivery-ID", id.into()),
            ("X-WC-Webhook-Topic", "order.updated".into()),
        ],
    };
    let mut req = reqwest::Client::new()
        .post(format!("{}/webhooks/{source}", l.url))
        .header("content-type", "application/json")
        .body(body.to_string());
    for (k, v) in headers {
        req = req.header(k, v);
    }
    rt().block_on(async { req.send().await.unwrap().status().as_u16() })
}

/// A runtime for the tests' own HTTP calls.
fn rt() -> &'static tokio::runtime::Runtime {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap())
}

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

fn field<'a>(e: &'a serde_json::Map<String, serde_json::Value>, k: &str) -> &'a str {
    e.get(k).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("no field {k} in {e:?}"))
}

#[test]
fn events_reach_the_stream_in_order_across_a_redis_outage() {
    if !have_redis() {
        return;
    }
    let env = Env::new();
    env.write_config(CONFIG);
    let mut redis = Redis::start(env.path());
    // The password in the URL here (the env var is the documented way) to check -vv hides it.
    let sink = format!("redis://:{REDIS_PASSWORD}@127.0.0.1:{}/1#orders:in", redis.port);
    let l =
        listen(&env, &[], &["-vv", "--sink", &sink, "--backoff", "50ms", "--max-attempts", "1000"]).unwrap();

    let body = |n: u32| format!("{{\"id\":{n},\"note\":\"caf\u{e9}\"}}");
    let mut sent: Vec<(&str, String)> = Vec::new();
    for n in 0..3 {
        for source in ["shop", "woo"] {
            let id = format!("{source}-{n}");
            assert_eq!(deliver(&l, source, &id, &body(n)), 200);
            sent.push((source, id));
        }
    }
    wait_until("6 entries in the stream", || redis.entries("1", "orders:in").len() == 6);
    let first = redis.entries("1", "orders:in");
    let e = first.iter().find(|e| field(e, "delivery_id") == "shop-0").unwrap();
    assert_eq!(field(e, "source"), "shop");
    assert_eq!(field(e, "topic"), "orders/create");
    assert_eq!(field(e, "body"), body(0), "the body is the raw bytes received");
    assert!(field(e, "received_at").ends_with('Z'), "{e:?}");
    assert!(field(e, "id").parse::<i64>().is_ok(), "{e:?}");
    let headers: serde_json::Value = serde_json::from_str(field(e, "headers")).unwrap();
    assert_eq!(headers["x-shopify-webhook-id"], "shop-0");

    // Redis goes away: deliveries are still acknowledged (stored), publishing is retried.
    redis.down();
    for n in 3..8 {
        for source in ["shop", "woo"] {
            let id = format!("{source}-{n}");
            assert_eq!(deliver(&l, source, &id, &body(n)), 200);
            sent.push((source, id));
        }
    }
    wait_until("failed attempts reported", || l.stderr().matches("attempt 2/1000 failed").count() >= 2);
    redis.up();
    wait_until("all 16 entries in the stream", || redis.entries("1", "orders:in").len() >= 16);

    let all = redis.entries("1", "orders:in");
    assert_eq!(all.len(), 16, "each event once");
    for source in ["shop", "woo"] {
        let got: Vec<&str> =
            all.iter().filter(|e| field(e, "source") == source).map(|e| field(e, "delivery_id")).collect();
        let want: Vec<&str> = sent.iter().filter(|(s, _)| *s == source).map(|(_, id)| id.as_str()).collect();
        assert_eq!(got, want, "{source}: every event, in the order received");
    }
    let err = l.stderr();
    assert!(err.contains("publishing to redis://127.0.0.1:"), "{err}");
    assert!(!err.contains(REDIS_PASSWORD), "the password leaked: {err}");
}

#[test]
fn a_wrong_or_missing_password_stops_with_a_clear_error() {
    if !have_redis() {
        return;
    }
    let env = Env::new();
    env.write_config(CONFIG);
    let redis = Redis::start(env.path());
    let sink = format!("redis://127.0.0.1:{}#s", redis.port);

    let wrong = listen(&env, &[("SHOPDESK_SINK_PASSWORD", "not-the-password")], &["-vv", "--sink", &sink])
        .err()
        .expect("the receiver must not start with a refused password");
    assert!(wrong.contains("refused the password") && wrong.contains("WRONGPASS"), "{wrong}");
    assert!(wrong.contains("SHOPDESK_SINK_PASSWORD"), "says where the password comes from: {wrong}");
    assert!(!wrong.contains("not-the-password"), "{wrong}");

    let missing = listen(&env, &[], &["--sink", &sink]).err().expect("no password: must not start");
    assert!(missing.contains("requires a password") && missing.contains("NOAUTH"), "{missing}");

    // Same as exit status: an authentication error (4).
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_SHOP_WEBHOOK_SECRET", SHOP_SECRET)
        .env("SHOPDESK_SINK_PASSWORD", "not-the-password")
        .args(["webhook", "listen", "--port", "0", "--sink", &sink])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
}
