//! Offline tracking-number detection (`track`, `track --detect`): `tracking::detect`, and
//! `tracking::check` for every carrier a user may force with `--carrier`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shopdesk::tracking::{Carrier, check, detect, normalize};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let found = detect(&input);
    // Detection is of the normalized number: grouping and case never change the answer.
    assert_eq!(found.len(), detect(&normalize(&input)).len());
    for c in Carrier::ALL {
        let _ = check(c, &input);
    }
});
