//! BigCommerce store refunds end to end: the built binary (`shopdesk refund`, `order get`)
//! against the BigCommerce emulator started in-process, plus the emulator's own v3 refund
//! endpoints over HTTP.
//!
//! What is pinned here: the quote comes from `POST …/payment_actions/refund_quotes` and the
//! refund pays with its first refund method (the offline `custom` one with `--record-only`);
//! an over-refund is refused before anything is POSTed; `--dry-run` and a missing `--yes` send
//! no refund; BigCommerce has no idempotency key, so a lost answer is settled by the marker in
//! the refund's `reason` and a rerun never refunds twice.

mod support;

use std::process::Output;
use std::time::Duration;

use rust_decimal::Decimal;
use serde_json::{Value, json};
use shopdesk::sandbox::{Options, Sandbox, demo};
use support::{Env, stderr, stdout};

const REFUND_PATH: &str = "/payment_actions/refunds";

fn config(url: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n[profiles.default.stores.main]\nplatform = \"bigcommerce\"\nurl = \"{url}\"\nauth = \"token\"\n"
    )
}

/// One operator: a config and a journal that persist across runs (so reruns reconcile).
struct Operator {
    env: Env,
}

impl Operator {
    fn new(sb: &Sandbox) -> Operator {
        let env = Env::new();
        env.write_config(&config(&sb.bigcommerce_store_url()));
        Operator { env }
    }

    async fn run(&self, args: &[&str]) -> Output {
        let mut cmd = self.env.cmd();
        cmd.env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::BIGCOMMERCE_ACCESS_TOKEN).args(args);
        tokio::task::spawn_blocking(move || cmd.output().expect("binary runs")).await.unwrap()
    }
}

