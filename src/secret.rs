//! `Secret`: a string that cannot leak by accident.
//!
//! Redaction is done by type, not by remembering: a `Secret` prints as `***` in `Debug` and
//! `Display`, is not `Serialize`, and the only way to read it is [`Secret::expose`], which is
//! greppable. The transport marks every header built from a `Secret` as sensitive, and the
//! request logger prints sensitive headers and secret form fields as `***`.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    /// The secret value. Call only where it is put on the wire or into a store.
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Whether `other` is this secret, in time that does not depend on where they differ.
    pub fn same_as(&self, other: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), other.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_compares_the_whole_value() {
        let s = Secret::new("whsec_abc");
        assert!(s.same_as("whsec_abc"));
        assert!(!s.same_as("whsec_abd"));
        assert!(!s.same_as("whsec_ab"));
    }
    #[test]
    fn never_prints_value() {
        let s = Secret::new("shpat_abc123");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(s.expose(), "shpat_abc123");
    }
}
