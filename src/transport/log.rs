//! The request log: `-v` summaries and `-vv` redacted bodies on stderr, and the profile's
//! `log_file` as JSON lines for monitoring.
//!
//! Redaction is structural. Header values built from a `Secret` are marked sensitive by the
//! auth layer and print as `***`; form fields are typed ([`super::FormField::Secret`]); response
//! bodies of token endpoints are never printed; query parameters that carry credentials are
//! masked in every URL that leaves this module. As defence in depth, JSON bodies at `-vv` also
//! mask keys that name secrets or customer PII.

use reqwest::header::HeaderMap;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

/// Query parameter names whose values are never logged.
const SECRET_PARAMS: &[&str] = &[
    "token",
    "access_token",
    "key",
    "api_key",
    "apikey",
    "secret",
    "client_secret",
    "password",
    "signature",
    "sig",
    "oauth_signature",
    "oauth_token",
    "consumer_key",
    "consumer_secret",
    "oauth_consumer_key",
    "api_secret",
];

/// JSON keys masked in `-vv` bodies: credentials and customer PII.
const MASKED_KEYS: &[&str] = &[
    "access_token",
    "api_secret",
    "refresh_token",
    "client_secret",
    "password",
    "token",
    "secret",
    "api_key",
    "email",
    "contact_email",
    "phone",
    "first_name",
    "last_name",
    "firstName",
    "lastName",
    "name",
    "displayName",
    "address1",
    "address2",
    "zip",
    "street",
    "postcode",
    "telephone",
];

pub struct Logger {
    pub verbosity: u8,
    file: Option<Mutex<std::fs::File>>,
}

/// One finished HTTP exchange, as logged.
pub struct Entry<'a> {
    pub service: &'a str,
    pub method: &'a str,
    pub url: &'a str,
    pub status: Option<u16>,
    pub latency_ms: u128,
    pub request_id: Option<&'a str>,
    pub retries: u32,
    pub error: Option<&'a str>,
}

impl Logger {
    pub fn new(verbosity: u8, log_file: Option<PathBuf>) -> Result<Self, crate::error::Error> {
        let file = match log_file {
            None => None,
            Some(p) => {
                if let Some(dir) = p.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                let mut o = std::fs::OpenOptions::new();
                o.create(true).append(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
                let f = o.open(&p).map_err(|e| {
                    crate::error::Error::usage(format!("cannot open log_file {}: {e}", p.display()))
                        .with_hint("fix `log_file` in the profile or create its directory")
                })?;
                Some(Mutex::new(f))
            }
        };
        Ok(Logger { verbosity, file })
    }

    pub fn quiet() -> Self {
        Logger { verbosity: 0, file: None }
    }

    /// Log a finished exchange (or a failed attempt).
    pub fn exchange(&self, e: &Entry<'_>) {
        if self.verbosity >= 1 {
            let status = e.status.map(|s| s.to_string()).unwrap_or_else(|| "ERR".into());
            let rid = e.request_id.map(|r| format!(", request id {r}")).unwrap_or_default();
            let err = e.error.map(|r| format!(" ({r})")).unwrap_or_default();
            eprintln!(
                "* {} {} {} → {status} in {} ms{rid}, {} retr{}{err}",
                e.service,
                e.method,
                e.url,
                e.latency_ms,
                e.retries,
                if e.retries == 1 { "y" } else { "ies" }
            );
        }
        if let Some(f) = &self.file {
            let line = serde_json::json!({
                "time": jiff::Timestamp::now().to_string(),
                "service": e.service,
                "method": e.method,
                "url": e.url,
                "status": e.status,
                "latency_ms": e.latency_ms as u64,
                "request_id": e.request_id,
                "retries": e.retries,
                "error": e.error,
            });
            if let Ok(mut f) = f.lock() {
                let _ = writeln!(f, "{line}");
            }
        }
    }

    /// A note at `-v` (retries, throttling waits, token renewals).
    pub fn note(&self, msg: &str) {
        if self.verbosity >= 1 {
            eprintln!("* {msg}");
        }
    }

    /// Headers at `-vv`, sensitive values masked.
    pub fn headers(&self, dir: &str, h: &HeaderMap) {
        if self.verbosity < 2 {
            return;
        }
        for (k, v) in h {
            let shown = if v.is_sensitive() || is_secret_header(k.as_str()) {
                "***".to_string()
            } else {
                v.to_str().unwrap_or("<binary>").to_string()
            };
            eprintln!("{dir} {k}: {shown}");
        }
    }

    /// A body at `-vv`: JSON with secret and PII keys masked, anything else truncated.
    pub fn body(&self, dir: &str, body: &[u8]) {
        if self.verbosity < 2 || body.is_empty() {
            return;
        }
        eprintln!("{dir} {}", redact_body(body));
    }
}

fn is_secret_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "authorization" || n.contains("token") || n.contains("api-key") || n.contains("secret")
}

