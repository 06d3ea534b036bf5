//! Test support: a hermetic command builder (xh style) and an in-process sandbox host.

#![allow(dead_code)]

pub mod prism;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A temporary home for one test: config, state and HOME all inside it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env { dir: tempfile::tempdir().expect("tempdir") }
    }
    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config").join("config.toml")
    }
    pub fn write_config(&self, text: &str) -> PathBuf {
        let p = self.config_path();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
    /// Like [`Env::cmd`], as a `std::process::Command` (for spawning long-running servers).
    pub fn cmd_std(&self) -> std::process::Command {
        to_std(&self.cmd())
    }

    /// The binary with a clean environment: no user config, keyring state or colours leak in.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(assert_cmd::cargo::cargo_bin!("shopdesk"));
        for (k, _) in std::env::vars() {
            if k.starts_with("SHOPDESK_") {
                c.env_remove(k);
            }
        }
        c.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_STATE_HOME", self.dir.path().join("xdg-state"))
            .env("SHOPDESK_CONFIG", self.config_path())
            .env("SHOPDESK_STATE_DIR", self.dir.path().join("state"))
            .env("SHOPDESK_CACHE_DIR", self.dir.path().join("cache"))
            .env("NO_COLOR", "1")
            .env("COLUMNS", "120")
            .env_remove("DBUS_SESSION_BUS_ADDRESS");
        c
    }
}

/// `c` as a `std::process::Command`: the same program and environment, no arguments (for
/// spawning long-running servers).
pub fn to_std(c: &Command) -> std::process::Command {
    let mut s = std::process::Command::new(c.get_program());
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => s.env(k, v),
            None => s.env_remove(k),
        };
    }
    s
}

/// A config with one Shopify store at `url` using a static token.
pub fn shopify_config(url: &str) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n[profiles.default.stores.main]\nplatform = \"shopify\"\nurl = \"{url}\"\napi_version = \"2026-10\"\nauth = \"token\"\n"
    )
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A sandbox running on its own runtime thread for the duration of a test.
pub struct Host {
    pub rt: tokio::runtime::Runtime,
    pub sb: Option<shopdesk::sandbox::Sandbox>,
}

impl Host {
    pub fn start(opts: shopdesk::sandbox::Options) -> Host {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let sb = rt.block_on(shopdesk::sandbox::Sandbox::start(opts)).expect("sandbox starts");
        Host { rt, sb: Some(sb) }
    }
    pub fn default() -> Host {
        Host::start(shopdesk::sandbox::Options::default())
    }
    pub fn sb(&self) -> &shopdesk::sandbox::Sandbox {
        self.sb.as_ref().unwrap()
    }
    pub fn shopify_url(&self) -> String {
        self.sb().shopify_store_url()
    }
    /// POST to the control API (`/_sandbox/faults`).
    pub fn control(&self, body: serde_json::Value) {
        let url = self.sb().faults_url();
        self.rt.block_on(async {
            let r = reqwest::Client::new().post(url).json(&body).send().await.unwrap();
            assert!(r.status().is_success(), "control call failed: {}", r.text().await.unwrap());
        });
    }
    /// The sandbox's request log.
    pub fn requests(&self) -> Vec<shopdesk::sandbox::RequestRecord> {
        self.sb().requests()
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        if let Some(sb) = self.sb.take() {
            self.rt.block_on(sb.shutdown());
        }
    }
}

/// An `Env` with a Shopify store pointed at `host` (static demo token via env).
pub fn shopify_env(host: &Host) -> Env {
    let env = Env::new();
    env.write_config(&shopify_config(&host.shopify_url()));
    env
}

/// The binary with the demo token in the environment.
pub fn shopify_cmd(env: &Env) -> Command {
    let mut c = env.cmd();
    c.env("SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN", shopdesk::sandbox::demo::SHOPIFY_STATIC_TOKEN);
    c
}

