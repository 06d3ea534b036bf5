//! Unit tests for the lookup order, the keyring wrapper (mock store) and the error texts.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use keyring_core::api::CredentialStoreApi;
use keyring_core::{CredentialStore, Entry, mock};

use super::*;
use crate::error::Kind;

const VALUE: &str = "shpat_supersecret_123";

fn id() -> SecretId {
    SecretId::new("default", "demo", "access_token")
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Arc<CredentialStore>,
    creds: Credentials,
}

fn fixture(env: &[(&str, &str)]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<CredentialStore> = mock::Store::new().unwrap();
    let creds = Credentials::new(dir.path().join("state"))
        .with_store(store.clone(), "mock")
        .with_env(EnvLookup::fixed(env));
    Fixture { _dir: dir, store, creds }
}

impl Fixture {
    /// Makes the next call on the mock entry for `id` fail with `err`.
    fn fail_next(&self, id: &SecretId, err: keyring_core::Error) {
        let entry = Entry::new_in_store(&self.store, KEYRING_SERVICE, &id.account()).unwrap();
        let cred: &mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(err);
    }
}

fn assert_no_secret(e: &Error) {
    let all = format!("{} {:?} {:?}", e.message, e.hint, e);
    assert!(!all.contains(VALUE), "secret leaked: {all}");
}

#[test]
fn secret_id_names() {
    let id = id();
    assert_eq!(id.to_string(), "default/demo/access_token");
    assert_eq!(id.account(), "default/demo/access_token");
    assert_eq!(id.env_var(), "SHOPDESK_DEFAULT_DEMO_ACCESS_TOKEN");
    assert_eq!(SecretId::new("eu-prod", "shop.one", "key").env_var(), "SHOPDESK_EU_PROD_SHOP_ONE_KEY");
}

#[test]
fn source_display() {
    assert_eq!(Source::Env("SHOPDESK_X".into()).to_string(), "env SHOPDESK_X");
    assert_eq!(Source::Command.to_string(), "credential_command");
    assert_eq!(Source::Keyring("secret-service").to_string(), "keyring (secret-service)");
    assert_eq!(Source::Sandbox.to_string(), "sandbox");
}

#[tokio::test]
async fn keyring_set_get_delete() {
    let f = fixture(&[]);
    let src = f.creds.set(&id(), &Secret::new(VALUE)).await.unwrap();
    assert_eq!(src, Source::Keyring("mock"));

    let (value, src) = f.creds.get(&id(), None).await.unwrap();
    assert_eq!(value.expose(), VALUE);
    assert_eq!(src, Source::Keyring("mock"));

    assert!(f.creds.delete(&id()).await.unwrap());
    assert!(!f.creds.delete(&id()).await.unwrap());
    let e = f.creds.get(&id(), None).await.unwrap_err();
    assert_eq!(e.kind, Kind::Auth);
}

#[tokio::test]
async fn precedence_sandbox_env_command_keyring() {
    let var = id().env_var();
    let f = fixture(&[(var.as_str(), "from_env")]);
    f.creds.set(&id(), &Secret::new("from_keyring")).await.unwrap();

    // env beats command and keyring
    let (v, src) = f.creds.get(&id(), Some("echo from_cmd")).await.unwrap();
    assert_eq!((v.expose(), src), ("from_env", Source::Env(var.clone())));

    // sandbox beats env
    let sandboxed = f.creds.clone().with_override(id(), Secret::new("from_sandbox"));
    let (v, src) = sandboxed.get(&id(), Some("echo from_cmd")).await.unwrap();
    assert_eq!((v.expose(), src), ("from_sandbox", Source::Sandbox));

    // without env: command beats keyring
    let no_env = f.creds.clone().with_env(EnvLookup::fixed(&[]));
    let (v, src) = no_env.get(&id(), Some("echo from_cmd")).await.unwrap();
    assert_eq!((v.expose(), src), ("from_cmd", Source::Command));

    // without env and command: keyring
    let (v, src) = no_env.get(&id(), None).await.unwrap();
    assert_eq!((v.expose(), src), ("from_keyring", Source::Keyring("mock")));
}

#[tokio::test]
async fn empty_env_var_counts_as_unset() {
    let var = id().env_var();
    let f = fixture(&[(var.as_str(), "")]);
    f.creds.set(&id(), &Secret::new(VALUE)).await.unwrap();
    let (_, src) = f.creds.get(&id(), None).await.unwrap();
    assert_eq!(src, Source::Keyring("mock"));
}

