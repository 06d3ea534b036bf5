//! Magento refunds (credit memos) end to end, against the in-process sandbox: the `refund`
//! command (the built binary: partial, full, over-refunds, dry run, no TTY, online vs offline vs
//! `--record-only`, faults on the refund POST and reruns), the adapter through the library, and
//! the emulator over HTTP (Magento's defaults and refusals).
//!
//! Orders are picked from the seed by what they are (paid by card or by check, untouched by
//! refunds, with several lines and shipping), never by a hard-coded number, so a change to the
//! seed cannot silently turn a test into a different case.

mod support;

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::{Value, json};
use shopdesk::adapters::commerce::{self, Commerce, OrderRef, Store};
use shopdesk::config::StoreConfig;
use shopdesk::domain::{FinancialStatus, ItemPick, RefundSpec, ShippingPick, refund_marker};
use shopdesk::sandbox::demo;
use support::Host;

fn adapter(url: &str, retries: u32) -> Box<dyn Commerce> {
    let cfg: StoreConfig =
        toml::from_str(&format!("platform = 'magento'\nurl = '{url}'\nauth = 'token'\n")).unwrap();
    let info = commerce::info("magento").unwrap();
    let secrets: HashMap<&'static str, shopdesk::secret::Secret> =
        HashMap::from([("access_token", shopdesk::secret::Secret::new(demo::MAGENTO_ADMIN_TOKEN))]);
    let auth = commerce::auth_scheme(info, "main", &cfg, &secrets).unwrap();
    let settings = shopdesk::transport::Settings { max_retries: retries, ..Default::default() };
    let client = shopdesk::transport::Client::new(
        "main (magento)".into(),
        cfg.url.clone(),
        auth,
        info.hooks,
        settings,
        Arc::new(shopdesk::transport::log::Logger::quiet()),
    )
    .unwrap();
    (info.build)(Store { name: "main".into(), config: cfg, client })
}

/// The sandbox, a Magento adapter on it and raw access to the emulator.
struct T {
    h: Host,
    m: Box<dyn Commerce>,
}

impl T {
    fn new() -> T {
        let h = Host::default();
        let m = adapter(&h.sb().magento_store_url(), 2);
        T { h, m }
    }
    fn api(&self, rel: &str) -> String {
        format!("{}/rest/default/V1/{rel}", self.h.sb().magento_store_url())
    }
    fn get(&self, rel: &str) -> Value {
        let url = self.api(rel);
        self.h.rt.block_on(async {
            let r =
                reqwest::Client::new().get(url).bearer_auth(demo::MAGENTO_ADMIN_TOKEN).send().await.unwrap();
            assert!(r.status().is_success(), "GET {rel}: {}", r.status());
            r.json().await.unwrap()
        })
    }
    fn post(&self, rel: &str, body: Value) -> (u16, Value) {
        let url = self.api(rel);
        self.h.rt.block_on(async {
            let r = reqwest::Client::new()
                .post(url)
                .bearer_auth(demo::MAGENTO_ADMIN_TOKEN)
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.json().await.unwrap())
        })
    }
    fn order_json(&self, entity_id: u64) -> Value {
        self.get(&format!("orders/{entity_id}"))
    }
    fn memos_of(&self, entity_id: u64) -> Vec<Value> {
        let v = self.get(&format!(
            "creditmemos?searchCriteria[filterGroups][0][filters][0][field]=order_id&searchCriteria[filterGroups][0][filters][0][value]={entity_id}"
        ));
        v["items"].as_array().cloned().unwrap_or_default()
    }
    /// An order paid by `method`, in `processing`/`complete`, nothing refunded, with ≥ 2 lines
    /// and shipping to refund; `skip` of them are passed over.
    fn pick(&self, method: &str, skip: usize) -> Value {
        let all = self.get("orders?searchCriteria[pageSize]=300");
        all["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| {
                o["payment"]["method"] == method
                    && matches!(o["state"].as_str(), Some("processing" | "complete"))
                    && o["total_refunded"].as_f64() == Some(0.0)
                    && o["items"].as_array().unwrap().len() >= 2
                    && o["shipping_amount"].as_f64().unwrap_or(0.0) > 0.0
                    && o["store_id"] == 1
            })
            .nth(skip)
            .cloned()
            .unwrap_or_else(|| panic!("the seed has no {skip}th untouched {method} order with two lines"))
    }
    fn posts(&self) -> Vec<String> {
        self.h.requests().into_iter().filter(|r| r.method == "POST").map(|r| r.path).collect()
    }
    fn block<F: std::future::Future>(&self, f: F) -> F::Output {
        self.h.rt.block_on(f)
    }
}

