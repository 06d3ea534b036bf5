//! `customer get EMAIL` (the merged view) and `customer sync`, through the binary against the
//! in-process sandbox over loopback.

mod support;

use serde_json::Value;
use support::{Host, sandbox_profile, stderr, stdout};

fn run(host: &Host, extra: &str, args: &[&str]) -> std::process::Output {
    let (env, secrets) = sandbox_profile(host, extra);
    env.cmd().envs(secrets).args(args).output().unwrap()
}

#[test]
fn the_merged_view_has_every_store_orders_payments_and_open_shipments() {
    let host = Host::default();
    let o = run(&host, "", &["customer", "get", "jane@example.com", "--orders", "12", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["email"], "jane@example.com");
    assert_eq!(v["failures"].as_array().unwrap().len(), 0, "{v}");
    // Jane is customer 0 of all four demo stores.
    let mut stores: Vec<&str> =
        v["customers"].as_array().unwrap().iter().map(|c| c["source"]["store"].as_str().unwrap()).collect();
    stores.sort();
    assert_eq!(stores, ["bigcommerce", "magento", "shopify", "woocommerce"]);
    // 12 orders, newest first, from more than one store, all hers.
    let orders = v["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 12);
    let dates: Vec<&str> = orders.iter().map(|o| o["created_at"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(
        orders.iter().all(|o| o["email"].as_str().is_none_or(|e| e.eq_ignore_ascii_case("jane@example.com")))
    );
    // Payments: Stripe intents found by order number, each matching one of her Shopify orders'
    // number and total (Woo/BigCommerce #1215 exist too, with other totals: not matched).
    let payments = v["payments"].as_array().unwrap();
    assert!(!payments.is_empty(), "{v}");
    for p in payments {
        let n = p["order_ref"].as_str().unwrap();
        assert!(
            orders.iter().any(|o| o["source"]["store"] == "shopify"
                && o["number"].as_str().unwrap().trim_start_matches('#') == n
                && o["total"] == p["amount"]),
            "payment {p} matches no Shopify order"
        );
    }
    // Shipments still on their way, as the carriers report them (never delivered ones).
    let shipments = v["shipments"].as_array().unwrap();
    assert!(!shipments.is_empty(), "{v}");
    assert!(shipments.iter().all(|s| s["shipment"]["status"] != "delivered" && s["number"].is_string()));
}

#[test]
fn a_failing_source_is_named_and_the_rest_still_shown() {
    let host = Host::default();
    let (env, mut secrets) = sandbox_profile(&host, "");
    for (k, v) in secrets.iter_mut() {
        if k == "SHOPDESK_DEFAULT_WOOCOMMERCE_CONSUMER_SECRET"
            || k.starts_with("SHOPDESK_DEFAULT_WOOCOMMERCE_")
        {
            *v = "wrong".into();
        }
    }
    let o = env.cmd().envs(secrets).args(["customer", "get", "jane@example.com", "--json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let failures = v["failures"].as_array().unwrap();
    assert!(failures.iter().any(|f| f["source"] == "store woocommerce"), "{v}");
    assert!(stderr(&o).contains("store woocommerce failed"));
    assert_eq!(v["customers"].as_array().unwrap().len(), 3, "the other stores are still shown");
    assert!(!stderr(&o).contains("wrong"), "no secret in the error text");
}

#[test]
fn an_unknown_email_is_not_found_and_a_bad_one_is_a_usage_error() {
    let host = Host::default();
    let o = run(&host, "", &["customer", "get", "nobody@nowhere.example"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = run(&host, "", &["customer", "get", "not an email"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = run(&host, "", &["customer", "sync", "jane@example.com", "--to", "nocrm", "--yes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no CRM `nocrm`"), "{}", stderr(&o));
}
