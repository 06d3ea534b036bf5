//! OAuth 1.0a request signing (RFC 5849), for WooCommerce over plain HTTP (one-legged: consumer
//! key and secret only) and Magento integrations (all four credentials).
//!
//! Hand-written because the maintained crate (oauth1-request) has no HMAC-SHA256, which Magento
//! 2.4.4+ requires. The signature base string is exactly what WooCommerce's
//! `class-wc-rest-authentication.php` and Magento's OAuth module rebuild on the server: upper-case
//! method, the URL without its query, and the sorted, RFC 3986-encoded query, form-body and
//! `oauth_*` parameters. JSON bodies are not signed (neither server signs them).

use crate::secret::Secret;
use base64::Engine;
use hmac::{KeyInit, Mac};
use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureMethod {
    HmacSha1,
    HmacSha256,
}

impl SignatureMethod {
    pub fn name(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha1 => "HMAC-SHA1",
            SignatureMethod::HmacSha256 => "HMAC-SHA256",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "HMAC-SHA1" => Some(SignatureMethod::HmacSha1),
            "HMAC-SHA256" => Some(SignatureMethod::HmacSha256),
            _ => None,
        }
    }
}

/// The credentials that sign requests.
pub struct Signer {
    pub consumer_key: Secret,
    pub consumer_secret: Secret,
    /// Access token and its secret (Magento); `None` for one-legged WooCommerce.
    pub token: Option<(Secret, Secret)>,
    pub method: SignatureMethod,
}

/// RFC 3986 percent-encoding: everything but `A-Z a-z 0-9 - . _ ~`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The signature base string: `METHOD&enc(url without query)&enc(sorted params)`.
pub fn base_string(method: &str, url: &Url, params: &[(String, String)]) -> String {
    let mut base = url.clone();
    base.set_query(None);
    base.set_fragment(None);
    let mut enc: Vec<(String, String)> = params.iter().map(|(k, v)| (encode(k), encode(v))).collect();
    enc.sort();
    let normalized = enc.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    format!("{}&{}&{}", method.to_ascii_uppercase(), encode(base.as_str()), encode(&normalized))
}

impl Signer {
    /// The `Authorization: OAuth …` header value for one request.
    pub fn authorization(
        &self,
        method: &str,
        url: &Url,
        form: &[(String, String)],
        nonce: &str,
        timestamp: u64,
    ) -> String {
        let mut oauth = vec![
            ("oauth_consumer_key".to_string(), self.consumer_key.expose().to_string()),
            ("oauth_nonce".to_string(), nonce.to_string()),
            ("oauth_signature_method".to_string(), self.method.name().to_string()),
            ("oauth_timestamp".to_string(), timestamp.to_string()),
        ];
        if let Some((t, _)) = &self.token {
            oauth.push(("oauth_token".to_string(), t.expose().to_string()));
        }
        oauth.push(("oauth_version".to_string(), "1.0".to_string()));
        let mut all: Vec<(String, String)> =
            url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        all.extend(form.iter().cloned());
        all.extend(oauth.iter().cloned());
        let base = base_string(method, url, &all);
        let key = format!(
            "{}&{}",
            encode(self.consumer_secret.expose()),
            self.token.as_ref().map(|(_, s)| encode(s.expose())).unwrap_or_default()
        );
        let sig = sign(self.method, key.as_bytes(), base.as_bytes());
        oauth.push(("oauth_signature".to_string(), sig));
        let fields =
            oauth.iter().map(|(k, v)| format!("{k}=\"{}\"", encode(v))).collect::<Vec<_>>().join(", ");
        format!("OAuth {fields}")
    }
}

fn sign(method: SignatureMethod, key: &[u8], msg: &[u8]) -> String {
    let raw = match method {
        SignatureMethod::HmacSha1 => {
            let mut m = hmac::Hmac::<sha1::Sha1>::new_from_slice(key).expect("HMAC takes any key length");
            m.update(msg);
            m.finalize().into_bytes().to_vec()
        }
        SignatureMethod::HmacSha256 => {
            let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("HMAC takes any key length");
            m.update(msg);
            m.finalize().into_bytes().to_vec()
        }
    };
    base64::engine::general_purpose::STANDARD.encode(raw)
}

/// A fresh nonce: 32 random hex characters.
pub fn nonce() -> String {
    format!("{:032x}", rand::random::<u128>())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example from Twitter's "Creating a signature" guide (RFC 5849 HMAC-SHA1).
    #[test]
    fn twitter_reference_vector() {
        let s = Signer {
            consumer_key: Secret::new("xvz1evFS4wEEPTGEFPHBog"),
            consumer_secret: Secret::new("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"),
            token: Some((
                Secret::new("370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
                Secret::new("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"),
            )),
            method: SignatureMethod::HmacSha1,
        };
        let url =
            Url::parse("https://api.twitter.com/1.1/statuses/update.json?include_entities=true").unwrap();
        let form =
            vec![("status".to_string(), "Hello Ladies + Gentlemen, a signed OAuth request!".to_string())];
        let h =
            s.authorization("post", &url, &form, "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958);
        assert!(h.contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""), "{h}");
    }

    #[test]
    fn encoding_is_rfc3986() {
        assert_eq!(encode("a b+c~d*é"), "a%20b%2Bc~d%2A%C3%A9");
    }

    #[test]
    fn base_string_excludes_query_from_url_and_sorts_params() {
        let url = Url::parse("http://shop.test:8080/wp-json/wc/v3/orders?per_page=5&page=2").unwrap();
        let p = vec![
            ("page".into(), "2".into()),
            ("per_page".into(), "5".into()),
            ("oauth_nonce".into(), "n".into()),
        ];
        assert_eq!(
            base_string("GET", &url, &p),
            "GET&http%3A%2F%2Fshop.test%3A8080%2Fwp-json%2Fwc%2Fv3%2Forders&oauth_nonce%3Dn%26page%3D2%26per_page%3D5"
        );
    }
}
