//! `refund --from-csv`: the CSV rows, every check that runs before anything is sent
//! (`commands::refund::batch::parse`). Byte 0 picks the policy (bit 0 require_reason, bit 1 a
//! `max_refund` of 100, bit 2 a default store).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shopdesk::commands::refund::Flags;
use shopdesk::commands::refund::batch::parse;
use shopdesk::config::MaxRefund;
use shopdesk::safety::Policy;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let policy = Policy {
        max_refund: (sel & 2 != 0).then(|| MaxRefund::Any(100.into())),
        require_reason: sel & 1 != 0,
        production: false,
    };
    let stores = vec!["shop".to_string(), "woo".to_string()];
    let default = (sel & 4 != 0).then_some("shop");
    let _ = parse(text, "fuzz", default, &stores, Flags::default(), &policy);
});