/// Everything the sandbox serves as profile `default` in a config file, the way `sandbox serve`
/// prints it: stores, gateways, carriers, CRMs and analytics services, plus `extra` TOML lines
/// appended at the end (e.g. `[profiles.default.analytics]` options). Returns the environment
/// and the `SHOPDESK_DEFAULT_<NAME>_<FIELD>` secrets to export.
pub fn sandbox_profile(host: &Host, extra: &str) -> (Env, Vec<(String, String)>) {
    let sb = host.sb();
    let e = Env::new();
    let var = |name: &str, field: &str| format!("SHOPDESK_DEFAULT_{name}_{field}").to_uppercase();
    let mut secrets = Vec::new();
    let mut cfg = String::from(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 1\ndefault_store = \"shopify\"\n",
    );
    let mut entry =
        |table: &str, name: &str, kind_key: &str, kind: &str, url: &str, keys: Vec<(&str, String)>| {
            cfg.push_str(&format!(
                "[profiles.default.{table}.{name}]\n{kind_key} = \"{kind}\"\nurl = \"{url}\"\n"
            ));
            for (k, v) in keys {
                cfg.push_str(&format!("{k} = \"{v}\"\n"));
            }
        };
    for d in sb.demo_stores() {
        let mut keys = vec![("auth", d.auth.to_string())];
        keys.extend(d.client_id.map(|c| ("client_id", c.to_string())));
        entry("stores", d.name, "platform", d.platform, &d.url, keys);
        secrets.extend(d.secrets.iter().map(|(f, v)| (var(d.name, f), v.to_string())));
    }
    for g in sb.demo_gateways() {
        entry(
            "payments",
            g.name,
            "gateway",
            g.gateway,
            &g.url,
            g.client_id.map(|c| ("client_id", c.to_string())).into_iter().collect(),
        );
        secrets.extend(g.secrets.iter().map(|(f, v)| (var(g.name, f), v.to_string())));
    }
    for c in sb.demo_carriers() {
        let mut keys: Vec<(&str, String)> =
            c.client_id.map(|id| ("client_id", id.to_string())).into_iter().collect();
        keys.extend(c.min_interval.clone().map(|m| ("min_interval", m)));
        entry("carriers", c.name, "carrier", c.carrier, &c.url, keys);
        secrets.extend(c.secrets.iter().map(|(f, v)| (var(c.name, f), v.to_string())));
    }
    for (table, kind_key, list) in
        [("crm", "crm", sb.demo_crms()), ("analytics", "service", sb.demo_analytics())]
    {
        for d in list {
            entry(
                table,
                d.name,
                kind_key,
                d.kind,
                &d.url,
                d.settings.iter().map(|(k, v)| (*k, v.clone())).collect(),
            );
            secrets.extend(d.secrets.iter().map(|(f, v)| (var(d.name, f), v.clone())));
        }
    }
    cfg.push_str(extra);
    e.write_config(&cfg);
    (e, secrets)
}

impl Host {
    /// GET a control-API route (`/_sandbox/…`) as JSON.
    pub fn get_json(&self, path: &str) -> serde_json::Value {
        let url = format!("{}{path}", self.sb().base_url());
        self.rt.block_on(async { reqwest::get(url).await.unwrap().json().await.unwrap() })
    }
}

/// A carrier adapter built by hand against the sandbox (no config file, no keyring): `kind` at
/// `url` with the demo OAuth client `client_id` / `client_secret`, default transport settings.
pub fn carrier(
    kind: &str,
    url: &str,
    client_id: &str,
    client_secret: &str,
) -> Box<dyn shopdesk::adapters::carriers::Carrier> {
    use shopdesk::adapters::carriers::{self, Account};
    use shopdesk::transport::{Client, Settings, log::Logger};
    let info = carriers::info(kind).expect("a registered carrier");
    let cfg = shopdesk::config::CarrierConfig {
        carrier: kind.into(),
        url: Some(url.parse().unwrap()),
        client_id: Some(client_id.into()),
        ..Default::default()
    };
    let secrets =
        std::collections::HashMap::from([("client_secret", shopdesk::secret::Secret::new(client_secret))]);
    let auth = (info.auth)(kind, &cfg, &secrets).unwrap();
    let client = Client::new(
        format!("{kind} ({kind})"),
        info.base_url(&cfg).unwrap(),
        auth,
        info.hooks,
        Settings::default(),
        std::sync::Arc::new(Logger::quiet()),
    )
    .unwrap();
    (info.build)(Account { name: kind.into(), config: cfg, client })
}

