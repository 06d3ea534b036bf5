//! One error type for the whole program, and the exit-code contract.
//!
//! Every failure a user can see is an [`Error`]: a [`Kind`] that decides the exit code, a message
//! that says what happened, and a hint that says what to do. Adapters and the transport build
//! errors with the constructors below so that the same situation reads the same on every vendor.
//! The table of exit codes is part of the public interface (README, man page); change it only with
//! a CHANGELOG entry.

use std::fmt;

/// What kind of failure this is; decides the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Anything not covered below (exit 1).
    General,
    /// Bad flags, bad input, bad or missing config (exit 2). Nothing was sent.
    Usage,
    /// The vendor says the thing does not exist (exit 3).
    NotFound,
    /// Missing, wrong or insufficient credentials (exit 4).
    Auth,
    /// Still rate-limited after every retry (exit 5).
    RateLimited,
    /// Already done, or an idempotency mismatch (exit 6).
    Conflict,
    /// Some rows or checks failed, the rest succeeded (exit 7).
    Partial,
    /// Network failure or the vendor is down (exit 8).
    Unavailable,
    /// A watched shipment hit an exception or is being returned (exit 9, `track --watch`).
    ShipmentProblem,
    /// Ctrl-C (exit 130).
    Interrupted,
}

impl Kind {
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::General => 1,
            Kind::Usage => 2,
            Kind::NotFound => 3,
            Kind::Auth => 4,
            Kind::RateLimited => 5,
            Kind::Conflict => 6,
            Kind::Partial => 7,
            Kind::Unavailable => 8,
            Kind::ShipmentProblem => 9,
            Kind::Interrupted => 130,
        }
    }
}

/// The exit-code table, in the order documented in README and the man page.
pub const EXIT_CODES: &[(i32, &str)] = &[
    (0, "success"),
    (1, "error not covered below"),
    (2, "usage or configuration error (nothing was sent)"),
    (3, "not found"),
    (4, "authentication or permission failure"),
    (5, "rate-limited after all retries"),
    (6, "conflict: already done, or idempotency mismatch"),
    (7, "partial failure: some rows or checks failed"),
    (8, "upstream unavailable or network failure"),
    (9, "a watched shipment hit an exception or is being returned (track --watch)"),
    (130, "interrupted"),
];

/// A user-facing error: what happened, and what to do about it.
#[derive(Debug, Clone)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), hint: None }
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn general(m: impl Into<String>) -> Self {
        Self::new(Kind::General, m)
    }
    pub fn usage(m: impl Into<String>) -> Self {
        Self::new(Kind::Usage, m)
    }
    pub fn not_found(m: impl Into<String>) -> Self {
        Self::new(Kind::NotFound, m)
    }
    pub fn auth(m: impl Into<String>) -> Self {
        Self::new(Kind::Auth, m)
    }
    pub fn rate_limited(m: impl Into<String>) -> Self {
        Self::new(Kind::RateLimited, m)
    }
    pub fn conflict(m: impl Into<String>) -> Self {
        Self::new(Kind::Conflict, m)
    }
    pub fn partial(m: impl Into<String>) -> Self {
        Self::new(Kind::Partial, m)
    }
    pub fn unavailable(m: impl Into<String>) -> Self {
        Self::new(Kind::Unavailable, m)
    }
    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }
    /// A capability the vendor does not have: names the vendor and what to do instead (exit 2).
    pub fn unsupported(vendor: &str, what: &str, alternative: &str) -> Self {
        Self::new(Kind::Usage, format!("{vendor} does not support {what}")).with_hint(alternative.to_string())
    }
    /// Prefix the message with where it happened (e.g. the store name).
    pub fn context(mut self, what: impl fmt::Display) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }
    /// The JSON form written to stderr under `--json`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "kind": self.kind,
                "exit_code": self.exit_code(),
                "message": self.message,
                "hint": self.hint,
            }
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::Interrupted {
            return Error::new(Kind::Interrupted, "interrupted");
        }
        Error::general(format!("I/O error: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_match_documented_table() {
        let kinds = [
            Kind::General,
            Kind::Usage,
            Kind::NotFound,
            Kind::Auth,
            Kind::RateLimited,
            Kind::Conflict,
            Kind::Partial,
            Kind::Unavailable,
            Kind::ShipmentProblem,
            Kind::Interrupted,
        ];
        let codes: Vec<i32> = kinds.iter().map(|k| k.exit_code()).collect();
        let documented: Vec<i32> = EXIT_CODES.iter().skip(1).map(|(c, _)| *c).collect();
        assert_eq!(codes, documented);
    }

    #[test]
    fn json_form_names_kind_and_hint() {
        let e = Error::not_found("order #9 not found in store demo").with_hint("check the number");
        let j = e.to_json();
        assert_eq!(j["error"]["kind"], "not_found");
        assert_eq!(j["error"]["exit_code"], 3);
        assert_eq!(j["error"]["hint"], "check the number");
    }
}
