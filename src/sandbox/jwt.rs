//! RS256 JSON Web Tokens as a token endpoint checks them (the JWT bearer grant, RFC 7523), and
//! the sandbox's one demo RSA key.
//!
//! Written from RFC 7515/7519 (compact serialization, `alg` `RS256` = RSASSA-PKCS1-v1_5 with
//! SHA-256) and services.md §4a/§5b (Salesforce's JWT flow; Google service accounts, whose
//! header also names the key: `kid`). The sandbox
//! plays the vendor that holds the certificate: it verifies an assertion against the public half
//! of [`DEMO_RSA_PRIVATE_KEY`], a fixed sandbox-only key (never a real credential), so the same
//! PEM given to shopdesk as `private_key` (`--sandbox` does) signs assertions the emulators
//! accept. Independent of shopdesk's signer (`transport::jwt`): a bug there cannot hide here.

use aws_lc_rs::signature::{self, KeyPair};
use base64::Engine;
use serde_json::Value as Json;

const B64URL: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The sandbox's demo RSA key (2048 bits, PKCS#8 PEM). Sandbox-only: published in the source,
/// so it must never be trusted anywhere else.
pub const DEMO_RSA_PRIVATE_KEY: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC8QNE4LFsgztX2\n\
m4NBuGdDIDPyUGiF6xN3d+pRkTtKFgs8bUiA7nubghsDkUWyljmeHDFXtaRhNYP5\n\
co5t9osZ5in7D/kF7yTRF5O4d/0akl1GwS1Ta2EO9hXUG6ahQtLmfQ6eNU66CkK9\n\
idiownzbXjcGCqivR2bNXZ9AJwkXyJ8g2qfzsZu5R6/7GZhTWVgt5Fj85WKLMOLE\n\
xXlXzdHydKLZVAnq4RuLSiff1hafzs19iH1bx7kfQsVOviDnSNt2ImwEud4EWviC\n\
bg0j1zi/ImEDwti2vXGexY36pX+KSdNufXyc0DDhcUsEbFMlFAcbvzO40tZUsvtT\n\
c19aBzPXAgMBAAECggEAQMgLV0nISDd1IMpuNjj3a/2ScrHh7iexiLyeyVfxb7K7\n\
Rh2TRC8NITv6ANXGhsi0Zijsf/LVcNBCLJ6Tzdp4Dr8KNkfOWZDsefmjj2jXFARH\n\
DfifGORMP6JGa7niMv80ZTWmyKGuiE3Mnr3nbVeUMMcwpycW2k53XXd4vFJSijib\n\
MaDP8qKPLMyPfz/BYbad5EgQVdlBWbUZ1fNn4k1/gyvc/WCSAgwY9dfO11Is3gC+\n\
HSvGqVmfi18RPfNV7DMQ/DQbhVh2Qnw2pMEdfkzur8uZJwIYL0ItrRDa9Otp+uj1\n\
vQCF/nZrQj3wpX4tOck0GCX3jMHJ4e8xG0a0gvV/xQKBgQD0w/ON1iCVPRirl2Aj\n\
ejWB0ZYPqs3OTn70lzDVk2tiixjYkrDCANEQrIUkKT+JMn+n6A6c/dG/GMIaaW7Q\n\
hkoeUA1usgpJlc+2tB6+GIDpnQ+X1h0Xi6oC44lb/M6F7px08ysq2beoZUftM2pS\n\
POZYclWyJj/LqaX+PwxhMYnCewKBgQDE5NWaZxgrmBUcMgOnFW09QWjQJBWUNv3X\n\
dqnFoxNTDsHpAzL4+G0w6is9/ULUMFzi35KogA6Qk+BBaHHaCpED4w6nKVsi6HxL\n\
akYLFcaHM0GJZ9HufW5bbP2GSHtMJqnB9wIIIF1dZ6/xZqjai7HRfrDbrTNfFFsX\n\
N2aGLceTVQKBgQCRIRrpr9xUAQz+uVwEzTKqzeXnVkR/nmWCi58mFCopHQbXa2sp\n\
LSjJdTHgtiB5LhspKNx5U7qpT3nQBVHyjJ2oCZldWG3nIdAuqfBMkOTnH/yd8BQB\n\
4QsmeVn51BV0rn3Qjlq7JqrSS3Nxfvn81yVRrkGHx0wua2IENcgWXTQsvwKBgF0c\n\
Gic6OaPj95etzyxkZZRiKj7D0bCVkNUjuIVN6QWOJQUcDi7OzFQlaO2XptLRTBu9\n\
vo0QgdK9G3/S9IQ4GvvLlFJYrFCFwMGpMBZt5cRp6MQh5JTznAyALiQigqwwXHbt\n\
aHiPVZemQP3XnmI7TYvUba506aY86hbAjCtH2ulBAoGAQeErADrMWUf0CA7/sfHk\n\
uGhfkerlLghi4Pj7Ck0j41BUd8ccSo/hs+CdOZS7nJmPD1/T68UT1/APBOfjzjsE\n\
GgcJzxyhH4oH8wsx2qt8QmcMvKWW4R3RdleFFwozbyldq877XGh1yjKh1m6OXpV8\n\
+nZszC2nQfZlb3HbNlkPC7Y=\n\
-----END PRIVATE KEY-----\n\
";