/// Is `keyctl` (Debian's keyutils) here, for tests that store secrets in a private kernel keyring
/// session? `false` only when `SHOPDESK_SKIP_REAL_KEYRING` is set (the caller skips); a missing
/// `keyctl` otherwise fails the test, naming the package.
pub fn keyctl_available() -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", "command -v keyctl"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("SHOPDESK_SKIP_REAL_KEYRING").is_some(),
        "install the Debian package `keyutils`"
    );
    found
}

/// A seeded RNG for a randomized test, and its seed: `SHOPDESK_TEST_SEED` replays a run, else
/// the clock picks one. The seed is printed (shown when the test fails) so a failure can be
/// replayed exactly.
pub fn seeded_rng(test: &str) -> shopdesk::sandbox::seed::Rng {
    let seed = std::env::var("SHOPDESK_TEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("{test}: seed {seed} (replay with SHOPDESK_TEST_SEED={seed})");
    shopdesk::sandbox::seed::Rng::new(seed)
}

/// A long-running `shopdesk` process (`sandbox serve`, `webhook listen`), stderr kept in a
/// file, stopped with SIGKILL when dropped.
pub struct Spawned {
    pub child: std::process::Child,
    pub stdout: std::io::BufReader<std::process::ChildStdout>,
    pub stderr_path: PathBuf,
}

impl Spawned {
    /// Starts `cmd` (from [`Env::cmd_std`], with its environment) with `args`.
    pub fn start(mut cmd: std::process::Command, args: &[&str], stderr_path: PathBuf) -> Spawned {
        let err = std::fs::File::create(&stderr_path).unwrap();
        let mut child = cmd
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::from(err))
            .spawn()
            .unwrap();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        Spawned { child, stdout, stderr_path }
    }
    /// The next line of stdout (panics with stderr when the process ended).
    pub fn line(&mut self) -> String {
        use std::io::BufRead;
        let mut l = String::new();
        let n = self.stdout.read_line(&mut l).unwrap();
        assert!(n > 0, "the process ended: {}", self.stderr());
        l.trim_end().to_string()
    }
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
    /// Still running?
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What `sandbox serve` printed: its profile block, its `export` lines and every line up to
/// "Ctrl-C".
pub struct Served {
    pub process: Spawned,
    pub lines: Vec<String>,
}

impl Served {
    /// `shopdesk sandbox serve --port 0 ARGS…`, read up to the line that says how to stop it.
    pub fn start(env: &Env, args: &[&str]) -> Served {
        let mut a = vec!["sandbox", "serve", "--port", "0"];
        a.extend_from_slice(args);
        let mut process = Spawned::start(env.cmd_std(), &a, env.path().join("sandbox-serve.err"));
        let mut lines: Vec<String> = Vec::new();
        while !lines.last().is_some_and(|l| l.starts_with("Ctrl-C")) {
            lines.push(process.line());
        }
        Served { process, lines }
    }
    /// The printed `[profiles.sandbox]` block.
    pub fn profile(&self) -> String {
        let block: Vec<&str> = self
            .lines
            .iter()
            .map(|l| l.trim_start())
            .skip_while(|l| !l.starts_with("[profiles.sandbox]"))
            .take_while(|l| !l.is_empty())
            .collect();
        block.join("\n") + "\n"
    }
    /// The printed `export K=V` lines.
    pub fn exports(&self) -> Vec<(String, String)> {
        self.lines
            .iter()
            .filter_map(|l| l.trim_start().strip_prefix("export "))
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), v.to_string())
            })
            .collect()
    }
    /// The control API's base (`http://127.0.0.1:PORT`), from the first line.
    pub fn base_url(&self) -> String {
        self.lines[0].rsplit(' ').next().unwrap().to_string()
    }
}
