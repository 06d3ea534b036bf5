//! Analytics services end to end: the built binary's `test-connection --all` probes Mixpanel
//! and GA4, against `--sandbox` and against a sandbox started in-process (wrong credentials,
//! only what is configured is asked for, secrets never shown at `-vv`).

mod support;

use serde_json::Value;
use shopdesk::sandbox::demo;
use support::{Env, Host, stderr, stdout};

fn config(host: &Host, ga4: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 0\n\
         [profiles.default.analytics.mp]\nservice = \"mixpanel\"\nurl = \"{}\"\nproject_id = \"{}\"\nusername = \"{}\"\nregion = \"eu\"\n\
         [profiles.default.analytics.ga4]\nservice = \"ga4\"\nurl = \"{}\"\n{ga4}",
        host.sb().mixpanel_url(),
        demo::MIXPANEL_PROJECT_ID,
        demo::MIXPANEL_USERNAME,
        host.sb().ga4_url(),
    )
}

fn run(host: &Host, ga4: &str, mp_secret: &str, args: &[&str]) -> std::process::Output {
    let env = Env::new();
    env.write_config(&config(host, ga4));
    env.cmd()
        .env("SHOPDESK_DEFAULT_MP_SERVICE_ACCOUNT_SECRET", mp_secret)
        .env("SHOPDESK_DEFAULT_GA4_API_SECRET", demo::GA4_API_SECRET)
        .env("SHOPDESK_DEFAULT_GA4_PRIVATE_KEY", demo::GA4_PRIVATE_KEY)
        .args(args)
        .output()
        .expect("binary runs")
}

fn reports(o: &std::process::Output) -> Vec<Value> {
    let v: Value =
        serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(o), stderr(o)));
    v.as_array().unwrap().iter().filter(|r| r["kind"] == "analytics").cloned().collect()
}

fn auth_detail(r: &Value) -> String {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "auth")
        .map(|c| c["detail"].to_string())
        .unwrap_or_default()
}

#[test]
fn sandbox_test_connection_checks_mixpanel_and_ga4() {
    let env = Env::new();
    let o = env.cmd().args(["--sandbox", "test-connection", "--all", "--json"]).output().unwrap();
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    let rows = reports(&o);
    let platforms: Vec<&str> = rows.iter().map(|r| r["platform"].as_str().unwrap()).collect();
    assert!(platforms.contains(&"mixpanel") && platforms.contains(&"ga4"), "{rows:?}");
    for r in &rows {
        assert_eq!(r["ok"], true, "{r}");
    }
    let ga4 = rows.iter().find(|r| r["platform"] == "ga4").unwrap();
    let detail = auth_detail(ga4);
    assert!(detail.contains("Data API") && detail.contains("Measurement Protocol"), "{detail}");
    let mp = rows.iter().find(|r| r["platform"] == "mixpanel").unwrap();
    assert!(auth_detail(mp).contains("nothing recorded"), "{mp}");
}

#[test]
fn a_wrong_mixpanel_secret_fails_auth_and_is_never_shown() {
    let host = Host::default();
    let full = format!(
        "measurement_id = \"{}\"\nproperty_id = \"{}\"\nservice_account = \"{}\"\nprivate_key_id = \"{}\"\n",
        demo::GA4_MEASUREMENT_ID,
        demo::GA4_PROPERTY_ID,
        demo::GA4_SERVICE_ACCOUNT,
        demo::GA4_PRIVATE_KEY_ID
    );
    let o = run(&host, &full, "not-the-secret", &["test-connection", "--all", "--json", "-vv"]);
    assert_eq!(o.status.code(), Some(4), "only credentials failed: {}", stderr(&o));
    let rows = reports(&o);
    let mp = rows.iter().find(|r| r["store"] == "mp").unwrap();
    assert_eq!(mp["ok"], false);
    assert!(auth_detail(mp).contains("Invalid credentials"), "{mp}");
    assert_eq!(rows.iter().find(|r| r["store"] == "ga4").unwrap()["ok"], true);
    let all = format!("{}{}", stdout(&o), stderr(&o));
    for secret in ["not-the-secret", demo::GA4_API_SECRET, "BEGIN PRIVATE KEY"] {
        assert!(!all.contains(secret), "`{secret}` leaked:\n{all}");
    }
    assert!(stderr(&o).contains("api_secret=***"), "the MP URL is logged masked: {}", stderr(&o));
    // The EU region does not matter with a url: every request went to the sandbox.
    assert!(host.requests().iter().any(|r| r.path == "/mixpanel/import" && r.status == Some(401)));
}

#[test]
fn ga4_with_only_a_measurement_id_needs_only_the_api_secret_and_records_nothing() {
    let host = Host::default();
    let env = Env::new();
    env.write_config(&config(&host, &format!("measurement_id = \"{}\"\n", demo::GA4_MEASUREMENT_ID)));
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_MP_SERVICE_ACCOUNT_SECRET", demo::MIXPANEL_SECRET)
        .env("SHOPDESK_DEFAULT_GA4_API_SECRET", demo::GA4_API_SECRET)
        .args(["test-connection", "--all", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "no private_key asked for: {}", stderr(&o));
    let paths: Vec<String> = host.requests().iter().map(|r| r.path.clone()).collect();
    assert!(paths.contains(&"/ga4/debug/mp/collect".to_string()), "{paths:?}");
    assert!(!paths.iter().any(|p| p == "/ga4/mp/collect" || p == "/ga4/token"), "{paths:?}");
    let url = format!("{}/_sandbox/mixpanel/events", host.sb().base_url());
    let events: Value = host.rt.block_on(async { reqwest::get(url).await.unwrap().json().await.unwrap() });
    assert_eq!(events, serde_json::json!([]), "the Mixpanel probe recorded nothing");
}
