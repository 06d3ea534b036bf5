//! Shopify store refunds end to end: the built binary (`shopdesk refund`, `order get`) against
//! the in-process Shopify emulator, plus the emulator's refund contract over HTTP.
//!
//! Money safety checked here (DESIGN.md §7): the quote comes from `suggestedRefund`; over-refunds,
//! `--dry-run` and a refusal off a terminal never reach `refundCreate` (the order is unchanged
//! and the request log shows only the quote's queries); a 429, a 503, a reset and an answer
//! dropped after commit on the refund request each end in exactly one refund, and a rerun
//! reconciles instead of refunding again. Shopify's `@idempotent` key is what makes the resend
//! harmless: the same key and input answer the first refund, another input is refused.
//!
//! Every GraphQL request is a POST to `/graphql.json`, so a fault cannot target the mutation by
//! path: a pass-through fault (`latency_ms: 0`) with a `count` of the quote's queries is queued
//! first, and the real fault then hits the next POST, which is `refundCreate`.

mod support;

use rust_decimal::Decimal;
use serde_json::{Value, json};
use shopdesk::sandbox::seed::{self, FinancialStatus};
use shopdesk::sandbox::{Options, ThrottleSpec, demo};
use std::str::FromStr;
use support::{Env, Host, shopify_cmd, shopify_env, stderr, stdout};

/// GraphQL requests a refund of items of `#N` makes before `refundCreate`: the refund context
/// found by name, then `suggestedRefund` for the lines picked from it.
const QUOTE_QUERIES: usize = 2;

/// A sandbox whose cost bucket never runs dry (no THROTTLED retries in the request counts).
fn host() -> Host {
    Host::start(Options {
        throttle: ThrottleSpec { maximum_available: 1e9, restore_rate: 1e9 },
        ..Options::default()
    })
}

/// A paid, open order with at least two lines, shipping to refund, and no refunds yet.
fn paid_order() -> seed::Order {
    seed::generate(0, seed::DEFAULT_ORDERS)
        .orders
        .into_iter()
        .find(|o| {
            o.financial_status == FinancialStatus::Paid
                && o.refunds.is_empty()
                && o.cancelled_at.is_none()
                && o.closed_at.is_none()
                && o.line_items.len() >= 2
                && o.shipping_line.price > Decimal::ZERO
                && o.discount > Decimal::ZERO
        })
        .expect("the seed has such an order")
}

fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// What refunding one unit of line `k` gives back: (subtotal after its discount share, tax).
fn one_unit(o: &seed::Order, k: usize) -> (Decimal, Decimal) {
    let unit = o.line_items[k].unit_price;
    let items: Decimal = o.line_items.iter().map(|l| l.total()).sum();
    let sub = unit - cents(o.discount * unit / items);
    (sub, cents(sub * o.tax_rate))
}

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    shopify_cmd(env).args(args).output().expect("binary runs")
}

