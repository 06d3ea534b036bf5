//! The outputs of `webhook listen`: POST to `--forward-to`, run `--exec`, `XADD` to `--sink`
//! ([`super::sink`]); one worker per source.
//!
//! Delivery is **at least once**: an event leaves the queue only after every output accepted it
//! and that is committed, so a crash between the two delivers it again. Each source has one
//! worker that takes its oldest pending event and does not move on until it is delivered or
//! dead-lettered, so a downstream system sees one source's events in the order they arrived.
//! Failed attempts wait `--backoff × 2^(n-1)` (capped at 5 minutes) with full jitter in the
//! upper half, so many receivers restarting together do not retry in lockstep; after
//! `--max-attempts` the event is `dead` (`webhook log --failed`, `webhook replay`).
//!
//! Forwarded requests carry the raw body and the vendor's headers as received (so a downstream
//! service can verify the vendor's signature itself), plus `X-Shopdesk-Event-Id`. They go through
//! the shared transport with its retries off: retrying is this module's job, with state in the
//! store. `--exec` runs `sh -c CMD` with the event as JSON on stdin
//! (`{id, source, delivery_id, topic, headers, body}`; `body` is the JSON document when the body
//! is JSON, else its text); a non-zero exit or running longer than [`EXEC_TIMEOUT`] fails the
//! attempt.

use super::sink::RedisSink;
use super::store::{Event, Store, now_ms};
use crate::error::{Error, Result};
use crate::transport::{AuthScheme, Body, Client, Request, Settings, VendorHooks, log::Logger};
use reqwest::header::{HeaderName, HeaderValue};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Longest an `--exec` command may run for one event.
pub const EXEC_TIMEOUT: Duration = Duration::from_secs(60);

/// Longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// Headers that describe the received connection, not the event: never forwarded.
const HOP_HEADERS: &[&str] = &["host", "content-length", "connection", "transfer-encoding", "content-type"];

/// Where verified events go.
pub struct Outputs {
    forward: Option<(Client, url::Url)>,
    exec: Option<String>,
    sink: Option<RedisSink>,
    pub max_attempts: u32,
    pub backoff: Duration,
}

impl Outputs {
    pub fn new(
        forward_to: Option<url::Url>,
        exec: Option<String>,
        sink: Option<RedisSink>,
        max_attempts: u32,
        backoff: Duration,
        logger: Arc<Logger>,
    ) -> Result<Outputs> {
        let forward = match forward_to {
            Some(url) => Some((forwarding_client(url.clone(), logger)?, url)),
            None => None,
        };
        Ok(Outputs { forward, exec, sink, max_attempts: max_attempts.max(1), backoff })
    }

    /// Is anything configured? (Without outputs, events are only stored.)
    pub fn any(&self) -> bool {
        self.forward.is_some() || self.exec.is_some() || self.sink.is_some()
    }

    /// Run every output once for `ev`; the first failure fails the attempt.
    pub async fn deliver(&self, ev: &Event) -> std::result::Result<(), String> {
        if let Some((client, url)) = &self.forward {
            post(client, url, ev).await?;
        }
        if let Some(cmd) = &self.exec {
            exec(cmd, ev).await?;
        }
        if let Some(sink) = &self.sink {
            sink.publish(ev).await?;
        }
        Ok(())
    }
}

/// A transport client for one forward URL: no credentials, no retries (the worker retries).
pub fn forwarding_client(url: url::Url, logger: Arc<Logger>) -> Result<Client> {
    let settings = Settings { max_retries: 0, ..Settings::default() };
    Client::new("forward".into(), url, AuthScheme::None, VendorHooks::default(), settings, logger)
}

/// POST the event's raw body with its received headers to `url`; a non-2xx answer is a failure.
pub async fn post(client: &Client, url: &url::Url, ev: &Event) -> std::result::Result<(), String> {
    let mut req = Request::post(url.as_str());
    for (name, value) in &ev.headers {
        if HOP_HEADERS.contains(&name.as_str()) {
            continue;
        }
        if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            req = req.header(n, v);
        }
    }
    req = req.header(HeaderName::from_static("x-shopdesk-event-id"), HeaderValue::from(ev.id));
    let content_type = ev.headers.get("content-type").cloned().unwrap_or_else(|| "application/json".into());
    req.body = Body::Raw { content_type, bytes: bytes::Bytes::from(ev.body.clone()) };
    match client.send_any(req).await {
        Ok(r) if r.status.is_success() => Ok(()),
        Ok(r) => Err(format!("{url} answered {}", r.status)),
        Err(e) => Err(e.message),
    }
}

/// The event as the JSON document `--exec` reads on stdin.
pub fn event_json(ev: &Event) -> serde_json::Value {
    let body = serde_json::from_slice::<serde_json::Value>(&ev.body)
        .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&ev.body).into_owned()));
    serde_json::json!({
        "id": ev.id,
        "source": ev.source,
        "delivery_id": ev.delivery_id,
        "topic": ev.topic,
        "headers": ev.headers,
        "body": body,
    })
}

