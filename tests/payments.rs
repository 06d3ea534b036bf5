//! Payments end to end: the built binary against the Stripe emulator started in-process.
//!
//! Money safety checked here (DESIGN.md §7): the quote comes first, `--dry-run` and a refusal
//! off a terminal send no POST (the sandbox's request log proves it), and the idempotency key
//! makes a rerun, a 429 and a lost response each end in exactly one refund.

mod support;

use serde_json::{Value, json};
use shopdesk::sandbox::seed::{self, FinancialStatus};
use shopdesk::sandbox::{Options, demo, paypal, stripe};
use support::{Env, Host, stderr, stdout};

fn config(host: &Host) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 3\n[profiles.default.payments.stripe]\ngateway = \"stripe\"\nurl = \"{}\"\n[profiles.default.payments.pp]\ngateway = \"paypal\"\nurl = \"{}\"\nclient_id = \"{}\"\n",
        host.sb().stripe_url(),
        host.sb().paypal_url(),
        demo::PAYPAL_CLIENT_ID
    )
}

fn run(host: &Host, args: &[&str]) -> std::process::Output {
    run_key(host, demo::STRIPE_SECRET_KEY, args)
}

fn run_key(host: &Host, key: &str, args: &[&str]) -> std::process::Output {
    let env = Env::new();
    env.write_config(&config(host));
    env.cmd()
        .env("SHOPDESK_DEFAULT_STRIPE_SECRET_KEY", key)
        .env("SHOPDESK_DEFAULT_PP_CLIENT_SECRET", demo::PAYPAL_CLIENT_SECRET)
        .args(args)
        .output()
        .expect("binary runs")
}

