//! Salesforce end to end: the built binary against the Salesforce emulator, through
//! `test-connection --all` (which probes every CRM of the profile): `--sandbox`'s own entry, and
//! written profiles for the client-credentials and JWT flows, API usage in the output and at
//! `-v`, refusals, the daily allocation used up, and what `-vv` never shows.

mod support;

use serde_json::Value;
use shopdesk::sandbox::{Options, demo};
use support::{Env, Host, stderr, stdout};

/// A profile with one CRM, `sf`, pointed at the emulator's My Domain.
fn config(host: &Host, extra: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 1\n[profiles.default.crm.sf]\ncrm = \"salesforce\"\nurl = \"{}\"\nclient_id = \"{}\"\n{extra}",
        host.sb().salesforce_url(),
        demo::SALESFORCE_CLIENT_ID
    )
}

fn run(host: &Host, extra: &str, secrets: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let env = Env::new();
    env.write_config(&config(host, extra));
    let mut c = env.cmd();
    for (k, v) in secrets {
        c.env(k, v);
    }
    c.args(args).output().expect("binary runs")
}

/// The `sf` row of `test-connection --all --json`.
fn crm_report(o: &std::process::Output, name: &str) -> Value {
    let v: Value = serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(o)));
    v.as_array()
        .unwrap()
        .iter()
        .find(|r| r["store"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no {name} row: {v}"))
}

/// Parts of the demo key that must never be printed (its base64 body lines).
fn key_lines() -> Vec<&'static str> {
    demo::RSA_PRIVATE_KEY.lines().filter(|l| !l.starts_with("-----")).collect()
}

