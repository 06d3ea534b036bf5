//! HubSpot end to end: the built binary's `test-connection --all` against the HubSpot emulator
//! (in the binary's own `--sandbox`, and started in-process with a profile pointing at it).

mod support;

use serde_json::Value;
use shopdesk::sandbox::demo;
use support::{Env, Host, shopify_config, stderr, stdout};

fn json_out(o: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(o), stderr(o)))
}

/// The report of the CRM named `name` in `test-connection --json` output.
fn crm_report<'a>(v: &'a Value, name: &str) -> &'a Value {
    v.as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "crm" && r["store"] == name)
        .unwrap_or_else(|| panic!("no crm {name} in {v}"))
}

#[test]
fn sandbox_test_connection_probes_hubspot() {
    let env = Env::new();
    let o = env.cmd().args(["--sandbox", "test-connection", "--all", "--json"]).output().unwrap();
    let v = json_out(&o);
    let r = crm_report(&v, "hubspot");
    assert_eq!(r["platform"], "hubspot");
    assert_eq!(r["ok"], true, "{r}");
    let auth = r["checks"].as_array().unwrap().iter().find(|c| c["name"] == "auth").unwrap();
    let detail = auth["detail"].as_str().unwrap();
    assert!(detail.contains("private app token accepted"), "{detail}");
    assert!(detail.contains("/250,000 left") && detail.contains("/100 per 10 s"), "the headroom: {detail}");
}

/// A profile with the Shopify demo store and a HubSpot CRM at the in-process emulator.
fn env_for(host: &Host) -> Env {
    let env = Env::new();
    let mut cfg = shopify_config(&host.shopify_url());
    cfg.push_str(&format!(
        "[profiles.default.crm.hs]\ncrm = \"hubspot\"\nurl = \"{}\"\n",
        host.sb().hubspot_url()
    ));
    env.write_config(&cfg);
    env
}

fn run(env: &Env, token: &str, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", demo::SHOPIFY_STATIC_TOKEN)
        .env("SHOPDESK_DEFAULT_HS_ACCESS_TOKEN", token)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_profile_entry_with_the_right_token_passes() {
    let host = Host::default();
    let env = env_for(&host);
    let o = run(&env, demo::HUBSPOT_ACCESS_TOKEN, &["test-connection", "--all", "--json"]);
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    assert_eq!(crm_report(&json_out(&o), "hs")["ok"], true);
    let probes: Vec<_> = host.requests().into_iter().filter(|r| r.path.starts_with("/hubspot/")).collect();
    assert_eq!(probes.len(), 1, "one cheap call: {probes:?}");
    assert_eq!(
        (probes[0].method.as_str(), probes[0].path.as_str()),
        ("GET", "/hubspot/crm/v3/objects/contacts")
    );
}

#[test]
fn a_wrong_token_fails_auth_with_exit_4_and_is_never_printed() {
    let host = Host::default();
    let env = env_for(&host);
    let wrong = "pat-na1-00000000-wrong-token-5e1f";
    let o = run(&env, wrong, &["test-connection", "--all", "-vv"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(!out.contains(wrong) && !err.contains(wrong), "the token leaked:\n{out}\n{err}");
    assert!(!out.contains("wrong-token") && !err.contains("wrong-token"));
    let text = format!("{out}{err}");
    assert!(text.contains("INVALID_AUTHENTICATION"), "{text}");
    assert!(text.contains("shopdesk auth login hs"), "the hint names the CRM: {text}");
    let o = run(&env, wrong, &["test-connection", "--all", "--json"]);
    let r = crm_report(&json_out(&o), "hs").clone();
    assert_eq!(r["ok"], false);
    let auth = r["checks"].as_array().unwrap().iter().find(|c| c["name"] == "auth").unwrap();
    assert_eq!(auth["ok"], false);
    assert!(auth["detail"].as_str().unwrap().contains("correlation id"), "{auth}");
}
