//! Vendor answers: each adapter's decoding of a 2xx body into domain types, and of its error
//! bodies into messages. Byte 0 picks the decoder (modulo the table's length); the rest is the
//! body. The functions are the adapters' own (`read_*`, `error_message`), which the adapters
//! call on every answer.
#![no_main]

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use libfuzzer_sys::fuzz_target;
use shopdesk::adapters::analytics::{ga4, mixpanel};
use shopdesk::adapters::carriers::{dhl, fedex, ups, usps};
use shopdesk::adapters::commerce::{bigcommerce, magento, shopify, woocommerce};
use shopdesk::adapters::crm::{hubspot, salesforce};
use shopdesk::adapters::payments::{paypal, stripe};
use shopdesk::transport::Response;
use std::time::Duration;

fn response(body: &[u8]) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    Response {
        status: StatusCode::OK,
        headers,
        body: bytes::Bytes::copy_from_slice(body),
        url: url::Url::parse("https://fuzz.invalid/").unwrap(),
        retries: 0,
        latency: Duration::ZERO,
    }
}

fn numbers() -> Vec<String> {
    vec!["1Z5R89390357567127".into(), "7777777770".into()]
}

type Decoder = fn(&Response);

const DECODERS: &[(&str, Decoder)] = &[
    ("ups", |r| drop(ups::read_answer("ups", "1Z5R89390357567127", r))),
    ("ups-error", |r| drop(ups::error_message(r.status, &r.body))),
    ("fedex", |r| drop(fedex::read_answer("fedex", &numbers(), r))),
    ("fedex-error", |r| drop(fedex::error_message(r.status, &r.body))),
    ("dhl", |r| drop(dhl::read_answer("dhl", "3318810025", r))),
    ("dhl-error", |r| drop(dhl::error_message(r.status, &r.body))),
    ("usps", |r| drop(usps::read_answer("usps", &numbers(), r))),
    ("usps-error", |r| drop(usps::error_message(r.status, &r.body))),
    ("stripe-intent", |r| drop(stripe::read_payment("stripe", "stripe", "payment_intents", r))),
    ("stripe-charge", |r| drop(stripe::read_payment("stripe", "stripe", "charges", r))),
    ("stripe-refund", |r| drop(stripe::read_refund("stripe", "stripe", r, false))),
    ("stripe-error", |r| drop(stripe::error_message(r.status, &r.body))),
    ("paypal-refund", |r| drop(paypal::read_refund("paypal", "paypal", r, "2GG279541U471931P", true))),
    ("paypal-error", |r| drop(paypal::error_message(r.status, &r.body))),
    ("shopify-error", |r| drop(shopify::error_message(r.status, &r.body))),
    ("woocommerce-error", |r| drop(woocommerce::error_message(r.status, &r.body))),
    ("magento-error", |r| drop(magento::error_message(r.status, &r.body))),
    ("bigcommerce-error", |r| drop(bigcommerce::error_message(r.status, &r.body))),
    ("salesforce-error", |r| drop(salesforce::error_message(r.status, &r.body))),
    ("hubspot-error", |r| drop(hubspot::error_message(r.status, &r.body))),
    ("mixpanel-error", |r| drop(mixpanel::error_message(r.status, &r.body))),
    ("ga4-error", |r| drop(ga4::error_message(r.status, &r.body))),
];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else { return };
    let (_, decode) = DECODERS[sel as usize % DECODERS.len()];
    decode(&response(body));
});