fn number_ref(o: &Value) -> OrderRef {
    OrderRef::Number(o["increment_id"].as_str().unwrap().to_string())
}

fn dec(v: &Value) -> Decimal {
    v.to_string().parse().unwrap()
}

fn one_item(o: &Value, qty: u32, shipping: ShippingPick) -> RefundSpec {
    RefundSpec {
        items: vec![ItemPick { sku: o["items"][0]["sku"].as_str().unwrap().into(), quantity: Some(qty) }],
        shipping,
        reason: Some("Damaged".into()),
        ..Default::default()
    }
}

#[test]
fn partial_online_refund_of_one_line_plus_shipping() {
    let t = T::new();
    let o = t.pick("braintree", 0);
    let id = o["entity_id"].as_u64().unwrap();
    let r = number_ref(&o);
    let spec = one_item(&o, 1, ShippingPick::Full);
    let q = t.block(t.m.refund_quote(&r, &spec)).unwrap();
    assert!(q.online, "a card payment captured online is refunded online");
    assert_eq!(q.gateway.as_deref(), Some("braintree"));
    assert_eq!(q.lines.len(), 1);
    assert_eq!(q.lines[0].quantity, 1);
    assert_eq!(q.shipping.amount, dec(&o["shipping_amount"]));
    assert_eq!(q.refundable.amount, dec(&o["total_paid"]));
    assert_eq!(q.total.amount, q.lines[0].subtotal.amount + q.lines[0].tax.amount + q.shipping.amount);
    assert!(t.posts().is_empty(), "a quote sends nothing");

    let key = "shopdesk-test-partial";
    let made = t.block(t.m.refund_create(&q, &spec, key)).unwrap();
    assert_eq!(made.amount, q.total);
    assert_eq!(made.note.as_deref(), Some(format!("Damaged {}", refund_marker(key)).as_str()));
    assert_eq!(made.lines.len(), 1);
    let posts = t.posts();
    assert_eq!(posts.len(), 1);
    assert!(posts[0].contains("/V1/invoice/") && posts[0].ends_with("/refund"), "{posts:?}");

    let after = t.block(t.m.order(&r)).unwrap();
    assert_eq!(after.totals.refunded.amount, q.total.amount);
    assert_eq!(after.financial_status, FinancialStatus::PartiallyRefunded);
    assert_eq!(after.refunds.len(), 1);
    assert_eq!(after.refunds[0].id, made.id);
    assert!(after.refunds[0].note.as_deref().unwrap().contains(&refund_marker(key)));
    let line = &after.line_items[0];
    assert_eq!(line.refundable_quantity, Some(line.quantity - 1));
    let found = t.block(t.m.find_refund(&r, key)).unwrap().expect("the marker finds the refund");
    assert_eq!(found.id, made.id);
    assert!(t.block(t.m.find_refund(&r, "other-key")).unwrap().is_none());

    // Magento's side: an online memo with a transaction, the order still open.
    let memo = &t.memos_of(id)[0];
    assert!(memo["transaction_id"].is_string());
    assert!(memo["invoice_id"].as_u64().is_some());
    let oj = t.order_json(id);
    assert_eq!(dec(&oj["total_online_refunded"]), q.total.amount);
    assert_eq!(dec(&oj["shipping_refunded"]), q.shipping.amount);
    assert_ne!(oj["state"], "closed");
    assert_eq!(oj["items"][0]["qty_refunded"], 1);
}