fn json_out(o: &std::process::Output) -> Value {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// Paid orders without refunds whose payment is at Stripe (the default seed).
fn paid_orders() -> Vec<seed::Order> {
    paid(false)
}

fn paid(paypal: bool) -> Vec<seed::Order> {
    seed::generate(0, seed::DEFAULT_ORDERS)
        .orders
        .into_iter()
        .filter(|o| {
            (o.gateway == "paypal") == paypal
                && o.financial_status == FinancialStatus::Paid
                && o.refunds.is_empty()
        })
        .collect()
}

fn posts(host: &Host) -> usize {
    host.requests()
        .iter()
        .filter(|r| r.method == "POST" && (r.path.ends_with("/v1/refunds") || r.path.ends_with("/refund")))
        .count()
}

fn refunds_of(host: &Host, pi: &str) -> Vec<Value> {
    let v = json_out(&run(host, &["payment", "refunds", pi, "--json"]));
    v.as_array().unwrap().clone()
}

#[test]
fn get_shows_the_order_total_and_infers_stripe_from_the_id() {
    let host = Host::start(Options::default());
    let o = &paid_orders()[0];
    let pi = stripe::intent_id(o.number);
    let v = json_out(&run(&host, &["payment", "get", &pi, "--json"]));
    assert_eq!(v["id"], pi);
    assert_eq!(v["gateway"], "stripe");
    assert_eq!(v["kind"], "payment_intent");
    assert_eq!(v["amount"]["amount"], o.total().to_string());
    assert_eq!(v["amount"]["currency"], o.currency);
    assert_eq!(v["refundable"]["amount"], o.total().to_string());
    assert_eq!(v["order_ref"], o.number.to_string());
    assert_eq!(v["live"], false);
    // By charge id too, and exponent-0 / exponent-3 currencies.
    let c = json_out(&run(&host, &["payment", "get", &stripe::charge_id(o.number), "--json"]));
    assert_eq!(c["kind"], "charge");
    assert_eq!(c["amount"], v["amount"]);
    let jpy = json_out(&run(&host, &["payment", "get", &stripe::intent_id(stripe::JPY_INTENT), "--json"]));
    assert_eq!(jpy["amount"], json!({"amount": "1200", "currency": "JPY"}));
    let kwd = json_out(&run(&host, &["payment", "get", &stripe::intent_id(stripe::KWD_INTENT), "--json"]));
    assert_eq!(kwd["amount"], json!({"amount": "12.345", "currency": "KWD"}));
    // Not found, bad key, unknown id shape.
    let o = run(&host, &["payment", "get", "pi_3SbxNOPE"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = run_key(&host, "sk_test_wrong", &["payment", "get", &pi]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("Invalid API Key provided"), "{}", stderr(&o));
    let o = run(&host, &["payment", "get", "1001"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn partial_refund_then_the_payment_shows_it() {
    let host = Host::start(Options::default());
    let o = &paid_orders()[1];
    let pi = stripe::intent_id(o.number);
    let out = run(
        &host,
        &[
            "payment",
            "refund",
            &pi,
            "--amount",
            "5.00",
            "--reason",
            "requested_by_customer",
            "--yes",
            "--json",
        ],
    );
    let r = json_out(&out);
    assert!(stderr(&out).contains("5.00"), "the quote is shown first: {}", stderr(&out));
    assert_eq!(r["amount"]["amount"], "5.00");
    assert_eq!(r["payment_id"], pi);
    assert_eq!(r["reason"], "requested_by_customer");
    assert_eq!(r["order_ref"], o.number.to_string());
    assert_eq!(r["replayed"], false);
    let p = json_out(&run(&host, &["payment", "get", &pi, "--json"]));
    assert_eq!(p["refunded"]["amount"], "5.00");
    assert_eq!(p["status"], "partially_refunded");
    assert_eq!(posts(&host), 1);
    // More than is left: refused before anything is sent.
    let out = run(&host, &["payment", "refund", &pi, "--amount", "99999", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(posts(&host), 1);
    // KWD has three decimals, JPY none.
    let kwd = stripe::intent_id(stripe::KWD_INTENT);
    json_out(&run(&host, &["payment", "refund", &kwd, "--amount", "1.234", "--yes", "--json"]));
    let p = json_out(&run(&host, &["payment", "get", &kwd, "--json"]));
    assert_eq!(p["refunded"], json!({"amount": "1.234", "currency": "KWD"}));
    let out = run(
        &host,
        &["payment", "refund", &stripe::intent_id(stripe::JPY_INTENT), "--amount", "1.5", "--yes"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(posts(&host), 2);
}

#[test]
fn dry_run_and_off_tty_refusal_send_nothing() {
    let host = Host::start(Options::default());
    let pi = stripe::intent_id(paid_orders()[2].number);
    let q = json_out(&run(&host, &["payment", "refund", &pi, "--amount", "1.00", "--dry-run", "--json"]));
    assert_eq!(q["dry_run"], true);
    assert_eq!(q["amount"]["amount"], "1.00");
    assert_eq!(q["gateway"], "stripe");
    assert!(q["idempotency_key"].as_str().unwrap().starts_with("shopdesk-"));
    let out = run(&host, &["payment", "refund", &pi, "--amount", "1.00"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    let log = host.requests();
    assert!(log.iter().all(|r| r.method == "GET"), "only reads were sent: {log:?}");
    assert!(!log.is_empty());
    assert!(refunds_of(&host, &pi).is_empty());
}

#[test]
fn a_rerun_with_the_same_inputs_does_not_refund_twice() {
    let host = Host::start(Options::default());
    let pi = stripe::intent_id(paid_orders()[3].number);
    let args = ["payment", "refund", pi.as_str(), "--amount", "3.00", "--yes", "--json"];
    let first = json_out(&run(&host, &args));
    let second = json_out(&run(&host, &args));
    assert_eq!(first["id"], second["id"]);
    assert_eq!(second["replayed"], true);
    assert_eq!(refunds_of(&host, &pi).len(), 1);
    // The same key for a different refund is a conflict (exit 6).
    let k = ["--idempotency-key", "k-1", "--yes", "--json"];
    json_out(&run(&host, &[&["payment", "refund", pi.as_str(), "--amount", "1.00"][..], &k].concat()));
    let out = run(&host, &[&["payment", "refund", pi.as_str(), "--amount", "2.00"][..], &k].concat());
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert_eq!(refunds_of(&host, &pi).len(), 2);
}

#[test]
fn a_429_or_a_lost_response_still_ends_in_exactly_one_refund() {
    let host = Host::start(Options::default());
    let orders = paid_orders();
    // The queue is first in, first out: the GET takes the no-op, the refund POST the fault.
    for (i, fault) in [json!({"status": 429, "retry_after": 0.05}), json!({"drop_after_commit": true})]
        .into_iter()
        .enumerate()
    {
        let pi = stripe::intent_id(orders[4 + i].number);
        host.control(json!({"latency_ms": 0}));
        host.control(fault.clone());
        let r = json_out(&run(&host, &["payment", "refund", &pi, "--amount", "2.50", "--yes", "--json"]));
        assert_eq!(r["amount"]["amount"], "2.50", "{fault}");
        let refunds = refunds_of(&host, &pi);
        assert_eq!(refunds.len(), 1, "{fault}: {refunds:?}");
    }
    let faults: Vec<_> = host.requests().into_iter().filter_map(|r| r.fault).collect();
    assert!(
        faults.contains(&"429".to_string()) && faults.contains(&"drop-after-commit".to_string()),
        "{faults:?}"
    );
}

#[test]
fn the_built_in_sandbox_opens_stripe() {
    let env = Env::new();
    let pi = stripe::intent_id(paid_orders()[0].number);
    let o = env.cmd().args(["--sandbox", "payment", "get", &pi, "--json"]).output().unwrap();
    assert_eq!(json_out(&o)["gateway"], "stripe");
    let o = env.cmd().args(["--sandbox", "payment", "refund", &pi, "--dry-run"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Dry run"), "{}", stdout(&o));
    let cap = paypal::capture_id(paid(true)[0].number);
    let o = env.cmd().args(["--sandbox", "payment", "get", &cap, "--json"]).output().unwrap();
    assert_eq!(json_out(&o)["gateway"], "paypal");
}

// ---- PayPal -------------------------------------------------------------------------------------

#[test]
fn paypal_orders_and_captures_by_id() {
    let host = Host::start(Options::default());
    let o = &paid(true)[0];
    let cap = json_out(&run(&host, &["payment", "get", &paypal::capture_id(o.number), "--json"]));
    assert_eq!(cap["gateway"], "pp", "inferred from the id shape: the profile's PayPal gateway");
    assert_eq!(cap["kind"], "paypal_capture");
    assert_eq!(cap["amount"]["amount"], format!("{:.2}", o.total()));
    assert_eq!(cap["amount"]["currency"], o.currency);
    assert_eq!(cap["order_ref"], o.number.to_string());
    let ord = json_out(&run(
        &host,
        &["payment", "get", &paypal::order_id(o.number), "--gateway", "paypal", "--json"],
    ));
    assert_eq!(ord["kind"], "paypal_order");
    assert_eq!(ord["refund_target"], paypal::capture_id(o.number));
    assert_eq!(ord["refundable"], cap["refundable"]);
    let out = run(&host, &["payment", "get", "AAAAAAAAAAAAAAAAA"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let tokens = host.requests().iter().filter(|r| r.path.ends_with("/v1/oauth2/token")).count();
    assert_eq!(tokens, 3, "one token per process, reused within it");
}

#[test]
fn paypal_refund_is_quoted_confirmed_and_not_repeated() {
    let host = Host::start(Options::default());
    let orders = paid(true);
    let cap = paypal::capture_id(orders[0].number);
    // Dry run and the off-terminal refusal send nothing.
    let q = json_out(&run(&host, &["payment", "refund", &cap, "--amount", "4.00", "--dry-run", "--json"]));
    assert_eq!(q["gateway"], "pp");
    let out = run(&host, &["payment", "refund", &cap, "--amount", "4.00"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(posts(&host), 0);
    // A refund, then the same command again: PayPal-Request-Id replays it.
    let args =
        ["payment", "refund", cap.as_str(), "--amount", "4.00", "--reason", "duplicate", "--yes", "--json"];
    let first = json_out(&run(&host, &args));
    assert_eq!(first["amount"]["amount"], "4.00");
    assert_eq!(first["replayed"], false);
    let second = json_out(&run(&host, &args));
    assert_eq!(second["id"], first["id"]);
    assert_eq!(second["replayed"], true);
    let refunds = json_out(&run(&host, &["payment", "refunds", &cap, "--json"]));
    assert_eq!(refunds.as_array().unwrap().len(), 1, "{refunds}");
    let p = json_out(&run(&host, &["payment", "get", &cap, "--json"]));
    assert_eq!(p["refunded"]["amount"], "4.00");
    assert_eq!(p["status"], "partially_refunded");
    // Over the rest: refused before sending.
    let out = run(&host, &["payment", "refund", &cap, "--amount", "100000", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(posts(&host), 2);
    // A 429 on the refund POST (token, capture, order go first), then success: one refund.
    let cap2 = paypal::capture_id(orders[1].number);
    for _ in 0..3 {
        host.control(json!({"latency_ms": 0}));
    }
    host.control(json!({"status": 429, "retry_after": 0.05}));
    json_out(&run(&host, &["payment", "refund", &cap2, "--amount", "1.00", "--yes", "--json"]));
    let refunds = json_out(&run(&host, &["payment", "refunds", &cap2, "--json"]));
    assert_eq!(refunds.as_array().unwrap().len(), 1, "{refunds}");
    assert!(host.requests().iter().any(|r| r.fault.as_deref() == Some("429") && r.path.ends_with("/refund")));
}

#[test]
fn paypal_token_is_renewed_after_a_401() {
    use shopdesk::adapters::payments::{self, Gateway};
    use shopdesk::transport::{Client, Settings, log::Logger};
    let host = Host::start(Options::default());
    let info = payments::info("paypal").unwrap();
    let cfg = shopdesk::config::GatewayConfig {
        gateway: "paypal".into(),
        url: Some(host.sb().paypal_url().parse().unwrap()),
        client_id: Some(demo::PAYPAL_CLIENT_ID.into()),
        ..Default::default()
    };
    let mut secrets = std::collections::HashMap::new();
    secrets.insert("client_secret", shopdesk::secret::Secret::new(demo::PAYPAL_CLIENT_SECRET));
    let auth = (info.auth)("pp", &cfg, &secrets).unwrap();
    let client = Client::new(
        "pp (paypal)".into(),
        info.base_url(&cfg).unwrap(),
        auth,
        info.hooks,
        Settings::default(),
        std::sync::Arc::new(Logger::quiet()),
    )
    .unwrap();
    let gw = (info.build)(Gateway { name: "pp".into(), config: cfg, client, live: false });
    let cap = paypal::capture_id(paid(true)[0].number);
    host.rt.block_on(async {
        gw.payment(&cap).await.unwrap();
        host.sb().expire_paypal_tokens();
        let p = gw.payment(&cap).await.unwrap();
        assert_eq!(p.id, cap);
    });
    let log = host.requests();
    assert_eq!(log.iter().filter(|r| r.path.ends_with("/v1/oauth2/token")).count(), 2, "{log:?}");
    assert_eq!(log.iter().filter(|r| r.status == Some(401)).count(), 1, "{log:?}");
}

// ---- journal and audit log ----------------------------------------------------------------------

fn run_in(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("SHOPDESK_DEFAULT_STRIPE_SECRET_KEY", demo::STRIPE_SECRET_KEY)
        .env("SHOPDESK_DEFAULT_PP_CLIENT_SECRET", demo::PAYPAL_CLIENT_SECRET)
        .args(args)
        .output()
        .expect("binary runs")
}

#[test]
fn the_journal_reconciles_a_rerun_without_sending_and_audits_it() {
    let host = Host::start(Options::default());
    let env = Env::new();
    env.write_config(&config(&host));
    let pi = stripe::intent_id(paid_orders()[6].number);
    let args = ["payment", "refund", pi.as_str(), "--amount", "7.00", "--yes", "--json"];
    let first = json_out(&run_in(&env, &args));
    let posts_after_first = posts(&host);
    let second = json_out(&run_in(&env, &args));
    assert_eq!(second["id"], first["id"]);
    assert_eq!(second["replayed"], true);
    assert_eq!(posts(&host), posts_after_first, "the rerun sent no refund request at all");
    let audit = json_out(&run_in(&env, &["audit", "list", "--json"]));
    let results: Vec<&str> =
        audit.as_array().unwrap().iter().map(|a| a["result"].as_str().unwrap()).collect();
    assert_eq!(results, ["done", "reconciled"]);
    assert_eq!(audit[0]["amount"], "7.00");
    assert_eq!(audit[0]["currency"], "USD");
    assert_eq!(audit[0]["vendor_ids"], first["id"]);
    assert_eq!(audit[0]["service"], "stripe");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode =
            std::fs::metadata(env.path().join("state").join("journal.sqlite3")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_lost_answer_stays_pending_and_the_rerun_finishes_it_once() {
    let host = Host::start(Options::default());
    let env = Env::new();
    env.write_config(&config(&host).replace("max_retries = 3", "max_retries = 0"));
    let pi = stripe::intent_id(paid_orders()[7].number);
    host.control(json!({"latency_ms": 0}));
    host.control(json!({"drop_after_commit": true}));
    let args = ["payment", "refund", pi.as_str(), "--amount", "2.00", "--yes", "--json"];
    let out = run_in(&env, &args);
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(stderr(&out).contains("run the same command again"), "{}", stderr(&out));
    let r = json_out(&run_in(&env, &args));
    assert_eq!(r["replayed"], true, "Stripe replayed the refund that had landed");
    assert_eq!(refunds_of(&host, &pi).len(), 1);
    let audit = json_out(&run_in(&env, &["audit", "list", "--json"]));
    let results: Vec<String> =
        audit.as_array().unwrap().iter().map(|a| a["result"].as_str().unwrap().to_string()).collect();
    assert!(results[0].starts_with("unknown:") && results[1] == "replayed", "{results:?}");
}

/// Every fault on the refund POST alone (the method/path filter leaves the reads alone), on
/// both gateways: the command ends with exactly one refund, retrying under the same
/// idempotency key where the answer was lost.
#[test]
fn each_fault_on_the_refund_post_ends_in_exactly_one_refund_on_both_gateways() {
    let host = Host::start(Options::default());
    let faults = [
        json!({"status": 429, "retry_after": 0.05}),
        json!({"status": 503, "retry_after": 0.05}),
        json!({"reset": true}),
        json!({"drop_after_commit": true}),
    ];
    let stripe_orders = paid_orders();
    let paypal_orders = paid(true);
    for (i, fault) in faults.iter().enumerate() {
        for (id, gateway, path) in [
            (stripe::intent_id(stripe_orders[10 + i].number), "stripe", "/v1/refunds"),
            (paypal::capture_id(paypal_orders[10 + i].number), "pp", "/refund"),
        ] {
            let mut f = fault.clone();
            f["method"] = json!("POST");
            f["path"] = json!(path);
            host.control(f);
            let out = run(
                &host,
                &["payment", "refund", &id, "--gateway", gateway, "--amount", "1.25", "--yes", "--json"],
            );
            let r = json_out(&out);
            assert_eq!(r["amount"]["amount"], "1.25", "{gateway} {fault}");
            let refunds = json_out(&run(&host, &["payment", "refunds", &id, "--gateway", gateway, "--json"]));
            assert_eq!(refunds.as_array().unwrap().len(), 1, "{gateway} {fault}: {refunds}");
            let hit = host
                .requests()
                .iter()
                .filter(|r| r.method == "POST" && r.path.ends_with(path) && r.fault.is_some())
                .count();
            assert!(hit >= 1, "{gateway} {fault}: the fault hit the refund POST");
        }
    }
    // A rerun of the last one is answered from the journal and the gateway: still one refund.
    let id = paypal::capture_id(paypal_orders[13].number);
    let out =
        run(&host, &["payment", "refund", &id, "--gateway", "pp", "--amount", "1.25", "--yes", "--json"]);
    assert_eq!(json_out(&out)["replayed"], true);
    let refunds = json_out(&run(&host, &["payment", "refunds", &id, "--gateway", "pp", "--json"]));
    assert_eq!(refunds.as_array().unwrap().len(), 1);
}

/// `test-connection --all` checks the gateways too: reachable and credentials accepted, with
/// a wrong key an auth failure (exit 4) naming the gateway.
#[test]
fn test_connection_all_checks_the_gateways() {
    let host = Host::start(Options::default());
    let o = run(&host, &["test-connection", "--all", "--json"]);
    let v = json_out(&o);
    let reports = v.as_array().unwrap();
    assert_eq!(reports.len(), 2, "{v}");
    for r in reports {
        assert_eq!(r["kind"], "gateway");
        assert_eq!(r["ok"], true, "{r}");
        assert!(r["checks"].as_array().unwrap().iter().any(|c| c["name"] == "auth" && c["ok"] == true));
    }
    assert!(
        reports.iter().any(|r| r["platform"] == "stripe")
            && reports.iter().any(|r| r["platform"] == "paypal")
    );
    let o = run_key(&host, "sk_test_wrong", &["test-connection", "--all"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("stripe"), "{}", stderr(&o));
}
