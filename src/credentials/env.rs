//! Secrets from environment variables, for CI and servers.
//!
//! The name is derived, not configured, so that `auth status` and the "no secret" hint can tell the
//! user the exact variable to set: `SHOPDESK_<PROFILE>_<SERVICE>_<FIELD>`, upper-cased, every
//! character that is not an ASCII letter or digit replaced by `_` (so `my-store` → `MY_STORE`).
//! Only ASCII is kept because shells and CI systems disagree about anything else.
//!
//! Reading goes through [`EnvLookup`] so unit tests can supply variables without touching the
//! process environment (which is `unsafe` to mutate in edition 2024 and shared between test threads).

use std::sync::Arc;

type ReadVar = dyn Fn(&str) -> Option<String> + Send + Sync;

/// Reads one environment variable. `None` when unset, empty or not UTF-8.
#[derive(Clone)]
pub(crate) struct EnvLookup(Arc<ReadVar>);

impl EnvLookup {
    /// The real process environment.
    pub(crate) fn process() -> Self {
        EnvLookup(Arc::new(|name| std::env::var(name).ok()))
    }

    /// A fixed set of variables (tests).
    #[cfg(test)]
    pub(crate) fn fixed(vars: &[(&str, &str)]) -> Self {
        let vars: std::collections::HashMap<String, String> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        EnvLookup(Arc::new(move |name| vars.get(name).cloned()))
    }

    /// The value, treating an empty variable as unset: CI systems commonly define secrets as empty
    /// strings for untrusted builds, and an empty token is never what the user meant.
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|v| !v.is_empty())
    }
}

/// `SHOPDESK_<PROFILE>_<SERVICE>_<FIELD>` for the three parts.
pub(crate) fn var_name(profile: &str, service: &str, field: &str) -> String {
    let mut name = String::from("SHOPDESK");
    for part in [profile, service, field] {
        name.push('_');
        name.extend(part.chars().map(
            |c| {
                if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }
            },
        ));
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_upper_snake_case() {
        assert_eq!(var_name("default", "demo", "access_token"), "SHOPDESK_DEFAULT_DEMO_ACCESS_TOKEN");
        assert_eq!(var_name("eu-prod", "my.store", "api key"), "SHOPDESK_EU_PROD_MY_STORE_API_KEY");
        assert_eq!(var_name("café", "s", "f"), "SHOPDESK_CAF__S_F");
    }

    #[test]
    fn empty_is_unset() {
        let env = EnvLookup::fixed(&[("A", ""), ("B", "x")]);
        assert_eq!(env.get("A"), None);
        assert_eq!(env.get("B").as_deref(), Some("x"));
        assert_eq!(env.get("C"), None);
    }
}
