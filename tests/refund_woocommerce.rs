//! WooCommerce refunds end to end: the emulator's `/orders/{id}/refunds` over HTTP (checked
//! against `wc_create_refund`'s rules), and the adapter's computed quote, create, read-back and
//! marker lookup against the in-process sandbox, including faults on the refund request only.

mod support;

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::{Value, json};
use shopdesk::adapters::commerce::{self, Commerce, OrderRef, Store};
use shopdesk::domain::{FinancialStatus, ItemPick, OrderStatus, RefundSpec, ShippingPick, refund_marker};
use shopdesk::sandbox::{Options, Sandbox, demo};
use shopdesk::secret::Secret;
use shopdesk::transport::{Client, Request};

// ---- helpers -----------------------------------------------------------------------------------

async fn sandbox() -> Sandbox {
    Sandbox::start(Options::default()).await.expect("sandbox starts")
}

fn store_parts(sb: &Sandbox) -> (shopdesk::config::StoreConfig, Client) {
    let info = commerce::info("woocommerce").unwrap();
    let cfg: shopdesk::config::StoreConfig = toml::from_str(&format!(
        "platform = \"woocommerce\"\nurl = \"{}\"\nauth = \"oauth1\"",
        sb.woocommerce_site_url(demo::WOO_SITE)
    ))
    .unwrap();
    let mut secrets = HashMap::new();
    secrets.insert("consumer_key", Secret::new(demo::WOO_CONSUMER_KEY));
    secrets.insert("consumer_secret", Secret::new(demo::WOO_CONSUMER_SECRET));
    let auth = commerce::auth_scheme(info, "woo", &cfg, &secrets).unwrap();
    let client = Client::new(
        "woo (woocommerce)".into(),
        cfg.url.clone(),
        auth,
        info.hooks,
        Default::default(),
        Arc::new(shopdesk::transport::log::Logger::quiet()),
    )
    .unwrap();
    (cfg, client)
}

fn adapter(sb: &Sandbox) -> Box<dyn Commerce> {
    let (config, client) = store_parts(sb);
    (commerce::info("woocommerce").unwrap().build)(Store { name: "woo".into(), config, client })
}

/// A signed raw client for the emulator's own routes.
struct Raw(Client);

impl Raw {
    fn new(sb: &Sandbox) -> Raw {
        Raw(store_parts(sb).1)
    }
    async fn call(&self, req: Request) -> (u16, Value, shopdesk::transport::Response) {
        let r = self.0.send_any(req).await.unwrap();
        let v = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        (r.status.as_u16(), v, r)
    }
    async fn get(&self, path: &str) -> (u16, Value) {
        let (s, v, _) = self.call(Request::get(&format!("wp-json/wc/v3/{path}"))).await;
        (s, v)
    }
    async fn post(&self, path: &str, body: Value) -> (u16, Value, shopdesk::transport::Response) {
        self.call(Request::post(&format!("wp-json/wc/v3/{path}")).json(body)).await
    }
}

