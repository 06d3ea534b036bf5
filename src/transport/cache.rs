//! The response cache: read-only answers kept on disk for a few minutes (default 5), so a
//! support agent who looks at the same order twice, or pipes one lookup into several commands,
//! does not pay the round trip (and the rate limit) twice. `--no-cache` turns it off.
//!
//! Only requests an adapter marks `cacheable` (reads) and only 2xx answers are stored. Any write
//! through the same service clears that service's entries, so a read after `note add` or
//! `fulfillment create` is fresh. The key covers the service, method, URL, body and a hash of the
//! credential, so another token (or a revoked one) never sees an entry it did not fetch. Token
//! endpoints are never cached. Entries hold customer data: the directory is 0700 and files 0600.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Headers not kept with a cached body: they describe the original connection or session.
/// Everything else stays, because adapters read paging and rate-limit state from headers
/// (`X-WP-TotalPages`, `Link`, …) and a cached page must page like the original.
const DROPPED_HEADERS: &[&str] =
    &["set-cookie", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"];

#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    ttl: Duration,
    /// `false`: reads neither come from nor go to the cache; writes still invalidate.
    serves: bool,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    stored_at: u64,
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

fn hex(d: impl AsRef<[u8]>) -> String {
    d.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Cache {
    pub fn new(dir: PathBuf, ttl: Duration) -> Self {
        Cache { dir, ttl, serves: true }
    }

    /// A cache that only forgets: a command that must read fresh data still clears what its
    /// writes make stale for the next command.
    pub fn invalidate_only(self) -> Self {
        Cache { serves: false, ..self }
    }

    /// Does this cache answer (and store) reads?
    pub fn serves(&self) -> bool {
        self.serves
    }

    /// The folder for one service (store), named by a hash of its identity.
    fn service_dir(&self, service: &str) -> PathBuf {
        self.dir.join(&hex(Sha256::digest(service.as_bytes()))[..16])
    }

    pub fn key(method: &str, url: &str, body: &[u8], credential: &str) -> String {
        let mut h = Sha256::new();
        for part in [method.as_bytes(), url.as_bytes(), body, credential.as_bytes()] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        hex(h.finalize())
    }

    /// A fresh entry, with its age.
    pub fn get(&self, service: &str, key: &str) -> Option<(StatusCode, HeaderMap, Bytes, Duration)> {
        let path = self.service_dir(service).join(format!("{key}.json"));
        let e: Entry = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
        let age = now().saturating_sub(e.stored_at);
        if age >= self.ttl.as_secs() {
            let _ = std::fs::remove_file(&path);
            return None;
        }
        let mut headers = HeaderMap::new();
        for (k, v) in e.headers {
            if let (Ok(k), Ok(v)) = (HeaderName::from_bytes(k.as_bytes()), HeaderValue::from_str(&v)) {
                headers.append(k, v);
            }
        }
        let status = StatusCode::from_u16(e.status).ok()?;
        Some((status, headers, Bytes::from(e.body.into_bytes()), Duration::from_secs(age)))
    }

    /// Store a 2xx answer that is well-formed JSON without a top-level `errors` member (GraphQL
    /// reports errors with HTTP 200; an error page or a denied field must not stick for minutes).
    /// Failures to write are ignored: the cache is an optimisation.
    pub fn put(&self, service: &str, key: &str, status: StatusCode, headers: &HeaderMap, body: &[u8]) {
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(v) if v.get("errors").is_none() => {}
            _ => return,
        }
        let Ok(text) = std::str::from_utf8(body) else { return };
        let dir = self.service_dir(service);
        if create_private_dir(&dir).is_err() {
            return;
        }
        let e = Entry {
            stored_at: now(),
            status: status.as_u16(),
            headers: headers
                .iter()
                .filter(|(k, _)| !DROPPED_HEADERS.contains(&k.as_str()))
                .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.to_string(), v.to_string())))
                .collect(),
            body: text.to_string(),
        };
        let Ok(bytes) = serde_json::to_vec(&e) else { return };
        let tmp = dir.join(format!("{key}.tmp"));
        if write_private(&tmp, &bytes).is_ok() {
            let _ = std::fs::rename(&tmp, dir.join(format!("{key}.json")));
        }
    }

    /// Forget everything cached for a service (after a write).
    pub fn invalidate(&self, service: &str) {
        let _ = std::fs::remove_dir_all(self.service_dir(service));
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    std::io::Write::write_all(&mut o.open(path)?, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_expiry_and_invalidation() {
        let dir = tempfile::tempdir().unwrap();
        let c = Cache::new(dir.path().to_path_buf(), Duration::from_secs(300));
        let k = Cache::key("POST", "http://x.test/graphql.json", b"{}", "cred");
        assert!(c.get("svc", &k).is_none());
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_static("application/json"));
        h.insert("set-cookie", HeaderValue::from_static("s=1"));
        h.insert("x-wp-totalpages", HeaderValue::from_static("3"));
        c.put("svc", &k, StatusCode::OK, &h, b"<html>oops</html>");
        c.put("svc", &k, StatusCode::OK, &h, br#"{"errors":[{"message":"denied"}]}"#);
        assert!(c.get("svc", &k).is_none(), "HTML and GraphQL errors are not cached");
        c.put("svc", &k, StatusCode::OK, &h, b"{\"a\":1}");
        let (s, hh, b, age) = c.get("svc", &k).unwrap();
        assert_eq!((s, &b[..], age.as_secs()), (StatusCode::OK, &b"{\"a\":1}"[..], 0));
        assert!(hh.get("set-cookie").is_none(), "session headers are dropped");
        assert_eq!(hh.get("x-wp-totalpages").unwrap(), "3", "paging headers are kept");
        c.invalidate("svc");
        assert!(c.get("svc", &k).is_none());
        let expired = Cache::new(dir.path().to_path_buf(), Duration::ZERO);
        c.put("svc", &k, StatusCode::OK, &h, b"{}");
        assert!(expired.get("svc", &k).is_none());
    }

    #[test]
    fn the_credential_is_part_of_the_key() {
        assert_ne!(Cache::key("GET", "u", b"", "a"), Cache::key("GET", "u", b"", "b"));
        assert_ne!(Cache::key("GET", "u", b"x", "a"), Cache::key("GET", "ux", b"", "a"));
    }
}
