//! Contract check for the Mixpanel adapter and emulator: `/import` traffic passes through
//! Stoplight Prism in validating proxy mode (`support/prism.rs`) loaded with Mixpanel's own
//! `ingestion.openapi.yaml` (`shared/specs/mixpanel`), cut down to `/import`. Its `servers`
//! (`https://{region}.mixpanel.com`) are dropped so Prism matches the wire path as it is and
//! forwards it to the emulator.
//!
//! Two senders: the built binary's `test-connection --all` (the probe: a one-event batch that
//! strict validation refuses, i.e. a 400 partial failure) and the adapter through the library
//! with a mixed batch (imported events, refused events, a duplicate). Prism flags any request
//! or answer that breaks the contract; none may.

mod support;

use serde_json::{Value, json};
use shopdesk::adapters::analytics::{self, Account};
use shopdesk::config::AnalyticsServiceConfig;
use shopdesk::domain::AnalyticsEvent;
use shopdesk::sandbox::{Options, Sandbox, demo};
use shopdesk::secret::Secret;
use shopdesk::transport::{Client, Settings, log::Logger};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use support::prism::{self, Prism};
use support::{Env, stderr, stdout};

fn mixpanel_spec(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    let text = std::fs::read_to_string(prism::spec_file("mixpanel/ingestion.openapi.yaml")?).unwrap();
    let full: Value = serde_norway::from_str(&text).unwrap();
    let mut s = prism::subset(&full, &["/import"], None);
    if let Some(m) = s.as_object_mut() {
        m.remove("servers");
    }
    let out = dir.join("mixpanel-import.json");
    std::fs::write(&out, serde_json::to_vec(&s).unwrap()).unwrap();
    Some(out)
}

fn event(name: &str, id: &str, time_ms: i64) -> AnalyticsEvent {
    AnalyticsEvent {
        name: name.into(),
        distinct_id: "agent-7".into(),
        time_ms,
        insert_id: id.into(),
        properties: BTreeMap::from([("order".to_string(), json!("#1002")), ("items".to_string(), json!(3))]),
    }
}

#[test]
fn mixpanel_import_traffic_conforms_to_the_ingestion_openapi() {
    if !prism::wanted() {
        return;
    }
    let env = Env::new();
    let Some(spec) = mixpanel_spec(env.path()) else { return };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let sb = rt.block_on(Sandbox::start(Options::default())).unwrap();
    let p = Prism::start(&spec, &sb.mixpanel_url(), env.path(), "mixpanel");

    // The binary's probe.
    env.write_config(&format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 0\n[profiles.default.analytics.mixpanel]\nservice = \"mixpanel\"\nurl = \"{}\"\nproject_id = \"{}\"\nusername = \"{}\"\n",
        p.url(),
        demo::MIXPANEL_PROJECT_ID,
        demo::MIXPANEL_USERNAME
    ));
    let o = env
        .cmd()
        .env("SHOPDESK_DEFAULT_MIXPANEL_SERVICE_ACCOUNT_SECRET", demo::MIXPANEL_SECRET)
        .args(["test-connection", "--all", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}{}\n--- prism ---\n{}", stderr(&o), stdout(&o), p.log_text());

    // The adapter with a mixed batch, through the library.
    let config = AnalyticsServiceConfig {
        service: "mixpanel".into(),
        url: Some(p.url().parse().unwrap()),
        project_id: Some(demo::MIXPANEL_PROJECT_ID.into()),
        username: Some(demo::MIXPANEL_USERNAME.into()),
        ..Default::default()
    };
    let account = Account {
        name: "mixpanel".into(),
        config,
        secrets: HashMap::from([("service_account_secret", Secret::new(demo::MIXPANEL_SECRET))]),
        connect: Box::new(|url, auth, hooks| {
            let settings = Settings { max_retries: 0, ..Settings::default() };
            Client::new("mixpanel (mixpanel)".into(), url, auth, hooks, settings, Arc::new(Logger::quiet()))
        }),
    };
    let mp = (analytics::info("mixpanel").unwrap().build)(account).unwrap();
    let now = jiff::Timestamp::now().as_millisecond();
    let batch = vec![
        event("order_lookup", "c0ffee-1", now),
        event("refund", "c0ffee-2", 1000),
        event("tracking_check", "c0ffee-3", now),
        event("order_lookup", "c0ffee-1", now),
    ];
    let r = rt.block_on(mp.send(&batch)).unwrap();
    assert_eq!(r.accepted, 3, "{r:?}");
    assert_eq!(r.rejected.iter().map(|f| f.index).collect::<Vec<_>>(), vec![1]);
    let r = rt.block_on(mp.send(&batch[..1])).unwrap();
    assert_eq!((r.accepted, r.rejected.len()), (1, 0));

    let errors = p.errors();
    assert!(errors.is_empty(), "contract violations:\n{}\n--- log ---\n{}", errors.join("\n"), p.log_text());
    rt.block_on(sb.shutdown());
}