async fn control(sb: &Sandbox, body: Value) {
    let r = reqwest::Client::new().post(sb.faults_url()).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

/// POSTs to a refunds route in the request log.
fn refund_posts(sb: &Sandbox) -> usize {
    sb.requests().iter().filter(|r| r.method == "POST" && r.path.ends_with("/refunds")).count()
}

/// A paid (`processing`) order with no refunds yet, several units and shipping to refund.
async fn fresh_paid_order(raw: &Raw) -> Value {
    let (s, list) = raw.get("orders?status=processing&per_page=100").await;
    assert_eq!(s, 200);
    list.as_array()
        .unwrap()
        .iter()
        .find(|o| {
            o["refunds"].as_array().unwrap().is_empty()
                && o["shipping_total"] != "0.00"
                && o["line_items"].as_array().unwrap().iter().any(|l| l["quantity"].as_u64().unwrap() >= 2)
        })
        .cloned()
        .expect("the seed has a paid order with shipping and a line of 2+ units")
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

// ---- the emulator over HTTP ---------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emulator_refunds_like_wc_create_refund() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let o = fresh_paid_order(&raw).await;
    let id = o["id"].as_u64().unwrap();
    let path = format!("orders/{id}/refunds");
    let total = dec(&o["total"]);
    let line =
        o["line_items"].as_array().unwrap().iter().find(|l| l["quantity"].as_u64().unwrap() >= 2).unwrap();
    let ship = &o["shipping_lines"][0];

    // Schema and amount checks, with WordPress's and WooCommerce's codes.
    let (s, e, _) = raw.post(&path, json!({"amount": 5})).await;
    assert_eq!((s, e["code"].as_str()), (400, Some("rest_invalid_param")), "{e}");
    assert_eq!(e["data"]["params"]["amount"], "amount is not of type string.");
    let (s, e, _) = raw.post(&path, json!({"amount": "-1.00"})).await;
    assert_eq!((s, e["code"].as_str()), (400, Some("woocommerce_rest_invalid_order_refund")), "{e}");
    let (s, e, _) = raw.post(&path, json!({"amount": (total + Decimal::new(1, 2)).to_string()})).await;
    assert_eq!((s, e["code"].as_str()), (500, Some("woocommerce_rest_cannot_create_order_refund")), "{e}");
    assert_eq!(e["message"], "Invalid refund amount.");
    let (s, e, _) = raw.post("orders/1/refunds", json!({"amount": "1.00"})).await;
    assert_eq!((s, e["code"].as_str()), (404, Some("woocommerce_rest_invalid_order_id")), "{e}");
    assert_eq!(raw.get(&path).await.1, json!([]), "nothing was created");

    // One unit of a line plus the shipping, recorded only, restocked.
    let unit = dec(&line["total"]) / Decimal::from(line["quantity"].as_u64().unwrap());
    let unit = unit.round_dp(2);
    let amount = unit + dec(&ship["total"]);
    let body = json!({"amount": amount.to_string(), "reason": "torn", "api_refund": false, "api_restock": true,
        "line_items": [{"id": line["id"], "quantity": 1, "refund_total": unit.to_string().parse::<f64>().unwrap()},
            {"id": ship["id"], "refund_total": dec(&ship["total"]).to_string().parse::<f64>().unwrap()},
            {"id": 1, "quantity": 5, "refund_total": 99}]});
    let (s, r, resp) = raw.post(&path, body).await;
    assert_eq!(s, 201, "{r}");
    let rid = r["id"].as_u64().unwrap();
    assert!(resp.header("location").unwrap().ends_with(&format!("/orders/{id}/refunds/{rid}")));
    assert_eq!(r["amount"], json!(format!("{amount:.2}")));
    assert_eq!((r["reason"].as_str(), r["refunded_payment"].as_bool()), (Some("torn"), Some(false)));
    assert_eq!(r["line_items"].as_array().unwrap().len(), 1, "an unknown item id is skipped");
    let rl = &r["line_items"][0];
    assert_eq!(rl["quantity"], -1);
    assert_eq!(rl["total"], json!(format!("-{unit:.2}")));
    assert_eq!(rl["meta_data"][0]["key"], "_refunded_item_id");
    assert_eq!(rl["meta_data"][0]["value"], json!(line["id"].to_string()));
    assert!(r["shipping_lines"][0]["total"].as_str().unwrap().starts_with('-'));
    assert!(r.get("refund_total").is_none() && rl.get("refund_total").is_none());

    // The order: its refunds summary (a negative string), the status stays on a partial refund.
    let (_, after) = raw.get(&format!("orders/{id}")).await;
    assert_eq!(after["refunds"][0], json!({"id": rid, "reason": "torn", "total": format!("-{amount:.2}")}));
    assert_eq!(after["status"], "processing");
    assert_eq!(after["total"], o["total"], "WooCommerce keeps the order total");
    let (_, list) = raw.get(&path).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(raw.get(&format!("{path}/{rid}")).await.1["id"], rid);
    let (s, e) = raw.get(&format!("{path}/1")).await;
    assert_eq!((s, e["code"].as_str()), (404, Some("woocommerce_rest_invalid_order_refund_id")));
    let (_, notes) = raw.get(&format!("orders/{id}/notes")).await;
    assert!(notes[0]["note"].as_str().unwrap().contains("stock increased from"), "{notes}");

    // The rest: the order becomes `refunded`; nothing more can be refunded.
    let rest = total - amount;
    let (s, r2, _) = raw.post(&path, json!({"amount": rest.to_string()})).await;
    assert_eq!(s, 201, "{r2}");
    assert_eq!(r2["refunded_payment"], true, "api_refund defaults to true");
    let (_, after) = raw.get(&format!("orders/{id}")).await;
    assert_eq!(after["status"], "refunded");
    assert_eq!(after["refunds"].as_array().unwrap().len(), 2);
    assert_eq!(after["refunds"][0]["id"], r2["id"], "newest first");
    let (_, notes) = raw.get(&format!("orders/{id}/notes")).await;
    assert_eq!(notes[0]["note"], "Order status changed from Processing to Refunded.");
    let (s, e, _) = raw.post(&path, json!({"amount": "0.01"})).await;
    assert_eq!((s, e["code"].as_str()), (500, Some("woocommerce_rest_cannot_create_order_refund")));
    let (_, list) = raw.get(&format!("{path}?per_page=1")).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "paged");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeded_refunds_are_full_records() {
    let sb = sandbox().await;
    let raw = Raw::new(&sb);
    let (_, list) = raw.get("orders?search=1001").await;
    let o = list.as_array().unwrap().iter().find(|o| o["number"] == "1001").unwrap().clone();
    let id = o["id"].as_u64().unwrap();
    let (_, refunds) = raw.get(&format!("orders/{id}/refunds")).await;
    assert_eq!(refunds.as_array().unwrap().len(), 1);
    let r = &refunds[0];
    assert_eq!(r["id"], o["refunds"][0]["id"]);
    assert_eq!(format!("-{}", r["amount"].as_str().unwrap()), o["refunds"][0]["total"].as_str().unwrap());
    assert_eq!(r["reason"], "Damaged in transit");
    assert_eq!(r["line_items"][0]["quantity"], -1);
    assert_eq!(r["line_items"][0]["meta_data"][0]["value"], json!(o["line_items"][1]["id"].to_string()));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emulator_refund_routes_need_auth() {
    let sb = sandbox().await;
    let url = format!("{}/wp-json/wc/v3/orders/5001/refunds", sb.woocommerce_site_url(demo::WOO_SITE));
    let r = reqwest::Client::new().post(&url).json(&json!({"amount": "1.00"})).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["code"], "woocommerce_rest_cannot_create");
    let r = reqwest::get(&url).await.unwrap();
    assert_eq!(r.status(), 401);
    sb.shutdown().await;
}

// ---- the adapter through the library ------------------------------------------------------------

async fn count(w: &dyn Commerce, r: &OrderRef) -> usize {
    w.refunds(r).await.unwrap().len()
}

fn items(picks: &[&str]) -> Vec<ItemPick> {
    picks.iter().map(|p| ItemPick::parse(p).unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quote_create_and_read_back_through_the_adapter() {
    let sb = sandbox().await;
    let woo = adapter(&sb);
    let r = OrderRef::parse("#1001").unwrap();

    // `order get` shows the seeded refund with its line, and what is left per line.
    let before = woo.order(&r).await.unwrap();
    assert_eq!(before.refunds.len(), 1);
    assert_eq!(before.refunds[0].lines[0].line_item_id, before.line_items[1].id);
    assert_eq!(before.refunds[0].note.as_deref(), Some("Damaged in transit"));
    let second = &before.line_items[1];
    assert_eq!(second.refundable_quantity, Some(second.quantity - 1));
    assert_eq!(before.line_items[0].refundable_quantity, Some(before.line_items[0].quantity));

    // One unit of a line and the shipping, on an order with shipping to refund (#1001 ships free).
    let raw = Raw::new(&sb);
    let o = fresh_paid_order(&raw).await;
    let r = OrderRef::parse(&format!("#{}", o["number"].as_str().unwrap())).unwrap();
    let before = woo.order(&r).await.unwrap();
    assert!(before.refunds.is_empty());
    let sku = before.line_items[0].sku.clone().unwrap();
    let spec = RefundSpec {
        items: items(&[&format!("{sku}:1")]),
        shipping: ShippingPick::Full,
        reason: Some("wrong size".into()),
        restock: true,
        ..Default::default()
    };
    let q = woo.refund_quote(&r, &spec).await.unwrap();
    assert_eq!((format!("#{}", q.order_number), q.platform.as_str()), (before.number.clone(), "woocommerce"));
    assert_eq!(q.lines.len(), 1);
    assert_eq!(q.shipping, before.totals.shipping);
    assert_eq!(q.total.amount, q.lines[0].subtotal.amount + q.lines[0].tax.amount + q.shipping.amount);
    assert_eq!(q.refundable.amount, before.totals.total.amount - before.totals.refunded.amount);
    assert!(q.online && q.restock);
    let posts = refund_posts(&sb);
    assert_eq!(posts, 0, "quoting sends nothing");

    let made = woo.refund_create(&q, &spec, "shopdesk-k1").await.unwrap();
    assert_eq!(made.amount, q.total);
    assert_eq!(made.note.as_deref(), Some("wrong size [shopdesk shopdesk-k1]"));
    assert_eq!(made.lines[0].line_item_id, before.line_items[0].id);
    assert_eq!(refund_posts(&sb), 1);

    let after = woo.order(&r).await.unwrap();
    assert_eq!(after.refunds.len(), 1);
    assert_eq!(after.refunds[0].id, made.id);
    assert_eq!(after.totals.refunded.amount, before.totals.refunded.amount + q.total.amount);
    assert_eq!(after.financial_status, FinancialStatus::PartiallyRefunded);
    assert_eq!(after.line_items[0].refundable_quantity, Some(before.line_items[0].quantity - 1));
    let found = woo.find_refund(&r, "shopdesk-k1").await.unwrap().unwrap();
    assert_eq!(found.id, made.id);
    assert!(woo.find_refund(&r, "shopdesk-k2").await.unwrap().is_none());

    // The shipping is gone now; asking for it again is refused before anything is sent.
    let e = woo.refund_quote(&r, &RefundSpec { shipping: ShippingPick::Full, ..Default::default() }).await;
    assert_eq!(e.unwrap_err().exit_code(), 2);

    // Everything left, recorded only: the order ends `refunded`.
    let full = RefundSpec { record_only: true, ..Default::default() };
    let q = woo.refund_quote(&r, &full).await.unwrap();
    assert_eq!(q.total.amount, after.totals.total.amount - after.totals.refunded.amount);
    assert!(!q.online);
    let made = woo.refund_create(&q, &full, "shopdesk-k3").await.unwrap();
    assert_eq!(made.note.as_deref(), Some(refund_marker("shopdesk-k3").as_str()));
    let done = woo.order(&r).await.unwrap();
    assert_eq!(done.financial_status, FinancialStatus::Refunded);
    assert_eq!(done.status, OrderStatus::Closed);
    assert!(done.line_items.iter().all(|l| l.refundable_quantity == Some(0)));
    let e = woo.refund_quote(&r, &RefundSpec::default()).await.unwrap_err();
    assert!(e.message.contains("already fully refunded"), "{}", e.message);

    // `--record-only` reached the store as `api_refund: false`.
    let (_, list) = raw.get(&format!("orders/{}/refunds", q.order_id)).await;
    let rec = list
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"].as_u64().map(|n| n.to_string()) == Some(made.id.clone()))
        .unwrap();
    assert_eq!(rec["refunded_payment"], false);
    let first =
        list.as_array().unwrap().iter().find(|x| x["reason"] == "wrong size [shopdesk shopdesk-k1]").unwrap();
    assert_eq!(first["refunded_payment"], true);
    sb.shutdown().await;
}

/// Each fault hits the refund POST only. The adapter never resends a refund on its own (a 429
/// is the exception: the transport knows it was not processed); an unknown outcome is settled
/// by `find_refund`, which is what the command does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_on_the_refund_request_never_make_two_refunds() {
    let sb = sandbox().await;
    let woo = adapter(&sb);
    let r = OrderRef::parse("#1001").unwrap();
    let sku = woo.order(&r).await.unwrap().line_items[0].sku.clone().unwrap();
    let spec = RefundSpec { items: items(&[&format!("{sku}:1")]), ..Default::default() };
    let start = count(woo.as_ref(), &r).await;

    // 429: not processed, so the transport may send it again: one refund.
    control(&sb, json!({"status": 429, "retry_after": 0.05, "method": "POST", "path": "/refunds"})).await;
    let q = woo.refund_quote(&r, &spec).await.unwrap();
    let posts = refund_posts(&sb);
    woo.refund_create(&q, &spec, "k-429").await.unwrap();
    assert_eq!(refund_posts(&sb) - posts, 2, "the 429 and the retry");
    assert_eq!(count(woo.as_ref(), &r).await, start + 1);

    // 503 and reset: an error, sent once, not made — find_refund says so.
    for (fault, key) in [(json!({"status": 503}), "k-503"), (json!({"reset": true}), "k-reset")] {
        let mut f = fault.clone();
        f["method"] = json!("POST");
        f["path"] = json!("/refunds");
        control(&sb, f).await;
        let q = woo.refund_quote(&r, &spec).await.unwrap();
        let posts = refund_posts(&sb);
        let e = woo.refund_create(&q, &spec, key).await.unwrap_err();
        assert_eq!(e.exit_code(), 8, "{fault}: {}", e.message);
        assert_eq!(refund_posts(&sb) - posts, 1, "{fault}: never resent");
        assert!(woo.find_refund(&r, key).await.unwrap().is_none(), "{fault}");
    }
    assert_eq!(count(woo.as_ref(), &r).await, start + 1);

    // Dropped after commit: an error, but the refund is there and found by its marker.
    control(&sb, json!({"drop_after_commit": true, "method": "POST", "path": "/refunds"})).await;
    let q = woo.refund_quote(&r, &spec).await.unwrap();
    let e = woo.refund_create(&q, &spec, "k-drop").await.unwrap_err();
    assert_eq!(e.exit_code(), 8, "{}", e.message);
    let found = woo.find_refund(&r, "k-drop").await.unwrap().expect("the refund landed");
    assert_eq!(found.amount, q.total);
    assert_eq!(count(woo.as_ref(), &r).await, start + 2);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_refusal_is_a_known_outcome() {
    let sb = sandbox().await;
    let woo = adapter(&sb);
    let raw = Raw::new(&sb);
    let o = fresh_paid_order(&raw).await;
    let r = OrderRef::parse(&format!("#{}", o["number"].as_str().unwrap())).unwrap();
    let spec = RefundSpec { amount: Some(Decimal::from(1)), ..Default::default() };
    let q = woo.refund_quote(&r, &spec).await.unwrap();
    // Someone refunds the whole order between the quote and the refund.
    let (s, _, _) = raw.post(&format!("orders/{}/refunds", o["id"]), json!({"amount": o["total"]})).await;
    assert_eq!(s, 201);
    let e = woo.refund_create(&q, &spec, "k-late").await.unwrap_err();
    assert_eq!(e.exit_code(), 6, "{}", e.message);
    assert!(e.message.contains("nothing was refunded"), "{}", e.message);
    sb.shutdown().await;
}

// ---- black-box: the binary ------------------------------------------------------------------------

fn config(url: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n[profiles.default.stores.woo]\nplatform = \"woocommerce\"\nurl = \"{url}\"\nauth = \"oauth1\"\n"
    )
}

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

async fn run(env: &support::Env, args: &[&str]) -> Run {
    let mut cmd = env.cmd();
    cmd.env("SHOPDESK_DEFAULT_WOO_CONSUMER_KEY", demo::WOO_CONSUMER_KEY)
        .env("SHOPDESK_DEFAULT_WOO_CONSUMER_SECRET", demo::WOO_CONSUMER_SECRET)
        .args(args);
    let o = tokio::task::spawn_blocking(move || cmd.output().unwrap()).await.unwrap();
    Run { code: o.status.code(), out: support::stdout(&o), err: support::stderr(&o) }
}

fn cli_env(sb: &Sandbox) -> support::Env {
    let env = support::Env::new();
    env.write_config(&config(&sb.woocommerce_site_url(demo::WOO_SITE)));
    env
}

/// Requests other than GET in the log (what `--dry-run` and refusals must not send).
fn writes(sb: &Sandbox) -> Vec<String> {
    sb.requests().iter().filter(|r| r.method != "GET").map(|r| format!("{} {}", r.method, r.path)).collect()
}

async fn order_json(env: &support::Env, number: &str) -> Value {
    let r = run(env, &["--json", "order", "get", number]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    serde_json::from_str(&r.out).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_partial_refund_of_one_line_plus_shipping() {
    let sb = sandbox().await;
    let env = cli_env(&sb);
    let o = fresh_paid_order(&Raw::new(&sb)).await;
    let number = format!("#{}", o["number"].as_str().unwrap());
    let line =
        o["line_items"].as_array().unwrap().iter().find(|l| l["quantity"].as_u64().unwrap() >= 2).unwrap();
    let sku = line["sku"].as_str().unwrap();
    let item = format!("{sku}:1");
    let r = run(&env, &["refund", &number, "--item", &item, "--shipping", "--reason", "wrong size", "--yes"])
        .await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(r.err.contains("Refund quote") && r.err.contains(sku), "the quote is shown: {}", r.err);
    assert!(r.out.starts_with("Refunded "), "{}", r.out);
    assert_eq!(writes(&sb).len(), 1, "one POST: {:?}", writes(&sb));

    let got = order_json(&env, &number).await;
    assert_eq!(got["financial_status"], "partially_refunded");
    assert_eq!(got["status"], "open");
    let refund = &got["refunds"][0];
    assert!(refund["note"].as_str().unwrap().starts_with("wrong size [shopdesk "), "{refund}");
    assert_eq!(refund["lines"][0]["quantity"], 1);
    assert_eq!(refund["lines"][0]["line_item_id"], json!(line["id"].to_string()));
    assert_eq!(got["totals"]["refunded"]["amount"], refund["amount"]["amount"]);
    let unit = dec(&line["total"]) / Decimal::from(line["quantity"].as_u64().unwrap());
    let expected_items = unit.round_dp(2) + dec(&o["shipping_total"]);
    let refunded: Decimal = refund["amount"]["amount"].as_str().unwrap().parse().unwrap();
    assert!(refunded > expected_items, "tax on the unit is refunded too: {refunded} vs {expected_items}");
    let l = got["line_items"].as_array().unwrap().iter().find(|l| l["sku"] == sku).unwrap();
    assert_eq!(l["refundable_quantity"], json!(line["quantity"].as_u64().unwrap() - 1));

    // The same command again: reconciled through the journal and the marker, nothing sent.
    let r = run(&env, &["refund", &number, "--item", &item, "--shipping", "--reason", "wrong size", "--yes"])
        .await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(r.out.contains("Already refunded"), "{}", r.out);
    assert_eq!(writes(&sb).len(), 1);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_full_refund_and_over_refunds() {
    let sb = sandbox().await;
    let env = cli_env(&sb);
    let o = fresh_paid_order(&Raw::new(&sb)).await;
    let number = format!("#{}", o["number"].as_str().unwrap());
    let sku = o["line_items"][0]["sku"].as_str().unwrap();
    let too_many = format!("{sku}:{}", o["line_items"][0]["quantity"].as_u64().unwrap() + 1);
    let over_ship = (dec(&o["shipping_total"]) + Decimal::new(1, 2)).to_string();
    let over_amount = (dec(&o["total"]) + Decimal::new(1, 2)).to_string();
    let cases: [&[&str]; 4] = [
        &["--item", &too_many],
        &["--shipping", &over_ship],
        &["--amount", &over_amount],
        &["--item", "NO-SUCH-SKU"],
    ];
    for extra in cases {
        let mut args = vec!["refund", number.as_str()];
        args.extend_from_slice(extra);
        args.push("--yes");
        let r = run(&env, &args).await;
        assert_eq!(r.code, Some(2), "{extra:?}: {}", r.err);
        assert!(r.err.contains("left") || r.err.contains("not a SKU"), "{extra:?}: {}", r.err);
    }
    assert!(writes(&sb).is_empty(), "nothing was POSTed: {:?}", writes(&sb));

    let r = run(&env, &["--json", "refund", &number, "--yes"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    let out: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(out["status"], "refunded");
    assert_eq!(out["refund"]["amount"]["amount"], o["total"]);
    let got = order_json(&env, &number).await;
    assert_eq!(got["financial_status"], "refunded");
    assert_eq!(got["status"], "closed");
    assert_eq!(got["totals"]["refunded"]["amount"], o["total"]);
    let r = run(&env, &["refund", &number, "--amount", "1", "--yes"]).await;
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(r.err.contains("already fully refunded"), "{}", r.err);
    assert_eq!(writes(&sb).len(), 1);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_dry_run_and_no_yes_off_a_tty_send_nothing() {
    let sb = sandbox().await;
    let env = cli_env(&sb);
    let r = run(&env, &["refund", "#1001", "--dry-run"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    assert!(r.out.contains("Refund quote") && r.out.contains("Dry run: nothing was refunded."), "{}", r.out);
    let r = run(&env, &["--json", "refund", "#1001", "--amount", "5", "--dry-run"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    let q: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(q["status"], "dry_run");
    assert_eq!(q["quote"]["total"]["amount"], "5.00");
    assert!(q["quote"].get("plan").is_none(), "the plan is never printed");
    let r = run(&env, &["refund", "#1001", "--amount", "5"]).await;
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert!(r.err.contains("--yes"), "{}", r.err);
    assert!(writes(&sb).is_empty(), "{:?}", writes(&sb));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_record_only_sends_api_refund_false() {
    let sb = sandbox().await;
    let env = cli_env(&sb);
    let raw = Raw::new(&sb);
    let o = fresh_paid_order(&raw).await;
    let number = format!("#{}", o["number"].as_str().unwrap());
    let r = run(&env, &["refund", &number, "--amount", "2", "--record-only", "--yes"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    let r = run(&env, &["refund", &number, "--amount", "3", "--yes"]).await;
    assert_eq!(r.code, Some(0), "{}", r.err);
    let (_, list) = raw.get(&format!("orders/{}/refunds", o["id"])).await;
    let by_amount = |a: &str| {
        list.as_array().unwrap().iter().find(|x| x["amount"] == a).unwrap()["refunded_payment"].clone()
    };
    assert_eq!(by_amount("2.00"), false, "--record-only: api_refund false");
    assert_eq!(by_amount("3.00"), true, "api_refund sent true explicitly");
    sb.shutdown().await;
}

/// A fault on the refund POST only (the quote's GETs pass). WooCommerce has no idempotency, so
/// the adapter never resends on its own; the command settles a lost answer by the marker.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_faults_on_the_refund_request_end_with_one_refund() {
    let sb = sandbox().await;
    let env = cli_env(&sb);
    let raw = Raw::new(&sb);
    let o = fresh_paid_order(&raw).await;
    let number = format!("#{}", o["number"].as_str().unwrap());
    let refunds =
        || async { raw.get(&format!("orders/{}/refunds", o["id"])).await.1.as_array().unwrap().len() };
    let faults = [
        // (fault, amount, exit code of the first run, refunds after the first run)
        (json!({"status": 429, "retry_after": 0.05}), "1", 0, 1),
        (json!({"drop_after_commit": true}), "2", 0, 2),
        (json!({"status": 503}), "3", 8, 2),
        (json!({"reset": true}), "4", 8, 3),
    ];
    for (mut fault, amount, first_code, after_first) in faults {
        fault["method"] = json!("POST");
        fault["path"] = json!("/refunds");
        control(&sb, fault.clone()).await;
        let r = run(&env, &["refund", &number, "--amount", amount, "--yes"]).await;
        assert_eq!(r.code, Some(first_code), "{fault}: {}", r.err);
        assert_eq!(refunds().await, after_first, "{fault}");
        if first_code != 0 {
            // Unknown outcome: the rerun looks the refund up, finds none, and sends it once.
            assert!(r.err.contains("outcome is unknown"), "{fault}: {}", r.err);
            let r = run(&env, &["refund", &number, "--amount", amount, "--yes"]).await;
            assert_eq!(r.code, Some(0), "{fault}: {}", r.err);
            assert!(r.out.starts_with("Refunded "), "{fault}: {}", r.out);
            assert_eq!(refunds().await, after_first + 1, "{fault}");
        }
        let posts = refund_posts(&sb);
        let r = run(&env, &["refund", &number, "--amount", amount, "--yes"]).await;
        assert_eq!(r.code, Some(0), "{fault}: {}", r.err);
        assert!(r.out.contains("Already refunded"), "{fault}: {}", r.out);
        assert_eq!(refund_posts(&sb), posts, "{fault}: the rerun sends nothing");
    }
    assert_eq!(refunds().await, 4, "exactly one refund per command");
    sb.shutdown().await;
}
