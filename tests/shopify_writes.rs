//! The Shopify adapter's notes, fulfillment and customer methods, end to end through the library
//! API against an in-process sandbox: writes must show up on later reads, bad input must be
//! refused before anything is sent.

mod support;

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::json;
use shopdesk::adapters::commerce::{self, Commerce, CustomerKey, OrderQuery, OrderRef, Store};
use shopdesk::config::StoreConfig;
use shopdesk::domain::{FulfillmentStatus, NewFulfillment, OrderStatus};
use shopdesk::sandbox::{Options, ThrottleSpec, demo};
use shopdesk::secret::Secret;
use shopdesk::transport::{Client, Settings};
use support::Host;

/// The adapter for the sandbox's Shopify store, built the way `Ctx::open_store` builds it.
fn adapter(host: &Host) -> Box<dyn Commerce> {
    let cfg: StoreConfig = serde_json::from_value(json!({
        "platform": "shopify",
        "url": host.shopify_url(),
        "api_version": "2026-10",
    }))
    .unwrap();
    let info = commerce::info("shopify").unwrap();
    let secrets = HashMap::from([("access_token", Secret::new(demo::SHOPIFY_STATIC_TOKEN))]);
    let auth = commerce::auth_scheme(info, "main", &cfg, &secrets).unwrap();
    let settings = Settings { max_retries: 1, ..Settings::default() };
    let logger = Arc::new(shopdesk::transport::log::Logger::quiet());
    let client =
        Client::new("main (shopify)".into(), cfg.url.clone(), auth, info.hooks, settings, logger).unwrap();
    (info.build)(Store { name: "main".into(), config: cfg, client })
}

/// A sandbox whose cost bucket never runs dry, so request counts are exact (no THROTTLED retry).
fn host() -> Host {
    Host::start(Options {
        throttle: ThrottleSpec { maximum_available: 1e9, restore_rate: 1e9 },
        ..Options::default()
    })
}

fn r(s: &str) -> OrderRef {
    OrderRef::parse(s).unwrap()
}

/// An open order with nothing shipped yet.
fn unfulfilled_order(host: &Host, shop: &dyn Commerce) -> String {
    let q = OrderQuery {
        status: Some(OrderStatus::Open),
        fulfillment_status: Some(FulfillmentStatus::Unfulfilled),
        ..OrderQuery::default()
    };
    let page = host.rt.block_on(shop.search_page(&q, None, 50)).unwrap();
    let o = page
        .items
        .iter()
        .find(|o| o.fulfillment_status == FulfillmentStatus::Unfulfilled)
        .expect("the seed has unfulfilled open orders");
    o.number.clone()
}

#[test]
fn a_note_is_appended_and_read_back() {
    let host = host();
    let shop = adapter(&host);
    let rt = &host.rt;
    let before = rt.block_on(shop.notes(&r("#1001"))).unwrap();
    let previous = rt.block_on(shop.order(&r("1001"))).unwrap().note;
    assert_eq!(before.len(), usize::from(previous.as_deref().is_some_and(|n| !n.trim().is_empty())));

    let added = rt.block_on(shop.add_note(&r("1001"), "  called the customer  ", false)).unwrap();
    assert_eq!(added.text, "called the customer");
    assert!(!added.customer_visible);
    assert!(added.created_at.is_some());

    let notes = rt.block_on(shop.notes(&r("#1001"))).unwrap();
    assert_eq!(notes.len(), 1, "Shopify has one note per order");
    let text = &notes[0].text;
    let last = text.lines().last().unwrap();
    assert!(last.starts_with('[') && last.ends_with("UTC] called the customer"), "{text}");
    if let Some(p) = previous.filter(|p| !p.trim().is_empty()) {
        assert!(text.starts_with(p.trim_end()), "the previous note is kept: {text}");
    }

    // A second note goes on its own line; the order itself shows the note too.
    rt.block_on(shop.add_note(&r("1001"), "sent a replacement", false)).unwrap();
    let order = rt.block_on(shop.order(&r("#1001"))).unwrap();
    let note = order.note.unwrap();
    assert!(note.ends_with("UTC] sent a replacement"), "{note}");
    assert!(note.contains("UTC] called the customer\n["), "{note}");
}

#[test]
fn notes_cannot_notify_the_customer_and_nothing_is_sent() {
    let host = host();
    let shop = adapter(&host);
    let sent = host.requests().len();
    let e = host.rt.block_on(shop.add_note(&r("1001"), "hello", true)).unwrap_err();
    assert_eq!(e.exit_code(), 2, "{e}");
    assert!(e.message.contains("Shopify does not support"), "{}", e.message);
    assert!(e.hint.unwrap().contains("without --notify-customer"));
    let e = host.rt.block_on(shop.add_note(&r("1001"), "   ", false)).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let e = host.rt.block_on(shop.add_note(&r("1001"), &"x".repeat(5001), false)).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert_eq!(host.requests().len(), sent, "nothing was sent");

    let e = host.rt.block_on(shop.add_note(&r("#99999"), "hello", false)).unwrap_err();
    assert_eq!(e.exit_code(), 3);
}

