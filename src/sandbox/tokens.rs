//! Bearer tokens an OAuth client-credentials emulator issued (UPS, FedEx, USPS), with their
//! expiry: one table per emulator, so each vendor's token endpoint only differs in its answer.

use super::seed::Rng;
use axum::http::HeaderMap;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub(crate) struct Tokens {
    issued: Mutex<HashMap<String, Instant>>,
    next: AtomicU64,
    /// How long a token lives (`Options::token_ttl`).
    pub ttl: Duration,
    /// Mixed into the token text so vendors' tokens differ.
    salt: u64,
}

impl Tokens {
    pub(crate) fn new(ttl: Duration, salt: u64) -> Tokens {
        Tokens { issued: Mutex::new(HashMap::new()), next: AtomicU64::new(0), ttl, salt }
    }

    fn issued(&self) -> std::sync::MutexGuard<'_, HashMap<String, Instant>> {
        self.issued.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new token `{prefix}{32 hex digits}`, valid for `ttl`.
    pub(crate) fn issue(&self, prefix: &str) -> String {
        let mut r = Rng::new((self.next.fetch_add(1, Ordering::Relaxed) + 1) ^ self.salt);
        let tok = format!("{prefix}{:016x}{:016x}", r.next_u64(), r.next_u64());
        self.issued().insert(tok.clone(), Instant::now() + self.ttl);
        tok
    }

    /// Whether the request's `Authorization: Bearer …` is a token issued and not expired.
    pub(crate) fn accepts(&self, headers: &HeaderMap) -> bool {
        let bearer = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|a| a.strip_prefix("Bearer "));
        bearer.is_some_and(|t| self.issued().get(t.trim()).is_some_and(|exp| Instant::now() < *exp))
    }

    /// Every issued token expires now.
    pub(crate) fn expire_all(&self) {
        self.issued().clear();
    }
}