fn json_out(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// `order get` as the store has it now. `--no-cache`: `refund` runs with the read cache off, and
/// with it off its mutation does not clear what an earlier `order get` cached (reported).
fn order(env: &Env, name: &str) -> Value {
    json_out(&run(env, &["order", "get", name, "--json", "--no-cache"]))
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a decimal string: {v}"))).unwrap()
}

fn posts(host: &Host) -> usize {
    host.requests().iter().filter(|r| r.method == "POST").count()
}

fn clear_log(host: &Host) {
    let url = format!("{}/_sandbox/requests", host.sb().base_url());
    host.rt.block_on(async { reqwest::Client::new().delete(url).send().await.unwrap() });
}

#[test]
fn a_partial_refund_of_one_line_plus_shipping_shows_on_the_order() {
    let host = host();
    let env = shopify_env(&host);
    let o = paid_order();
    let name = o.name();
    let sku = o.line_items[0].sku.clone();
    let out = run(
        &env,
        &[
            "refund",
            &name,
            "--item",
            &format!("{sku}:1"),
            "--shipping",
            "--reason",
            "wrong size",
            "--yes",
            "--json",
        ],
    );
    let v = json_out(&out);
    assert_eq!(v["status"], "refunded", "{v}");
    let (sub, tax) = one_unit(&o, 0);
    let expected = sub + tax + o.shipping_line.price;
    let q = &v["quote"];
    assert_eq!(dec(&q["total"]["amount"]), expected, "{q}");
    assert_eq!(dec(&q["shipping"]["amount"]), o.shipping_line.price);
    assert_eq!(q["lines"][0]["sku"], json!(sku));
    assert_eq!(q["lines"][0]["quantity"], 1);
    assert_eq!(dec(&q["lines"][0]["subtotal"]["amount"]), sub);
    assert_eq!(q["gateway"], json!(o.gateway));
    assert_eq!(q["online"], true);
    assert_eq!(dec(&q["refundable"]["amount"]), o.total());
    assert_eq!(dec(&v["refund"]["amount"]["amount"]), expected);

    let after = order(&env, &name);
    assert_eq!(after["financial_status"], "partially_refunded");
    assert_eq!(dec(&after["totals"]["refunded"]["amount"]), expected);
    let refunds = after["refunds"].as_array().unwrap();
    assert_eq!(refunds.len(), 1);
    assert_eq!(refunds[0]["id"], v["refund"]["id"]);
    assert!(refunds[0]["note"].as_str().unwrap().starts_with("wrong size [shopdesk "), "{}", refunds[0]);
    assert_eq!(refunds[0]["lines"][0]["quantity"], 1);
    let line = after["line_items"].as_array().unwrap().iter().find(|l| l["sku"] == json!(sku)).unwrap();
    assert_eq!(line["refundable_quantity"], o.line_items[0].quantity - 1);
    // The human output of a second, different refund shows the quote before it refunds.
    let sku2 = o.line_items[1].sku.clone();
    let out = run(&env, &["refund", &name, "--item", &sku2, "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("Refund quote: order {name} in store main")), "{}", stderr(&out));
    assert!(stdout(&out).contains("Refunded "), "{}", stdout(&out));
    assert_eq!(order(&env, &name)["refunds"].as_array().unwrap().len(), 2);
}

#[test]
fn a_full_refund_refunds_everything_left() {
    let host = host();
    let env = shopify_env(&host);
    let o = paid_order();
    let name = o.name();
    let v = json_out(&run(&env, &["refund", &name, "--restock", "--yes", "--json"]));
    assert_eq!(v["status"], "refunded");
    assert_eq!(dec(&v["quote"]["total"]["amount"]), o.total());
    let after = order(&env, &name);
    assert_eq!(after["financial_status"], "refunded");
    assert_eq!(dec(&after["totals"]["refunded"]["amount"]), o.total());
    assert!(after["line_items"].as_array().unwrap().iter().all(|l| l["refundable_quantity"] == 0));
    // Nothing is left: another refund is refused before anything is sent.
    clear_log(&host);
    let again = run(&env, &["refund", &name, "--amount", "1", "--yes", "--idempotency-key", "another-one"]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(posts(&host) <= QUOTE_QUERIES);
}

#[test]
fn an_amount_off_an_order_number_is_two_round_trips() {
    let host = host();
    let env = shopify_env(&host);
    let o = paid_order();
    let name = o.name();
    clear_log(&host);
    let v =
        json_out(&run(&env, &["refund", &name, "--amount", "4.25", "--reason", "late", "--yes", "--json"]));
    assert_eq!(v["status"], "refunded", "{v}");
    let sent: Vec<String> =
        host.requests().into_iter().filter(|r| r.method == "POST").map(|r| r.path).collect();
    assert_eq!(sent.len(), 2, "the quote (name, context and suggestion in one) and refundCreate: {sent:?}");
    let after = order(&env, &name);
    assert_eq!(dec(&after["totals"]["refunded"]["amount"]), Decimal::from_str("4.25").unwrap());
    assert_eq!(after["refunds"].as_array().unwrap().len(), 1);
}

#[test]
fn over_refunds_exit_2_and_never_reach_refund_create() {
    let host = host();
    let env = shopify_env(&host);
    let o = paid_order();
    let name = o.name();
    let sku = &o.line_items[0].sku;
    let too_many = format!("{sku}:{}", o.line_items[0].quantity + 1);
    let too_much_shipping = (o.shipping_line.price + Decimal::ONE).to_string();
    let too_much = (o.total() + Decimal::ONE).to_string();
    for (args, says) in [
        (vec!["--item", too_many.as_str()], "only"),
        (vec!["--item", "NO-SUCH-SKU"], "is not on order"),
        (vec!["--shipping", too_much_shipping.as_str()], "of shipping"),
        (vec!["--amount", too_much.as_str()], "more than"),
    ] {
        clear_log(&host);
        let mut all = vec!["refund", name.as_str(), "--yes"];
        all.extend(&args);
        let out = run(&env, &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("refundable on") || args[0] == "--amount", "{}", stderr(&out));
        assert!(posts(&host) <= QUOTE_QUERIES, "{args:?}: only the quote's queries were sent");
    }
    let after = order(&env, &name);
    assert!(after["refunds"].as_array().unwrap().is_empty());
    assert_eq!(after["financial_status"], "paid");
}

#[test]
fn dry_run_and_no_yes_off_a_terminal_send_no_refund() {
    let host = host();
    let env = shopify_env(&host);
    let o = paid_order();
    let name = o.name();
    let sku = format!("{}:1", o.line_items[0].sku);
    clear_log(&host);
    let dry = run(&env, &["refund", &name, "--item", &sku, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(stdout(&dry).contains("Dry run: nothing was refunded."), "{}", stdout(&dry));
    assert_eq!(posts(&host), QUOTE_QUERIES, "the quote's queries and nothing else");
    clear_log(&host);
    let no = run(&env, &["refund", &name, "--item", &sku]);
    assert_eq!(no.status.code(), Some(2), "{}", stderr(&no));
    assert!(stderr(&no).contains("--yes"), "{}", stderr(&no));
    assert_eq!(posts(&host), QUOTE_QUERIES);
    assert!(order(&env, &name)["refunds"].as_array().unwrap().is_empty());
}

/// A fault on the refund request only ends in exactly one refund, and a rerun reconciles.
fn one_refund_despite(fault: Value) {
    let host = host();
    let env = shopify_env(&host);
    let o = paid_order();
    let name = o.name();
    let sku = format!("{}:1", o.line_items[1].sku);
    let gql = json!({"method": "POST", "path": "/graphql.json"});
    let mut pass = json!({"latency_ms": 0, "count": QUOTE_QUERIES});
    let mut f = fault.clone();
    for v in [&mut pass, &mut f] {
        v.as_object_mut().unwrap().extend(gql.as_object().unwrap().clone());
    }
    host.control(pass);
    host.control(f);
    let args = ["refund", name.as_str(), "--item", sku.as_str(), "--reason", "damaged", "--yes", "--json"];
    let out = run(&env, &args);
    assert!(out.status.success(), "{fault}: exit {:?}: {}", out.status.code(), stderr(&out));
    let faults: Vec<String> =
        host.requests().into_iter().filter_map(|r| r.fault).filter(|f| f != "latency").collect();
    let times = fault["count"].as_u64().unwrap_or(1) as usize;
    assert_eq!(faults.len(), times, "{fault}: the fault hit the refund request: {faults:?}");
    let refunds = order(&env, &name)["refunds"].as_array().unwrap().clone();
    assert_eq!(refunds.len(), 1, "{fault}: exactly one refund: {refunds:?}");
    // The same command again: the journal and the marker reconcile; nothing is sent.
    let again = run(&env, &args[..args.len() - 1]);
    assert!(again.status.success(), "{fault}: {}", stderr(&again));
    assert!(stdout(&again).contains("Already refunded"), "{}", stdout(&again));
    assert_eq!(order(&env, &name)["refunds"].as_array().unwrap().len(), 1);
}

#[test]
fn a_429_on_the_refund_request_ends_in_one_refund() {
    one_refund_despite(json!({"status": 429, "retry_after": 0.05}));
}

#[test]
fn a_503_on_the_refund_request_ends_in_one_refund() {
    one_refund_despite(json!({"status": 503}));
}

#[test]
fn a_reset_on_the_refund_request_ends_in_one_refund() {
    one_refund_despite(json!({"reset": true}));
}

#[test]
fn an_answer_dropped_after_commit_ends_in_one_refund() {
    one_refund_despite(json!({"drop_after_commit": true}));
}

/// Every attempt (the first and both retries) commits and loses its answer: the command's one
/// lookup by key finds the refund Shopify made once (the retries were answered from the key).
#[test]
fn answers_lost_on_every_attempt_end_in_one_refund_found_by_its_key() {
    one_refund_despite(json!({"drop_after_commit": true, "count": 3}));
}

#[test]
fn the_idempotency_key_replays_the_first_refund_and_refuses_other_input() {
    let host = host();
    let name = paid_order().name();
    let key = "shopdesk-test-replay-0001";
    // Each run has its own home, so no journal: only Shopify's `@idempotent` stands between a
    // resend and a second refund.
    let refund = |amount: &str| -> std::process::Output {
        let args = ["refund", name.as_str(), "--amount", amount, "--idempotency-key", key, "--yes", "--json"];
        run(&shopify_env(&host), &args)
    };
    let first = json_out(&refund("5.00"));
    // The same refund with the same key (another machine, a lost journal): Shopify answers with
    // the first refund; nothing new is made.
    let again = json_out(&refund("5.00"));
    assert_eq!(again["refund"]["id"], first["refund"]["id"]);
    let env = shopify_env(&host);
    assert_eq!(order(&env, &name)["refunds"].as_array().unwrap().len(), 1);
    // The same key for a different refund is refused (conflict), and nothing is refunded.
    let other = refund("6.00");
    assert_eq!(other.status.code(), Some(6), "{}", stderr(&other));
    assert!(stderr(&other).contains("idempotency key"), "{}", stderr(&other));
    assert_eq!(order(&env, &name)["refunds"].as_array().unwrap().len(), 1);
}

#[test]
fn record_only_is_refused_before_anything_is_sent() {
    let host = host();
    let env = shopify_env(&host);
    let name = paid_order().name();
    clear_log(&host);
    let out = run(&env, &["refund", &name, "--amount", "1", "--record-only", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("record-only"), "{}", stderr(&out));
    assert_eq!(posts(&host), 0, "refused before any request");
}

// ---- the emulator's refund contract, over HTTP ---------------------------------------------

fn gql(host: &Host, version: &str, query: &str, variables: Value) -> Value {
    let url = format!("{}/admin/api/{version}/graphql.json", host.shopify_url());
    host.rt.block_on(async {
        reqwest::Client::new()
            .post(url)
            .header("x-shopify-access-token", demo::SHOPIFY_STATIC_TOKEN)
            .json(&json!({"query": query, "variables": variables}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    })
}

const SUGGEST: &str = r#"query($id: ID!, $lines: [RefundLineItemInput!], $ship: Boolean, $amt: Money) {
  order(id: $id) {
    transactions(first: 5) { id kind status gateway }
    suggestedRefund(refundLineItems: $lines, refundShipping: $ship, shippingAmount: $amt) {
      amountSet { shopMoney { amount } } maximumRefundableSet { shopMoney { amount } }
      totalTaxSet { shopMoney { amount } } shipping { amountSet { shopMoney { amount } } maximumRefundableSet { shopMoney { amount } } }
      refundLineItems { quantity restockType location { id } lineItem { id } }
      suggestedTransactions { kind gateway amountSet { shopMoney { amount } } parentTransaction { id } }
    }
  }
}"#;

const CREATE: &str = r#"mutation($input: RefundInput!, $key: String!) {
  refundCreate(input: $input) @idempotent(key: $key) { refund { id totalRefundedSet { shopMoney { amount } } refundLineItems(first: 5) { nodes { quantity restockType restocked location { id } } } } userErrors { field message } }
}"#;

const CREATE_WITHOUT_KEY: &str = r#"mutation($input: RefundInput!) {
  refundCreate(input: $input) { refund { id } userErrors { field message } }
}"#;

#[test]
fn emulator_suggests_validates_and_restocks() {
    let host = host();
    let o = paid_order();
    let id = format!("gid://shopify/Order/{}", o.id);
    let line = |k: usize| format!("gid://shopify/LineItem/{}", o.line_items[k].id);
    // The quote: one unit with restock (a location is suggested), shipping capped at what is left.
    let s = gql(
        &host,
        "2026-10",
        SUGGEST,
        json!({"id": id, "lines": [{"lineItemId": line(0), "quantity": 1, "restockType": "RETURN"}], "amt": "1000.00"}),
    );
    let sr = &s["data"]["order"]["suggestedRefund"];
    let (sub, tax) = one_unit(&o, 0);
    assert_eq!(dec(&sr["amountSet"]["shopMoney"]["amount"]), sub + tax + o.shipping_line.price, "{s}");
    assert_eq!(dec(&sr["shipping"]["maximumRefundableSet"]["shopMoney"]["amount"]), o.shipping_line.price);
    assert_eq!(
        sr["refundLineItems"][0]["location"]["id"].as_str().map(|l| l.starts_with("gid://shopify/Location/")),
        Some(true)
    );
    let sale = &s["data"]["order"]["transactions"][0];
    assert_eq!((sale["kind"].as_str(), sale["status"].as_str()), (Some("SALE"), Some("SUCCESS")));
    assert_eq!(sr["suggestedTransactions"][0]["parentTransaction"]["id"], sale["id"]);
    let location = sr["refundLineItems"][0]["location"]["id"].clone();
    let txn = |amount: &str| json!([{"orderId": id, "parentId": sale["id"], "gateway": sale["gateway"], "kind": "REFUND", "amount": amount}]);
    // userErrors, nothing changed: too many units, restock without a location, over the balance.
    let errs = |input: Value| {
        let r = gql(&host, "2026-10", CREATE, json!({"input": input, "key": format!("k-{}", input)}));
        r["data"]["refundCreate"]["userErrors"][0]["message"].as_str().unwrap_or_default().to_string()
    };
    let qty = o.line_items[0].quantity + 1;
    assert!(
        errs(json!({"orderId": id, "refundLineItems": [{"lineItemId": line(0), "quantity": qty}]}))
            .contains("more items")
    );
    assert!(errs(json!({"orderId": id, "refundLineItems": [{"lineItemId": line(0), "quantity": 1, "restockType": "RETURN"}]})).contains("Location"));
    assert!(
        errs(json!({"orderId": id, "transactions": txn(&(o.total() + Decimal::ONE).to_string())}))
            .contains("more than")
    );
    assert!(errs(json!({"orderId": id})).contains("must include"));
    // From 2026-04 the key is required; 2026-01 still takes the mutation without it.
    let r = gql(&host, "2026-10", CREATE_WITHOUT_KEY, json!({"input": {"orderId": id}}));
    assert!(r["errors"][0]["message"].as_str().unwrap().contains("@idempotent"), "{r}");
    let r = gql(&host, "2026-01", CREATE_WITHOUT_KEY, json!({"input": {"orderId": id}}));
    assert!(
        r["errors"].is_null() && r["data"]["refundCreate"]["userErrors"][0]["message"].is_string(),
        "{r}"
    );
    // A restocking refund records its type and location; a replay answers the same refund.
    let input = json!({"orderId": id, "refundLineItems": [{"lineItemId": line(0), "quantity": 1, "restockType": "RETURN", "locationId": location}], "transactions": txn(&(sub + tax).to_string())});
    let made = gql(&host, "2026-10", CREATE, json!({"input": input, "key": "k1"}));
    let refund = &made["data"]["refundCreate"]["refund"];
    assert_eq!(refund["refundLineItems"]["nodes"][0]["restockType"], "RETURN", "{made}");
    assert_eq!(refund["refundLineItems"]["nodes"][0]["restocked"], true);
    assert_eq!(dec(&refund["totalRefundedSet"]["shopMoney"]["amount"]), sub + tax);
    let replay = gql(&host, "2026-10", CREATE, json!({"input": input, "key": "k1"}));
    assert_eq!(replay["data"]["refundCreate"]["refund"]["id"], refund["id"]);
    let mismatch = gql(
        &host,
        "2026-10",
        CREATE,
        json!({"input": {"orderId": id, "transactions": txn("1.00")}, "key": "k1"}),
    );
    assert_eq!(
        mismatch["errors"][0]["extensions"]["code"], "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
        "{mismatch}"
    );
    // The order: one refund, partially refunded, one unit fewer refundable.
    let after = gql(
        &host,
        "2026-10",
        "query($id: ID!) { order(id: $id) { displayFinancialStatus refunds { id } totalRefundedSet { shopMoney { amount } } lineItems(first: 5) { nodes { refundableQuantity } } } }",
        json!({"id": id}),
    );
    let ord = &after["data"]["order"];
    assert_eq!(ord["displayFinancialStatus"], "PARTIALLY_REFUNDED");
    assert_eq!(ord["refunds"].as_array().unwrap().len(), 1);
    assert_eq!(dec(&ord["totalRefundedSet"]["shopMoney"]["amount"]), sub + tax);
    assert_eq!(ord["lineItems"]["nodes"][0]["refundableQuantity"], o.line_items[0].quantity - 1);
    // Search sees the new financial status.
    let found = gql(
        &host,
        "2026-10",
        "query($q: String) { orders(first: 5, query: $q) { nodes { id } } }",
        json!({"q": format!("name:{} financial_status:partially_refunded", o.name())}),
    );
    assert_eq!(found["data"]["orders"]["nodes"][0]["id"], json!(id));
}
