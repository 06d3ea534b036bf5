//! BigCommerce end to end: the built binary (and, for the trait methods the CLI does not expose
//! yet, the adapter through the library) against the BigCommerce emulator started in-process.
//!
//! Exit codes checked here (README): 2 usage (nothing sent), 3 not found (also a store hash
//! BigCommerce does not know), 4 auth, 5 rate-limited after every retry, 6 conflict.

mod support;

use std::collections::{HashMap, HashSet};
use std::process::Output;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use shopdesk::adapters::commerce::{self, Commerce, CustomerKey, OrderQuery, OrderRef, Store};
use shopdesk::domain::{FinancialStatus, FulfillmentStatus, NewFulfillment};
use shopdesk::sandbox::bigcommerce::QuotaSpec;
use shopdesk::sandbox::{Options, Sandbox, demo};
use shopdesk::secret::Secret;
use shopdesk::transport::{Client, Settings, log::Logger};
use support::{Env, stderr, stdout};

fn config(url: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n[profiles.default.stores.main]\nplatform = \"bigcommerce\"\nurl = \"{url}\"\nauth = \"token\"\n"
    )
}

/// Run the binary against `url` with `token`, off the async runtime.
async fn run_with(url: &str, token: &str, args: &[&str]) -> Output {
    let env = Env::new();
    env.write_config(&config(url));
    let mut cmd = env.cmd();
    cmd.env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", token).args(args);
    tokio::task::spawn_blocking(move || {
        let out = cmd.output().expect("binary runs");
        drop(env);
        out
    })
    .await
    .unwrap()
}

async fn run(sb: &Sandbox, args: &[&str]) -> Output {
    run_with(&sb.bigcommerce_store_url(), demo::BIGCOMMERCE_ACCESS_TOKEN, args).await
}

