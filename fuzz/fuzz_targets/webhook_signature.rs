//! Webhook receiving: the signature headers of every scheme, and the body reads that follow a
//! valid signature. Byte 0 picks the scheme (low 3 bits: 0 Shopify, 1 WooCommerce, 2 Standard
//! Webhooks as BigCommerce uses it, 3 Standard Webhooks with a `whsec_` key, 4 Stripe, 5 PayPal);
//! bit 7 asks the target to sign the body correctly first, so the code after a matching
//! signature (delivery id, topic, timestamp checks) is reached too. The rest is a key line, then
//! headers and body as in `common.rs`.
#![no_main]

mod common;

use axum::http::{HeaderMap, HeaderValue};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{KeyInit, Mac};
use libfuzzer_sys::fuzz_target;
use shopdesk::webhooks::server::paypal_delivery;
use shopdesk::webhooks::signature::{Clock, Scheme, SigningKey, verify};

const NOW: i64 = 1_700_000_000;

fn sign(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

fn text<'a>(h: &'a HeaderMap, name: &str) -> &'a [u8] {
    h.get(name).map(|v| v.as_bytes()).unwrap_or(b"")
}

fn set(h: &mut HeaderMap, name: &'static str, value: String) {
    if let Ok(v) = HeaderValue::from_str(&value) {
        h.insert(name, v);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let (key_line, rest) = match rest.iter().position(|b| *b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let secret = String::from_utf8_lossy(key_line);
    let (mut headers, body) = common::split_headers(rest);
    let signed = sel & 0x80 != 0;
    let clock = Clock { now: NOW, tolerance_secs: 300 };
    let (scheme, key) = match sel & 0x07 {
        0 => (Scheme::Shopify, SigningKey::raw(&secret)),
        1 => (Scheme::WooCommerce, SigningKey::raw(&secret)),
        2 => (Scheme::Standard, SigningKey::raw(&secret)),
        3 => match SigningKey::standard(&secret) {
            Ok(k) => (Scheme::Standard, k),
            Err(_) => return,
        },
        4 => (Scheme::Stripe, SigningKey::raw(&secret)),
        _ => {
            if let Ok((t, _)) = paypal_delivery("WH-FUZZ", &headers, body) {
                let out = shopdesk::adapters::payments::paypal::verify_body(&t).expect("the event parsed");
                serde_json::from_slice::<serde::de::IgnoredAny>(&out).expect("the request is JSON");
            }
            return;
        }
    };
    if signed {
        // The sender's side, so the receiver's code after a match is explored. Key bytes as the
        // receiver holds them: raw secrets as typed, Standard's `whsec_` as decoded.
        let raw = match sel & 0x07 {
            3 => {
                let b64 = secret.trim().strip_prefix("whsec_").unwrap_or(secret.trim()).to_string();
                B64.decode(b64).unwrap_or_default()
            }
            _ => secret.as_bytes().to_vec(),
        };
        match scheme {
            Scheme::Shopify => set(&mut headers, "x-shopify-hmac-sha256", B64.encode(sign(&raw, &[body]))),
            Scheme::WooCommerce => {
                set(&mut headers, "x-wc-webhook-signature", B64.encode(sign(&raw, &[body])))
            }
            Scheme::Standard => {
                let id = text(&headers, "webhook-id").trim_ascii().to_vec();
                let ts = text(&headers, "webhook-timestamp").trim_ascii().to_vec();
                let mac = sign(&raw, &[&id, b".", &ts, b".", body]);
                set(&mut headers, "webhook-signature", format!("v1,{}", B64.encode(mac)));
            }
            Scheme::Stripe => {
                let t = String::from_utf8_lossy(text(&headers, "stripe-signature")).trim().to_string();
                let mac = sign(&raw, &[t.as_bytes(), b".", body]);
                set(&mut headers, "stripe-signature", format!("t={t},v1={}", hex::encode(mac)));
            }
        }
    }
    if let Err(r) = verify(scheme, &key, &headers, body, clock) {
        let _ = (r.code(), r.is_auth(), r.to_string());
    }
});