#[test]
fn record_only_makes_an_offline_credit_memo() {
    let t = T::new();
    let o = t.pick("braintree", 1);
    let id = o["entity_id"].as_u64().unwrap();
    let spec = RefundSpec { record_only: true, ..one_item(&o, 1, ShippingPick::None) };
    let q = t.block(t.m.refund_quote(&number_ref(&o), &spec)).unwrap();
    assert!(!q.online);
    assert!(q.shipping.amount.is_zero());
    t.block(t.m.refund_create(&q, &spec, "k-offline")).unwrap();
    assert_eq!(t.posts(), vec![format!("/magento/demo-magento/rest/default/V1/order/{id}/refund")]);
    let memo = &t.memos_of(id)[0];
    assert!(memo.get("transaction_id").is_none(), "offline: no gateway transaction");
    let oj = t.order_json(id);
    assert_eq!(dec(&oj["total_offline_refunded"]), q.total.amount);
    assert!(dec(&oj["shipping_refunded"]).is_zero(), "shipping_amount 0 was sent, not left to default");
}

#[test]
fn a_check_payment_is_refunded_offline() {
    let t = T::new();
    let o = t.pick("checkmo", 0);
    let id = o["entity_id"].as_u64().unwrap();
    let spec = RefundSpec::default();
    let q = t.block(t.m.refund_quote(&number_ref(&o), &spec)).unwrap();
    assert!(!q.online);
    assert_eq!(q.gateway.as_deref(), Some("checkmo"));
    t.block(t.m.refund_create(&q, &spec, "k-check")).unwrap();
    assert_eq!(t.posts(), vec![format!("/magento/demo-magento/rest/default/V1/order/{id}/refund")]);
    // Online would have been refused: the check cannot be refunded through a gateway.
    let inv = t.get(&format!(
        "invoices?searchCriteria[filterGroups][0][filters][0][field]=order_id&searchCriteria[filterGroups][0][filters][0][value]={id}"
    ));
    assert!(inv["items"][0].get("transaction_id").is_none());
}

#[test]
fn a_full_refund_closes_the_order() {
    let t = T::new();
    let o = t.pick("braintree", 2);
    let id = o["entity_id"].as_u64().unwrap();
    let r = number_ref(&o);
    let spec = RefundSpec { restock: true, ..Default::default() };
    let q = t.block(t.m.refund_quote(&r, &spec)).unwrap();
    assert_eq!(q.total, q.refundable);
    assert_eq!(q.total.amount, dec(&o["grand_total"]));
    assert!(q.restock);
    t.block(t.m.refund_create(&q, &spec, "k-full")).unwrap();
    let after = t.block(t.m.order(&r)).unwrap();
    assert_eq!(after.financial_status, FinancialStatus::Refunded);
    assert_eq!(after.totals.refunded, after.totals.total);
    assert!(after.line_items.iter().all(|l| l.refundable_quantity == Some(0)));
    assert_eq!(t.order_json(id)["state"], "closed");
    // Nothing is left: a second full quote is empty, and any item is a usage error.
    let again = t.block(t.m.refund_quote(&r, &RefundSpec::default())).unwrap();
    assert!(again.total.amount.is_zero());
    let e = t.block(t.m.refund_quote(&r, &one_item(&o, 1, ShippingPick::None))).unwrap_err();
    assert_eq!(e.exit_code(), 2, "{e:?}");
}

#[test]
fn over_refunds_are_usage_errors_and_send_nothing() {
    let t = T::new();
    let o = t.pick("braintree", 0);
    let r = number_ref(&o);
    let qty = o["items"][0]["qty_ordered"].as_u64().unwrap() as u32;
    let ship: Decimal = dec(&o["shipping_amount"]);
    let paid: Decimal = dec(&o["total_paid"]);
    let cases = [
        one_item(&o, qty + 1, ShippingPick::None),
        one_item(&o, 1, ShippingPick::Amount(ship + Decimal::new(1, 2))),
        RefundSpec { amount: Some(paid + Decimal::ONE), ..Default::default() },
        RefundSpec {
            items: vec![ItemPick { sku: "NOT-ON-THE-ORDER".into(), quantity: None }],
            ..Default::default()
        },
        RefundSpec { amount: Some(paid), ..one_item(&o, 1, ShippingPick::None) },
    ];
    for spec in cases {
        let e = t.block(t.m.refund_quote(&r, &spec)).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{spec:?}: {e:?}");
        assert!(e.hint.as_deref().is_some_and(|h| h.contains("refundable") || h.contains("up to")), "{e:?}");
    }
    assert!(t.posts().is_empty());
}

