//! Support-action events: a local queue, emission that never gets in the way, and the flush.
//!
//! # Why a queue
//! The rule is that emitting must never slow or fail the command the agent ran. So a
//! command only appends a row to a local SQLite file (`analytics-queue.sqlite3` in the state
//! dir; one row per event and service) and moves on; nothing is sent on the command's path.
//! After the command, a detached `shopdesk analytics flush --background` process sends what is
//! queued (under `--sandbox`, whose emulators die with the process, the flush runs in-process
//! after the output, bounded by a short timeout). `shopdesk analytics flush` does the same on
//! demand and reports.
//!
//! # Delivery
//! At least once: a flusher *claims* rows for a lease (so two flushers never send the same row
//! at the same time), deletes them once the service has taken the batch, and releases them with
//! the error when it has not (network, credentials, throttling), to be sent by the next flush.
//! Events a service refuses one by one (Mixpanel's `failed_records`, an invalid GA4 name) are
//! dropped and reported: sending them again would fail the same way. Every event carries a
//! random insert id that Mixpanel dedupes by, so a batch sent twice (a flusher killed after the
//! send, before the delete) is recorded once.
//!
//! # Privacy
//! Events name the store, platform and order reference, amounts and carrier statuses; customer
//! email and name are added only with `include_pii = true`. `distinct_id` is this install's
//! random id (`install-id` in the state dir), i.e. the agent's machine, never a customer.

use crate::context::Ctx;
use crate::domain::AnalyticsEvent;
use crate::error::{Error, Result};
use rusqlite::{Connection, params};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a flusher owns the rows it claimed before another may take them.
const LEASE: Duration = Duration::from_secs(120);

/// The queue file for a run: the sandbox has its own, since its emulators start afresh.
pub fn queue_path(sandbox: bool) -> PathBuf {
    let name = if sandbox { "sandbox-analytics-queue.sqlite3" } else { "analytics-queue.sqlite3" };
    crate::config::state_dir().join(name)
}

/// The local event queue.
pub struct Queue {
    conn: Connection,
    path: PathBuf,
}

/// One queued event for one service.
#[derive(Debug, Clone)]
pub struct Queued {
    pub id: i64,
    pub event: AnalyticsEvent,
}

/// What waits for one service.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Backlog {
    pub service: String,
    pub pending: u64,
    /// When the oldest waiting event happened (RFC 3339).
    pub oldest: Option<String>,
    /// Most failed flushes any waiting event has been through.
    pub attempts: u64,
    pub last_error: Option<String>,
}

impl Queue {
    pub fn open(path: &Path) -> Result<Queue> {
        crate::config::create_private(path)?;
        let err = |e: rusqlite::Error| Error::general(format!("analytics queue {}: {e}", path.display()));
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=NORMAL;
             CREATE TABLE IF NOT EXISTS events (
               id INTEGER PRIMARY KEY AUTOINCREMENT, profile TEXT NOT NULL, service TEXT NOT NULL,
               time_ms INTEGER NOT NULL, event TEXT NOT NULL, claimed_until INTEGER NOT NULL DEFAULT 0,
               attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
             CREATE INDEX IF NOT EXISTS events_by_service ON events (profile, service, id);",
        )
        .map_err(err)?;
        Ok(Queue { conn, path: path.to_path_buf() })
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        move |e| Error::general(format!("analytics queue {}: {e}", self.path.display()))
    }

