//! Contract check for the UPS emulator and adapter: every request `track --carrier ups` sends
//! (token grant, tracking details) and every answer the sandbox gives pass through Stoplight
//! Prism in validating proxy mode (`support/prism.rs`), loaded with UPS's own
//! `OAuthClientCredentials.yaml` and `Tracking.yaml` from `shared/specs/ups`.
//!
//! Both files are CRLF and `Tracking.yaml` has TAB characters in a `default:` value (services.md
//! §3b), which YAML forbids: they are normalized before parsing. Tracking's servers end in
//! `/api` while its paths do not, so the path is written here as `/api/track/v1/details/…` (what
//! is on the wire) and the per-file servers are dropped: Prism then matches wire paths as they
//! are and forwards them unchanged to the emulator.

mod support;

use serde_json::Value;
use shopdesk::sandbox::seed;
use shopdesk::sandbox::tracking::{self, Carrier, Stage};
use shopdesk::sandbox::{Options, Sandbox, demo};
use support::prism::{self, Prism};
use support::{Env, stderr, stdout};

fn load(rel: &str) -> Option<Value> {
    let text =
        std::fs::read_to_string(prism::spec_file(rel)?).unwrap().replace("\r\n", "\n").replace('\t', "    ");
    Some(serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

fn ups_spec(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let track = load("ups/Tracking.yaml")?;
    let oauth = load("ups/OAuthClientCredentials.yaml")?;
    let mut t = prism::subset(&track, &["/track/v1/details/{inquiryNumber}"], None);
    let item = t["paths"]["/track/v1/details/{inquiryNumber}"].take();
    t["paths"] = serde_json::json!({ "/api/track/v1/details/{inquiryNumber}": item });
    let mut o = prism::subset(&oauth, &["/security/v1/oauth/token"], None);
    if let Some(post) = o["paths"]["/security/v1/oauth/token"]["post"].as_object_mut() {
        post.remove("servers");
    }
    let mut merged = prism::merge(t, o);
    if let Some(m) = merged.as_object_mut() {
        m.remove("servers");
    }
    let out = dir.join("ups-merged.json");
    std::fs::write(&out, serde_json::to_vec(&merged).unwrap()).unwrap();
    Some(out)
}

#[test]
fn ups_traffic_conforms_to_the_ups_openapi_documents() {
    if !prism::wanted() {
        return;
    }
    let env = Env::new();
    let Some(spec) = ups_spec(env.path()) else { return };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let sb = rt.block_on(Sandbox::start(Options::default())).unwrap();
    let p = Prism::start(&spec, &sb.ups_url(), env.path(), "ups");
    env.write_config(&format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 0\n[profiles.default.carriers.ups]\ncarrier = \"ups\"\nurl = \"{}\"\nclient_id = \"{}\"\n",
        p.url(),
        demo::UPS_CLIENT_ID
    ));
    let parcels = tracking::parcels(0, seed::DEFAULT_ORDERS, Carrier::Ups);
    let mut args = vec!["track".to_string()];
    for st in [Stage::PreTransit, Stage::InTransit, Stage::OutForDelivery, Stage::Delivered, Stage::Exception]
    {
        args.push(parcels.iter().find(|x| x.stage == st).unwrap().number.clone());
    }
    args.extend(["--json".into()]);
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_UPS_CLIENT_SECRET", demo::UPS_CLIENT_SECRET)
        .args(&args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "through the validating proxy:\n{}{}\n--- prism ---\n{}",
        stderr(&o),
        stdout(&o),
        p.log_text()
    );
    // An unknown number: the 404 body conforms too.
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_UPS_CLIENT_SECRET", demo::UPS_CLIENT_SECRET)
        .args(["track", "1Z5R89390357567127", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}{}\n--- prism ---\n{}", stderr(&o), stdout(&o), p.log_text());
    let errors = p.errors();
    assert!(errors.is_empty(), "contract violations:\n{}\n--- log ---\n{}", errors.join("\n"), p.log_text());
}
