//! RS256 JSON Web Tokens for the OAuth 2.0 JWT bearer grant (RFC 7523).
//!
//! Two vendors authenticate a server-side tool this way: Salesforce (the JWT bearer flow: `iss`
//! = the connected app's consumer key, `sub` = the username, `aud` = the login host) and Google
//! (a service account: `iss` = its `client_email`, `scope`, `aud` = the token URI, the key id in
//! the header). Both sign with an RSA private key (services.md §4a, §5b), so this is one
//! mechanism used by [`super::GrantStyle::JwtBearer`], not code in the adapters.
//!
//! The key is a [`Secret`] (PEM, PKCS#8 `BEGIN PRIVATE KEY` or PKCS#1 `BEGIN RSA PRIVATE KEY`, as
//! Google's key files and `openssl genrsa` write them); it is read per signing and never logged.
//! Signing uses aws-lc-rs, already in the tree through rustls.

use crate::error::{Error, Result};
use crate::secret::Secret;
use aws_lc_rs::{rand::SystemRandom, signature};
use base64::Engine;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The claims of one assertion. `iat` and `exp` are filled in when it is signed.
#[derive(Clone, Debug)]
pub struct JwtGrant {
    /// `iss`: Salesforce's consumer key, Google's service-account email.
    pub issuer: String,
    /// `sub`: the Salesforce username to act as (Google: none).
    pub subject: Option<String>,
    /// `aud`: the login host (Salesforce) or the token URI (Google).
    pub audience: String,
    /// `scope` (Google), space-separated.
    pub scope: Option<String>,
    /// `kid` in the header (Google's `private_key_id`).
    pub key_id: Option<String>,
    /// How far ahead `exp` is: Salesforce allows about 3 minutes, Google at most an hour.
    pub lifetime: std::time::Duration,
}

/// Sign the grant's claims with `key` at `now` (Unix seconds): `header.claims.signature`.
pub fn assertion(grant: &JwtGrant, key: &Secret, now: u64) -> Result<Secret> {
    let mut header = serde_json::json!({"alg": "RS256", "typ": "JWT"});
    if let Some(kid) = &grant.key_id {
        header["kid"] = kid.clone().into();
    }
    let mut claims = serde_json::json!({
        "iss": grant.issuer,
        "aud": grant.audience,
        "iat": now,
        "exp": now + grant.lifetime.as_secs(),
    });
    if let Some(sub) = &grant.subject {
        claims["sub"] = sub.clone().into();
    }
    if let Some(scope) = &grant.scope {
        claims["scope"] = scope.clone().into();
    }
    let signing_input = format!(
        "{}.{}",
        B64.encode(serde_json::to_vec(&header).unwrap_or_default()),
        B64.encode(serde_json::to_vec(&claims).unwrap_or_default())
    );
    let pair = key_pair(key)?;
    let mut sig = vec![0u8; pair.public_modulus_len()];
    pair.sign(&signature::RSA_PKCS1_SHA256, &SystemRandom::new(), signing_input.as_bytes(), &mut sig)
        .map_err(|_| Error::auth("signing the JWT assertion failed"))?;
    Ok(Secret::new(format!("{signing_input}.{}", B64.encode(sig))))
}

/// The RSA key pair in a PEM secret.
fn key_pair(key: &Secret) -> Result<signature::RsaKeyPair> {
    let bad = |why: &str| {
        Error::auth(format!("the stored private_key is not a usable RSA private key: {why}")).with_hint(
            "store the PEM key (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY) again with `shopdesk auth login`",
        )
    };
    let pem = key.expose().replace("\\n", "\n");
    let pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).map(str::trim).collect();
    if body.is_empty() {
        return Err(bad("no PEM body"));
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|_| bad("the PEM body is not base64"))?;
    let pair =
        if pkcs1 { signature::RsaKeyPair::from_der(&der) } else { signature::RsaKeyPair::from_pkcs8(&der) };
    pair.map_err(|_| bad("the key could not be parsed"))
}

/// The payload of a compact JWT, undecoded and unverified, for tests and emulators that check
/// the claims they were sent (verification is the token endpoint's job).
pub fn claims(token: &str) -> Option<serde_json::Value> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&B64.decode(payload).ok()?).ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fresh 2048-bit key as PKCS#8 PEM, and its public key (DER) to verify with.
    pub(crate) fn test_key() -> (Secret, Vec<u8>) {
        use aws_lc_rs::encoding::AsDer;
        use aws_lc_rs::signature::KeyPair;
        let pair = signature::RsaKeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
        let der = pair.as_der().unwrap();
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            base64::engine::general_purpose::STANDARD.encode(der.as_ref())
        );
        (Secret::new(pem), pair.public_key().as_ref().to_vec())
    }

    fn grant() -> JwtGrant {
        JwtGrant {
            issuer: "svc@example.iam.gserviceaccount.com".into(),
            subject: None,
            audience: "https://oauth2.googleapis.com/token".into(),
            scope: Some("https://www.googleapis.com/auth/analytics.readonly".into()),
            key_id: Some("k1".into()),
            lifetime: std::time::Duration::from_secs(3600),
        }
    }

    #[test]
    fn assertion_verifies_with_the_public_key_and_carries_the_claims() {
        let (key, public) = test_key();
        let jwt = assertion(&grant(), &key, 1_700_000_000).unwrap();
        let jwt = jwt.expose();
        let (input, sig) = jwt.rsplit_once('.').unwrap();
        signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &public)
            .verify(input.as_bytes(), &B64.decode(sig).unwrap())
            .expect("signature verifies");
        let c = claims(jwt).unwrap();
        assert_eq!(c["iss"], "svc@example.iam.gserviceaccount.com");
        assert_eq!(c["exp"].as_u64(), Some(1_700_003_600));
        assert_eq!(c["scope"], "https://www.googleapis.com/auth/analytics.readonly");
        assert!(c.get("sub").is_none());
        let header: serde_json::Value =
            serde_json::from_slice(&B64.decode(jwt.split('.').next().unwrap()).unwrap()).unwrap();
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["kid"], "k1");
    }

    #[test]
    fn a_key_with_escaped_newlines_as_in_json_key_files_works() {
        let (key, _) = test_key();
        let escaped = Secret::new(key.expose().replace('\n', "\\n"));
        assert!(assertion(&grant(), &escaped, 1).is_ok());
    }

    #[test]
    fn a_bad_key_is_an_auth_error_that_never_shows_the_key() {
        let e = assertion(
            &grant(),
            &Secret::new("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
            1,
        )
        .unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Auth);
        assert!(!e.to_string().contains("AAAA"));
        assert!(assertion(&grant(), &Secret::new("not a key"), 1).is_err());
    }
}