    /// Queue `events` for each of `services`, in one transaction.
    pub fn push(&mut self, profile: &str, services: &[String], events: &[AnalyticsEvent]) -> Result<()> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| Error::general(format!("analytics queue {}: {e}", path.display()));
        let tx = self.conn.transaction().map_err(err)?;
        for event in events {
            let json = serde_json::to_string(event).map_err(|e| Error::general(format!("event: {e}")))?;
            for s in services {
                tx.execute(
                    "INSERT INTO events (profile, service, time_ms, event) VALUES (?1, ?2, ?3, ?4)",
                    params![profile, s, event.time_ms, json],
                )
                .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Claim up to `n` unclaimed events for a service, oldest first.
    pub fn claim(&self, profile: &str, service: &str, n: usize) -> Result<Vec<Queued>> {
        let now = now_ms();
        let until = now + LEASE.as_millis() as i64;
        let mut stmt = self
            .conn
            .prepare(
                "UPDATE events SET claimed_until = ?1 WHERE id IN (
                   SELECT id FROM events WHERE profile = ?2 AND service = ?3 AND claimed_until < ?4
                   ORDER BY id LIMIT ?5)
                 RETURNING id, event",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![until, profile, service, now, n as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json) = row.map_err(self.err())?;
            match serde_json::from_str(&json) {
                Ok(event) => out.push(Queued { id, event }),
                // A row this version cannot read is useless to every version after it.
                Err(_) => self.remove(&[id])?,
            }
        }
        out.sort_by_key(|q| q.id);
        Ok(out)
    }

    /// The service took these (or refused them for good): forget them.
    pub fn remove(&self, ids: &[i64]) -> Result<()> {
        for id in ids {
            self.conn.execute("DELETE FROM events WHERE id = ?1", params![id]).map_err(self.err())?;
        }
        Ok(())
    }

    /// Sending failed: give the rows back for the next flush, noting why.
    pub fn release(&self, ids: &[i64], error: &str) -> Result<()> {
        for id in ids {
            self.conn
                .execute(
                    "UPDATE events SET claimed_until = 0, attempts = attempts + 1, last_error = ?2 WHERE id = ?1",
                    params![id, error],
                )
                .map_err(self.err())?;
        }
        Ok(())
    }

    /// What waits, per service of a profile.
    pub fn backlog(&self, profile: &str) -> Result<Vec<Backlog>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT service, COUNT(*), MIN(time_ms), MAX(attempts),
                   (SELECT last_error FROM events e2 WHERE e2.profile = e.profile AND e2.service = e.service
                      AND e2.last_error IS NOT NULL ORDER BY id DESC LIMIT 1)
                 FROM events e WHERE profile = ?1 GROUP BY service ORDER BY service",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![profile], |r| {
                Ok(Backlog {
                    service: r.get(0)?,
                    pending: r.get::<_, i64>(1)? as u64,
                    oldest: r.get::<_, Option<i64>>(2)?.map(rfc3339),
                    attempts: r.get::<_, i64>(3)? as u64,
                    last_error: r.get(4)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(self.err())
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.to_string()).unwrap_or_default()
}

/// A random 128-bit id in hex (insert ids, the install id).
pub fn random_id() -> String {
    let bytes: [u8; 16] = rand::random();
    hex::encode(bytes)
}

/// This install's id (`install-id` in the state dir, made on first use): the `distinct_id` of
/// the events, standing for the agent's machine, not a person.
pub fn install_id() -> String {
    let path = crate::config::state_dir().join("install-id");
    if let Ok(id) = std::fs::read_to_string(&path)
        && id.trim().len() == 32
    {
        return id.trim().to_string();
    }
    let id = random_id();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(&path, &id);
    id
}

/// Build an event: `props` always, `pii` only when the profile allows it.
pub fn event(
    name: &str,
    distinct_id: String,
    mut props: BTreeMap<String, serde_json::Value>,
    pii: BTreeMap<String, serde_json::Value>,
    include_pii: bool,
) -> AnalyticsEvent {
    if include_pii {
        props.extend(pii);
    }
    props.insert("shopdesk_version".into(), env!("CARGO_PKG_VERSION").into());
    AnalyticsEvent {
        name: name.to_string(),
        distinct_id,
        time_ms: now_ms(),
        insert_id: random_id(),
        properties: props,
    }
}

/// Does this run emit support-action events? `SHOPDESK_TRACK_ACTIONS` (`1`/`true`, `0`/`false`)
/// overrides the profile's `[analytics] track_actions`; either way only when the profile has an
/// analytics service to send them to.
pub fn tracking(ctx: &Ctx) -> bool {
    let Ok(p) = ctx.profile() else { return false };
    if p.analytics.services.is_empty() {
        return false;
    }
    match std::env::var("SHOPDESK_TRACK_ACTIONS").ok().as_deref().map(str::trim) {
        Some("1" | "true" | "yes") => true,
        Some("0" | "false" | "no") => false,
        _ => p.analytics.track_actions,
    }
}

/// A support action to record: `props` always, `pii` only with `include_pii = true`.
pub struct Action {
    pub name: &'static str,
    pub props: BTreeMap<String, serde_json::Value>,
    pub pii: BTreeMap<String, serde_json::Value>,
}

/// Queue support-action events for every analytics service of the profile, if the profile
/// tracks actions. Never fails and never sends: a problem is a note at `-v`.
pub fn emit(ctx: &Ctx, actions: Vec<Action>) {
    if actions.is_empty() || !tracking(ctx) {
        return;
    }
    let Ok(p) = ctx.profile() else { return };
    let services: Vec<String> = p.analytics.services.keys().cloned().collect();
    let id = install_id();
    let events: Vec<AnalyticsEvent> = actions
        .into_iter()
        .map(|a| event(a.name, id.clone(), a.props, a.pii, p.analytics.include_pii))
        .collect();
    let queued = Queue::open(&queue_path(ctx.sandbox.is_some()))
        .and_then(|mut q| q.push(&ctx.profile_name, &services, &events));
    match queued {
        Ok(()) => ctx.emitted.store(true, std::sync::atomic::Ordering::Relaxed),
        Err(e) => ctx.logger.note(&format!("analytics: {} event(s) not queued: {e}", events.len())),
    }
}

/// After a command: send what it queued without holding the user up. A detached
/// `analytics flush --background` process does it; under `--sandbox` (whose emulators stop with
/// this process) it is done here, bounded by a few seconds.
pub async fn after_command(ctx: &Ctx) {
    if !ctx.emitted.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    if ctx.sandbox.is_some() {
        let flush = flush(ctx, None);
        if tokio::time::timeout(Duration::from_secs(5), flush).await.is_err() {
            ctx.logger.note("analytics: the sandbox flush timed out; events stay queued");
        }
        return;
    }
    let Ok(exe) = std::env::current_exe() else { return };
    let mut cmd = std::process::Command::new(exe);
    cmd.args(["--profile", &ctx.profile_name, "analytics", "flush", "--background"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    if let Err(e) = cmd.spawn() {
        ctx.logger.note(&format!("analytics: cannot start the background flush: {e}"));
    }
}

/// The outcome of flushing one service.
#[derive(Debug, Clone, Serialize)]
pub struct Flushed {
    pub service: String,
    pub sent: usize,
    /// Refused one by one by the service (dropped).
    pub rejected: Vec<crate::domain::EventFailure>,
    /// Still queued (the service could not be reached or refused the batch).
    pub left: u64,
    pub error: Option<String>,
}

/// Send what is queued for the profile's services (or `only`), in batches each service takes.
pub async fn flush(ctx: &Ctx, only: Option<&str>) -> Result<Vec<Flushed>> {
    let profile = ctx.profile()?;
    let names: Vec<String> = match only {
        Some(n) if profile.analytics.services.contains_key(n) => vec![n.to_string()],
        Some(n) => {
            return Err(Error::usage(format!(
                "profile `{}` has no analytics service `{n}`",
                ctx.profile_name
            ))
            .with_hint(format!("its services: {}", ctx.analytics_names()?.join(", "))));
        }
        None => ctx.analytics_names()?,
    };
    let queue = Queue::open(&queue_path(ctx.sandbox.is_some()))?;
    let mut out = Vec::new();
    for name in names {
        let mut r = Flushed { service: name.clone(), sent: 0, rejected: Vec::new(), left: 0, error: None };
        match ctx.open_analytics(&name).await {
            Err(e) => r.error = Some(e.to_string()),
            Ok(service) => {
                let batch = service.info().max_batch;
                loop {
                    let rows = queue.claim(&ctx.profile_name, &name, batch)?;
                    if rows.is_empty() {
                        break;
                    }
                    let ids: Vec<i64> = rows.iter().map(|q| q.id).collect();
                    let events: Vec<AnalyticsEvent> = rows.into_iter().map(|q| q.event).collect();
                    match service.send(&events).await {
                        Ok(report) => {
                            queue.remove(&ids)?;
                            r.sent += report.accepted;
                            r.rejected.extend(report.rejected);
                        }
                        Err(e) => {
                            queue.release(&ids, &e.to_string())?;
                            r.error = Some(e.to_string());
                            break;
                        }
                    }
                }
            }
        }
        r.left = queue
            .backlog(&ctx.profile_name)?
            .into_iter()
            .find(|b| b.service == name)
            .map(|b| b.pending)
            .unwrap_or(0);
        out.push(r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(n: &str) -> AnalyticsEvent {
        event(n, "agent".into(), BTreeMap::new(), BTreeMap::from([("email".into(), "a@b.c".into())]), false)
    }

    #[test]
    fn push_claim_release_remove() {
        let dir = tempfile_dir();
        let mut q = Queue::open(&dir.join("q.sqlite3")).unwrap();
        q.push("p", &["mix".into(), "ga".into()], &[ev("a")]).unwrap();
        q.push("p", &["mix".into()], &[ev("b")]).unwrap();
        q.push("other", &["mix".into()], &[ev("c")]).unwrap();
        let got = q.claim("p", "mix", 10).unwrap();
        assert_eq!(got.iter().map(|g| g.event.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        // Claimed rows are not handed out twice while the lease runs.
        assert!(q.claim("p", "mix", 10).unwrap().is_empty());
        q.release(&[got[1].id], "HTTP 503").unwrap();
        q.remove(&[got[0].id]).unwrap();
        let again = q.claim("p", "mix", 10).unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].event.name, "b");
        let b = q.backlog("p").unwrap();
        assert_eq!(b.len(), 2);
        let mix = b.iter().find(|b| b.service == "mix").unwrap();
        assert_eq!((mix.pending, mix.attempts), (1, 1));
        assert_eq!(mix.last_error.as_deref(), Some("HTTP 503"));
        assert_eq!(b.iter().find(|b| b.service == "ga").unwrap().pending, 1);
    }

    #[test]
    fn pii_only_when_allowed() {
        let pii = BTreeMap::from([("customer_email".to_string(), serde_json::Value::from("a@b.c"))]);
        let without = event("x", "agent".into(), BTreeMap::new(), pii.clone(), false);
        assert!(!without.properties.contains_key("customer_email"));
        let with = event("x", "agent".into(), BTreeMap::new(), pii, true);
        assert_eq!(with.properties["customer_email"], "a@b.c");
        assert_ne!(without.insert_id, with.insert_id);
        assert_eq!(without.insert_id.len(), 32);
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("shopdesk-q-{}", random_id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
