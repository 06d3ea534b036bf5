//! Contract check for Magento (DESIGN §10): during black-box runs, every Magento request and
//! response passes through Stoplight Prism in validating proxy mode, loaded with the official
//! 2.4.9 admin schema (`shared/specs/magento/magento-admin-2.4.9.yaml`). Both directions are
//! checked: what the adapter sends (Prism answers `422 UNPROCESSABLE_ENTITY` instead of
//! forwarding an invalid request) and what the sandbox answers (with `--errors`, Prism turns an
//! invalid response into `500` with an `sl-violations` header and a `VIOLATIONS` problem body).
//! A route missing from the contract is `404 NO_PATH_MATCHED_ERROR`. Every such event is also
//! logged by Prism as `Request terminated with error`; the test fails on any of them.
//!
//! Setup, as measured with Prism 5.14.2:
//! - Prism matches paths *without* the Swagger 2 `basePath`, so the spec is rewritten at test
//!   time into a temp file whose paths carry `/rest/default` (the store view shopdesk uses by
//!   default); the spec itself is never copied into the repository. The store URL is then the
//!   proxy's root and Prism forwards `/rest/default/V1/…` to
//!   `{sandbox}/magento/demo-magento/rest/default/V1/…`.
//! - Token auth (the admin token): an OAuth 1.0a signature covers the host and port the client
//!   saw, which the proxy changes, so signed requests cannot pass a proxy unchanged.
//! - Prism needs 10–20 s to load the 1.1 MB schema; the test waits up to 180 s.
//! - Prism runs offline (no network needed once installed).
//!
//! `.ci/run` installs Prism with `npm install -g @stoplight/prism-cli@5.14.2`. Without `prism`
//! on PATH the test fails saying so, unless `SHOPDESK_SKIP_PRISM=1`. Without `shared/specs`
//! (outside the repository) it is skipped with a message.
//!
//! Refunds are covered too: the reads of a quote (orders, invoices), both credit memo routes
//! (`POST /V1/invoice/{id}/refund` online and `POST /V1/order/{id}/refund` offline, with
//! `return_to_stock_items`), an amount-only memo, and the memo list and single memo reads.
//!
//! One known divergence between the schema and Magento is tolerated and pinned down here: the
//! schema declares `error-response.parameters` as an array of objects, while Magento sends an
//! object for named placeholders (`{"fieldName":"customerId","fieldValue":7}`, platforms.md
//! §3.7), and the emulator does as Magento does.

mod support;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use serde_json::Value;
use shopdesk::adapters::commerce::{self, CustomerKey, OrderQuery, OrderRef, Store};
use shopdesk::config::StoreConfig;
use shopdesk::domain::{
    FinancialStatus, FulfillmentStatus, ItemPick, NewFulfillment, OrderStatus, RefundSpec, ShippingPick,
};
use shopdesk::sandbox::{Options, Sandbox, demo};
use support::{Env, stderr, stdout};

const SPEC: &str = "magento/magento-admin-2.4.9.yaml";
const INSTALL: &str = "npm install -g @stoplight/prism-cli@5.14.2";
/// The only violation the schema reports against Magento-shaped error bodies.
const KNOWN_DIVERGENCE: &str = "Response body property parameters must be array";

fn spec() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/specs").join(SPEC);
    if p.is_file() {
        Some(p)
    } else {
        println!("SKIPPED: {} not found (the contract check needs shared/specs)", p.display());
        None
    }
}

