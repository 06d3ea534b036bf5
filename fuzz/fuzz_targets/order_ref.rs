//! The argument forms users type: order references (`order get`, `refund`, …: `#1001`, `1001`,
//! `gid://shopify/Order/…`), customer keys (email or id) and `--cursor` values.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shopdesk::adapters::commerce::{CustomerKey, OrderRef, PageNumber};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    if let Ok(r) = OrderRef::parse(&input) {
        // What is printed (`order {r} not found`, journal keys) reads back as the same reference.
        assert_eq!(OrderRef::parse(&r.to_string()).ok(), Some(r));
    }
    let _ = CustomerKey::parse(&input);
    let _ = PageNumber::from_cursor(Some(&input), 50).map(|p| p.next_cursor());
});