/// Mask credential query parameters in a URL.
pub fn redact_url(url: &url::Url) -> String {
    if url.query().is_none() {
        return url.to_string();
    }
    let mut u = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let secret = SECRET_PARAMS.iter().any(|s| k.eq_ignore_ascii_case(s));
            (k.into_owned(), if secret { "***".into() } else { v.into_owned() })
        })
        .collect();
    u.query_pairs_mut().clear().extend_pairs(pairs);
    u.to_string()
}

/// Mask secret and PII values in a JSON body; non-JSON bodies are shown truncated.
pub fn redact_body(body: &[u8]) -> String {
    match serde_json::from_slice::<Value>(body) {
        Ok(mut v) => {
            mask(&mut v);
            let s = v.to_string();
            truncate(&s, 4000)
        }
        Err(_) => {
            let s = String::from_utf8_lossy(body);
            // Form bodies: mask secret fields by name.
            if s.contains('=') && !s.contains(' ') && !s.contains('<') {
                let masked: Vec<String> = s
                    .split('&')
                    .map(|kv| match kv.split_once('=') {
                        Some((k, _)) if SECRET_PARAMS.iter().any(|p| k.eq_ignore_ascii_case(p)) => {
                            format!("{k}=***")
                        }
                        _ => kv.to_string(),
                    })
                    .collect();
                return truncate(&masked.join("&"), 4000);
            }
            truncate(&s, 4000)
        }
    }
}

fn mask(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                if MASKED_KEYS.iter().any(|s| s == k) && !val.is_object() && !val.is_array() {
                    if !val.is_null() {
                        *val = Value::String("***".into());
                    }
                } else {
                    mask(val);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(mask),
        // Whatever the key, a value that looks like an email address is PII.
        Value::String(s) if looks_like_email(s) => *s = "***@***".into(),
        _ => {}
    }
}

fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty() && domain.contains('.') && !s.contains(char::is_whitespace) && s.len() < 255
        }
        None => false,
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &s[..end], s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_credentials_are_masked() {
        let u = url::Url::parse("https://x.test/a?consumer_key=ck_1&page=2&oauth_signature=abc").unwrap();
        let r = redact_url(&u);
        assert!(!r.contains("ck_1") && !r.contains("abc"), "{r}");
        assert!(r.contains("page=2"));
        // GA4's Measurement Protocol takes its secret in the query string.
        let u = url::Url::parse(
            "https://www.google-analytics.com/mp/collect?measurement_id=G-1&api_secret=mp5ecret",
        )
        .unwrap();
        let r = redact_url(&u);
        assert!(!r.contains("mp5ecret") && r.contains("measurement_id=G-1"), "{r}");
    }

    #[test]
    fn json_secrets_and_pii_are_masked() {
        let b =
            br##"{"access_token":"shpat_x","data":{"order":{"email":"bob@example.com","name":"#1001"}}}"##;
        let r = redact_body(b);
        assert!(!r.contains("shpat_x") && !r.contains("bob@example.com"), "{r}");
    }

    #[test]
    fn form_secrets_are_masked() {
        let r = redact_body(b"grant_type=client_credentials&client_id=abc&client_secret=s3cr3t");
        assert!(!r.contains("s3cr3t"), "{r}");
        assert!(r.contains("client_id=abc"));
    }
}