/// The spec with `/rest/default` in front of every path (Prism ignores Swagger 2's basePath).
fn with_base_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 20_000);
    let mut in_paths = false;
    for line in text.lines() {
        if line.starts_with("paths:") {
            in_paths = true;
        } else if in_paths && !line.is_empty() && !line.starts_with(' ') {
            in_paths = false;
        }
        if in_paths && let Some(rest) = line.strip_prefix("  \"/") {
            out.push_str("  \"/rest/default/");
            out.push_str(rest);
        } else if line.starts_with("basePath:") {
            out.push_str("basePath: \"/\"");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    fn start(spec: &Path, upstream: &str, dir: &Path) -> Prism {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let log = dir.join("prism.log");
        let out = std::fs::File::create(&log).unwrap();
        let child = Command::new("prism")
            .args(["proxy"])
            .arg(spec)
            .arg(upstream)
            .args(["--errors", "--host", "127.0.0.1", "--port", &port.to_string()])
            .stdout(Stdio::from(out.try_clone().unwrap()))
            .stderr(Stdio::from(out))
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start prism: {e}; `.ci/run` installs it with `{INSTALL}`"));
        let mut p = Prism { child, port, log };
        let started = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            if let Ok(Some(status)) = p.child.try_wait() {
                panic!("prism exited ({status}) before listening:\n{}", p.log_text());
            }
            assert!(
                started.elapsed() < Duration::from_secs(180),
                "prism did not listen within 180 s:\n{}",
                p.log_text()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        println!("prism listening after {:.1} s", started.elapsed().as_secs_f64());
        p
    }
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
    fn log_text(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.log) {
            let _ = f.read_to_string(&mut s);
        }
        s
    }
    /// Requests Prism refused or flagged.
    fn errors(&self) -> Vec<String> {
        self.log_text()
            .lines()
            .filter(|l| l.contains("Request terminated with error"))
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn adapter(url: &str) -> Box<dyn commerce::Commerce> {
    let cfg: StoreConfig =
        toml::from_str(&format!("platform = 'magento'\nurl = '{url}'\nauth = 'token'\n")).unwrap();
    let info = commerce::info("magento").unwrap();
    let secrets: HashMap<&'static str, shopdesk::secret::Secret> =
        HashMap::from([("access_token", shopdesk::secret::Secret::new(demo::MAGENTO_ADMIN_TOKEN))]);
    let auth = commerce::auth_scheme(info, "main", &cfg, &secrets).unwrap();
    let client = shopdesk::transport::Client::new(
        "main (magento)".into(),
        cfg.url.clone(),
        auth,
        info.hooks,
        Default::default(),
        Arc::new(shopdesk::transport::log::Logger::quiet()),
    )
    .unwrap();
    (info.build)(Store { name: "main".into(), config: cfg, client })
}

#[test]
fn magento_traffic_conforms_to_the_2_4_9_admin_schema() {
    let Some(spec) = spec() else { return };
    if std::env::var_os("SHOPDESK_SKIP_PRISM").is_some_and(|v| v == "1") {
        println!("SKIPPED: SHOPDESK_SKIP_PRISM=1");
        return;
    }
    let on_path = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("prism").is_file()));
    assert!(
        on_path,
        "`prism` (Stoplight Prism) is not on PATH: `.ci/run` installs it with `{INSTALL}`; set SHOPDESK_SKIP_PRISM=1 to skip this contract check"
    );
    let env = Env::new();
    let rewritten = env.path().join("magento-admin-2.4.9.rest-default.yaml");
    std::fs::write(&rewritten, with_base_path(&std::fs::read_to_string(&spec).unwrap())).unwrap();

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let sb = rt.block_on(Sandbox::start(Options::default())).unwrap();
    let prism = Prism::start(&rewritten, &sb.magento_store_url(), env.path());

    env.write_config(&format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 0\n[profiles.default.stores.main]\nplatform = \"magento\"\nurl = \"{}\"\nauth = \"token\"\n",
        prism.url()
    ));
    let run = |args: &[&str]| {
        env.cmd()
            .env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::MAGENTO_ADMIN_TOKEN)
            .args(args)
            .output()
            .unwrap()
    };
    for args in [
        &["order", "get", "1001"][..],
        &["order", "get", "#1001"],
        &["order", "get", "150"],
        &["order", "search", "--email", "jane@example.com", "--limit", "5"],
        &["order", "search", "--all", "--format", "ndjson"],
        &[
            "order",
            "search",
            "--status",
            "cancelled",
            "--since",
            "2026-08-01",
            "--until",
            "2026-11-01",
            "--limit",
            "10",
        ],
        &["order", "search", "--financial-status", "refunded", "--limit", "10"],
        &["fulfillment", "list", "1001"],
        &["test-connection"],
    ] {
        let o = run(args);
        assert!(
            o.status.success(),
            "{args:?} failed through the validating proxy:\n{}{}",
            stderr(&o),
            stdout(&o)
        );
    }
    // A 404 answer (no order 99999, no entity 99999) must conform too.
    let o = run(&["order", "get", "99999"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));

    // What the adapter sends on writes, and the answers.
    rt.block_on(async {
        let m = adapter(&prism.url());
        let r = OrderRef::parse("1001").unwrap();
        m.add_note(&r, "Contract check note", false).await.expect("add_note through prism");
        m.notes(&r).await.expect("notes through prism");
        let q = OrderQuery {
            status: Some(OrderStatus::Open),
            fulfillment_status: Some(FulfillmentStatus::Unfulfilled),
            ..Default::default()
        };
        let page = m.search_page(&q, None, 50).await.expect("search through prism");
        let open = OrderRef::Number(page.items[0].number.clone());
        let f = NewFulfillment {
            tracking_number: "1Z999AA10123456784".into(),
            carrier: Some("ups".into()),
            tracking_url: None,
            notify: false,
        };
        m.create_fulfillment(&open, &f).await.expect("create_fulfillment through prism");
        let jane =
            m.customers(&CustomerKey::parse("jane@example.com").unwrap()).await.expect("customer search");
        m.customers(&CustomerKey::Id(jane[0].source.platform_id.clone())).await.expect("customer by id");

        // Refunds: the reads a quote makes, both credit memo routes, the memo list and one memo.
        let paid = OrderQuery { financial_status: Some(FinancialStatus::Paid), ..Default::default() };
        let page = m.search_page(&paid, None, 100).await.expect("search paid orders");
        let mut online = false;
        let mut offline = false;
        for s in &page.items {
            let r = OrderRef::Number(s.number.clone());
            let o = m.order(&r).await.expect("order with credit memos");
            let Some(sku) =
                o.line_items.iter().find(|l| l.refundable_quantity > Some(0)).and_then(|l| l.sku.clone())
            else {
                continue;
            };
            let spec = RefundSpec {
                items: vec![ItemPick { sku, quantity: Some(1) }],
                shipping: if online { ShippingPick::None } else { ShippingPick::Full },
                restock: true,
                reason: Some("Contract check".into()),
                record_only: online && !offline,
                ..Default::default()
            };
            let q = m.refund_quote(&r, &spec).await.expect("refund quote through prism");
            if q.total.amount.is_zero() || (q.online && online) || (!q.online && offline) {
                continue;
            }
            let made = m
                .refund_create(&q, &spec, &format!("contract-{}", s.number))
                .await
                .expect("refund through prism");
            m.find_refund(&r, &format!("contract-{}", s.number)).await.expect("find_refund").expect("found");
            assert!(!made.id.is_empty());
            online |= q.online;
            offline |= !q.online;
            if online && offline {
                break;
            }
        }
        assert!(online && offline, "no orders for both credit memo routes");
        let amount_only = RefundSpec { amount: Some(Decimal::ONE), ..Default::default() };
        let r = OrderRef::parse("1001").unwrap();
        let q = m.refund_quote(&r, &amount_only).await.expect("amount quote");
        m.refund_create(&q, &amount_only, "contract-amount").await.expect("amount-only refund through prism");
    });

    let forwarded = prism.log_text().lines().filter(|l| l.contains("Forwarding")).count();
    assert!(forwarded >= 15, "only {forwarded} requests went through the proxy:\n{}", prism.log_text());
    assert!(
        sb.requests().iter().all(|r| r.path.starts_with("/magento/demo-magento/rest/default/V1/")),
        "the sandbox saw unexpected paths"
    );
    let errors = prism.errors();
    assert!(
        errors.is_empty(),
        "Prism reported contract violations:\n{}\n\nfull log: {}",
        errors.join("\n"),
        prism.log.display()
    );

    // The known divergence, pinned: a Magento "No such entity" body with named parameters.
    let probe = format!("{}rest/default/V1/customers/999999", prism.url());
    let (status, violations) = rt.block_on(async {
        let r =
            reqwest::Client::new().get(&probe).bearer_auth(demo::MAGENTO_ADMIN_TOKEN).send().await.unwrap();
        let v = r.headers().get("sl-violations").and_then(|v| v.to_str().ok()).unwrap_or("[]").to_string();
        (r.status().as_u16(), v)
    });
    let v: Vec<Value> = serde_json::from_str(&violations).unwrap_or_default();
    let messages: Vec<&str> = v.iter().filter_map(|x| x["message"].as_str()).collect();
    assert!(
        messages.iter().all(|m| *m == KNOWN_DIVERGENCE),
        "unexpected violations on a Magento error body (status {status}): {messages:?}"
    );
    drop(prism);
    rt.block_on(sb.shutdown());
}

#[test]
fn the_rewrite_prefixes_paths_only() {
    let y = "basePath: \"/rest/default\"\npaths:\n  \"/V1/orders\":\n    get:\n      summary: \"/V1/x\"\ndefinitions:\n  \"/V1/not-a-path\": {}\n";
    let r = with_base_path(y);
    assert!(r.contains("  \"/rest/default/V1/orders\":"));
    assert!(r.contains("basePath: \"/\""));
    assert!(r.contains("summary: \"/V1/x\""));
    assert!(r.contains("  \"/V1/not-a-path\""));
}