fn json_out(o: &Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

async fn start() -> Sandbox {
    Sandbox::start(Options::default()).await.expect("sandbox starts")
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap()
}

/// A direct call to the emulator (not through shopdesk).
async fn raw(sb: &Sandbox, path: &str) -> reqwest::Response {
    http()
        .get(format!("{}/{path}", sb.bigcommerce_store_url()))
        .header("X-Auth-Token", demo::BIGCOMMERCE_ACCESS_TOKEN)
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap()
}

async fn control(sb: &Sandbox, body: Value) {
    let r = http().post(sb.faults_url()).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

/// The adapter through the library, as `open_store` builds it.
fn adapter(url: &str) -> Box<dyn Commerce> {
    let cfg: shopdesk::config::StoreConfig =
        toml::from_str(&format!("platform = \"bigcommerce\"\nurl = \"{url}\"\nauth = \"token\"\n")).unwrap();
    let info = commerce::info("bigcommerce").expect("registered");
    let secrets = HashMap::from([("access_token", Secret::new(demo::BIGCOMMERCE_ACCESS_TOKEN))]);
    let auth = commerce::auth_scheme(info, "main", &cfg, &secrets).unwrap();
    let settings = Settings { max_retries: 2, ..Settings::default() };
    let client = Client::new(
        "main (bigcommerce)".into(),
        cfg.url.clone(),
        auth,
        info.hooks,
        settings,
        Arc::new(Logger::quiet()),
    )
    .unwrap();
    (info.build)(Store { name: "main".into(), config: cfg, client })
}

fn paths(sb: &Sandbox) -> Vec<String> {
    sb.requests().into_iter().map(|r| r.path).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_get_reads_v2_and_the_v3_refunds() {
    let sb = start().await;
    let a = json_out(&run(&sb, &["--json", "order", "get", "1001"]).await);
    let b = json_out(&run(&sb, &["--json", "order", "get", "#1001"]).await);
    assert_eq!(a, b, "on BigCommerce the number is the id");
    assert_eq!(a["number"], "#1001");
    assert_eq!(a["source"]["platform"], "bigcommerce");
    assert_eq!(a["source"]["platform_id"], "1001");
    assert_eq!(a["email"], "jane@example.com");
    assert_eq!(a["financial_status"], "partially_refunded");
    assert_eq!(a["line_items"].as_array().unwrap().len(), 2);
    assert_eq!(a["fulfillments"][0]["tracking"][0]["carrier"], "UPS");
    let total: rust_decimal::Decimal = a["totals"]["total"]["amount"].as_str().unwrap().parse().unwrap();
    assert!(total.scale() <= 2, "4-decimal padding is dropped: {total}");
    // The seeded partial refund, from v3 payment actions (order reads themselves stay on v2).
    assert_eq!(a["refunds"].as_array().unwrap().len(), 1, "{}", a["refunds"]);
    assert_eq!(a["refunds"][0]["note"], "Damaged in transit");
    assert_eq!(a["refunds"][0]["lines"][0]["quantity"], 1);
    let p = paths(&sb);
    assert!(
        p.iter().all(|p| p.contains("/v2/") || p.ends_with("/v3/orders/1001/payment_actions/refunds")),
        "{p:?}"
    );
    for sub in [
        "/v2/orders/1001",
        "/v2/orders/1001/products",
        "/v2/orders/1001/shipping_addresses",
        "/v2/orders/1001/shipments",
    ] {
        assert!(p.iter().any(|x| x.ends_with(sub)), "{sub} in {p:?}");
    }
    // Table output on a terminal-less stdout still renders.
    let o = run(&sb, &["order", "get", "1001"]).await;
    assert!(stdout(&o).contains("Order #1001") && stdout(&o).contains("UPS"), "{}", stdout(&o));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_order_is_3_and_unknown_store_hash_is_3_with_a_clear_message() {
    let sb = start().await;
    let o = run(&sb, &["order", "get", "99999"]).await;
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("order 99999 not found in store main"), "{}", stderr(&o));

    let typo = sb.bigcommerce_store_url().replace(demo::BIGCOMMERCE_STORE_HASH, "sbx4k2j9qx");
    for args in [&["order", "get", "1001"][..], &["order", "search", "--email", "jane@example.com"][..]] {
        let o = run_with(&typo, demo::BIGCOMMERCE_ACCESS_TOKEN, args).await;
        assert_eq!(o.status.code(), Some(3), "{args:?}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains("store hash `sbx4k2j9qx` not found, check url"), "{e}");
        assert!(e.contains("hint:") && e.contains("/stores/{store_hash}"), "{e}");
    }
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_inputs_are_refused_before_anything_is_sent() {
    let sb = start().await;
    let no_hash = format!("{}/bigcommerce", sb.base_url());
    let o = run_with(&no_hash, demo::BIGCOMMERCE_ACCESS_TOKEN, &["order", "get", "1001"]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("does not end in /stores/{store_hash}"), "{}", stderr(&o));
    let o = run(&sb, &["order", "get", "10-01"]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = run(&sb, &["order", "get", "gid://shopify/Order/1001"]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a BigCommerce order id"), "{}", stderr(&o));
    assert!(sb.requests().is_empty(), "nothing is sent for bad input: {:?}", paths(&sb));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_token_is_4_with_bigcommerces_401() {
    let sb = start().await;
    let o = run_with(&sb.bigcommerce_store_url(), "not-the-token", &["order", "get", "1001"]).await;
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("HTTP 401") && stderr(&o).contains("X-Auth-Token"), "{}", stderr(&o));
    let r = http().get(format!("{}/v2/orders/1001", sb.bigcommerce_store_url())).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().contains_key("x-rate-limit-requests-left"));
    assert_eq!(r.json::<Value>().await.unwrap()[0]["status"], 401);
    let r = http().get(format!("{}/v3/customers", sb.bigcommerce_store_url())).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.json::<Value>().await.unwrap()["title"].as_str().unwrap().starts_with("Unauthorized"));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_by_email_and_all_pages_without_duplicates() {
    let sb = start().await;
    let total = raw(&sb, "v2/orders/count").await.json::<Value>().await.unwrap()["count"].as_u64().unwrap();
    assert!(total >= 200);
    let o = run(&sb, &["order", "search", "--all", "--format", "ndjson"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len() as u64, total);
    let numbers: HashSet<&str> = rows.iter().map(|r| r["number"].as_str().unwrap()).collect();
    assert_eq!(numbers.len(), rows.len(), "no duplicates");
    let dates: Vec<&str> = rows.iter().map(|r| r["created_at"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let lists = sb.requests().into_iter().filter(|r| r.path.ends_with("/v2/orders")).count();
    assert_eq!(lists, 2, "250 + the rest: two pages");

    // A limit above one page: the second page keeps the first page's size (no overlap).
    let o = run(&sb, &["order", "search", "--limit", "255", "--format", "ndjson"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let numbers: HashSet<String> =
        stdout(&o).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["number"].to_string()).collect();
    assert_eq!(numbers.len(), 255, "255 distinct orders");

    let jane_count = raw(&sb, "v2/orders/count?email=jane@example.com").await.json::<Value>().await.unwrap()
        ["count"]
        .as_u64()
        .unwrap();
    let v = json_out(&run(&sb, &["--json", "order", "search", "--email", "jane@example.com", "--all"]).await);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len() as u64, jane_count);
    assert!(rows.iter().all(|r| r["email"] == "jane@example.com"));

    // Client-side filters use the same mapping as the output.
    let v = json_out(&run(&sb, &["--json", "order", "search", "--status", "cancelled", "--all"]).await);
    let rows = v.as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["status"] == "cancelled"));

    // No match: BigCommerce answers 204 with no body; that is an empty result, not an error.
    let r = raw(&sb, "v2/orders?email=nobody@example.com").await;
    assert_eq!(r.status(), 204);
    let v = json_out(&run(&sb, &["--json", "order", "search", "--email", "nobody@example.com"]).await);
    assert_eq!(v, json!([]));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emulator_pages_and_errors_like_bigcommerce() {
    let sb = start().await;
    let r = raw(&sb, "v2/orders?limit=251").await;
    assert_eq!(r.status(), 413);
    let r = raw(&sb, "v2/orders?page=99").await;
    assert_eq!(r.status(), 204);
    assert!(r.headers().contains_key("x-rate-limit-time-reset-ms"));
    let r = raw(&sb, "v2/orders?limit=5&page=2").await;
    let ids: Vec<u64> =
        r.json::<Vec<Value>>().await.unwrap().iter().map(|o| o["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, vec![1006, 1007, 1008, 1009, 1010], "default sort id:asc, ids from 1001");
    let r = raw(&sb, "v2/orders?min_date_created=yesterday").await;
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<Value>().await.unwrap()[0]["status"], 400);
    let o = raw(&sb, "v2/orders/1001").await.json::<Value>().await.unwrap();
    assert!(o["date_created"].as_str().unwrap().ends_with(" +0000"), "RFC 2822");
    assert_eq!(o["total_inc_tax"].as_str().unwrap().split('.').nth(1).unwrap().len(), 4, "4 decimals");
    // v3 has no orders: a 404 in the v3 shape.
    let r = raw(&sb, "v3/orders/1001").await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], 404);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_api_on_a_v3_order_path_is_bigcommerces_404() {
    let sb = start().await;
    let o = run(&sb, &["api", "bigcommerce", "GET", "v3/orders/1001"]).await;
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let body: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(body["status"], 404);
    assert!(paths(&sb).iter().any(|p| p.ends_with("/v3/orders/1001")));
    let o = run(&sb, &["api", "bigcommerce", "GET", "orders/1001"]).await;
    assert!(o.status.success(), "a versionless path is v2: {}", stderr(&o));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fulfillment_list_and_the_demo_store() {
    let sb = start().await;
    let v = json_out(&run(&sb, &["--json", "fulfillment", "list", "1001"]).await);
    let f = &v.as_array().unwrap()[0];
    assert_eq!(f["status"], "success");
    assert!(f["tracking"][0]["number"].as_str().unwrap().starts_with("1Z"));
    assert!(f["tracking"][0]["url"].as_str().unwrap().contains("ups.com"));
    sb.shutdown().await;

    let env = Env::new();
    let o = tokio::task::spawn_blocking(move || {
        env.cmd()
            .args(["--sandbox", "--store", "bigcommerce", "--json", "order", "get", "1001"])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(json_out(&o)["source"]["platform"], "bigcommerce");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_429_until_retries_run_out_is_5() {
    let sb = start().await;
    control(&sb, json!({"status": 429, "forever": true, "retry_after": 0.05})).await;
    let o = run(&sb, &["order", "search", "--limit", "5"]).await;
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("rate limited"), "{}", stderr(&o));
    let reqs = sb.requests();
    assert_eq!(reqs.len(), 3, "the first try and max_retries = 2");
    assert!(reqs.iter().all(|r| r.status == Some(429)));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spent_quota_waits_for_the_window_reset() {
    let window = Duration::from_millis(1200);
    // The quota window opens when the emulator starts, so the reset is measured from before that.
    let opened = jiff::Timestamp::now();
    let sb =
        Sandbox::start(Options { bigcommerce_quota: QuotaSpec { quota: 4, window }, ..Options::default() })
            .await
            .unwrap();
    // An order read is five requests (the order, products, addresses, shipments, refunds): the
    // fifth finds the quota spent.
    let started = Instant::now();
    let o = run(&sb, &["--json", "order", "get", "1001"]).await;
    let took = started.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    let reqs = sb.requests();
    // Either the pacing saw `X-Rate-Limit-Requests-Left: 0` and held the fifth request back,
    // or the fifth raced ahead, got the 429 and its retry waited for the reset: in both cases
    // the last request goes out after the window reset, not after a 250 ms backoff.
    assert!(reqs.iter().filter(|r| r.status == Some(429)).count() <= 1, "{reqs:?}");
    assert_eq!(reqs.iter().filter(|r| r.status == Some(200)).count(), 5);
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
    let last_ok = reqs.iter().filter(|r| r.status == Some(200)).map(|r| at(&r.at)).max().unwrap();
    assert!(last_ok.duration_since(opened).as_millis() >= window.as_millis() as i128, "{reqs:?}");
    assert!(took < Duration::from_secs(10));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_retry_waits_the_reset_header_not_a_backoff() {
    let sb = start().await;
    // BigCommerce's 429: no Retry-After, `X-Rate-Limit-Time-Reset-Ms: 800`.
    control(&sb, json!({"status": 429, "count": 1, "retry_after": 0.8})).await;
    let o = run(&sb, &["--json", "order", "search", "--limit", "1"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let reqs = sb.requests();
    assert_eq!(reqs.iter().map(|r| r.status).collect::<Vec<_>>(), vec![Some(429), Some(200)]);
    let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
    let gap = at(&reqs[1].at).duration_since(at(&reqs[0].at));
    assert!(gap.as_millis() >= 780, "waited {gap:?}");
    let r = raw(&sb, "v2/orders/count").await;
    assert!(r.headers().contains_key("x-rate-limit-requests-quota"));
    sb.shutdown().await;
}

// ---- the trait methods the CLI does not expose yet (notes, shipments, customers) ----------

fn r(s: &str) -> OrderRef {
    OrderRef::parse(s).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_list_messages_and_add_note_appends_staff_notes() {
    let sb = start().await;
    let bc = adapter(&sb.bigcommerce_store_url());
    let notes = bc.notes(&r("1001")).await.unwrap();
    assert!(
        notes.iter().any(|n| n.customer_visible && n.text.contains("when will my order ship")),
        "{notes:?}"
    );
    let before = notes.iter().filter(|n| !n.customer_visible).count();

    let n = bc.add_note(&r("1001"), "Called the customer", false).await.unwrap();
    assert!(!n.customer_visible);
    assert!(n.text.ends_with("Called the customer"), "{}", n.text);
    let n = bc.add_note(&r("#1001"), "Replacement sent", false).await.unwrap();
    assert!(n.text.ends_with("Called the customer\nReplacement sent"), "{}", n.text);
    let notes = bc.notes(&r("1001")).await.unwrap();
    let staff: Vec<_> = notes.iter().filter(|n| !n.customer_visible).collect();
    assert_eq!(staff.len(), 1, "{before} before: one staff-notes field");
    assert!(staff[0].text.contains("Replacement sent"));
    let order = bc.order(&r("1001")).await.unwrap();
    assert!(order.note.unwrap().contains("Called the customer"));
    assert!(
        paths(&sb).iter().all(|p| !p.contains("/v3/orders") || p.contains("/payment_actions/refunds")),
        "orders stay on v2 (refunds are v3 payment actions)"
    );

    let sent = sb.requests().len();
    let e = bc.add_note(&r("1001"), "Your parcel is on its way", true).await.unwrap_err();
    assert_eq!(e.exit_code(), 2, "{}", e.message);
    assert!(e.message.contains("BigCommerce does not support"), "{}", e.message);
    assert!(e.hint.unwrap().contains("control panel"));
    assert_eq!(sb.requests().len(), sent, "nothing sent for an unsupported note");

    let e = bc.notes(&r("99999")).await.unwrap_err();
    assert_eq!(e.exit_code(), 3);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_fulfillment_ships_the_rest_and_shows_up_on_reads() {
    let sb = start().await;
    let bc = adapter(&sb.bigcommerce_store_url());
    let q = OrderQuery {
        financial_status: Some(FinancialStatus::Paid),
        fulfillment_status: Some(FulfillmentStatus::Unfulfilled),
        ..OrderQuery::default()
    };
    let page = bc.search_page(&q, None, 250).await.unwrap();
    let target = page.items.first().expect("an unshipped paid order").number.clone();
    let before = bc.order(&r(&target)).await.unwrap();
    assert!(before.fulfillments.is_empty());

    let new = NewFulfillment {
        tracking_number: "1Z999AA10123456784".into(),
        carrier: Some("UPS".into()),
        tracking_url: None,
        notify: true,
    };
    let f = bc.create_fulfillment(&r(&target), &new).await.unwrap();
    assert_eq!(f.tracking[0].number.as_deref(), Some("1Z999AA10123456784"));
    assert_eq!(f.tracking[0].carrier.as_deref(), Some("UPS"));
    let units: u32 = before.line_items.iter().map(|l| l.quantity).sum();
    assert_eq!(f.items.iter().map(|i| i.quantity).sum::<u32>(), units);

    let after = bc.order(&r(&target)).await.unwrap();
    assert_eq!(after.fulfillment_status, FulfillmentStatus::Fulfilled);
    assert_eq!(after.fulfillments.len(), 1);
    assert_eq!(bc.fulfillments(&r(&target)).await.unwrap()[0].id, f.id);

    let e = bc.create_fulfillment(&r(&target), &new).await.unwrap_err();
    assert_eq!(e.exit_code(), 6, "nothing left to ship: {}", e.message);
    let long = NewFulfillment { tracking_number: "X".repeat(51), ..new };
    let sent = sb.requests().len();
    assert_eq!(bc.create_fulfillment(&r(&target), &long).await.unwrap_err().exit_code(), 2);
    assert_eq!(sb.requests().len(), sent);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customers_by_email_and_id_on_v3() {
    let sb = start().await;
    let bc = adapter(&sb.bigcommerce_store_url());
    let by_email = bc.customers(&CustomerKey::parse("Jane@Example.com").unwrap()).await.unwrap();
    assert_eq!(by_email.len(), 1);
    let jane = &by_email[0];
    assert_eq!(jane.name.as_deref(), Some("Jane Doe"));
    assert!(jane.orders_count.unwrap() >= 5);
    assert!(jane.default_address.is_some());
    let by_id = bc.customers(&CustomerKey::parse(&jane.source.platform_id).unwrap()).await.unwrap();
    assert_eq!(by_id[0].email, jane.email);
    assert!(bc.customers(&CustomerKey::parse("nobody@example.com").unwrap()).await.unwrap().is_empty());
    assert!(paths(&sb).iter().any(|p| p.ends_with("/v3/customers")));

    control(&sb, json!({"deny_scope": "store_v2_customers_read_only"})).await;
    let e = bc.customers(&CustomerKey::parse("jane@example.com").unwrap()).await.unwrap_err();
    assert_eq!(e.exit_code(), 4, "{}", e.message);
    let p = bc.probe().await.unwrap();
    assert_eq!(p.scopes_granted.unwrap(), vec!["store_v2_orders_read_only".to_string()]);
    sb.shutdown().await;
}