#[test]
fn a_fulfillment_is_created_and_shows_up() {
    let host = host();
    let shop = adapter(&host);
    let rt = &host.rt;
    let number = unfulfilled_order(&host, shop.as_ref());
    let order = rt.block_on(shop.order(&r(&number))).unwrap();
    assert!(order.fulfillments.is_empty());
    let units: u32 = order.line_items.iter().map(|l| l.quantity).sum();

    let new = NewFulfillment {
        tracking_number: "1Z999AA10123456784".into(),
        carrier: Some("UPS".into()),
        tracking_url: Some("https://www.ups.com/track?tracknum=1Z999AA10123456784".into()),
        notify: true,
    };
    let f = rt.block_on(shop.create_fulfillment(&r(&number), &new)).unwrap();
    assert!(f.id.starts_with("gid://shopify/Fulfillment/"), "{}", f.id);
    assert_eq!(f.tracking.len(), 1);
    assert_eq!(f.tracking[0].number.as_deref(), Some("1Z999AA10123456784"));
    assert_eq!(f.tracking[0].carrier.as_deref(), Some("UPS"));
    assert_eq!(f.items.iter().map(|i| i.quantity).sum::<u32>(), units);

    let listed = rt.block_on(shop.fulfillments(&r(&number))).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, f.id);
    assert_eq!(listed[0].tracking[0].url.as_deref(), new.tracking_url.as_deref());
    let after = rt.block_on(shop.order(&r(&number))).unwrap();
    assert_eq!(after.fulfillment_status, FulfillmentStatus::Fulfilled);

    // Search sees the new status too.
    let q = OrderQuery { fulfillment_status: Some(FulfillmentStatus::Fulfilled), ..OrderQuery::default() };
    let mut found = false;
    let mut cursor = None;
    loop {
        let page = rt.block_on(shop.search_page(&q, cursor.as_deref(), 100)).unwrap();
        found |= page.items.iter().any(|o| o.number == number);
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert!(found, "{number} is found as fulfilled");

    // Again: nothing is left, a conflict, and no mutation is sent.
    let sent = host.requests().len();
    let e = rt.block_on(shop.create_fulfillment(&r(&number), &new)).unwrap_err();
    assert_eq!(e.exit_code(), 6, "{e}");
    assert!(e.message.contains("has nothing left to fulfil"), "{}", e.message);
    assert_eq!(host.requests().len(), sent + 2, "only the two lookups were sent, no mutation");
}

#[test]
fn fulfillment_bad_input_is_refused_before_sending() {
    let host = host();
    let shop = adapter(&host);
    let sent = host.requests().len();
    let blank =
        NewFulfillment { tracking_number: " ".into(), carrier: None, tracking_url: None, notify: false };
    assert_eq!(host.rt.block_on(shop.create_fulfillment(&r("1001"), &blank)).unwrap_err().exit_code(), 2);
    let bad_url = NewFulfillment {
        tracking_number: "123".into(),
        carrier: None,
        tracking_url: Some("ups.com/track".into()),
        notify: false,
    };
    assert_eq!(host.rt.block_on(shop.create_fulfillment(&r("1001"), &bad_url)).unwrap_err().exit_code(), 2);
    assert_eq!(host.requests().len(), sent, "nothing was sent");
    let ok =
        NewFulfillment { tracking_number: "123".into(), carrier: None, tracking_url: None, notify: false };
    assert_eq!(host.rt.block_on(shop.create_fulfillment(&r("#99999"), &ok)).unwrap_err().exit_code(), 3);
}

#[test]
fn customers_by_email_and_id() {
    let host = host();
    let shop = adapter(&host);
    let rt = &host.rt;
    let found = rt.block_on(shop.customers(&CustomerKey::parse("Jane@Example.com").unwrap())).unwrap();
    assert_eq!(found.len(), 1);
    let jane = &found[0];
    assert_eq!(jane.name.as_deref(), Some("Jane Doe"));
    assert_eq!(jane.email.as_deref(), Some("jane@example.com"));
    assert!(jane.orders_count.unwrap() >= 5, "{:?}", jane.orders_count);
    assert!(jane.total_spent.as_ref().unwrap().amount > rust_decimal::Decimal::ZERO);
    assert!(jane.default_address.as_ref().unwrap().city.is_some());
    assert!(jane.source.platform_id.starts_with("gid://shopify/Customer/"));

    // By the numeric id and by the gid.
    let numeric = jane.source.platform_id.rsplit('/').next().unwrap().to_string();
    for key in [numeric.as_str(), jane.source.platform_id.as_str()] {
        let by_id = rt.block_on(shop.customers(&CustomerKey::parse(key).unwrap())).unwrap();
        assert_eq!(by_id.len(), 1, "{key}");
        assert_eq!(by_id[0], *jane);
    }

    let none = rt.block_on(shop.customers(&CustomerKey::parse("nobody@example.com").unwrap())).unwrap();
    assert!(none.is_empty());
    let none = rt.block_on(shop.customers(&CustomerKey::parse("123").unwrap())).unwrap();
    assert!(none.is_empty());

    let sent = host.requests().len();
    let e = rt.block_on(shop.customers(&CustomerKey::parse("cus_abc").unwrap())).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert_eq!(host.requests().len(), sent, "nothing was sent");
}