/// The public key (PKCS#1 DER) of a PKCS#8 PEM private key.
pub(crate) fn public_key_of(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).map(str::trim).collect();
    let der = base64::engine::general_purpose::STANDARD.decode(body).expect("the demo key is base64");
    let pair = signature::RsaKeyPair::from_pkcs8(&der).expect("the demo key is an RSA PKCS#8 key");
    pair.public_key().as_ref().to_vec()
}

/// Why an assertion was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not three base64url parts of JSON.
    Malformed,
    /// The header's `alg` is not `RS256`.
    Algorithm,
    /// The signature does not verify with the key.
    Signature,
}

/// The decoded header of a compact JWT (unverified: for checks beside [`verify_rs256`], such as
/// Google's `kid`).
pub(crate) fn header(token: &str) -> Option<Json> {
    let h = token.trim().split('.').next()?;
    serde_json::from_slice(&B64URL.decode(h).ok()?).ok()
}

/// Verify a compact RS256 JWT with `public_key` (PKCS#1 DER); the claims when it verifies.
pub(crate) fn verify_rs256(token: &str, public_key: &[u8]) -> Result<Json, Refusal> {
    let mut parts = token.trim().split('.');
    let (Some(h), Some(c), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(Refusal::Malformed);
    };
    let json = |p: &str| -> Result<Json, Refusal> {
        let bytes = B64URL.decode(p).map_err(|_| Refusal::Malformed)?;
        serde_json::from_slice(&bytes).map_err(|_| Refusal::Malformed)
    };
    let header = json(h)?;
    if header["alg"] != "RS256" {
        return Err(Refusal::Algorithm);
    }
    let sig = B64URL.decode(s).map_err(|_| Refusal::Malformed)?;
    signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, public_key)
        .verify(format!("{h}.{c}").as_bytes(), &sig)
        .map_err(|_| Refusal::Signature)?;
    let claims = json(c)?;
    if !claims.is_object() {
        return Err(Refusal::Malformed);
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::rand::SystemRandom;

    fn sign(claims: &Json, alg: &str) -> String {
        let body: String =
            DEMO_RSA_PRIVATE_KEY.lines().filter(|l| !l.starts_with("-----")).map(str::trim).collect();
        let der = base64::engine::general_purpose::STANDARD.decode(body).unwrap();
        let pair = signature::RsaKeyPair::from_pkcs8(&der).unwrap();
        let input = format!(
            "{}.{}",
            B64URL.encode(serde_json::json!({"alg": alg}).to_string()),
            B64URL.encode(claims.to_string())
        );
        let mut sig = vec![0; pair.public_modulus_len()];
        pair.sign(&signature::RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut sig).unwrap();
        format!("{input}.{}", B64URL.encode(sig))
    }

    #[test]
    fn a_token_signed_with_the_demo_key_verifies_and_a_tampered_one_does_not() {
        let public = public_key_of(DEMO_RSA_PRIVATE_KEY);
        let claims = serde_json::json!({"iss": "a", "sub": "b"});
        let t = sign(&claims, "RS256");
        assert_eq!(verify_rs256(&t, &public), Ok(claims));
        let (input, sig) = t.rsplit_once('.').unwrap();
        let (h, _) = input.split_once('.').unwrap();
        let forged = format!("{h}.{}.{sig}", B64URL.encode(r#"{"iss":"a","sub":"admin"}"#));
        assert_eq!(verify_rs256(&forged, &public), Err(Refusal::Signature));
        assert_eq!(verify_rs256(&sign(&serde_json::json!({}), "none"), &public), Err(Refusal::Algorithm));
        assert_eq!(verify_rs256("a.b", &public), Err(Refusal::Malformed));
    }
}
