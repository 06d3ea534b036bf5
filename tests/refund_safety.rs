//! Money safety that does not depend on a store (DESIGN.md §7): policy (`require_reason`,
//! `max_refund`, `environment = "production"`), CSV validation before anything is sent, and the
//! audit export — through the real binary against the in-process sandbox, with the request log
//! proving that a refused command sent nothing.

mod support;

use serde_json::Value;
use shopdesk::sandbox::seed::{self, FinancialStatus};
use shopdesk::sandbox::{Options, demo, stripe};
use support::{Env, Host, stderr, stdout};

fn config(host: &Host, policy: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\n{policy}\n[profiles.default.stores.shop]\nplatform = \"shopify\"\nurl = \"{}\"\n[profiles.default.payments.stripe]\ngateway = \"stripe\"\nurl = \"{}\"\n",
        host.shopify_url(),
        host.sb().stripe_url(),
    )
}

fn run(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("SHOPDESK_DEFAULT_SHOP_ACCESS_TOKEN", demo::SHOPIFY_STATIC_TOKEN)
        .env("SHOPDESK_DEFAULT_STRIPE_SECRET_KEY", demo::STRIPE_SECRET_KEY)
        .args(args)
        .output()
        .expect("binary runs")
}

fn paid_intent(i: usize) -> (String, seed::Order) {
    let o = seed::generate(0, seed::DEFAULT_ORDERS)
        .orders
        .into_iter()
        .filter(|o| {
            o.gateway != "paypal" && o.financial_status == FinancialStatus::Paid && o.refunds.is_empty()
        })
        .nth(i)
        .unwrap();
    (stripe::intent_id(o.number), o)
}

fn sent(host: &Host) -> usize {
    host.requests().len()
}

#[test]
fn policy_refuses_before_anything_is_sent() {
    let host = Host::start(Options::default());
    let env = Env::new();
    env.write_config(&config(&host, "require_reason = true\nmax_refund = { USD = 10, EUR = 10, GBP = 10 }"));
    let (pi, _) = paid_intent(0);
    // No reason: refused for a payment, a store refund and a CSV row alike, before any request.
    let o = run(&env, &["payment", "refund", &pi, "--amount", "1", "--yes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("require_reason"), "{}", stderr(&o));
    let o = run(&env, &["refund", "1001", "--amount", "1", "--yes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("requires a reason"), "{}", stderr(&o));
    let csv = env.path().join("r.csv");
    std::fs::write(&csv, "order,amount\n1001,1\n").unwrap();
    let o = run(&env, &["refund", "--from-csv", csv.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2") && stderr(&o).contains("reason"), "{}", stderr(&o));
    assert_eq!(sent(&host), 0, "nothing may reach any vendor");
    // Over max_refund: the payment is read (to quote), no refund is posted.
    let o = run(&env, &["payment", "refund", &pi, "--amount", "10.01", "--reason", "duplicate", "--yes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("max_refund"), "{}", stderr(&o));
    assert!(host.requests().iter().all(|r| r.method == "GET"), "only reads were sent");
    // Within the limit it goes through.
    let o =
        run(&env, &["payment", "refund", &pi, "--amount", "10", "--reason", "duplicate", "--yes", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn production_profiles_need_live() {
    let host = Host::start(Options::default());
    let env = Env::new();
    env.write_config(&config(&host, "environment = \"production\""));
    let (pi, _) = paid_intent(1);
    let o = run(&env, &["payment", "refund", &pi, "--amount", "1", "--yes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("production") && stderr(&o).contains("--live"), "{}", stderr(&o));
    assert!(host.requests().iter().all(|r| r.method == "GET"));
    let o = run(&env, &["payment", "refund", &pi, "--amount", "1", "--yes", "--live", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn every_bad_csv_row_is_listed_and_nothing_is_sent() {
    let host = Host::start(Options::default());
    let env = Env::new();
    env.write_config(&config(&host, ""));
    let csv = env.path().join("bad.csv");
    std::fs::write(
        &csv,
        "order,store,amount,items,shipping,restock\n\
         1001,shop,5.00,,,\n\
         nope,shop,1,,,\n\
         1002,elsewhere,1,,,\n\
         1003,shop,-2,,,\n\
         1004,shop,,A:0,,\n\
         1005,shop,,,,maybe\n\
         1006,shop,1,X:1,,\n\
         1001,shop,5,,,\n",
    )
    .unwrap();
    let o = run(&env, &["refund", "--from-csv", csv.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("7 bad rows"), "{err}");
    for line in 3..=9 {
        assert!(err.contains(&format!("line {line}:")), "line {line} is named: {err}");
    }
    assert!(!err.contains("line 2:"), "the good row is not listed: {err}");
    assert!(
        err.contains("elsewhere") && err.contains("maybe") && err.contains("same refund as line 2"),
        "{err}"
    );
    assert_eq!(sent(&host), 0);
    // Unknown columns and a missing file are usage errors too.
    std::fs::write(&csv, "ordr,amount\n1001,1\n").unwrap();
    let o = run(&env, &["refund", "--from-csv", csv.to_str().unwrap(), "--yes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown column `ordr`"), "{}", stderr(&o));
    let o = run(&env, &["refund", "--from-csv", "/nonexistent/x.csv", "--yes"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(sent(&host), 0);
}

#[test]
fn audit_export_writes_every_field_to_a_private_file() {
    let host = Host::start(Options::default());
    let env = Env::new();
    env.write_config(&config(&host, ""));
    let (pi, order) = paid_intent(2);
    let o = run(
        &env,
        &["payment", "refund", &pi, "--amount", "2.50", "--reason", "duplicate", "--yes", "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let refund: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let file = env.path().join("audit.csv");
    let o = run(&env, &["audit", "export", "--since", "1d", "--output", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "at",
            "who",
            "profile",
            "service",
            "action",
            "target",
            "amount",
            "currency",
            "key",
            "vendor_ids",
            "result"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert_eq!(&rows[0][3], "stripe");
    assert_eq!(&rows[0][6], "2.50");
    assert_eq!(&rows[0][7], order.currency);
    assert_eq!(&rows[0][9], refund["id"].as_str().unwrap());
    assert_eq!(&rows[0][10], "done");
    // A range after the refund is empty; NDJSON to stdout has the same record.
    let o = run(&env, &["audit", "export", "--since", "2099-01-01", "--format", "csv"]);
    assert_eq!(stdout(&o).lines().count(), 1, "header only: {}", stdout(&o));
    let o = run(&env, &["audit", "export", "--format", "ndjson"]);
    let v: Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(v["vendor_ids"], refund["id"]);
    let o = run(&env, &["audit", "export", "--since", "2026-12-01", "--until", "2026-11-01"]);
    assert_eq!(o.status.code(), Some(2));
}
