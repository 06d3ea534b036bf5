//! Webhook signature schemes: pure functions from (key, headers, raw body, clock) to a verdict.
//!
//! Every scheme signs the **raw body bytes**, so nothing here (or before it) parses the body
//! until the signature holds; a JSON body is read afterwards only for the delivery id or topic of
//! the schemes that keep them there (Stripe, Standard Webhooks). Comparisons are constant-time
//! (`hmac`'s `verify_slice`), against every signature a header lists (secret rotation).
//!
//! Vendor facts used (`shared/reference/`):
//! - **Shopify** (platforms.md §1.8): `X-Shopify-Hmac-Sha256` = base64(HMAC-SHA256(app client
//!   secret, raw body)); delivery id `X-Shopify-Webhook-Id`, topic `X-Shopify-Topic`. The newer
//!   "Events" deliveries use the same algorithm under un-prefixed names (`shopify-hmac-sha256`,
//!   `shopify-webhook-id`, `shopify-topic`); both spellings are accepted. No timestamp is signed,
//!   so there is no tolerance check (replays are caught by the delivery id in the store).
//! - **WooCommerce** (§2.8): `X-WC-Webhook-Signature` = base64(HMAC-SHA256(webhook secret, raw
//!   body)); delivery id `X-WC-Webhook-Delivery-ID`, topic `X-WC-Webhook-Topic`. WooCommerce
//!   signs with the secret after `wp_specialchars_decode`, i.e. the secret as the user typed it,
//!   which is the one shopdesk holds. [U] the unsigned ping WooCommerce sends when a hook is
//!   created (`webhook_id=N`, form-encoded) is rejected here as unsigned.
//! - **Standard Webhooks** (services.md §6a), which **BigCommerce** uses (platforms.md §4.7):
//!   `webhook-id`, `webhook-timestamp` (unix seconds), `webhook-signature` = space-separated
//!   `v1,<base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))>`; other versions are ignored;
//!   timestamps more than 5 minutes off either way are refused (the reference libraries do
//!   both). The key is `whsec_` + base64 decoded ([`SigningKey::standard`]); BigCommerce's is the
//!   raw bytes of the app's client secret ([`SigningKey::raw`]). Svix's `svix-*` header names
//!   (§6b, same algorithm) are accepted too. The topic is the body's `type` (Standard) or
//!   `scope` (BigCommerce), read after verification. [U] BigCommerce's header spelling is
//!   inferred from the spec, not printed by BigCommerce.
//! - **Stripe** (services.md §1): `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…][,v0=…]`; hex
//!   HMAC-SHA256 keyed with the whole `whsec_…` string's bytes over `"{t}.{body}"`; any `v1`
//!   may match, `v0` is ignored; default tolerance 300 s, and like the official SDKs only a
//!   timestamp *older* than the tolerance is refused, a future one is not. The delivery id is the
//!   event's `id` (`evt_…`) and the topic its `type`, from the body after verification.

use axum::http::HeaderMap;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{KeyInit, Mac};
use std::fmt;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// A signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Shopify,
    WooCommerce,
    /// Standard Webhooks `v1` (BigCommerce, Svix, generic senders).
    Standard,
    Stripe,
}

impl Scheme {
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Shopify => "shopify-hmac",
            Scheme::WooCommerce => "woocommerce-hmac",
            Scheme::Standard => "standard-webhooks",
            Scheme::Stripe => "stripe-signature",
        }
    }

    /// The headers a rejection names when the signature is absent.
    fn signature_header(self) -> &'static str {
        match self {
            Scheme::Shopify => "X-Shopify-Hmac-Sha256",
            Scheme::WooCommerce => "X-WC-Webhook-Signature",
            Scheme::Standard => "webhook-signature",
            Scheme::Stripe => "Stripe-Signature",
        }
    }
}

/// An HMAC key. Never printed.
#[derive(Clone)]
pub struct SigningKey(Vec<u8>);

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(***)")
    }
}

