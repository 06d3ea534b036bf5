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

#[test]
fn the_merged_view_shows_the_contact_in_every_crm() {
    let host = Host::default();
    let o = run(&host, "", &["customer", "get", "jane@example.com", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut kinds: Vec<&str> =
        v["crm"].as_array().unwrap().iter().map(|c| c["source"]["kind"].as_str().unwrap()).collect();
    kinds.sort();
    assert_eq!(kinds, ["hubspot", "salesforce"], "{v}");
    assert!(v["crm"].as_array().unwrap().iter().all(|c| c["email"] == "jane@example.com"));
    // The table names each section.
    let t = run(&host, "", &["customer", "get", "jane@example.com", "--orders", "12"]);
    let text = stdout(&t);
    for section in ["Store customers", "Recent orders", "Payments", "Open shipments", "CRM"] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
}

/// The HubSpot contact with this email, as the emulator stores it.
fn hubspot_contact(host: &Host, email: &str) -> Option<Value> {
    let all = host.get_json("/_sandbox/hubspot/contacts");
    let list = all.as_array().cloned().or_else(|| all["results"].as_array().cloned()).unwrap_or_default();
    list.into_iter().find(|c| c["properties"]["email"] == email)
}

#[test]
fn sync_plans_confirms_writes_and_audits() {
    let host = Host::default();
    let (env, secrets) = sandbox_profile(&host, "");
    let cmd = || {
        let mut c = env.cmd();
        c.envs(secrets.clone());
        c
    };
    let before = hubspot_contact(&host, "jane@example.com").expect("Jane is seeded in HubSpot");
    // Off a terminal without --yes: refused, nothing written.
    let o = cmd().args(["customer", "sync", "jane@example.com", "--to", "hubspot"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("Plan: update the contact jane@example.com in hubspot"), "{}", stderr(&o));
    // --dry-run: the plan as JSON, nothing written.
    let o = cmd()
        .args(["customer", "sync", "jane@example.com", "--to", "hubspot", "--dry-run", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let plan: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(plan["action"], "update");
    assert_eq!(plan["contact"]["orders_count"], 48, "12 orders in each of the four stores: {plan}");
    assert_eq!(hubspot_contact(&host, "jane@example.com").unwrap(), before, "a dry run writes nothing");
    // --yes: written, as the plan said.
    let o = cmd()
        .args(["customer", "sync", "jane@example.com", "--to", "hubspot", "--yes", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let done: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(done["action"], "updated");
    let after = hubspot_contact(&host, "jane@example.com").unwrap();
    assert_eq!(after["properties"]["shopdesk_orders_count"], "48");
    let total = plan["contact"]["total_spent"]["amount"].as_str().unwrap();
    assert_eq!(
        after["properties"]["shopdesk_total_spent"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap(),
        total.parse::<rust_decimal::Decimal>().unwrap()
    );
    // Again: nothing differs, nothing changes.
    let o = cmd()
        .args(["customer", "sync", "jane@example.com", "--to", "hubspot", "--yes", "--json"])
        .output()
        .unwrap();
    let again: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(again["action"], "unchanged", "{again}");
    // The audit log has both writes.
    let o = cmd().args(["audit", "list", "--json"]).output().unwrap();
    let audit: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let syncs: Vec<&Value> =
        audit.as_array().unwrap().iter().filter(|a| a["action"] == "customer.sync").collect();
    assert_eq!(syncs.len(), 2, "{audit}");
    assert!(syncs.iter().all(|a| a["service"] == "hubspot" && a["target"] == "jane@example.com"));
}

#[test]
fn sync_creates_a_missing_salesforce_contact_by_its_external_id() {
    let host = Host::default();
    // A Shopify customer the Salesforce org does not hold.
    let data = shopdesk::sandbox::seed::Store::Shopify.data(0, shopdesk::sandbox::seed::DEFAULT_ORDERS);
    let held: Vec<String> = host
        .sb()
        .salesforce_contacts()
        .iter()
        .filter_map(|c| c["Email"].as_str().map(str::to_string))
        .collect();
    let who = data
        .customers
        .iter()
        .enumerate()
        .find(|(i, c)| !held.contains(&c.email) && data.customer_orders(*i).next().is_some())
        .map(|(_, c)| c.email.clone())
        .expect("a customer with orders outside Salesforce");
    let (env, secrets) = sandbox_profile(&host, "");
    let o = env
        .cmd()
        .envs(secrets)
        .args(["--store", "shopify", "customer", "sync", &who, "--to", "salesforce", "--yes", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let done: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(done["action"], "created", "{done}");
    let contacts = host.sb().salesforce_contacts();
    let c = contacts.iter().find(|c| c["Email"] == who.as_str()).expect("the contact exists now");
    assert_eq!(c["Shopdesk_Email__c"], who.as_str());
    let orders =
        data.customers.iter().position(|c| c.email == who).map(|i| data.customer_orders(i).count()).unwrap();
    assert_eq!(
        c["Shopdesk_Orders__c"]
            .as_f64()
            .map(|f| f as usize)
            .or_else(|| c["Shopdesk_Orders__c"].as_str().and_then(|s| s.parse().ok())),
        Some(orders),
        "{c}"
    );
}
