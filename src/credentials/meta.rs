//! Non-secret bookkeeping about stored secrets: when each was set, and in which keyring.
//!
//! Keyrings do not tell us when an item was written (keyutils keeps no such date; Secret Service
//! has one but not every provider fills it), yet `auth status` wants to warn about keys that are
//! due for rotation (Stripe restricted keys, 90-day tokens). So `set` records the time here, in
//! `<state_dir>/credentials.toml`. The file holds account names, backend names and timestamps,
//! **never a secret value**. It is still written `0600` in a `0700` directory, because which stores
//! a support agent has access to is nobody else's business.
//!
//! Writes go to a temporary file that is renamed over the old one, so a crash never leaves a
//! half-written file. A missing file is an empty record, not an error.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;

pub(crate) const FILE_NAME: &str = "credentials.toml";

/// What we remember about one keyring account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Record {
    pub set_at: jiff::Timestamp,
    /// Which keyring held it ("secret-service", "keyutils", …).
    pub backend: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct MetaFile {
    #[serde(default)]
    secrets: BTreeMap<String, Record>,
}

/// The metadata file in one state directory.
#[derive(Debug, Clone)]
pub(crate) struct Meta {
    path: PathBuf,
}

impl Meta {
    pub(crate) fn new(state_dir: &Path) -> Self {
        Meta { path: state_dir.join(FILE_NAME) }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The record for `account`, if any.
    pub(crate) fn get(&self, account: &str) -> Result<Option<Record>, Error> {
        Ok(self.load()?.secrets.remove(account))
    }

    /// Records that `account` was set now in `backend`.
    pub(crate) fn record_set(&self, account: &str, backend: &str, at: jiff::Timestamp) -> Result<(), Error> {
        let mut file = self.load()?;
        file.secrets.insert(account.to_string(), Record { set_at: at, backend: backend.to_string() });
        self.save(&file)
    }

    /// Forgets `account`. Does nothing if it was not recorded.
    pub(crate) fn remove(&self, account: &str) -> Result<(), Error> {
        let mut file = self.load()?;
        if file.secrets.remove(account).is_some() {
            self.save(&file)?;
        }
        Ok(())
    }

    fn load(&self) -> Result<MetaFile, Error> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(MetaFile::default()),
            Err(e) => {
                return Err(Error::general(format!("could not read {}: {e}", self.path.display())));
            }
        };
        toml::from_str(&text).map_err(|e| {
            Error::general(format!("{} is not valid: {e}", self.path.display()))
                .with_hint("it only records when secrets were set; delete it and run `auth login` again")
        })
    }

    fn save(&self, file: &MetaFile) -> Result<(), Error> {
        let fail =
            |e: std::io::Error| Error::general(format!("could not write {}: {e}", self.path.display()));
        let dir = self.path.parent().unwrap_or(Path::new("."));
        create_private_dir(dir).map_err(fail)?;
        let text = toml::to_string_pretty(file)
            .map_err(|e| Error::general(format!("could not encode credential metadata: {e}")))?;
        let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        let mut out = private_file(&tmp).map_err(fail)?;
        out.write_all(text.as_bytes()).map_err(fail)?;
        out.sync_all().map_err(fail)?;
        drop(out);
        std::fs::rename(&tmp, &self.path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_remove() {
        let dir = tempfile::tempdir().unwrap();
        let meta = Meta::new(&dir.path().join("nested/state"));
        assert_eq!(meta.get("a/b/c").unwrap(), None);

        let at: jiff::Timestamp = "2026-01-02T03:04:05Z".parse().unwrap();
        meta.record_set("a/b/c", "keyutils", at).unwrap();
        meta.record_set("a/b/d", "secret-service", at).unwrap();
        let rec = meta.get("a/b/c").unwrap().unwrap();
        assert_eq!(rec.set_at, at);
        assert_eq!(rec.backend, "keyutils");

        meta.remove("a/b/c").unwrap();
        assert_eq!(meta.get("a/b/c").unwrap(), None);
        assert!(meta.get("a/b/d").unwrap().is_some());
    }

    #[cfg(unix)]
    #[test]
    fn file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let meta = Meta::new(&state);
        meta.record_set("a/b/c", "mock", jiff::Timestamp::now()).unwrap();
        let mode = std::fs::metadata(meta.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let mode = std::fs::metadata(&state).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }

    #[test]
    fn corrupt_file_is_reported_with_a_fix() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "not = [toml").unwrap();
        let e = Meta::new(dir.path()).get("a").unwrap_err();
        assert!(e.message.contains("is not valid"), "{}", e.message);
        assert!(e.hint.unwrap().contains("delete it"));
    }
}