impl SigningKey {
    /// The secret's bytes as they are (Shopify, WooCommerce, BigCommerce, Stripe's `whsec_…`).
    pub fn raw(secret: &str) -> SigningKey {
        SigningKey(secret.as_bytes().to_vec())
    }

    /// A Standard Webhooks secret: `whsec_` + base64 of the key bytes (the prefix is optional,
    /// as in the reference libraries).
    pub fn standard(secret: &str) -> Result<SigningKey, String> {
        let b64 = secret.trim().strip_prefix("whsec_").unwrap_or(secret.trim());
        B64.decode(b64).map(SigningKey).map_err(|_| {
            "a Standard Webhooks secret is `whsec_` followed by base64; this one is not valid base64"
                .to_string()
        })
    }

    fn mac(&self, parts: &[&[u8]]) -> HmacSha256 {
        let mut m = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        for p in parts {
            m.update(p);
        }
        m
    }
}

/// What a valid delivery is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The vendor's id for this delivery (the idempotency key).
    pub delivery_id: String,
    /// The vendor's topic or event type, when the delivery names one.
    pub topic: Option<String>,
}

/// Why a delivery is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// A header the scheme needs is absent.
    MissingHeader(&'static str),
    /// No listed signature matches (wrong secret, tampered body or headers).
    BadSignature,
    /// The signed timestamp is older than the tolerance (seconds old).
    Stale(i64),
    /// The signed timestamp is further in the future than the tolerance (seconds ahead).
    Future(i64),
    /// A header or the body is not what the scheme defines.
    Malformed(String),
}

impl Rejection {
    /// A stable short name, for counters and the log.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::MissingHeader(_) => "missing_header",
            Rejection::BadSignature => "bad_signature",
            Rejection::Stale(_) => "stale_timestamp",
            Rejection::Future(_) => "future_timestamp",
            Rejection::Malformed(_) => "malformed",
        }
    }

    /// Unauthenticated (401) or a request that is not a delivery of this scheme (400).
    pub fn is_auth(&self) -> bool {
        !matches!(self, Rejection::Malformed(_))
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::MissingHeader(h) => write!(f, "the {h} header is missing"),
            Rejection::BadSignature => {
                f.write_str("no signature matches (wrong secret, or the body or headers were changed)")
            }
            Rejection::Stale(s) => write!(f, "the signed timestamp is {s} s old, beyond the tolerance"),
            Rejection::Future(s) => {
                write!(f, "the signed timestamp is {s} s in the future, beyond the tolerance")
            }
            Rejection::Malformed(m) => f.write_str(m),
        }
    }
}

/// The clock a check runs against: now (unix seconds) and the accepted difference.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: i64,
    pub tolerance_secs: i64,
}

impl Clock {
    /// The system clock with `tolerance`.
    pub fn system(tolerance: std::time::Duration) -> Clock {
        Clock { now: jiff::Timestamp::now().as_second(), tolerance_secs: tolerance.as_secs() as i64 }
    }
}

/// Verify one delivery.
pub fn verify(
    scheme: Scheme,
    key: &SigningKey,
    headers: &HeaderMap,
    body: &[u8],
    clock: Clock,
) -> Result<Verified, Rejection> {
    match scheme {
        Scheme::Shopify => hmac_body(
            scheme,
            key,
            headers,
            body,
            &["x-shopify-hmac-sha256", "shopify-hmac-sha256"],
            (&["x-shopify-webhook-id", "shopify-webhook-id"], "X-Shopify-Webhook-Id"),
            &["x-shopify-topic", "shopify-topic"],
        ),
        Scheme::WooCommerce => hmac_body(
            scheme,
            key,
            headers,
            body,
            &["x-wc-webhook-signature"],
            (&["x-wc-webhook-delivery-id"], "X-WC-Webhook-Delivery-ID"),
            &["x-wc-webhook-topic"],
        ),
        Scheme::Standard => standard(key, headers, body, clock),
        Scheme::Stripe => stripe(key, headers, body, clock),
    }
}