#[test]
fn an_amount_alone_lists_every_item_with_qty_zero() {
    let t = T::new();
    let o = t.pick("braintree", 3);
    let id = o["entity_id"].as_u64().unwrap();
    let spec = RefundSpec { amount: Some(Decimal::new(500, 2)), ..Default::default() };
    let q = t.block(t.m.refund_quote(&number_ref(&o), &spec)).unwrap();
    assert!(q.lines.is_empty());
    assert_eq!(q.adjustment.amount, Decimal::new(5, 0));
    assert_eq!(q.total.amount, Decimal::new(5, 0));
    t.block(t.m.refund_create(&q, &spec, "k-amount")).unwrap();
    let oj = t.order_json(id);
    assert_eq!(dec(&oj["total_refunded"]), Decimal::new(5, 0));
    assert!(oj["items"].as_array().unwrap().iter().all(|i| i["qty_refunded"] == 0), "no item was refunded");
    assert!(dec(&oj["shipping_refunded"]).is_zero());
}

#[test]
fn seed_refunds_are_listed_as_credit_memos() {
    let t = T::new();
    let o = t.block(t.m.order(&OrderRef::parse("1001").unwrap())).unwrap();
    assert_eq!(o.refunds.len(), 1);
    assert_eq!(o.refunds[0].note.as_deref(), Some("Damaged in transit"));
    assert_eq!(o.refunds[0].amount, o.totals.refunded);
    assert_eq!(o.refunds[0].lines.len(), 1);
    assert_eq!(o.refunds[0].lines[0].quantity, 1);
    // The quote knows the refunded unit is gone.
    let q = t.block(t.m.refund_quote(&OrderRef::parse("1001").unwrap(), &RefundSpec::default())).unwrap();
    assert_eq!(q.total, q.refundable);
    assert_eq!(q.refundable.amount, o.totals.total.amount - o.totals.refunded.amount);
}

#[test]
fn the_emulator_answers_like_magento() {
    let t = T::new();
    let o = t.pick("braintree", 4);
    let id = o["entity_id"].as_u64().unwrap();
    let item = o["items"][0]["item_id"].as_u64().unwrap();
    // Over-refund: 400, Magento's message and a formatted price.
    let (s, b) = t.post(
        &format!("order/{id}/refund"),
        json!({"items": [{"order_item_id": item, "qty": 0}], "arguments": {"shipping_amount": 0, "adjustment_positive": 100000}}),
    );
    assert_eq!(s, 400);
    assert_eq!(b["message"], "The most money available to refund is %1.");
    assert!(b["parameters"][0].as_str().unwrap().starts_with('$') || b["parameters"][0].is_string());
    // A quantity beyond what is left, an unknown item.
    let (s, b) =
        t.post(&format!("order/{id}/refund"), json!({"items": [{"order_item_id": item, "qty": 99}]}));
    assert_eq!(s, 400);
    assert!(b["message"].as_str().unwrap().starts_with("Creditmemo Document Validation Error(s):"), "{b}");
    let (s, _) =
        t.post(&format!("order/{id}/refund"), json!({"items": [{"order_item_id": 999_999, "qty": 1}]}));
    assert_eq!(s, 400);
    let (s, _) = t.post("order/999999/refund", json!({}));
    assert_eq!(s, 404);
    // Shipping beyond what is left.
    let (s, b) = t.post(&format!("order/{id}/refund"), json!({"arguments": {"shipping_amount": 100000}}));
    assert_eq!(s, 400);
    assert_eq!(b["message"], "Maximum shipping amount allowed to refund is: %1");
    assert!(t.memos_of(id).is_empty(), "refused requests change nothing");
    // Magento's defaults: no items and no shipping_amount refund everything.
    let (s, mid) = t.post(
        &format!("order/{id}/refund"),
        json!({"comment": {"comment": "all", "is_visible_on_front": 0}}),
    );
    assert_eq!(s, 200, "{mid}");
    assert!(mid.is_u64());
    let oj = t.order_json(id);
    assert_eq!(oj["state"], "closed");
    assert_eq!(dec(&oj["total_refunded"]), dec(&oj["total_paid"]));
    let memo = t.get(&format!("creditmemo/{mid}"));
    assert_eq!(memo["comments"][0]["comment"], "all");
    assert_eq!(dec(&memo["shipping_amount"]), dec(&o["shipping_amount"]));
    let comments = t.get(&format!("creditmemo/{mid}/comments"));
    assert_eq!(comments["total_count"], 1);
    // A closed order takes no more memos.
    let (s, b) = t.post(&format!("order/{id}/refund"), json!({"arguments": {"adjustment_positive": 1}}));
    assert_eq!(s, 400);
    assert!(b["message"].as_str().unwrap().contains("does not allow a creditmemo"), "{b}");
    // Online against a check payment's invoice is refused.
    let c = t.pick("checkmo", 0);
    let cid = c["entity_id"].as_u64().unwrap();
    let inv = t.get(&format!(
        "invoices?searchCriteria[filterGroups][0][filters][0][field]=order_id&searchCriteria[filterGroups][0][filters][0][value]={cid}"
    ));
    let iid = inv["items"][0]["entity_id"].as_u64().unwrap();
    let (s, b) = t.post(&format!("invoice/{iid}/refund"), json!({"isOnline": true}));
    assert_eq!(s, 400);
    assert_eq!(b["message"], "The refund action is not available.");
}