#[tokio::test]
async fn failing_command_does_not_fall_back_to_keyring() {
    let f = fixture(&[]);
    f.creds.set(&id(), &Secret::new(VALUE)).await.unwrap();
    let e = f.creds.get(&id(), Some(&format!("echo {VALUE}; exit 3"))).await.unwrap_err();
    assert_eq!(e.kind, Kind::Auth);
    assert!(e.message.contains("exit status: 3"), "{}", e.message);
    assert_no_secret(&e);
}

#[tokio::test]
async fn command_timeout_is_reported() {
    let f = fixture(&[]);
    let creds = f.creds.clone().with_timeouts(keyring::TIMEOUT, Duration::from_millis(200));
    let e = creds.get(&id(), Some("sleep 20")).await.unwrap_err();
    assert!(e.message.contains("did not finish"), "{}", e.message);
}

#[tokio::test]
async fn missing_everywhere_names_all_three_fixes() {
    let f = fixture(&[]);
    let e = f.creds.get(&id(), None).await.unwrap_err();
    assert_eq!(e.kind, Kind::Auth);
    assert_eq!(e.exit_code(), 4);
    assert_eq!(e.message, "no secret for default/demo/access_token");
    let hint = e.hint.unwrap();
    assert!(hint.contains("`shopdesk auth login demo`"), "{hint}");
    assert!(hint.contains("--with-token"), "{hint}");
    assert!(hint.contains("SHOPDESK_DEFAULT_DEMO_ACCESS_TOKEN"), "{hint}");
    assert!(hint.contains("credential_command"), "{hint}");
}

#[tokio::test]
async fn missing_in_other_profile_names_the_profile() {
    let f = fixture(&[]);
    let id = SecretId::new("eu", "shop", "token");
    let hint = f.creds.get(&id, None).await.unwrap_err().hint.unwrap();
    assert!(hint.contains("`shopdesk --profile eu auth login shop`"), "{hint}");
    assert!(hint.contains("SHOPDESK_EU_SHOP_TOKEN"), "{hint}");
}

#[tokio::test]
async fn locked_keyring_error_names_cause_and_fix() {
    let f = fixture(&[]);
    f.creds.set(&id(), &Secret::new(VALUE)).await.unwrap();
    f.fail_next(&id(), keyring_core::Error::NoStorageAccess("collection is locked".into()));
    let e = f.creds.get(&id(), None).await.unwrap_err();
    assert_eq!(e.kind, Kind::Auth);
    assert!(e.message.contains("locked"), "{}", e.message);
    assert!(e.message.contains("default/demo/access_token"), "{}", e.message);
    let hint = e.hint.clone().unwrap();
    assert!(hint.contains("SHOPDESK_DEFAULT_DEMO_ACCESS_TOKEN"), "{hint}");
    assert!(hint.contains("credential_command"), "{hint}");
    assert_no_secret(&e);
}

#[tokio::test]
async fn undecodable_value_is_not_echoed() {
    let f = fixture(&[]);
    f.fail_next(&id(), keyring_core::Error::BadEncoding(VALUE.as_bytes().to_vec()));
    let e = f.creds.get(&id(), None).await.unwrap_err();
    assert!(e.message.contains("not readable text"), "{}", e.message);
    assert_no_secret(&e);
}

#[tokio::test]
async fn set_refuses_empty_secret() {
    let f = fixture(&[]);
    let e = f.creds.set(&id(), &Secret::new("  ")).await.unwrap_err();
    assert_eq!(e.kind, Kind::Usage);
}

#[tokio::test]
async fn set_records_time_in_metadata_without_value() {
    let f = fixture(&[]);
    let before = jiff::Timestamp::now();
    f.creds.set(&id(), &Secret::new(VALUE)).await.unwrap();
    let text = std::fs::read_to_string(f.creds.metadata_path()).unwrap();
    assert!(text.contains("default/demo/access_token"), "{text}");
    assert!(!text.contains(VALUE), "{text}");

    let st = f.creds.status(&id(), None).await;
    assert_eq!(st.source, Some(Source::Keyring("mock")));
    assert_eq!(st.problem, None);
    let set_at = st.set_at.unwrap();
    assert!(set_at >= before.round(jiff::Unit::Second).unwrap() - jiff::SignedDuration::from_secs(1));
    assert_eq!(st.age_days(set_at), Some(0));
    let later = set_at + jiff::SignedDuration::from_hours(24 * 91 + 1);
    assert_eq!(st.age_days(later), Some(91));

    f.creds.delete(&id()).await.unwrap();
    let text = std::fs::read_to_string(f.creds.metadata_path()).unwrap();
    assert!(!text.contains("default/demo/access_token"), "{text}");
}

