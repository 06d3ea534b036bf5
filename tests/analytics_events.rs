//! Support-action events end to end: a command queues them (never sending on its own path), a
//! detached flush delivers them to the Mixpanel and GA4 emulators, `analytics flush | status`
//! handle a service that is down, and `analytics report | send --validate` — through the binary
//! against the in-process sandbox over loopback.

mod support;

use serde_json::Value;
use std::time::{Duration, Instant};
use support::{Host, sandbox_profile, stderr, stdout};

/// Wait (bounded) until the control route lists an event satisfying `f`. Not a timing
/// assertion: the background flush is a separate process, so the test polls for its effect.
fn wait_for(host: &Host, path: &str, f: impl Fn(&Value) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let all = host.get_json(path).as_array().cloned().unwrap_or_default();
        if all.iter().any(&f) || Instant::now() > deadline {
            return all;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

const TRACK: &str = "[profiles.default.analytics]\ntrack_actions = true\n";

#[test]
fn an_order_lookup_lands_in_mixpanel_and_ga4_without_pii() {
    let host = Host::default();
    let (env, secrets) = sandbox_profile(&host, TRACK);
    let o = env.cmd().envs(secrets).args(["order", "get", "1001", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let mp = wait_for(&host, "/_sandbox/mixpanel/events", |e| e["event"] == "order_lookup");
    let e =
        mp.iter().find(|e| e["event"] == "order_lookup").unwrap_or_else(|| panic!("not in Mixpanel: {mp:?}"));
    let p = &e["properties"];
    assert_eq!(p["store"], "shopify");
    assert_eq!(p["order"], "#1001");
    assert!(p["$insert_id"].is_string() && p["distinct_id"].is_string() && p["total"].is_string(), "{e}");
    assert!(p.get("customer_email").is_none() && p.get("customer_name").is_none(), "no PII by default: {e}");
    let ga = wait_for(&host, "/_sandbox/ga4/events", |e| e["name"] == "order_lookup");
    let g = ga.iter().find(|e| e["name"] == "order_lookup").unwrap_or_else(|| panic!("not in GA4: {ga:?}"));
    assert_eq!(g["valid"], true, "{g}");
    // The queue is empty once the flush is done.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let o = env.cmd().args(["analytics", "status", "--json"]).output().unwrap();
        let backlog: Value = serde_json::from_str(&stdout(&o)).unwrap();
        if backlog.as_array().is_some_and(|b| b.is_empty()) || Instant::now() > deadline {
            assert_eq!(backlog, serde_json::json!([]));
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn pii_only_when_the_profile_allows_and_nothing_without_track_actions() {
    let host = Host::default();
    let (env, secrets) =
        sandbox_profile(&host, "[profiles.default.analytics]\ntrack_actions = true\ninclude_pii = true\n");
    let o = env.cmd().envs(secrets.clone()).args(["order", "get", "1001"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let mp = wait_for(&host, "/_sandbox/mixpanel/events", |e| e["event"] == "order_lookup");
    let e = mp.iter().find(|e| e["event"] == "order_lookup").expect("the event arrived");
    assert!(e["properties"]["customer_email"].as_str().is_some_and(|m| m.contains('@')), "{e}");

    // A profile that does not opt in queues nothing (SHOPDESK_TRACK_ACTIONS=0 overrides too).
    let quiet = Host::default();
    let (env, secrets) = sandbox_profile(&quiet, TRACK);
    let o = env
        .cmd()
        .envs(secrets)
        .env("SHOPDESK_TRACK_ACTIONS", "0")
        .args(["order", "get", "1001"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let o = env.cmd().args(["analytics", "status", "--json"]).output().unwrap();
    assert_eq!(serde_json::from_str::<Value>(&stdout(&o)).unwrap(), serde_json::json!([]));
    assert!(!quiet.requests().iter().any(|r| r.path.starts_with("/mixpanel") || r.path.starts_with("/ga4")));
}

#[test]
fn a_service_that_is_down_keeps_the_events_until_a_flush_gets_through() {
    let host = Host::default();
    // Mixpanel at a port nothing listens on; GA4 left out.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let (env, secrets) = sandbox_profile(&host, TRACK);
    let cfg_path = env.config_path();
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    let live = format!("{}/mixpanel", host.sb().base_url());
    let broken = cfg.replace(&format!("url = \"{live}\""), &format!("url = \"{dead_url}\""));
    assert_ne!(broken, cfg, "the Mixpanel url is in the profile");
    let without_ga4 = |c: &str| {
        let start = c.find("[profiles.default.analytics.ga4]").unwrap();
        let end = c[start + 1..].find("\n[").map(|i| start + 1 + i + 1).unwrap_or(c.len());
        format!("{}{}", &c[..start], &c[end..])
    };
    std::fs::write(&cfg_path, without_ga4(&broken)).unwrap();
    let cmd = || {
        let mut c = env.cmd();
        c.envs(secrets.clone());
        c
    };
    // The lookup itself succeeds; the event waits.
    let number = shopdesk::sandbox::tracking::parcels(
        0,
        shopdesk::sandbox::seed::DEFAULT_ORDERS,
        shopdesk::sandbox::tracking::Carrier::Ups,
    )[0]
    .number
    .clone();
    let o = cmd().args(["track", &number, "--carrier", "ups"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    // The command's own background flush fails first; wait until it has given the events back.
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let o = cmd().args(["analytics", "status", "--json"]).output().unwrap();
        let b: Value = serde_json::from_str(&stdout(&o)).unwrap();
        if b[0]["last_error"].is_string() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let o = cmd().args(["analytics", "flush", "--json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(8), "unreachable: {}", stderr(&o));
    assert!(stderr(&o).contains("stay queued"), "{}", stderr(&o));
    let o = cmd().args(["analytics", "status", "--json"]).output().unwrap();
    let backlog: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(backlog[0]["service"], "mixpanel", "{backlog}");
    assert!(backlog[0]["pending"].as_u64() >= Some(1));
    assert!(backlog[0]["last_error"].is_string());
    // Back up: the next flush delivers every waiting event once.
    std::fs::write(&cfg_path, without_ga4(&cfg)).unwrap();
    let o = cmd().args(["analytics", "flush", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report[0]["left"], 0, "{report}");
    let events = host.get_json("/_sandbox/mixpanel/events");
    let checks: Vec<&Value> =
        events.as_array().unwrap().iter().filter(|e| e["event"] == "tracking_check").collect();
    assert_eq!(checks.len(), report[0]["sent"].as_u64().unwrap() as usize, "{events}");
    assert!(
        checks
            .iter()
            .all(|e| e["properties"]["carrier"] == "ups" && e["properties"].get("tracking_number").is_none())
    );
}

#[test]
fn a_ga4_report_prints_and_validate_shows_the_messages() {
    let host = Host::default();
    let (env, secrets) = sandbox_profile(&host, "");
    let cmd = || {
        let mut c = env.cmd();
        c.envs(secrets.clone());
        c
    };
    let o = cmd()
        .args([
            "analytics",
            "report",
            "--metric",
            "transactions",
            "--metric",
            "purchaseRevenue",
            "--dimension",
            "date",
            "--since",
            "30daysAgo",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["dimensions"], serde_json::json!(["date"]));
    assert_eq!(r["metrics"], serde_json::json!(["transactions", "purchaseRevenue"]));
    let rows = r["rows"].as_array().unwrap();
    assert!(!rows.is_empty(), "{r}");
    assert!(rows.iter().all(|row| row[0].as_str().is_some_and(|d| d.len() == 8)
        && row[2].as_str().unwrap().parse::<rust_decimal::Decimal>().is_ok()));
    let table = cmd()
        .args([
            "analytics",
            "report",
            "--metric",
            "transactions",
            "--dimension",
            "date",
            "--since",
            "30daysAgo",
        ])
        .output()
        .unwrap();
    assert!(
        stdout(&table).contains("TRANSACTIONS") || stdout(&table).contains("transactions"),
        "{}",
        stdout(&table)
    );
    // An unknown metric: the Data API's 400, named.
    let o = cmd().args(["analytics", "report", "--metric", "nope", "--since", "7daysAgo"]).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nope"), "{}", stderr(&o));
    // Validation: a good event is valid, a reserved name gets GA4's message; nothing recorded.
    let o = cmd()
        .args(["analytics", "send", "support_check", "--to", "ga4", "--validate", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cmd()
        .args(["analytics", "send", "_bad name", "--to", "ga4", "--validate", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    let rows: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        rows.as_array().unwrap().iter().any(|r| r["result"].as_str().is_some_and(|c| c.starts_with("NAME_"))),
        "{rows}"
    );
    assert_eq!(host.get_json("/_sandbox/ga4/events"), serde_json::json!([]), "validation records nothing");
    // A one-off event to Mixpanel is imported.
    let o = cmd()
        .args(["analytics", "send", "shopdesk_test", "--prop", "check=1", "--to", "mixpanel"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let mp = host.get_json("/_sandbox/mixpanel/events");
    assert!(
        mp.as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "shopdesk_test" && e["properties"]["check"] == "1"),
        "{mp}"
    );
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let host = Host::default();
    let (env, secrets) = sandbox_profile(&host, "");
    let run = |args: &[&str]| env.cmd().envs(secrets.clone()).args(args).output().unwrap();
    let before = host.requests().len();
    let o = run(&["analytics", "send", "x", "--prop", "novalue", "--to", "mixpanel"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is not KEY=VALUE"), "{}", stderr(&o));
    let o = run(&["analytics", "flush", "--to", "nosuch"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no analytics service `nosuch`"), "{}", stderr(&o));
    let o = run(&["analytics", "report", "--metric", "transactions", "--to", "nosuch"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = run(&["analytics", "report"]);
    assert_eq!(o.status.code(), Some(2), "a metric is required: {}", stderr(&o));
    let o = run(&["customer", "sync", "not-an-email", "--to", "hubspot", "--yes"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = env.cmd().args(["sandbox", "serve", "--webhook-retry-scale", "2"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a factor"), "{}", stderr(&o));
    assert_eq!(host.requests().len(), before, "nothing was sent");
}