/// Queue a fault on the refund POST only.
fn fault(t: &T, f: Value) {
    let mut f = f;
    f["method"] = json!("POST");
    f["path"] = json!("/refund");
    t.h.control(f);
}

#[test]
fn a_dropped_answer_is_found_by_its_marker_and_not_resent() {
    let t = T::new();
    let o = t.pick("braintree", 0);
    let id = o["entity_id"].as_u64().unwrap();
    let r = number_ref(&o);
    let spec = one_item(&o, 1, ShippingPick::None);
    let q = t.block(t.m.refund_quote(&r, &spec)).unwrap();
    fault(&t, json!({"drop_after_commit": true}));
    let e = t.block(t.m.refund_create(&q, &spec, "k-drop")).unwrap_err();
    assert!(e.exit_code() != 0, "{e:?}");
    assert_eq!(t.posts().len(), 1, "a credit memo POST is never retried");
    assert_eq!(t.memos_of(id).len(), 1, "it landed");
    assert!(t.block(t.m.find_refund(&r, "k-drop")).unwrap().is_some());
}

#[test]
fn a_reset_or_503_is_not_retried_and_leaves_nothing() {
    for f in [json!({"reset": true}), json!({"status": 503})] {
        let t = T::new();
        let o = t.pick("braintree", 0);
        let id = o["entity_id"].as_u64().unwrap();
        let r = number_ref(&o);
        let spec = one_item(&o, 1, ShippingPick::None);
        let q = t.block(t.m.refund_quote(&r, &spec)).unwrap();
        fault(&t, f.clone());
        assert!(t.block(t.m.refund_create(&q, &spec, "k-x")).is_err(), "{f}");
        assert_eq!(t.posts().len(), 1, "{f}: not resent");
        assert!(t.memos_of(id).is_empty());
        assert!(t.block(t.m.find_refund(&r, "k-x")).unwrap().is_none());
    }
}

#[test]
fn a_429_is_retried_once_and_makes_one_memo() {
    let t = T::new();
    let o = t.pick("braintree", 0);
    let id = o["entity_id"].as_u64().unwrap();
    let spec = one_item(&o, 1, ShippingPick::None);
    let q = t.block(t.m.refund_quote(&number_ref(&o), &spec)).unwrap();
    fault(&t, json!({"status": 429, "retry_after": 0.05}));
    t.block(t.m.refund_create(&q, &spec, "k-429")).unwrap();
    assert_eq!(t.posts().len(), 2, "the 429 was not processed, so it is sent again");
    assert_eq!(t.memos_of(id).len(), 1);
}

// ---- the `refund` command: the built binary against the sandbox ------------------------------

/// A profile with the sandbox's Magento store as `main` (admin token in the environment).
fn cli_env(t: &T) -> support::Env {
    let env = support::Env::new();
    env.write_config(&format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n[profiles.default.stores.main]\nplatform = \"magento\"\nurl = \"{}\"\nauth = \"token\"\n",
        t.h.sb().magento_store_url()
    ));
    env
}

fn cli(env: &support::Env, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::MAGENTO_ADMIN_TOKEN)
        .args(args)
        .output()
        .unwrap()
}

