//! The profile file: TOML parse, unknown-key warnings and validation (`config::parse`, as
//! `Ctx` and `config check` call it), plus duration values (`min_interval`, `--interval`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shopdesk::adapters::commerce::platform_names;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = shopdesk::config::parse(text, Path::new("fuzz.toml"), &platform_names());
    let _ = shopdesk::config::parse_duration(text);
});
