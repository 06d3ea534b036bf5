//! Black-box tests: the real binary against the real sandbox over loopback, Shopify store.
//! Covers the foundation issue's commands and every bad input it lists.

mod support;

use serde_json::{Value, json};
use shopdesk::sandbox::{Options, ThrottleSpec, demo};
use std::time::Duration;
use support::{Env, Host, shopify_cmd, shopify_config, shopify_env, stderr, stdout};

#[test]
fn sandbox_flag_needs_no_setup() {
    let env = Env::new();
    let o = env.cmd().args(["--sandbox", "order", "get", "1001"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for want in ["Order #1001", "Jane Doe <jane@example.com>", "Items", "Shipments", "Refunds", "USD"] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}

#[test]
fn order_get_by_number_id_and_gid_agree() {
    let host = Host::default();
    let env = shopify_env(&host);
    let get = |r: &str| {
        let o = shopify_cmd(&env).args(["order", "get", r, "--json"]).output().unwrap();
        assert!(o.status.success(), "{r}: {}", stderr(&o));
        serde_json::from_slice::<Value>(&o.stdout).unwrap()
    };
    let by_number = get("1001");
    let by_hash = get("#1001");
    assert_eq!(by_number, by_hash);
    let gid = by_number["source"]["platform_id"].as_str().unwrap().to_string();
    let id = gid.rsplit('/').next().unwrap().to_string();
    assert_eq!(get(&gid), by_number);
    assert_eq!(get(&id), by_number);
    assert_eq!(by_number["number"], "#1001");
    assert!(by_number["line_items"].as_array().unwrap().len() >= 2);
    assert_eq!(by_number["totals"]["total"]["currency"], "USD");
    // Money is a string, never a float.
    assert!(by_number["totals"]["total"]["amount"].is_string());
    let f = &by_number["fulfillments"][0]["tracking"][0];
    assert_eq!(f["carrier"], "UPS");
    assert!(f["number"].as_str().unwrap().starts_with("1Z"));
    assert!(!by_number["refunds"].as_array().unwrap().is_empty());
}

#[test]
fn json_piped_to_jq() {
    let host = Host::default();
    let env = shopify_env(&host);
    let o = shopify_cmd(&env).args(["order", "get", "1001", "--jq", ".line_items[].sku"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let skus: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert!(skus.len() >= 2 && skus.iter().all(|s| !s.starts_with('"')), "{skus:?}");
}

#[test]
fn unknown_order_is_exit_3() {
    let host = Host::default();
    let env = shopify_env(&host);
    let o = shopify_cmd(&env).args(["order", "get", "#99999"]).output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("order #99999 not found in store main"), "{}", stderr(&o));
}

#[test]
fn search_by_email_and_filters() {
    let host = Host::default();
    let env = shopify_env(&host);
    let o = shopify_cmd(&env)
        .args(["order", "search", "--email", "jane@example.com", "--format", "ndjson", "--all"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rows.len() >= 5, "{}", rows.len());
    assert!(rows.iter().all(|r| r["email"] == "jane@example.com"));
    // Newest first.
    let dates: Vec<&str> = rows.iter().map(|r| r["created_at"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);

    let o = shopify_cmd(&env)
        .args(["order", "search", "--financial-status", "refunded", "--limit", "500", "--json"])
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["financial_status"] == "refunded"));

    let o = shopify_cmd(&env)
        .args(["order", "search", "--since", "2026-10-01", "--until", "2026-10-15", "--all", "--json"])
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| {
        let d = r["created_at"].as_str().unwrap();
        ("2026-10-01".."2026-10-16").contains(&d)
    }));
}

#[test]
fn limit_and_all_page_without_duplicates() {
    let host = Host::default();
    let env = shopify_env(&host);
    let o = shopify_cmd(&env).args(["order", "search", "--limit", "7", "--format", "csv"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 8, "header + 7 rows");
    assert!(lines[0].starts_with("store,order,created"));

    host.rt.block_on(async {}); // keep the runtime warm; nothing to do
    let before = host.requests().len();
    let o = shopify_cmd(&env).args(["order", "search", "--all", "--format", "ndjson"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let numbers: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["number"].as_str().unwrap().to_string())
        .collect();
    let unique: std::collections::HashSet<_> = numbers.iter().collect();
    assert_eq!(unique.len(), numbers.len(), "no duplicates");
    assert!(numbers.len() >= 250, "{}", numbers.len());
    let pages = host.requests().len() - before;
    assert!(pages >= 2, "--all pages with cursors ({pages} requests)");
}

#[test]
fn reads_are_cached_until_no_cache_or_a_write() {
    let host = Host::default();
    let env = shopify_env(&host);
    let n = || host.requests().len();
    let o = shopify_cmd(&env).args(["order", "get", "1001"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let first = n();
    let o = shopify_cmd(&env).args(["-v", "order", "get", "1001"]).output().unwrap();
    assert!(o.status.success());
    assert_eq!(n(), first, "second lookup served from the cache");
    assert!(stderr(&o).contains("from the cache"), "{}", stderr(&o));
    let o = shopify_cmd(&env).args(["--no-cache", "order", "get", "1001"]).output().unwrap();
    assert!(o.status.success());
    assert!(n() > first, "--no-cache goes to the server");
    // test-connection always reaches the server.
    let before = n();
    shopify_cmd(&env).args(["test-connection"]).output().unwrap();
    shopify_cmd(&env).args(["test-connection"]).output().unwrap();
    assert_eq!(n(), before + 2);
    // Cache files are private.
    #[cfg(unix)]
    for entry in walk(&env.path().join("cache")) {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&entry).unwrap().permissions().mode() & 0o077, 0, "{entry:?}");
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn fulfillment_list_shows_tracking() {
    let host = Host::default();
    let env = shopify_env(&host);
    let o = shopify_cmd(&env).args(["fulfillment", "list", "1001"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("UPS") && out.contains("1Z") && out.contains("https://"), "{out}");
    let o = shopify_cmd(&env).args(["fulfillment", "list", "1001", "--json"]).output().unwrap();
    let v: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!v[0]["items"].as_array().unwrap().is_empty());
}

#[test]
fn client_credentials_token_is_renewed_after_expiry() {
    let host = Host::start(Options { token_ttl: Duration::from_secs(2), ..Options::default() });
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default.stores.main]\nplatform = \"shopify\"\nurl = \"{}\"\nauth = \"client_credentials\"\nclient_id = \"{}\"\n",
        host.shopify_url(),
        demo::SHOPIFY_CLIENT_ID
    ));
    // search --all over ~260 orders in pages of 5 takes longer than the 2 s lifetime when paced.
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_MAIN_CLIENT_SECRET", demo::SHOPIFY_CLIENT_SECRET)
        .args(["-v", "order", "get", "1001"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("obtained an access token"), "{}", stderr(&o));
    assert!(!stderr(&o).contains(demo::SHOPIFY_CLIENT_SECRET));
    // Within one process: a token that expires mid-run is renewed (after a 401 or before expiry).
    std::thread::sleep(Duration::from_millis(100));
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_MAIN_CLIENT_SECRET", "wrong-secret")
        .args(["order", "get", "1001"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("refused the client credentials"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("wrong-secret"));
}

#[test]
fn test_connection_reports_scopes_version_and_junit() {
    let host = Host::default();
    let env = shopify_env(&host);
    let o = shopify_cmd(&env).args(["test-connection"]).output().unwrap();
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for check in ["reachable", "auth", "scopes", "api_version", "clock"] {
        assert!(out.contains(check), "{check} missing:\n{out}");
    }
    let o = shopify_cmd(&env).args(["test-connection", "--format", "junit"]).output().unwrap();
    let xml = stdout(&o);
    assert!(
        xml.starts_with("<?xml")
            && xml.contains("<testsuite name=\"main\"")
            && xml.contains("failures=\"0\""),
        "{xml}"
    );

    // A retired version falls forward: reported, and the run fails (exit 7).
    let env2 = Env::new();
    env2.write_config(&shopify_config(&host.shopify_url()).replace("2026-10", "2024-01"));
    let o = shopify_cmd(&env2).args(["test-connection", "--json"]).output().unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["api_version_pinned"], "2024-01");
    assert_eq!(v[0]["api_version_served"], "2026-01");

    // A missing scope is named.
    host.control(json!({"deny_scope": "read_customers"}));
    let o = shopify_cmd(&env).args(["test-connection", "--json"]).output().unwrap();
    host.control(json!({"allow_scope": "read_customers"}));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_ne!(o.status.code(), Some(0));
    assert!(v[0]["scopes_missing"].as_array().unwrap().iter().any(|s| s == "read_customers"), "{v}");
}

#[test]
fn test_connection_without_credentials_is_exit_4() {
    let host = Host::default();
    let env = shopify_env(&host);
    let o =
        env.cmd().env("SHOPDESK_KEYRING", "keyutils").args(["test-connection", "--all"]).output().unwrap();
    assert_eq!(o.status.code(), Some(4), "{}\n{}", stdout(&o), stderr(&o));
}

#[test]
fn wrong_token_is_exit_4_with_shopify_message() {
    let host = Host::default();
    let env = shopify_env(&host);
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", "shpat_wrong_token_value")
        .args(["order", "get", "1001"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("HTTP 401") && e.contains("Invalid API key or access token"), "{e}");
    assert!(e.contains("auth login main"), "{e}");
    assert!(!e.contains("shpat_wrong_token_value"));
}

#[test]
fn missing_scope_is_exit_4_naming_the_scope() {
    let host = Host::default();
    let env = shopify_env(&host);
    host.control(json!({"deny_scope": "read_orders"}));
    let o = shopify_cmd(&env).args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("`read_orders`"), "{}", stderr(&o));
}

#[test]
fn rate_limited_until_retries_run_out_is_exit_5() {
    let host = Host::default();
    let env = shopify_env(&host);
    host.control(json!({"status": 429, "forever": true, "retry_after": 0.05}));
    let before = host.requests().len();
    let o = shopify_cmd(&env).args(["order", "get", "#1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("rate limited") && stderr(&o).contains("2 retries"), "{}", stderr(&o));
    assert_eq!(host.requests().len() - before, 3, "one try plus max_retries = 2");
}

#[test]
fn a_429_then_success_is_retried_transparently() {
    let host = Host::default();
    let env = shopify_env(&host);
    host.control(json!({"status": 429, "count": 1, "retry_after": 0.05}));
    host.control(json!({"status": 503, "count": 1}));
    let o = shopify_cmd(&env).args(["-v", "order", "get", "1001"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("retry 1/2"), "{}", stderr(&o));
}

#[test]
fn throttled_forever_is_exit_5() {
    let host = Host::default();
    let env = shopify_env(&host);
    host.control(json!({"throttle_forever": true}));
    let o = shopify_cmd(&env).args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).to_lowercase().contains("throttled"), "{}", stderr(&o));
}

#[test]
fn throttle_is_paced_not_failed() {
    // A bucket that holds one page: every page must wait for the restore; the command still succeeds.
    let host = Host::start(Options {
        throttle: ThrottleSpec { maximum_available: 1000.0, restore_rate: 1000.0 },
        ..Options::default()
    });
    let env = shopify_env(&host);
    let o = shopify_cmd(&env).args(["order", "search", "--all", "--format", "ndjson"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).lines().count() >= 250);
}

#[test]
fn html_error_page_truncated_json_and_oversize_body() {
    let host = Host::default();
    let env = shopify_env(&host);
    host.control(json!({"html": true, "status": 200}));
    let o = shopify_cmd(&env).args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    assert!(stderr(&o).contains("HTML page"), "{}", stderr(&o));

    host.control(json!({"truncate": true}));
    let o = shopify_cmd(&env).args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    assert!(stderr(&o).contains("truncated JSON") || stderr(&o).contains("not valid JSON"), "{}", stderr(&o));

    host.control(json!({"oversize_bytes": 3_000_000}));
    let env2 = Env::new();
    env2.write_config(&shopify_config(&host.shopify_url()).replace(
        "[profiles.default]\nmax_retries = 2\n",
        "[profiles.default]\nmax_retries = 2\nmax_response_mb = 1\n",
    ));
    let o = shopify_cmd(&env2).args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    assert!(stderr(&o).contains("larger than the 1 MiB cap"), "{}", stderr(&o));
}

#[test]
fn connection_reset_is_retried_then_reported() {
    let host = Host::default();
    let env = shopify_env(&host);
    host.control(json!({"reset": true, "count": 1}));
    let o = shopify_cmd(&env).args(["order", "get", "1001"]).output().unwrap();
    assert!(o.status.success(), "a single reset is retried: {}", stderr(&o));
    host.control(json!({"reset": true, "forever": true}));
    let o = shopify_cmd(&env).args(["--no-cache", "order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
}

#[test]
fn graphql_error_list_is_reported() {
    let host = Host::default();
    let env = shopify_env(&host);
    let q = env.path().join("q.json");
    std::fs::write(&q, r#"{"query":"{ shop { nosuchfield } }"}"#).unwrap();
    // `api` prints the body and exits 0 (HTTP 200), like gh api; GraphQL errors are data here.
    let o = shopify_cmd(&env)
        .args(["api", "shopify", "POST", "graphql.json", "--input"])
        .arg(&q)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["errors"][0]["extensions"]["code"], "undefinedField");
}

#[test]
fn api_raw_call_with_stored_auth() {
    let host = Host::default();
    let env = shopify_env(&host);
    let q = env.path().join("q.json");
    std::fs::write(&q, r#"{"query":"{ shop { name } }"}"#).unwrap();
    let o = shopify_cmd(&env)
        .args(["api", "shopify", "POST", "graphql.json", "--input"])
        .arg(&q)
        .args(["--jq", ".data.shop.name"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).trim().is_empty());
    let o = shopify_cmd(&env).args(["api", "main", "GET", "/nope", "-i"]).output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("HTTP 404"), "{}", stdout(&o));
}

#[test]
fn tls_failure_names_ca_file() {
    let host = Host::default();
    let env = Env::new();
    // https:// to a plain-HTTP port: the handshake fails.
    env.write_config(&shopify_config(&host.shopify_url().replace("http://", "https://")));
    let o = shopify_cmd(&env).args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("TLS") && e.contains("ca_file"), "{e}");
}

#[test]
fn verbose_logs_and_log_file_never_show_secrets() {
    let host = Host::default();
    let env = Env::new();
    let log = env.path().join("api.log");
    env.write_config(
        &shopify_config(&host.shopify_url()).replace(
            "[profiles.default]\n",
            &format!("[profiles.default]\nlog_file = \"{}\"\n", log.display()),
        ),
    );
    let o = shopify_cmd(&env).args(["-vv", "order", "get", "1001"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("x-shopify-access-token: ***"), "{e}");
    assert!(!e.contains(demo::SHOPIFY_STATIC_TOKEN), "token leaked at -vv");
    assert!(!e.contains("jane@example.com"), "PII leaked at -vv");
    let lines: Vec<Value> =
        std::fs::read_to_string(&log).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.len() >= 2, "one line per API call");
    for l in &lines {
        for k in ["time", "service", "method", "url", "status", "latency_ms", "request_id", "retries"] {
            assert!(l.get(k).is_some(), "{k} missing in {l}");
        }
        assert!(!l.to_string().contains(demo::SHOPIFY_STATIC_TOKEN));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&log).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

/// Two stores in one profile: `b` may carry a bad token.
fn two_stores(host: &Host) -> Env {
    let env = Env::new();
    let url = host.shopify_url();
    env.write_config(&format!(
        "[profiles.default]\nmax_retries = 1\ndefault_store = \"a\"\n\
         [profiles.default.stores.a]\nplatform = \"shopify\"\nurl = \"{url}\"\n\
         [profiles.default.stores.b]\nplatform = \"shopify\"\nurl = \"{url}\"\n"
    ));
    env
}

#[test]
fn store_all_merges_every_store_concurrently() {
    let host = Host::default();
    let env = two_stores(&host);
    let cmd = || {
        let mut c = env.cmd();
        c.env("SHOPDESK_DEFAULT_A_ACCESS_TOKEN", demo::SHOPIFY_STATIC_TOKEN)
            .env("SHOPDESK_DEFAULT_B_ACCESS_TOKEN", demo::SHOPIFY_STATIC_TOKEN);
        c
    };
    let o = cmd()
        .args(["--store", "all", "order", "search", "--limit", "5", "--format", "ndjson"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 10, "5 per store");
    for s in ["a", "b"] {
        assert_eq!(rows.iter().filter(|r| r["source"]["store"] == s).count(), 5);
    }
    let o = cmd().args(["--store", "all", "order", "get", "1001", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    // default_store picks one store when --store is absent.
    let o = cmd().args(["order", "get", "1001", "--json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"]["store"], "a");
    // Table output sums per currency, never across currencies.
    let o = cmd().args(["--store", "all", "order", "search", "--limit", "60"]).output().unwrap();
    let e = stderr(&o);
    assert!(e.contains("totals by currency") && e.contains("USD") && e.contains("EUR"), "{e}");
}

#[test]
fn store_all_shows_the_rest_when_one_store_fails() {
    let host = Host::default();
    let env = two_stores(&host);
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_A_ACCESS_TOKEN", demo::SHOPIFY_STATIC_TOKEN)
        .env("SHOPDESK_DEFAULT_B_ACCESS_TOKEN", "shpat_bad")
        .args(["--store", "all", "order", "search", "--limit", "3", "--format", "ndjson"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3, "store a's rows still shown");
    assert!(stderr(&o).contains("store b failed"), "{}", stderr(&o));
}

#[test]
fn writes_refuse_store_all() {
    let host = Host::default();
    let env = two_stores(&host);
    let before = host.requests().len();
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_A_ACCESS_TOKEN", demo::SHOPIFY_STATIC_TOKEN)
        .args(["--store", "all", "order", "note", "add", "1001", "hello"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(host.requests().len(), before, "nothing sent");
    let o =
        env.cmd().args(["fulfillment", "create", "1001", "--tracking", "not a number!"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(host.requests().len(), before, "nothing sent");
}

#[test]
fn notes_fulfillment_and_customer_through_the_binary() {
    let host = Host::default();
    let env = shopify_env(&host);
    // Read (and cache) the notes, write one, read again: the write cleared the cache.
    let o = shopify_cmd(&env).args(["order", "notes", "1002", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = shopify_cmd(&env)
        .args(["order", "note", "add", "1002", "Customer called about delivery"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = shopify_cmd(&env).args(["order", "notes", "1002", "--json"]).output().unwrap();
    assert!(stdout(&o).contains("Customer called about delivery"), "{}", stdout(&o));
    // Shopify cannot notify a customer about a note: refused before sending.
    let before = host.requests().len();
    let o =
        shopify_cmd(&env).args(["order", "note", "add", "1002", "x", "--notify-customer"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(host.requests().len(), before);

    // Find an unfulfilled paid order, ship it, see the shipment; shipping again is a conflict.
    let o = shopify_cmd(&env)
        .args([
            "order",
            "search",
            "--financial-status",
            "paid",
            "--fulfillment-status",
            "unfulfilled",
            "--limit",
            "1",
            "--json",
        ])
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    let number = rows[0]["number"].as_str().unwrap().to_string();
    let o = shopify_cmd(&env)
        .args(["fulfillment", "create", &number, "--tracking", "1Z999AA10123456784", "--carrier", "UPS"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = shopify_cmd(&env).args(["fulfillment", "list", &number, "--json"]).output().unwrap();
    assert!(stdout(&o).contains("1Z999AA10123456784"), "{}", stdout(&o));
    let o = shopify_cmd(&env)
        .args(["fulfillment", "create", &number, "--tracking", "1Z999AA10123456784"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(6), "{}", stderr(&o));

    let o = shopify_cmd(&env).args(["customer", "get", "jane@example.com", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["customers"][0]["name"], "Jane Doe");
    assert!(v["customers"][0]["orders_count"].as_u64().unwrap() >= 5);
    assert_eq!(v["orders"].as_array().unwrap().len(), 5, "the five newest orders: {v}");
    let o = shopify_cmd(&env).args(["customer", "get", "nobody@example.com"]).output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = shopify_cmd(&env).args(["customer", "get", "not an email"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn credential_command_supplies_the_token() {
    let host = Host::default();
    let env = Env::new();
    env.write_config(&format!(
        "{}credential_command = \"printf %s {}\"\n",
        shopify_config(&host.shopify_url()),
        demo::SHOPIFY_STATIC_TOKEN
    ));
    let o = env.cmd().args(["order", "get", "1001", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.cmd().args(["auth", "status", "--json"]).output().unwrap();
    assert!(stdout(&o).contains("credential_command"), "{}", stdout(&o));
    assert!(!stdout(&o).contains(demo::SHOPIFY_STATIC_TOKEN));
    // A failing command is an auth error that never echoes its output.
    let env2 = Env::new();
    env2.write_config(&format!(
        "{}credential_command = \"echo leaked; exit 3\"\n",
        shopify_config(&host.shopify_url())
    ));
    let o = env2.cmd().args(["order", "get", "1001"]).output().unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(!stderr(&o).contains("leaked"), "{}", stderr(&o));
}

#[test]
fn short_lived_tokens_are_renewed_during_a_long_run() {
    // Tokens live 1 s; a bucket of 1000 points restoring 500/s makes the second page wait
    // about 2 s, so the first token is stale by then and must be replaced transparently.
    let host = Host::start(Options {
        token_ttl: Duration::from_secs(1),
        throttle: ThrottleSpec { maximum_available: 1000.0, restore_rate: 500.0 },
        ..Options::default()
    });
    let env = Env::new();
    env.write_config(&format!(
        "[profiles.default.stores.main]\nplatform = \"shopify\"\nurl = \"{}\"\nauth = \"client_credentials\"\nclient_id = \"{}\"\n",
        host.shopify_url(),
        demo::SHOPIFY_CLIENT_ID
    ));
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_MAIN_CLIENT_SECRET", demo::SHOPIFY_CLIENT_SECRET)
        .args(["-v", "order", "search", "--all", "--format", "ndjson"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).lines().count() >= 250);
    let grants = host.requests().iter().filter(|r| r.path.ends_with("/admin/oauth/access_token")).count();
    assert!(grants >= 2, "the token was renewed ({grants} grants)\n{}", stderr(&o));
}
