//! Test support: a hermetic command builder (xh style) and an in-process sandbox host.

#![allow(dead_code)]

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
            .env("NO_COLOR", "1")
            .env("COLUMNS", "120")
            .env_remove("DBUS_SESSION_BUS_ADDRESS");
        c
    }
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