async fn exec(cmd: &str, ev: &Event) -> std::result::Result<(), String> {
    let mut child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot run `sh -c`: {e}"))?;
    let input = serde_json::to_vec(&event_json(ev)).unwrap_or_default();
    if let Some(mut stdin) = child.stdin.take() {
        // A command that does not read its stdin is not a failure.
        let _ = stdin.write_all(&input).await;
    }
    let out = tokio::time::timeout(EXEC_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| format!("--exec command ran longer than {} s", EXEC_TIMEOUT.as_secs()))?
        .map_err(|e| format!("--exec command: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let tail: String = stderr.trim().chars().rev().take(200).collect::<Vec<_>>().into_iter().rev().collect();
    Err(match out.status.code() {
        Some(c) => format!("--exec command exited with {c}: {tail}"),
        None => format!("--exec command was killed by a signal: {tail}"),
    })
}

/// The wait before attempt `attempt + 1` after `attempt` failures: `base × 2^(attempt-1)`, capped,
/// then a random point in its upper half.
pub fn backoff(base: Duration, attempt: u32) -> Duration {
    let full = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(20)).min(MAX_BACKOFF);
    let half = full / 2;
    half + half.mul_f64(rand::random::<f64>())
}

/// Run a blocking store call off the async threads.
async fn on_store<T: Send + 'static>(
    store: &Arc<Mutex<Store>>,
    f: impl FnOnce(&Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    let store = store.clone();
    tokio::task::spawn_blocking(move || f(&store.lock().unwrap_or_else(std::sync::PoisonError::into_inner)))
        .await
        .map_err(|e| Error::general(format!("webhook store task failed: {e}")))?
}

/// When nothing wakes a worker, it looks at the store this often anyway (events requeued by
/// `webhook replay` from another process).
const IDLE_POLL: Duration = Duration::from_secs(2);

/// Deliver `source`'s pending events in order until `stop` turns true. An attempt in progress is
/// finished (and recorded) before stopping.
pub async fn worker(
    source: String,
    store: Arc<Mutex<Store>>,
    outputs: Arc<Outputs>,
    wake: Arc<tokio::sync::Notify>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        if *stop.borrow() {
            return;
        }
        let src = source.clone();
        let next = match on_store(&store, move |s| s.next_pending(&src)).await {
            Ok(n) => n,
            Err(e) => {
                eprintln!("webhook listen: {source}: {}", e.message);
                None
            }
        };
        let Some(ev) = next else {
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(IDLE_POLL) => {}
                _ = stop.changed() => {}
            }
            continue;
        };
        if let Some(at) = ev.next_attempt_at_ms {
            let wait = at - now_ms();
            if wait > 0 {
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(wait as u64)) => {}
                    _ = stop.changed() => {}
                }
                continue;
            }
        }
        let result = outputs.deliver(&ev).await;
        let attempts = ev.attempts + 1;
        let (id, max) = (ev.id, outputs.max_attempts);
        let outcome = match &result {
            Ok(()) => Ok(()),
            Err(e) if attempts >= max => {
                eprintln!(
                    "webhook listen: {source}: event {id} dead-lettered after {attempts} attempts: {e}"
                );
                Err((e.clone(), None))
            }
            Err(e) => {
                let wait = backoff(outputs.backoff, attempts);
                eprintln!(
                    "webhook listen: {source}: event {id} attempt {attempts}/{max} failed: {e}; next in {} ms",
                    wait.as_millis()
                );
                Err((e.clone(), Some(now_ms() + wait.as_millis() as i64)))
            }
        };
        let saved = on_store(&store, move |s| {
            s.record_attempt(id, attempts, outcome.as_ref().map(|_| ()).map_err(|(e, at)| (e.as_str(), *at)))
        })
        .await;
        if let Err(e) = saved {
            eprintln!("webhook listen: {source}: event {id}: {}", e.message);
            tokio::time::sleep(IDLE_POLL).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_jitter_and_is_capped() {
        let base = Duration::from_millis(100);
        for n in 1..6 {
            let full = 100u128 << (n - 1);
            let b = backoff(base, n).as_millis();
            assert!(b >= full / 2 && b <= full, "attempt {n}: {b} ms vs {full}");
        }
        assert!(backoff(base, 40) <= MAX_BACKOFF);
    }

    #[test]
    fn exec_input_has_the_event_and_parsed_body() {
        let ev = Event {
            id: 7,
            source: "main".into(),
            delivery_id: "d1".into(),
            topic: Some("orders/create".into()),
            scheme: "shopify-hmac".into(),
            received_at_ms: 0,
            headers: [("x-shopify-topic".to_string(), "orders/create".to_string())].into(),
            body: b"{\"id\":1001}".to_vec(),
            state: super::super::store::State::Pending,
            attempts: 0,
            last_error: None,
            next_attempt_at_ms: None,
        };
        let j = event_json(&ev);
        assert_eq!(j["id"], 7);
        assert_eq!(j["body"]["id"], 1001);
        assert_eq!(j["headers"]["x-shopify-topic"], "orders/create");
        let text = Event { body: b"webhook_id=3".to_vec(), ..ev };
        assert_eq!(event_json(&text)["body"], "webhook_id=3");
    }
}