#[tokio::test]
async fn status_never_runs_the_command() {
    let f = fixture(&[]);
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("ran");
    let cmd = format!("touch {}; echo x", marker.display());
    let st = f.creds.status(&id(), Some(&cmd)).await;
    assert_eq!(st.source, Some(Source::Command));
    assert!(!marker.exists(), "status ran the credential_command");
}

#[tokio::test]
async fn status_reports_env_and_sandbox_without_value() {
    let var = id().env_var();
    let f = fixture(&[(var.as_str(), VALUE)]);
    let st = f.creds.status(&id(), None).await;
    assert_eq!(st.source, Some(Source::Env(var)));
    assert!(!format!("{st:?}").contains(VALUE));

    let st = f.creds.clone().with_override(id(), Secret::new(VALUE)).status(&id(), None).await;
    assert_eq!(st.source, Some(Source::Sandbox));
    assert!(!format!("{st:?}").contains(VALUE));
}

#[tokio::test]
async fn status_of_missing_secret() {
    let f = fixture(&[]);
    let st = f.creds.status(&id(), None).await;
    assert_eq!(st.source, None);
    assert_eq!(st.problem, None);
    assert_eq!(st.age_days(jiff::Timestamp::now()), None);
}

#[tokio::test]
async fn secret_lost_from_keyutils_is_explained() {
    let f = fixture(&[]);
    let meta = Meta::new(f.creds.state_dir());
    meta.record_set(&id().account(), "keyutils", jiff::Timestamp::now()).unwrap();
    let st = f.creds.status(&id(), None).await;
    assert_eq!(st.source, None);
    let problem = st.problem.unwrap();
    assert!(problem.contains("no longer there"), "{problem}");
    assert!(problem.contains("reboot"), "{problem}");

    let e = f.creds.get(&id(), None).await.unwrap_err();
    assert!(e.message.starts_with("no secret for default/demo/access_token"));
    assert!(e.message.contains("reboot"), "{}", e.message);
}

#[tokio::test]
async fn status_reports_keyring_problem() {
    let f = fixture(&[]);
    f.fail_next(&id(), keyring_core::Error::NoStorageAccess("collection is locked".into()));
    let st = f.creds.status(&id(), None).await;
    assert_eq!(st.source, None);
    let problem = st.problem.unwrap();
    assert!(problem.contains("locked"), "{problem}");
    assert!(problem.contains("to fix"), "{problem}");
}

/// A store whose every call hangs, like a Secret Service waiting for an invisible unlock prompt.
#[derive(Debug)]
struct HangingStore;

impl CredentialStoreApi for HangingStore {
    fn vendor(&self) -> String {
        "hanging".into()
    }
    fn id(&self) -> String {
        "hanging".into()
    }
    fn build(
        &self,
        _service: &str,
        _user: &str,
        _mods: Option<&HashMap<&str, &str>>,
    ) -> keyring_core::Result<Entry> {
        std::thread::sleep(Duration::from_secs(2));
        Err(keyring_core::Error::NoEntry)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[tokio::test]
async fn hanging_keyring_times_out_with_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let creds = Credentials::new(dir.path().to_path_buf())
        .with_store(Arc::new(HangingStore), "hanging")
        .with_env(EnvLookup::fixed(&[]))
        .with_timeouts(Duration::from_millis(200), command::TIMEOUT);
    let started = std::time::Instant::now();
    let e = creds.get(&id(), None).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(e.kind, Kind::Auth);
    assert!(e.message.contains("the OS keyring did not answer within 0.2 s"), "{}", e.message);
    assert!(e.hint.unwrap().contains("SHOPDESK_DEFAULT_DEMO_ACCESS_TOKEN"));

    let e = creds.set(&id(), &Secret::new(VALUE)).await.unwrap_err();
    assert!(e.message.contains("did not answer"), "{}", e.message);
    assert_no_secret(&e);

    let st = creds.status(&id(), None).await;
    assert!(st.problem.unwrap().contains("did not answer"));
}