fn json_of(o: &Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn dec(v: &Value) -> Decimal {
    match v {
        Value::String(s) => s.parse().unwrap(),
        Value::Number(n) => n.to_string().parse().unwrap(),
        other => panic!("not an amount: {other}"),
    }
}

async fn start() -> Sandbox {
    Sandbox::start(Options::default()).await.expect("sandbox starts")
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap()
}

/// A direct call to the emulator (not through shopdesk).
async fn raw(sb: &Sandbox, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = http()
        .request(method, format!("{}/{path}", sb.bigcommerce_store_url()))
        .header("X-Auth-Token", demo::BIGCOMMERCE_ACCESS_TOKEN)
        .header("Accept", "application/json");
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn control(sb: &Sandbox, body: Value) {
    let r = http().post(sb.faults_url()).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

async fn refunds_of(sb: &Sandbox, id: u64) -> Vec<Value> {
    let (status, body) =
        raw(sb, reqwest::Method::GET, &format!("v3/orders/{id}/payment_actions/refunds"), None).await;
    assert_eq!(status, 200, "{body}");
    body["data"].as_array().cloned().unwrap_or_default()
}

/// Mutating refund requests in the log since `from`.
fn refund_posts(sb: &Sandbox, from: usize) -> Vec<(String, Option<u16>)> {
    sb.requests()
        .into_iter()
        .skip(from)
        .filter(|r| r.method == "POST" && r.path.ends_with(REFUND_PATH))
        .map(|r| (r.path, r.status))
        .collect()
}

fn posts(sb: &Sandbox, from: usize) -> usize {
    sb.requests().into_iter().skip(from).filter(|r| r.method != "GET").count()
}

/// An order to refund: captured, shipping paid, two units or more, with a line that has a SKU. Returns the order
/// id, a SKU with its unit count left, the order's v2 JSON and its shipping address id.
struct Target {
    id: u64,
    sku: String,
    units: u32,
    order: Value,
    address_id: u64,
}

async fn target(sb: &Sandbox, skip: usize, min_units: u32) -> Target {
    let (_, orders) = raw(sb, reqwest::Method::GET, "v2/orders?limit=250", None).await;
    let mut seen = 0;
    for o in orders.as_array().unwrap() {
        let shipping = dec(&o["shipping_cost_inc_tax"]);
        // Two units at least, so refunding one line and the shipping leaves something.
        if o["payment_status"] != "captured" || shipping.is_zero() || o["items_total"].as_u64() < Some(2) {
            continue;
        }
        let id = o["id"].as_u64().unwrap();
        let (_, products) = raw(sb, reqwest::Method::GET, &format!("v2/orders/{id}/products"), None).await;
        let line = products.as_array().unwrap().iter().find(|p| {
            p["sku"].as_str().is_some_and(|s| !s.is_empty())
                && p["quantity"].as_u64().unwrap() - p["quantity_refunded"].as_u64().unwrap()
                    >= u64::from(min_units)
        });
        let Some(line) = line else { continue };
        if seen < skip {
            seen += 1;
            continue;
        }
        let (_, addresses) =
            raw(sb, reqwest::Method::GET, &format!("v2/orders/{id}/shipping_addresses"), None).await;
        return Target {
            id,
            sku: line["sku"].as_str().unwrap().to_string(),
            units: (line["quantity"].as_u64().unwrap() - line["quantity_refunded"].as_u64().unwrap()) as u32,
            order: o.clone(),
            address_id: addresses[0]["id"].as_u64().unwrap(),
        };
    }
    panic!("no captured order with shipping and a SKU line in the seed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partial_refund_of_one_line_plus_shipping_shows_on_order_get() {
    let sb = start().await;
    let t = target(&sb, 0, 1).await;
    let op = Operator::new(&sb);
    let id = t.id.to_string();
    let item = format!("{}:1", t.sku);
    let out = op
        .run(&[
            "--json",
            "refund",
            &id,
            "--item",
            &item,
            "--shipping",
            "--reason",
            "Damaged in transit",
            "--yes",
        ])
        .await;
    let v = json_of(&out);
    assert!(stderr(&out).contains("Refund quote"), "the quote is shown: {}", stderr(&out));
    assert_eq!(v["status"], "refunded");
    let q = &v["quote"];
    assert_eq!(q["lines"].as_array().unwrap().len(), 1);
    assert_eq!(q["lines"][0]["sku"], t.sku);
    assert_eq!(q["lines"][0]["quantity"], 1);
    assert_eq!(dec(&q["shipping"]["amount"]), dec(&t.order["shipping_cost_inc_tax"]));
    assert_eq!(q["online"], true);
    let total = dec(&q["total"]["amount"]);
    assert_eq!(dec(&v["refund"]["amount"]["amount"]), total);
    let key = v["idempotency_key"].as_str().unwrap();

    // The payment went through the quote's first refund method (the order's provider).
    let refunds = refunds_of(&sb, t.id).await;
    let made = refunds.last().unwrap();
    let expected = if t.order["payment_method"] == "PayPal" { "checkout_paypalexpress" } else { "braintree" };
    assert_eq!(made["payments"][0]["provider_id"], expected);
    assert_eq!(made["payments"][0]["offline"], false);
    assert_eq!(made["reason"], format!("Damaged in transit [shopdesk {key}]"));
    let kinds: Vec<&str> =
        made["items"].as_array().unwrap().iter().map(|i| i["item_type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["PRODUCT", "SHIPPING"]);
    assert_eq!(made["items"][1]["item_id"], t.address_id);

    let o = json_of(&op.run(&["--json", "order", "get", &id]).await);
    assert_eq!(o["financial_status"], "partially_refunded");
    assert_eq!(dec(&o["totals"]["refunded"]["amount"]), total);
    let listed = o["refunds"].as_array().unwrap();
    assert_eq!(listed.len(), refunds.len());
    let mine =
        listed.iter().find(|r| r["note"].as_str().unwrap().contains(key)).expect("the refund is listed");
    assert_eq!(dec(&mine["amount"]["amount"]), total);
    assert_eq!(mine["lines"][0]["quantity"], 1);
    let line = o["line_items"].as_array().unwrap().iter().find(|l| l["sku"] == t.sku).unwrap();
    assert_eq!(line["refundable_quantity"], t.units - 1);
    // v2 shows it too: Partially Refunded (14).
    let (_, v2) = raw(&sb, reqwest::Method::GET, &format!("v2/orders/{id}"), None).await;
    assert_eq!(v2["status_id"], 14);
    assert_eq!(v2["payment_status"], "partially refunded");
    // The table shows the refund.
    let table = stdout(&op.run(&["order", "get", &id]).await);
    assert!(table.contains("Refunds") && table.contains("Damaged in transit"), "{table}");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_refund_refunds_everything_left_and_closes_the_order() {
    let sb = start().await;
    let t = target(&sb, 1, 1).await;
    let op = Operator::new(&sb);
    let id = t.id.to_string();
    let v = json_of(&op.run(&["--json", "refund", &id, "--yes"]).await);
    assert_eq!(v["status"], "refunded");
    let total = dec(&t.order["total_inc_tax"]);
    assert_eq!(dec(&v["refund"]["amount"]["amount"]), total);
    assert_eq!(dec(&v["quote"]["refundable"]["amount"]), total);
    let o = json_of(&op.run(&["--json", "order", "get", &id]).await);
    assert_eq!(o["financial_status"], "refunded");
    assert_eq!(o["status"], "closed");
    assert_eq!(dec(&o["totals"]["refunded"]["amount"]), total);
    assert!(o["line_items"].as_array().unwrap().iter().all(|l| l["refundable_quantity"] == 0));
    let (_, v2) = raw(&sb, reqwest::Method::GET, &format!("v2/orders/{id}"), None).await;
    assert_eq!(v2["status_id"], 4);
    assert_eq!(v2["payment_status"], "refunded");
    // Nothing is left: a new refund of anything is refused before a POST (exit 6 for "nothing
    // left", exit 2 for a line already refunded).
    let before = sb.requests().len();
    let again = op.run(&["refund", &id, "--amount", "1", "--yes"]).await;
    assert_eq!(again.status.code(), Some(6), "{}", stderr(&again));
    assert!(stderr(&again).contains("nothing left to refund"), "{}", stderr(&again));
    assert_eq!(posts(&sb, before), 0);
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_refunds_are_exit_2_and_nothing_is_posted() {
    let sb = start().await;
    let t = target(&sb, 0, 1).await;
    let op = Operator::new(&sb);
    let id = t.id.to_string();
    let too_many = format!("{}:{}", t.sku, t.units + 1);
    let too_much_shipping = (dec(&t.order["shipping_cost_inc_tax"]) + Decimal::new(1, 2)).to_string();
    let too_much = (dec(&t.order["total_inc_tax"]) + Decimal::ONE).to_string();
    for args in [
        vec!["refund", &id, "--item", &too_many, "--yes"],
        vec!["refund", &id, "--item", "NO-SUCH-SKU", "--yes"],
        vec!["refund", &id, "--shipping", &too_much_shipping, "--yes"],
        vec!["refund", &id, "--amount", &too_much, "--yes"],
        vec!["refund", &id, "--item", &t.sku, "--restock", "--yes"],
    ] {
        let before = sb.requests().len();
        let o = op.run(&args).await;
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(posts(&sb, before), 0, "{args:?}: nothing POSTed, not even a quote");
    }
    let o = op.run(&["refund", &id, "--item", &too_many, "--yes"]).await;
    assert!(stderr(&o).contains(&format!("{}:{}", t.sku, t.units)), "names what is left: {}", stderr(&o));
    assert!(refunds_of(&sb, t.id).await.is_empty());
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_and_a_missing_yes_send_no_refund() {
    let sb = start().await;
    let t = target(&sb, 0, 1).await;
    let op = Operator::new(&sb);
    let id = t.id.to_string();
    let item = format!("{}:1", t.sku);
    let before = sb.requests().len();
    let dry = op.run(&["refund", &id, "--item", &item, "--dry-run"]).await;
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(stdout(&dry).contains("Dry run") && stdout(&dry).contains("total"), "{}", stdout(&dry));
    assert!(refund_posts(&sb, before).is_empty(), "no refund POST on --dry-run");
    // The only POST was the quote, which changes nothing.
    assert!(
        sb.requests()
            .iter()
            .skip(before)
            .filter(|r| r.method == "POST")
            .all(|r| r.path.ends_with("/refund_quotes"))
    );
    let before = sb.requests().len();
    let no_yes = op.run(&["refund", &id, "--item", &item]).await;
    assert_eq!(no_yes.status.code(), Some(2), "{}", stderr(&no_yes));
    assert!(refund_posts(&sb, before).is_empty(), "off a TTY without --yes: nothing sent");
    assert!(refunds_of(&sb, t.id).await.is_empty());
    sb.shutdown().await;
}

/// One refund on the order whatever the fault on the refund POST; a rerun reconciles.
async fn survives(fault: Value, rerun_needed: bool) {
    let sb = start().await;
    let t = target(&sb, 0, 1).await;
    let op = Operator::new(&sb);
    let id = t.id.to_string();
    let item = format!("{}:1", t.sku);
    let args = ["--json", "refund", id.as_str(), "--item", item.as_str(), "--reason", "fault drill", "--yes"];
    let mut f = fault.clone();
    f["method"] = json!("POST");
    f["path"] = json!(REFUND_PATH);
    control(&sb, f).await;
    let first = op.run(&args).await;
    let posted = refund_posts(&sb, 0);
    if rerun_needed {
        // The refund never reached the store (503 / reset before it): no retry of a POST
        // without an idempotency key; the lookup finds nothing; exit 8, rerun.
        assert_eq!(first.status.code(), Some(8), "{fault}: {}", stderr(&first));
        assert!(stderr(&first).contains("run the same command again"), "{}", stderr(&first));
        assert_eq!(posted.len(), 1, "{fault}: sent once: {posted:?}");
        assert!(refunds_of(&sb, t.id).await.is_empty());
        let second = op.run(&args).await;
        assert_eq!(json_of(&second)["status"], "refunded", "{fault}");
    } else {
        assert_eq!(json_of(&first)["status"], "refunded", "{fault}: {}", stderr(&first));
    }
    let refunds = refunds_of(&sb, t.id).await;
    assert_eq!(refunds.len(), 1, "{fault}: exactly one refund: {refunds:?}");
    let n = refund_posts(&sb, 0).len();
    let again = op.run(&args).await;
    let v = json_of(&again);
    assert_eq!(v["status"], "already_refunded", "{fault}");
    assert_eq!(v["refund"]["id"], refunds[0]["id"].to_string());
    assert_eq!(refund_posts(&sb, 0).len(), n, "{fault}: the rerun sent nothing");
    assert_eq!(refunds_of(&sb, t.id).await.len(), 1);
    let table =
        op.run(&["refund", id.as_str(), "--item", item.as_str(), "--reason", "fault drill", "--yes"]).await;
    assert!(stdout(&table).contains("Already refunded"), "{}", stdout(&table));
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_on_the_refund_is_retried_once_refunded() {
    // A 429 was not processed: the transport may send the POST again.
    survives(json!({"status": 429, "retry_after": 0.05}), false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_answer_after_commit_is_found_by_its_marker() {
    survives(json!({"drop_after_commit": true}), false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_503_on_the_refund_is_not_resent_blindly_and_a_rerun_finishes() {
    survives(json!({"status": 503}), true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_on_the_refund_is_not_resent_blindly_and_a_rerun_finishes() {
    survives(json!({"reset": true}), true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_only_pays_with_the_quotes_offline_method() {
    let sb = start().await;
    let t = target(&sb, 0, 1).await;
    let op = Operator::new(&sb);
    let id = t.id.to_string();
    let item = format!("{}:1", t.sku);
    let dry =
        json_of(&op.run(&["--json", "refund", &id, "--item", &item, "--record-only", "--dry-run"]).await);
    assert_eq!(dry["quote"]["online"], false);
    assert_eq!(dry["quote"]["gateway"], "custom");
    let v = json_of(&op.run(&["--json", "refund", &id, "--item", &item, "--record-only", "--yes"]).await);
    assert_eq!(v["status"], "refunded");
    let made = refunds_of(&sb, t.id).await;
    assert_eq!(made[0]["payments"][0]["provider_id"], "custom");
    assert_eq!(made[0]["payments"][0]["offline"], true);
    // Without --record-only the quote names the order's own provider, online.
    let other = target(&sb, 1, 1).await;
    let oid = other.id.to_string();
    let q = json_of(&op.run(&["--json", "refund", &oid, "--dry-run"]).await);
    assert_eq!(q["quote"]["online"], true);
    assert_ne!(q["quote"]["gateway"], "custom");
    sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emulator_quotes_refunds_and_rejects_like_bigcommerce() {
    let sb = start().await;
    let t = target(&sb, 0, 1).await;
    let (_, products) = raw(&sb, reqwest::Method::GET, &format!("v2/orders/{}/products", t.id), None).await;
    let product = products.as_array().unwrap().iter().find(|p| p["sku"] == t.sku).unwrap().clone();
    let pid = product["id"].as_u64().unwrap();
    let shipping = dec(&t.order["shipping_cost_inc_tax"]);
    let items = json!([
        {"item_type": "PRODUCT", "item_id": pid, "quantity": 1},
        {"item_type": "SHIPPING", "item_id": t.address_id, "amount": shipping.to_string().parse::<f64>().unwrap()},
    ]);
    let quotes = format!("v3/orders/{}/payment_actions/refund_quotes", t.id);
    let refunds = format!("v3/orders/{}/payment_actions/refunds", t.id);
    let (status, q) = raw(&sb, reqwest::Method::POST, &quotes, Some(json!({"items": items}))).await;
    assert_eq!(status, 201, "{q}");
    let data = &q["data"];
    let expected = dec(&product["price_inc_tax"]) + shipping;
    assert_eq!(dec(&data["total_refund_amount"]), expected);
    assert!(data["total_refund_amount"].is_number(), "v3 money are JSON numbers");
    assert_eq!(dec(&data["total_refund_tax_amount"]), dec(&product["price_tax"]));
    let methods = data["refund_methods"].as_array().unwrap();
    assert!(methods.len() >= 2);
    assert_eq!(methods.last().unwrap()[0]["provider_id"], "custom");
    assert_eq!(methods.last().unwrap()[0]["offline"], true);
    // A quote changes nothing.
    assert!(refunds_of(&sb, t.id).await.is_empty());

    // 422s: the quote's is a bare v3 error object; the refund's is wrapped in `data`.
    let over = json!({"items": [{"item_type": "PRODUCT", "item_id": pid, "quantity": t.units + 1}]});
    let (status, e) = raw(&sb, reqwest::Method::POST, &quotes, Some(over.clone())).await;
    assert_eq!(status, 422);
    assert_eq!(e["status"], 422);
    assert!(e["title"].as_str().unwrap().contains("exceeds"), "{e}");
    let mut over_refund = over.clone();
    over_refund["payments"] = json!([{"provider_id": "custom", "amount": 1, "offline": true}]);
    let (status, e) = raw(&sb, reqwest::Method::POST, &refunds, Some(over_refund)).await;
    assert_eq!(status, 422);
    assert_eq!(e["data"][0]["status"], 422, "{e}");
    for bad in [
        json!({"items": [{"item_type": "PRODUCT", "item_id": 999_999, "quantity": 1}]}),
        json!({"items": [{"item_type": "SHIPPING", "item_id": t.address_id, "amount": 10_000}]}),
        json!({"items": []}),
        json!({"items": [{"item_type": "HANDLING", "item_id": t.address_id, "amount": 1}]}),
    ] {
        let (status, e) = raw(&sb, reqwest::Method::POST, &quotes, Some(bad.clone())).await;
        assert_eq!(status, 422, "{bad}: {e}");
    }
    // The payments must add up to the quote and come from its methods.
    let mut wrong =
        json!({"items": items, "payments": [{"provider_id": "custom", "amount": 1, "offline": true}]});
    let (status, e) = raw(&sb, reqwest::Method::POST, &refunds, Some(wrong.clone())).await;
    assert_eq!(status, 422, "{e}");
    wrong["payments"] =
        json!([{"provider_id": "bitcoin", "amount": data["total_refund_amount"], "offline": true}]);
    let (status, _) = raw(&sb, reqwest::Method::POST, &refunds, Some(wrong)).await;
    assert_eq!(status, 422);
    assert!(refunds_of(&sb, t.id).await.is_empty());

    // A good one: 201, listed, and the v2 order moves to Partially Refunded.
    let good = json!({"items": items, "reason": "ok", "payments": [methods[0][0].clone()]});
    let (status, r) = raw(&sb, reqwest::Method::POST, &refunds, Some(good)).await;
    assert_eq!(status, 201, "{r}");
    assert_eq!(dec(&r["data"]["total_amount"]), expected);
    assert_eq!(r["data"]["reason"], "ok");
    let listed = refunds_of(&sb, t.id).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], r["data"]["id"]);
    let (_, o) = raw(&sb, reqwest::Method::GET, &format!("v2/orders/{}", t.id), None).await;
    assert_eq!(o["status_id"], 14);
    assert_eq!(dec(&o["refunded_amount"]), expected);
    let (_, p) = raw(&sb, reqwest::Method::GET, &format!("v2/orders/{}/products", t.id), None).await;
    let p = p.as_array().unwrap().iter().find(|x| x["id"] == pid).unwrap().clone();
    assert_eq!(p["quantity_refunded"], 1);
    // The shipping is gone now: asking for it again is a 422.
    let (status, _) =
        raw(&sb, reqwest::Method::POST, &quotes, Some(json!({"items": [items[1].clone()]}))).await;
    assert_eq!(status, 422);
    // A fully refunded seed order has nothing left.
    let (_, all) = raw(&sb, reqwest::Method::GET, "v2/orders?status_id=4&limit=1", None).await;
    let done = all[0]["id"].as_u64().unwrap();
    let (status, e) = raw(
        &sb,
        reqwest::Method::POST,
        &format!("v3/orders/{done}/payment_actions/refund_quotes"),
        Some(json!({"items": [{"item_type": "ORDER", "item_id": done, "amount": 1}]})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(e["title"].as_str().unwrap().contains("nothing left"), "{e}");
    // Unknown order: 404 in the v3 shape.
    let (status, e) = raw(&sb, reqwest::Method::GET, "v3/orders/99999/payment_actions/refunds", None).await;
    assert_eq!(status, 404);
    assert_eq!(e["status"], 404);
    sb.shutdown().await;
}