/// The first of `names` present (header names are case-insensitive; `HeaderMap` lower-cases).
fn header<'a>(h: &'a HeaderMap, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| h.get(*n)).and_then(|v| v.to_str().ok()).map(str::trim)
}

/// Shopify and WooCommerce: base64 HMAC of the raw body in one header.
fn hmac_body(
    scheme: Scheme,
    key: &SigningKey,
    h: &HeaderMap,
    body: &[u8],
    sig_names: &[&str],
    (id_names, id_display): (&[&str], &'static str),
    topic_names: &[&str],
) -> Result<Verified, Rejection> {
    let sig = header(h, sig_names).ok_or(Rejection::MissingHeader(scheme.signature_header()))?;
    let given = B64.decode(sig).map_err(|_| Rejection::BadSignature)?;
    key.mac(&[body]).verify_slice(&given).map_err(|_| Rejection::BadSignature)?;
    let delivery_id = header(h, id_names).ok_or(Rejection::MissingHeader(id_display))?.to_string();
    Ok(Verified { delivery_id, topic: header(h, topic_names).map(str::to_string) })
}

fn standard(key: &SigningKey, h: &HeaderMap, body: &[u8], clock: Clock) -> Result<Verified, Rejection> {
    let id = header(h, &["webhook-id", "svix-id"]).ok_or(Rejection::MissingHeader("webhook-id"))?;
    let ts_text = header(h, &["webhook-timestamp", "svix-timestamp"])
        .ok_or(Rejection::MissingHeader("webhook-timestamp"))?;
    let sigs = header(h, &["webhook-signature", "svix-signature"])
        .ok_or(Rejection::MissingHeader("webhook-signature"))?;
    let ts: i64 = ts_text.parse().map_err(|_| {
        Rejection::Malformed(format!("webhook-timestamp `{ts_text}` is not a number of seconds"))
    })?;
    check_age(ts, clock, true)?;
    let mac = key.mac(&[id.as_bytes(), b".", ts_text.as_bytes(), b".", body]);
    let matched = sigs
        .split(' ')
        .filter_map(|entry| entry.split_once(','))
        .filter(|(version, _)| *version == "v1")
        .filter_map(|(_, sig)| B64.decode(sig).ok())
        .any(|given| mac.clone().verify_slice(&given).is_ok());
    if !matched {
        return Err(Rejection::BadSignature);
    }
    let topic = json_field(body, &["type", "scope"]);
    Ok(Verified { delivery_id: id.to_string(), topic })
}

fn stripe(key: &SigningKey, h: &HeaderMap, body: &[u8], clock: Clock) -> Result<Verified, Rejection> {
    let value = header(h, &["stripe-signature"]).ok_or(Rejection::MissingHeader("Stripe-Signature"))?;
    let mut t = None;
    let mut v1 = Vec::new();
    for item in value.split(',') {
        match item.trim().split_once('=') {
            Some(("t", ts)) => t = Some(ts),
            Some(("v1", sig)) => v1.push(sig),
            _ => {}
        }
    }
    let t = t.ok_or_else(|| Rejection::Malformed("Stripe-Signature has no t= timestamp".into()))?;
    let ts: i64 =
        t.parse().map_err(|_| Rejection::Malformed(format!("Stripe-Signature t=`{t}` is not a number")))?;
    let mac = key.mac(&[t.as_bytes(), b".", body]);
    let matched = v1
        .iter()
        .filter_map(|sig| hex::decode(sig).ok())
        .any(|given| mac.clone().verify_slice(&given).is_ok());
    if !matched {
        return Err(Rejection::BadSignature);
    }
    check_age(ts, clock, false)?;
    let delivery_id = json_field(body, &["id"])
        .ok_or_else(|| Rejection::Malformed("the Stripe event has no `id`".into()))?;
    Ok(Verified { delivery_id, topic: json_field(body, &["type"]) })
}

/// Refuses a timestamp outside the tolerance. The Standard Webhooks check runs before the
/// signature is verified, so `ts` is anything an unauthenticated sender wrote: a value so far
/// from now that the difference does not fit an `i64` (`-9223372036854775808`) is no clock
/// reading and is refused as malformed instead of overflowing.
fn check_age(ts: i64, clock: Clock, refuse_future: bool) -> Result<(), Rejection> {
    let implausible = || {
        Rejection::Malformed(format!(
            "the signed timestamp {ts} is too far from now to be a clock reading (unix seconds)"
        ))
    };
    let age = clock.now.checked_sub(ts).ok_or_else(implausible)?;
    if age > clock.tolerance_secs {
        return Err(Rejection::Stale(age));
    }
    let ahead = age.checked_neg().ok_or_else(implausible)?;
    if refuse_future && ahead > clock.tolerance_secs {
        return Err(Rejection::Future(ahead));
    }
    Ok(())
}

/// The first of `fields` that is a string at the top of a JSON body.
fn json_field(body: &[u8], fields: &[&str]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    fields.iter().find_map(|f| v.get(*f)?.as_str().map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(HeaderName::from_bytes(k.as_bytes()).unwrap(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn at(now: i64) -> Clock {
        Clock { now, tolerance_secs: 300 }
    }

    // services.md §6a: the official vector (Python library tests).
    const STD_KEY: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const STD_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const STD_TS: i64 = 1614265330;
    const STD_BODY: &[u8] = br#"{"test": 2432232314}"#;
    const STD_SIG: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn std_headers(sig: &str, ts: i64) -> HeaderMap {
        headers(&[("webhook-id", STD_ID), ("webhook-timestamp", &ts.to_string()), ("webhook-signature", sig)])
    }

    #[test]
    fn standard_webhooks_official_vector() {
        let key = SigningKey::standard(STD_KEY).unwrap();
        let v = verify(Scheme::Standard, &key, &std_headers(STD_SIG, STD_TS), STD_BODY, at(STD_TS)).unwrap();
        assert_eq!(v.delivery_id, STD_ID);
        assert_eq!(v.topic, None);
        // Any listed v1 may match; other versions are ignored.
        let several = format!("v1a,AAAA v1,Zm9vYmFy {STD_SIG}");
        verify(Scheme::Standard, &key, &std_headers(&several, STD_TS), STD_BODY, at(STD_TS)).unwrap();
        // Without the prefix, as the libraries allow.
        let bare = SigningKey::standard(STD_KEY.trim_start_matches("whsec_")).unwrap();
        verify(Scheme::Standard, &bare, &std_headers(STD_SIG, STD_TS), STD_BODY, at(STD_TS)).unwrap();
    }

    #[test]
    fn standard_webhooks_refusals() {
        let key = SigningKey::standard(STD_KEY).unwrap();
        let h = std_headers(STD_SIG, STD_TS);
        assert_eq!(
            verify(Scheme::Standard, &key, &h, br#"{"test": 2432232315}"#, at(STD_TS)),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            verify(Scheme::Standard, &key, &h, STD_BODY, at(STD_TS + 301)),
            Err(Rejection::Stale(301))
        );
        assert_eq!(
            verify(Scheme::Standard, &key, &h, STD_BODY, at(STD_TS - 301)),
            Err(Rejection::Future(301))
        );
        verify(Scheme::Standard, &key, &h, STD_BODY, at(STD_TS + 300)).unwrap();
        // Only v1 counts: the right bytes under another version do not.
        let other = std_headers(&STD_SIG.replace("v1,", "v2,"), STD_TS);
        assert_eq!(
            verify(Scheme::Standard, &key, &other, STD_BODY, at(STD_TS)),
            Err(Rejection::BadSignature)
        );
        let wrong = SigningKey::standard("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").unwrap();
        assert_eq!(verify(Scheme::Standard, &wrong, &h, STD_BODY, at(STD_TS)), Err(Rejection::BadSignature));
        let no_ts = headers(&[("webhook-id", STD_ID), ("webhook-signature", STD_SIG)]);
        assert_eq!(
            verify(Scheme::Standard, &key, &no_ts, STD_BODY, at(STD_TS)),
            Err(Rejection::MissingHeader("webhook-timestamp"))
        );
        let bad_ts = std_headers(STD_SIG, 0);
        let mut bad_ts = bad_ts.clone();
        bad_ts.insert("webhook-timestamp", HeaderValue::from_static("soon"));
        assert_eq!(
            verify(Scheme::Standard, &key, &bad_ts, STD_BODY, at(STD_TS)).unwrap_err().code(),
            "malformed"
        );
        assert!(SigningKey::standard("whsec_***").is_err());
    }

    #[test]
    fn a_timestamp_too_far_from_now_is_malformed_not_an_overflow() {
        // `now - ts` overflowed (a panic with overflow checks on) before the signature check.
        let key = SigningKey::standard(STD_KEY).unwrap();
        let mut h = std_headers(STD_SIG, STD_TS);
        h.insert("webhook-timestamp", HeaderValue::from_static("-9223372036854775808"));
        let err = verify(Scheme::Standard, &key, &h, STD_BODY, at(STD_TS)).unwrap_err();
        assert_eq!(err.code(), "malformed");
        assert!(err.to_string().contains("-9223372036854775808"), "{err}");
        // The other end: `now - ts` fits, its negation does not.
        assert_eq!(check_age(i64::MAX, at(-1), true).unwrap_err().code(), "malformed");
        assert_eq!(check_age(i64::MAX, at(STD_TS), true), Err(Rejection::Future(i64::MAX - STD_TS)));
    }

    #[test]
    fn bigcommerce_uses_the_raw_client_secret_and_scope_as_topic() {
        // Computed with `openssl dgst -sha256 -hmac bc_client_secret_x -binary | base64`.
        let body = br#"{"scope":"store/order/created","data":{"id":218}}"#;
        let h = headers(&[
            ("webhook-id", "msg_1"),
            ("webhook-timestamp", "1700000000"),
            ("webhook-signature", "v1,S2CUwaW9N1aiqoIWvpQoC8yKuGRhPIDUcXqGf/eQUvg="),
        ]);
        let v = verify(Scheme::Standard, &SigningKey::raw("bc_client_secret_x"), &h, body, at(1700000000))
            .unwrap();
        assert_eq!(v.topic.as_deref(), Some("store/order/created"));
        assert_eq!(v.delivery_id, "msg_1");
    }

    #[test]
    fn stripe_vector_several_v1_and_tolerance() {
        // services.md §1.
        let key = SigningKey::raw("whsec_test_secret");
        let body = br#"{"id":"evt_test","object":"event","type":"refund.created"}"#;
        let good = "b28f6c2f966579a9de14e7e78bb28c1dcd2e37929b9123e2e2c4e9ec9f622b49";
        let h = |v: &str| headers(&[("stripe-signature", v)]);
        let v = verify(Scheme::Stripe, &key, &h(&format!("t=1700000000,v1={good}")), body, at(1700000000))
            .unwrap();
        assert_eq!(v, Verified { delivery_id: "evt_test".into(), topic: Some("refund.created".into()) });
        let rotated = format!("t=1700000000,v1={},v1={good},v0=abc", "00".repeat(32));
        verify(Scheme::Stripe, &key, &h(&rotated), body, at(1700000000)).unwrap();
        // A v0 with the right value does not count.
        let v0_only = format!("t=1700000000,v0={good}");
        assert_eq!(
            verify(Scheme::Stripe, &key, &h(&v0_only), body, at(1700000000)),
            Err(Rejection::BadSignature)
        );
        let signed = h(&format!("t=1700000000,v1={good}"));
        assert_eq!(verify(Scheme::Stripe, &key, &signed, body, at(1700000301)), Err(Rejection::Stale(301)));
        // Like the SDKs, a timestamp in the future is not refused.
        verify(Scheme::Stripe, &key, &signed, body, at(1699990000)).unwrap();
        // The timestamp is signed: changing it breaks the signature.
        let moved = h(&format!("t=1700000001,v1={good}"));
        assert_eq!(verify(Scheme::Stripe, &key, &moved, body, at(1700000000)), Err(Rejection::BadSignature));
        assert_eq!(
            verify(Scheme::Stripe, &key, &h(&format!("v1={good}")), body, at(1700000000)).unwrap_err().code(),
            "malformed"
        );
        let wrong = SigningKey::raw("whsec_other");
        assert_eq!(
            verify(Scheme::Stripe, &wrong, &signed, body, at(1700000000)),
            Err(Rejection::BadSignature)
        );
    }

    #[test]
    fn shopify_both_header_spellings() {
        // Computed with `openssl dgst -sha256 -hmac hush -binary | base64`.
        let body = br#"{"id":820982911946154508,"email":"jon@example.com"}"#;
        let sig = "D0UMXmhjwBRi4y66TmhJrDlhQABD7zI2fm3p6/QLMo8=";
        let key = SigningKey::raw("hush");
        let classic = headers(&[
            ("X-Shopify-Hmac-Sha256", sig),
            ("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
            ("X-Shopify-Topic", "orders/create"),
        ]);
        let v = verify(Scheme::Shopify, &key, &classic, body, at(0)).unwrap();
        assert_eq!(v.delivery_id, "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        assert_eq!(v.topic.as_deref(), Some("orders/create"));
        let events = headers(&[
            ("shopify-hmac-sha256", sig),
            ("shopify-webhook-id", "e-1"),
            ("shopify-topic", "orders/updated"),
        ]);
        assert_eq!(verify(Scheme::Shopify, &key, &events, body, at(0)).unwrap().delivery_id, "e-1");
        assert_eq!(verify(Scheme::Shopify, &key, &classic, b"{}", at(0)), Err(Rejection::BadSignature));
        assert_eq!(
            verify(Scheme::Shopify, &SigningKey::raw("hush2"), &classic, body, at(0)),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            verify(Scheme::Shopify, &key, &headers(&[("X-Shopify-Webhook-Id", "1")]), body, at(0)),
            Err(Rejection::MissingHeader("X-Shopify-Hmac-Sha256"))
        );
        let no_id = headers(&[("X-Shopify-Hmac-Sha256", sig)]);
        assert_eq!(
            verify(Scheme::Shopify, &key, &no_id, body, at(0)),
            Err(Rejection::MissingHeader("X-Shopify-Webhook-Id"))
        );
        let garbage = headers(&[("X-Shopify-Hmac-Sha256", "not base64!"), ("X-Shopify-Webhook-Id", "1")]);
        assert_eq!(verify(Scheme::Shopify, &key, &garbage, body, at(0)), Err(Rejection::BadSignature));
    }

    #[test]
    fn woocommerce_signature() {
        // Computed with `openssl dgst -sha256 -hmac wc_secret_1 -binary | base64`.
        let body = br#"{"id":727,"status":"processing"}"#;
        let h = headers(&[
            ("X-WC-Webhook-Signature", "esJnznAtUqvOFCp5mB9jjNQ5YE2uTejBlRy66hFxec8="),
            ("X-WC-Webhook-Delivery-ID", "d41d8cd98f00b204"),
            ("X-WC-Webhook-Topic", "order.updated"),
        ]);
        let v = verify(Scheme::WooCommerce, &SigningKey::raw("wc_secret_1"), &h, body, at(0)).unwrap();
        assert_eq!(
            v,
            Verified { delivery_id: "d41d8cd98f00b204".into(), topic: Some("order.updated".into()) }
        );
        assert_eq!(
            verify(Scheme::WooCommerce, &SigningKey::raw("wc_secret_1"), &h, b"{\"id\":728}", at(0)),
            Err(Rejection::BadSignature)
        );
    }

    #[test]
    fn keys_never_print() {
        assert_eq!(format!("{:?}", SigningKey::raw("hush")), "SigningKey(***)");
    }
}