fn ok_json(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), support::stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", support::stdout(o)))
}

fn sku_arg(o: &Value, qty: u32) -> String {
    format!("{}:{qty}", o["items"][0]["sku"].as_str().unwrap())
}

#[test]
fn cli_partial_refund_of_one_line_plus_shipping() {
    let t = T::new();
    let env = cli_env(&t);
    let o = t.pick("braintree", 0);
    let n = o["increment_id"].as_str().unwrap();
    let item = sku_arg(&o, 1);
    let out = cli(&env, &["refund", n, "--item", &item, "--shipping", "--reason", "Damaged", "--yes"]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    let err = support::stderr(&out);
    assert!(
        err.contains("Refund quote") && err.contains("braintree (back to the customer's payment)"),
        "{err}"
    );
    assert!(support::stdout(&out).starts_with("Refunded "), "{}", support::stdout(&out));
    let posts = t.posts();
    assert_eq!(posts.len(), 1);
    assert!(posts[0].contains("/V1/invoice/"), "online: {posts:?}");

    let got = ok_json(&cli(&env, &["--json", "order", "get", n]));
    assert_eq!(got["financial_status"], "partially_refunded");
    let refunds = got["refunds"].as_array().unwrap();
    assert_eq!(refunds.len(), 1);
    assert!(refunds[0]["note"].as_str().unwrap().starts_with("Damaged [shopdesk "), "{}", refunds[0]);
    assert_eq!(refunds[0]["amount"], got["totals"]["refunded"]);
    let expected = dec(&o["items"][0]["price"]) + dec(&o["shipping_amount"]);
    assert!(
        refunds[0]["amount"]["amount"].as_str().unwrap().parse::<Decimal>().unwrap()
            > expected - Decimal::ONE
    );
    assert_eq!(refunds[0]["lines"][0]["quantity"], 1);
    // The table view lists it too.
    let table = cli(&env, &["order", "get", n]);
    assert!(support::stdout(&table).contains("Refunds"), "{}", support::stdout(&table));
}

#[test]
fn cli_full_refund_after_refused_over_refunds() {
    let t = T::new();
    let env = cli_env(&t);
    let o = t.pick("braintree", 1);
    let n = o["increment_id"].as_str().unwrap();
    let too_many = sku_arg(&o, o["items"][0]["qty_ordered"].as_u64().unwrap() as u32 + 1);
    let ship = format!("{}", dec(&o["shipping_amount"]) + Decimal::ONE);
    let amount = format!("{}", dec(&o["total_paid"]) + Decimal::ONE);
    for args in [
        vec!["refund", n, "--item", &too_many, "--yes"],
        vec!["refund", n, "--shipping", &ship, "--yes"],
        vec!["refund", n, "--amount", &amount, "--yes"],
        vec!["refund", n, "--item", "NO-SUCH-SKU", "--yes"],
    ] {
        let out = cli(&env, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", support::stderr(&out));
    }
    assert!(t.posts().is_empty(), "nothing was POSTed: {:?}", t.posts());
    let out = ok_json(&cli(&env, &["--json", "refund", n, "--yes"]));
    assert_eq!(out["status"], "refunded");
    assert_eq!(out["quote"]["total"], out["quote"]["refundable"]);
    let got = ok_json(&cli(&env, &["--json", "order", "get", n]));
    assert_eq!(got["financial_status"], "refunded");
    assert_eq!(got["totals"]["refunded"], got["totals"]["total"]);
    assert_eq!(t.order_json(o["entity_id"].as_u64().unwrap())["state"], "closed");
    // Nothing is left: a further refund is refused before anything is sent.
    let again = cli(&env, &["refund", n, "--amount", "1", "--yes"]);
    assert_ne!(again.status.code(), Some(0));
    assert_eq!(t.posts().len(), 1);
}

#[test]
fn cli_dry_run_and_no_tty_send_nothing() {
    let t = T::new();
    let env = cli_env(&t);
    let o = t.pick("braintree", 0);
    let n = o["increment_id"].as_str().unwrap();
    let item = sku_arg(&o, 1);
    let out = cli(&env, &["refund", n, "--item", &item, "--dry-run"]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    assert!(support::stdout(&out).contains("Dry run"), "{}", support::stdout(&out));
    let out = cli(&env, &["refund", n, "--item", &item]);
    assert_eq!(out.status.code(), Some(2), "{}", support::stderr(&out));
    assert!(support::stderr(&out).contains("--yes"));
    assert!(t.posts().is_empty(), "{:?}", t.posts());
    assert!(t.memos_of(o["entity_id"].as_u64().unwrap()).is_empty());
}

#[test]
fn cli_online_offline_and_record_only() {
    let t = T::new();
    let env = cli_env(&t);
    let card = t.pick("braintree", 0);
    let check = t.pick("checkmo", 0);
    let recorded = t.pick("braintree", 1);
    let item = sku_arg(&card, 1);
    ok_json(&cli(
        &env,
        &["--json", "refund", card["increment_id"].as_str().unwrap(), "--item", &item, "--yes"],
    ));
    let out = ok_json(&cli(&env, &["--json", "refund", check["increment_id"].as_str().unwrap(), "--yes"]));
    assert_eq!(out["quote"]["online"], false);
    assert_eq!(out["quote"]["gateway"], "checkmo");
    let item = sku_arg(&recorded, 1);
    let out = ok_json(&cli(
        &env,
        &[
            "--json",
            "refund",
            recorded["increment_id"].as_str().unwrap(),
            "--item",
            &item,
            "--record-only",
            "--yes",
        ],
    ));
    assert_eq!(out["quote"]["online"], false);
    let p = |o: &Value| o["entity_id"].as_u64().unwrap();
    let invoice = t.get(&format!(
        "invoices?searchCriteria[filterGroups][0][filters][0][field]=order_id&searchCriteria[filterGroups][0][filters][0][value]={}",
        p(&card)
    ));
    let base = "/magento/demo-magento/rest/default/V1";
    assert_eq!(
        t.posts(),
        vec![
            format!("{base}/invoice/{}/refund", invoice["items"][0]["entity_id"]),
            format!("{base}/order/{}/refund", p(&check)),
            format!("{base}/order/{}/refund", p(&recorded)),
        ]
    );
    assert!(t.memos_of(p(&recorded))[0].get("transaction_id").is_none());
}

#[test]
fn cli_faults_on_the_refund_post_end_with_exactly_one_credit_memo() {
    for f in [
        json!({"status": 429, "retry_after": 0.05}),
        json!({"status": 503}),
        json!({"reset": true}),
        json!({"drop_after_commit": true}),
    ] {
        let t = T::new();
        let env = cli_env(&t);
        let o = t.pick("braintree", 0);
        let id = o["entity_id"].as_u64().unwrap();
        let n = o["increment_id"].as_str().unwrap();
        let item = sku_arg(&o, 1);
        let args = ["refund", n, "--item", &item, "--reason", "Damaged", "--yes"];
        fault(&t, f.clone());
        let first = cli(&env, &args);
        let landed = t.memos_of(id).len();
        // A 429 was not processed and is sent again; a dropped answer is found by its marker.
        let survives = f.get("status") == Some(&json!(429)) || f.get("drop_after_commit").is_some();
        assert_eq!(first.status.success(), survives, "{f}: {}", support::stderr(&first));
        match first.status.code() {
            Some(0) => assert_eq!(landed, 1, "{f}: success means one memo"),
            _ => {
                // The answer said nothing landed (503, reset): nothing did, and the rerun is safe.
                assert_eq!(landed, 0, "{f}");
                assert!(
                    support::stderr(&first).contains("run the same command again"),
                    "{f}: {}",
                    support::stderr(&first)
                );
                let second = cli(&env, &args);
                assert!(second.status.success(), "{f}: {}", support::stderr(&second));
                assert_eq!(t.memos_of(id).len(), 1, "{f}");
            }
        }
        let rerun = cli(&env, &args);
        assert!(rerun.status.success(), "{f}: {}", support::stderr(&rerun));
        assert!(support::stdout(&rerun).starts_with("Already refunded"), "{f}: {}", support::stdout(&rerun));
        assert_eq!(t.memos_of(id).len(), 1, "{f}: exactly one credit memo");
        let got = ok_json(&cli(&env, &["--json", "order", "get", n]));
        assert_eq!(got["refunds"].as_array().unwrap().len(), 1, "{f}");
    }
}