#[test]
fn sandbox_test_connection_probes_salesforce_and_shows_the_api_usage() {
    let env = Env::new();
    let o = env.cmd().args(["--sandbox", "test-connection", "--all"]).output().unwrap();
    assert!(o.status.success(), "exit {:?}: {}\n{}", o.status.code(), stdout(&o), stderr(&o));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().filter(|l| l.contains("salesforce")).collect();
    assert!(rows.iter().any(|l| l.contains("reachable") && l.contains("ok")), "{out}");
    let auth = rows.iter().find(|l| l.contains("auth")).unwrap_or_else(|| panic!("{out}"));
    assert!(auth.contains("client credentials accepted"), "{auth}");
    assert!(auth.contains("REST v66.0 at http://127.0.0.1:"), "{auth}");
    assert!(auth.contains("api usage 1/100000"), "{auth}");

    let o = env.cmd().args(["--sandbox", "test-connection", "--all", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r = crm_report(&o, "salesforce");
    assert_eq!(
        (r["kind"].as_str(), r["platform"].as_str(), r["ok"].as_bool()),
        (Some("crm"), Some("salesforce"), Some(true))
    );
}

#[test]
fn a_written_profile_signs_in_with_client_credentials_and_notes_usage_at_v() {
    let host = Host::default();
    let secret = [("SHOPDESK_DEFAULT_SF_CLIENT_SECRET", demo::SALESFORCE_CLIENT_SECRET)];
    let o = run(&host, "", &secret, &["-v", "test-connection", "--all", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = crm_report(&o, "sf");
    let detail = r["checks"][1]["detail"].as_str().unwrap();
    assert!(
        detail.contains("client credentials accepted") && detail.contains("api usage 1/100000"),
        "{detail}"
    );
    // -v: the usage Salesforce reports on each answer.
    assert!(
        stderr(&o).contains("API usage 1/100000 in the last 24 hours (Sforce-Limit-Info)"),
        "{}",
        stderr(&o)
    );
    let paths: Vec<String> = host.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        ["/salesforce/mydomain/services/oauth2/token", "/salesforce/instance/services/data/v66.0/limits"],
        "the token at the My Domain, the API at the instance_url"
    );
}

#[test]
fn refused_credentials_are_an_auth_failure_with_a_hint() {
    let host = Host::default();
    let o = run(
        &host,
        "",
        &[("SHOPDESK_DEFAULT_SF_CLIENT_SECRET", "not-the-secret")],
        &["test-connection", "--all"],
    );
    assert_eq!(o.status.code(), Some(4), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("invalid client credentials [invalid_client]"), "{out}");
    assert!(out.contains("shopdesk auth login sf"), "the hint names the service: {out}");
    assert!(!out.contains("not-the-secret") && !stderr(&o).contains("not-the-secret"));
    // A missing client_id is named before anything is sent.
    let env = Env::new();
    env.write_config(
        &config(&host, "").replace(&format!("client_id = \"{}\"\n", demo::SALESFORCE_CLIENT_ID), ""),
    );
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_SF_CLIENT_SECRET", "x")
        .args(["test-connection", "--all"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stdout(&o).contains("Salesforce needs client_id") && stdout(&o).contains("add client_id"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_jwt_flow_at_vv_never_shows_the_key_the_assertion_or_the_session() {
    let host = Host::default();
    let extra = format!("auth = \"jwt\"\nusername = \"{}\"\n", demo::SALESFORCE_USERNAME);
    let key = [("SHOPDESK_DEFAULT_SF_PRIVATE_KEY", demo::RSA_PRIVATE_KEY)];
    let o = run(&host, &extra, &key, &["-vv", "test-connection", "--all"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("JWT bearer accepted for integration@shopdesk-demo.sandbox"),
        "{}",
        stdout(&o)
    );
    let err = stderr(&o);
    assert!(err.contains("grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=***"), "{err}");
    assert!(err.contains("authorization: ***"), "{err}");
    assert!(!err.contains("eyJhbGci"), "a JWT (header) in the log: {err}");
    assert!(!err.contains("00DSbx000000001!"), "the session id in the log: {err}");
    for l in key_lines() {
        assert!(!err.contains(l), "a line of the private key in the log");
    }
    // The sandbox's own entry: its client secret is never shown either.
    let o = Env::new().cmd().args(["-vv", "--sandbox", "test-connection", "--all"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("client_secret=***"), "{err}");
    assert!(!err.contains(demo::SALESFORCE_CLIENT_SECRET) && !err.contains("00DSbx000000001!"), "{err}");
}

#[test]
fn the_daily_allocation_used_up_is_reported_as_such() {
    let host = Host::start(Options { salesforce_daily_api_limit: 0, ..Options::default() });
    let secret = [("SHOPDESK_DEFAULT_SF_CLIENT_SECRET", demo::SALESFORCE_CLIENT_SECRET)];
    let o = run(&host, "", &secret, &["test-connection", "--all", "--json"]);
    assert_eq!(o.status.code(), Some(7), "a failed check, not a credential problem: {}", stderr(&o));
    let r = crm_report(&o, "sf");
    let failed = r["checks"].as_array().unwrap().iter().find(|c| c["ok"] == false).unwrap().clone();
    let detail = failed["detail"].as_str().unwrap();
    assert!(detail.contains("daily API request allocation is used up (api usage 0/0)"), "{detail}");
    assert!(detail.contains("REQUEST_LIMIT_EXCEEDED"), "{detail}");
}

#[test]
fn auth_login_stores_the_pem_private_key_and_the_jwt_flow_uses_it() {
    let host = Host::default();
    let env = Env::new();
    env.write_config(&config(
        &host,
        &format!("auth = \"jwt\"\nusername = \"{}\"\n", demo::SALESFORCE_USERNAME),
    ));
    // The JWT flow's secret is the key; status lists it.
    let o = env.cmd().args(["auth", "status", "--json"]).output().unwrap();
    let rows: Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    let sf: Vec<&Value> = rows.as_array().unwrap().iter().filter(|r| r["service"] == "sf").collect();
    assert_eq!(sf.len(), 1, "{rows}");
    assert_eq!((sf[0]["kind"].as_str(), sf[0]["secret"].as_str()), (Some("crm"), Some("private_key")));
    if !support::keyctl_available() {
        return;
    }
    // A multi-line PEM on stdin is one secret; stored in a private kernel keyring session,
    // then used to sign in with no env var.
    let out = env.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let script = "set -e\nprintf '%s' \"$KEY\" | \"$BIN\" auth login sf --with-token 2> \"$OUT/login.err\"\n\"$BIN\" test-connection --all > \"$OUT/tc.txt\"\n";
    let c = env.cmd_std();
    let o = std::process::Command::new("keyctl")
        .args(["session", "-", "sh", "-c", script])
        .envs(c.get_envs().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))))
        .env("SHOPDESK_KEYRING", "keyutils")
        .env("KEY", demo::RSA_PRIVATE_KEY)
        .env("BIN", assert_cmd::cargo::cargo_bin!("shopdesk"))
        .env("OUT", &out)
        .output()
        .unwrap();
    let login = std::fs::read_to_string(out.join("login.err")).unwrap_or_default();
    assert!(o.status.success(), "{}\n{login}", stderr(&o));
    assert!(login.contains("Stored private_key for crm sf"), "{login}");
    for l in key_lines() {
        assert!(!login.contains(l));
    }
    let tc = std::fs::read_to_string(out.join("tc.txt")).unwrap();
    assert!(tc.contains("JWT bearer accepted") && tc.contains("api usage 1/100000"), "{tc}");
}
