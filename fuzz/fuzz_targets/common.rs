//! Shared by the targets: the input layout that is readable as a seed file.
//!
//! `head:value` lines up to the first empty line are HTTP headers, the rest is the body.
//! Lines that are not a valid header name and value are skipped, as HTTP would refuse them.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

pub fn split_headers(data: &[u8]) -> (HeaderMap, &[u8]) {
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&data[..i], &data[i + 2..]),
        None => (data, &[][..]),
    };
    let mut h = HeaderMap::new();
    for line in head.split(|b| *b == b'\n') {
        let Some(colon) = line.iter().position(|b| *b == b':') else { continue };
        let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(&line[..colon]), HeaderValue::from_bytes(&line[colon + 1..]))
        else {
            continue;
        };
        h.append(name, value);
    }
    (h, body)
}
