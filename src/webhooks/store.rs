//! The receiver's durable store: one SQLite file (`webhooks.sqlite3` in the state dir).
//!
//! # Why it is shaped like this
//! A vendor that got a 2xx never sends that delivery again, so the receiver answers 2xx only
//! after the event is **committed**. Durability per request would cost one fsync per webhook;
//! instead one writer thread ([`Writer`]) takes every insert that arrived while the previous
//! commit was running and commits them together (group commit), then answers each. The file
//! uses WAL with `synchronous=FULL`: in WAL mode NORMAL already survives a crash of the process
//! (kill -9), but may lose the last commits on power loss or an OS crash, and a lost commit here
//! is a webhook the vendor believes was delivered. With group commit the extra fsync is paid
//! once per batch, not per event.
//!
//! Tables: `events` (one row per delivery, `UNIQUE(source, delivery_id)` so a vendor's retry is
//! recognised and acknowledged without a second row; the raw body and the received headers,
//! minus `Authorization`/`Cookie`; the forwarding state), `rejections` (source, reason, when,
//! remote address; never a secret). Timestamps are unix milliseconds so they sort and compare.
//! The file is created 0600: webhook bodies carry customers' data.

use crate::error::{Error, Result};
use crate::group_commit::GroupCommit;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where an event stands with the outputs (`--forward-to`, `--exec`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Received while no output was configured; kept, not delivered.
    Stored,
    /// Waiting for (another) delivery attempt.
    Pending,
    Done,
    /// Gave up after the maximum number of attempts (the dead-letter list).
    Dead,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Stored => "stored",
            State::Pending => "pending",
            State::Done => "done",
            State::Dead => "dead",
        }
    }
    fn parse(s: &str) -> State {
        match s {
            "pending" => State::Pending,
            "done" => State::Done,
            "dead" => State::Dead,
            _ => State::Stored,
        }
    }
}

/// A verified delivery about to be stored.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub source: String,
    pub delivery_id: String,
    pub topic: Option<String>,
    pub scheme: &'static str,
    pub received_at_ms: i64,
    pub headers: BTreeMap<String, String>,
    pub body: bytes::Bytes,
    /// An output is configured: the event waits for delivery.
    pub pending: bool,
}

/// What storing a delivery did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    New(i64),
    /// Already stored under this id (the vendor sent it again).
    Duplicate(i64),
}

/// A refused delivery, for the log.
#[derive(Debug, Clone)]
pub struct RejectionRecord {
    pub source: String,
    pub reason: String,
    pub detail: String,
    pub at_ms: i64,
    pub remote: String,
}

/// A stored event.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: i64,
    pub source: String,
    pub delivery_id: String,
    pub topic: Option<String>,
    pub scheme: String,
    pub received_at_ms: i64,
    pub headers: BTreeMap<String, String>,
    #[serde(skip)]
    pub body: Vec<u8>,
    pub state: State,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub next_attempt_at_ms: Option<i64>,
}

/// Which rows `webhook log` shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub source: Option<String>,
    pub since_ms: Option<i64>,
    /// Dead, still-retrying events and rejections only.
    pub failed: bool,
    pub limit: usize,
}

/// One line of `webhook log`: an event, or (with `--failed`) a rejection.
#[derive(Debug, Clone, Serialize)]
pub struct LogRow {
    /// The event id (`webhook replay ID`); none for a rejection.
    pub id: Option<i64>,
    pub received_at: String,
    pub source: String,
    pub topic: Option<String>,
    pub delivery_id: Option<String>,
    /// `stored`, `pending`, `done`, `dead`, or `rejected`.
    pub state: String,
    pub attempts: u32,
    pub error: Option<String>,
    #[serde(skip)]
    at_ms: i64,
}

pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn show_time(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.to_string()).unwrap_or_else(|_| ms.to_string())
}

pub struct Store {
    conn: Connection,
    pub path: PathBuf,
}

fn db_err(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| {
        Error::general(format!("webhook store {}: {e}", path.display()))
            .with_hint("check the state directory's permissions and free space (or set SHOPDESK_WEBHOOK_DB)")
    }
}

const EVENT_COLUMNS: &str = "id, source, delivery_id, topic, scheme, received_at, headers, body, state, \
                             attempts, last_error, next_attempt_at";

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let headers: String = r.get(6)?;
    let state: String = r.get(8)?;
    Ok(Event {
        id: r.get(0)?,
        source: r.get(1)?,
        delivery_id: r.get(2)?,
        topic: r.get(3)?,
        scheme: r.get(4)?,
        received_at_ms: r.get(5)?,
        headers: serde_json::from_str(&headers).unwrap_or_default(),
        body: r.get(7)?,
        state: State::parse(&state),
        attempts: r.get(9)?,
        last_error: r.get(10)?,
        next_attempt_at_ms: r.get(11)?,
    })
}

impl Store {
    /// Open (creating, mode 0600) the store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let err = db_err(path);
        crate::config::create_private(path)?;
        let conn = Connection::open(path).map_err(&err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(&err)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=FULL;
             CREATE TABLE IF NOT EXISTS events (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               source TEXT NOT NULL, delivery_id TEXT NOT NULL, topic TEXT, scheme TEXT NOT NULL,
               received_at INTEGER NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL,
               state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
               next_attempt_at INTEGER,
               UNIQUE (source, delivery_id));
             CREATE INDEX IF NOT EXISTS events_pending ON events (source, state, id);
             CREATE TABLE IF NOT EXISTS rejections (
               id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, reason TEXT NOT NULL,
               detail TEXT NOT NULL, at INTEGER NOT NULL, remote TEXT NOT NULL);",
        )
        .map_err(&err)?;
        Ok(Store { conn, path: path.to_path_buf() })
    }

    /// Store events and rejections in one transaction (one fsync).
    pub fn commit(&mut self, events: &[&NewEvent], rejections: &[&RejectionRecord]) -> Result<Vec<Inserted>> {
        let path = self.path.clone();
        let err = db_err(&path);
        let tx = self.conn.transaction().map_err(&err)?;
        let mut out = Vec::with_capacity(events.len());
        {
            let mut ins = tx
                .prepare_cached(
                    "INSERT INTO events (source, delivery_id, topic, scheme, received_at, headers, body, state)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (source, delivery_id) DO NOTHING",
                )
                .map_err(&err)?;
            let mut existing = tx
                .prepare_cached("SELECT id FROM events WHERE source = ?1 AND delivery_id = ?2")
                .map_err(&err)?;
            for e in events {
                let headers = serde_json::to_string(&e.headers).unwrap_or_else(|_| "{}".into());
                let state = if e.pending { State::Pending } else { State::Stored };
                let n = ins
                    .execute(params![
                        e.source,
                        e.delivery_id,
                        e.topic,
                        e.scheme,
                        e.received_at_ms,
                        headers,
                        &e.body[..],
                        state.as_str()
                    ])
                    .map_err(&err)?;
                // A new row's id is the last insert's; only a duplicate needs a lookup.
                out.push(if n == 1 {
                    Inserted::New(tx.last_insert_rowid())
                } else {
                    Inserted::Duplicate(
                        existing.query_row(params![e.source, e.delivery_id], |r| r.get(0)).map_err(&err)?,
                    )
                });
            }
            let mut rej = tx
                .prepare_cached(
                    "INSERT INTO rejections (source, reason, detail, at, remote) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(&err)?;
            for r in rejections {
                rej.execute(params![r.source, r.reason, r.detail, r.at_ms, r.remote]).map_err(&err)?;
            }
        }
        tx.commit().map_err(&err)?;
        Ok(out)
    }

    /// The oldest event of `source` waiting for delivery.
    pub fn next_pending(&self, source: &str) -> Result<Option<Event>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {EVENT_COLUMNS} FROM events WHERE source = ?1 AND state = 'pending' ORDER BY id LIMIT 1"
                ),
                params![source],
                event_row,
            )
            .optional()
            .map_err(db_err(&self.path))
    }

    /// How many events wait for delivery, per source.
    pub fn pending_counts(&self) -> Result<BTreeMap<String, u64>> {
        let err = db_err(&self.path);
        let mut st = self
            .conn
            .prepare("SELECT source, COUNT(*) FROM events WHERE state = 'pending' GROUP BY source")
            .map_err(&err)?;
        let rows =
            st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))).map_err(&err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(&err)
    }

    /// Record the outcome of a delivery attempt: done, retry at `retry_at`, or dead when
    /// `retry_at` is `None` after a failure.
    pub fn record_attempt(
        &self,
        id: i64,
        attempts: u32,
        outcome: std::result::Result<(), (&str, Option<i64>)>,
    ) -> Result<()> {
        let (state, error, next) = match outcome {
            Ok(()) => (State::Done, None, None),
            Err((e, Some(at))) => (State::Pending, Some(e), Some(at)),
            Err((e, None)) => (State::Dead, Some(e), None),
        };
        self.conn
            .execute(
                "UPDATE events SET state = ?2, attempts = ?3, last_error = COALESCE(?4, last_error),
                 next_attempt_at = ?5 WHERE id = ?1",
                params![id, state.as_str(), attempts, error, next],
            )
            .map_err(db_err(&self.path))?;
        Ok(())
    }

    pub fn get(&self, id: i64) -> Result<Option<Event>> {
        self.conn
            .query_row(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"), params![id], event_row)
            .optional()
            .map_err(db_err(&self.path))
    }

    /// Events received at or after `since_ms`, oldest first.
    pub fn since(&self, since_ms: i64) -> Result<Vec<Event>> {
        let err = db_err(&self.path);
        let mut st = self
            .conn
            .prepare(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE received_at >= ?1 ORDER BY id"))
            .map_err(&err)?;
        let rows = st.query_map(params![since_ms], event_row).map_err(&err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(&err)
    }

    /// Put events back in the delivery queue (attempts reset).
    pub fn requeue(&self, ids: &[i64]) -> Result<usize> {
        let err = db_err(&self.path);
        let mut st = self
            .conn
            .prepare(
                "UPDATE events SET state = 'pending', attempts = 0, last_error = NULL, next_attempt_at = NULL
                 WHERE id = ?1",
            )
            .map_err(&err)?;
        let mut n = 0;
        for id in ids {
            n += st.execute(params![id]).map_err(&err)?;
        }
        Ok(n)
    }

    /// `webhook log`: newest first.
    pub fn log(&self, f: &Filter) -> Result<Vec<LogRow>> {
        let err = db_err(&self.path);
        let since = f.since_ms.unwrap_or(i64::MIN);
        let limit = f.limit as i64;
        let states = if f.failed { "('dead', 'pending')" } else { "('stored', 'pending', 'done', 'dead')" };
        let failed_only = if f.failed { "AND attempts > 0" } else { "" };
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT id, received_at, source, topic, delivery_id, state, attempts, last_error FROM events
                 WHERE state IN {states} {failed_only} AND received_at >= ?1 AND (?2 IS NULL OR source = ?2)
                 ORDER BY id DESC LIMIT ?3"
            ))
            .map_err(&err)?;
        let mut rows: Vec<LogRow> = st
            .query_map(params![since, f.source, limit], |r| {
                let at: i64 = r.get(1)?;
                Ok(LogRow {
                    id: Some(r.get(0)?),
                    received_at: show_time(at),
                    source: r.get(2)?,
                    topic: r.get(3)?,
                    delivery_id: Some(r.get(4)?),
                    state: r.get(5)?,
                    attempts: r.get(6)?,
                    error: r.get(7)?,
                    at_ms: at,
                })
            })
            .map_err(&err)?
            .collect::<rusqlite::Result<_>>()
            .map_err(&err)?;
        if f.failed {
            let mut st = self
                .conn
                .prepare(
                    "SELECT at, source, reason, detail, remote FROM rejections
                     WHERE at >= ?1 AND (?2 IS NULL OR source = ?2) ORDER BY id DESC LIMIT ?3",
                )
                .map_err(&err)?;
            let rejected = st
                .query_map(params![since, f.source, limit], |r| {
                    let at: i64 = r.get(0)?;
                    let (reason, detail, remote): (String, String, String) =
                        (r.get(2)?, r.get(3)?, r.get(4)?);
                    Ok(LogRow {
                        id: None,
                        received_at: show_time(at),
                        source: r.get(1)?,
                        topic: None,
                        delivery_id: None,
                        state: "rejected".into(),
                        attempts: 0,
                        error: Some(format!("{reason}: {detail} (from {remote})")),
                        at_ms: at,
                    })
                })
                .map_err(&err)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(&err)?;
            rows.extend(rejected);
            rows.sort_by_key(|r| std::cmp::Reverse(r.at_ms));
            rows.truncate(f.limit);
        }
        Ok(rows)
    }
}

/// What the writer thread is asked to do.
enum Job {
    Event(NewEvent),
    Rejection(RejectionRecord),
}

/// The single writer ([`GroupCommit`]): whatever queued up while the last commit ran is
/// committed together.
#[derive(Clone)]
pub struct Writer {
    inner: GroupCommit<Job, Option<Inserted>>,
}

impl Writer {
    /// Start the writer thread on `store`. The thread ends when every `Writer` is dropped.
    pub fn spawn(store: Store) -> (Writer, std::thread::JoinHandle<()>) {
        let (inner, handle) =
            GroupCommit::spawn("webhook store", store, |store: &mut Store, jobs: &[Job]| {
                let mut events = Vec::new();
                let mut rejections = Vec::new();
                for j in jobs {
                    match j {
                        Job::Event(e) => events.push(e),
                        Job::Rejection(r) => rejections.push(r),
                    }
                }
                let mut ids = store.commit(&events, &rejections)?.into_iter();
                Ok(jobs.iter().map(|j| if let Job::Event(_) = j { ids.next() } else { None }).collect())
            });
        (Writer { inner }, handle)
    }

    /// Store an event; returns once it is committed.
    pub async fn insert(&self, e: NewEvent) -> Result<Inserted> {
        self.inner
            .submit(Job::Event(e))
            .await?
            .ok_or_else(|| Error::general("the webhook store lost an insert"))
    }

    /// Log a rejection (not waited for).
    pub fn reject(&self, r: RejectionRecord) {
        self.inner.submit_detached(Job::Rejection(r));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(source: &str, id: &str, pending: bool) -> NewEvent {
        NewEvent {
            source: source.into(),
            delivery_id: id.into(),
            topic: Some("orders/create".into()),
            scheme: "shopify-hmac",
            received_at_ms: now_ms(),
            headers: BTreeMap::from([("x-shopify-topic".into(), "orders/create".into())]),
            body: bytes::Bytes::from_static(b"{\"id\":1}"),
            pending,
        }
    }

    #[test]
    fn duplicates_are_recognised_per_source_and_queue_is_ordered() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("w.sqlite3")).unwrap();
        let r = s.commit(
            &[&ev("a", "1", true), &ev("a", "2", true), &ev("a", "1", true), &ev("b", "1", false)],
            &[],
        );
        let r = r.unwrap();
        assert!(matches!(r[0], Inserted::New(_)));
        assert!(matches!(r[1], Inserted::New(_)));
        assert_eq!(
            r[2],
            Inserted::Duplicate(match r[0] {
                Inserted::New(i) => i,
                _ => unreachable!(),
            })
        );
        assert!(matches!(r[3], Inserted::New(_)));
        let first = s.next_pending("a").unwrap().unwrap();
        assert_eq!(first.delivery_id, "1");
        assert_eq!(first.body, b"{\"id\":1}");
        s.record_attempt(first.id, 1, Err(("503", Some(now_ms() + 1000)))).unwrap();
        // Still the head of the queue: order per source is kept while it retries.
        assert_eq!(s.next_pending("a").unwrap().unwrap().id, first.id);
        s.record_attempt(first.id, 2, Ok(())).unwrap();
        assert_eq!(s.next_pending("a").unwrap().unwrap().delivery_id, "2");
        assert!(s.next_pending("b").unwrap().is_none(), "stored without outputs is not queued");
        let done = s.get(first.id).unwrap().unwrap();
        assert_eq!((done.state, done.attempts, done.last_error.as_deref()), (State::Done, 2, Some("503")));
    }

    #[test]
    fn log_failed_lists_dead_retrying_and_rejections() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("w.sqlite3")).unwrap();
        let rej = RejectionRecord {
            source: "a".into(),
            reason: "bad_signature".into(),
            detail: "no signature matches".into(),
            at_ms: now_ms(),
            remote: "127.0.0.1:1".into(),
        };
        let ids = s.commit(&[&ev("a", "1", true), &ev("a", "2", true)], &[&rej]).unwrap();
        let Inserted::New(id1) = ids[0] else { panic!() };
        s.record_attempt(id1, 3, Err(("connection refused", None))).unwrap();
        let rows = s.log(&Filter { failed: true, limit: 10, ..Filter::default() }).unwrap();
        let states: Vec<&str> = rows.iter().map(|r| r.state.as_str()).collect();
        assert_eq!(states.len(), 2, "{states:?}");
        assert!(states.contains(&"dead") && states.contains(&"rejected"));
        let all = s.log(&Filter { limit: 10, source: Some("a".into()), ..Filter::default() }).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].delivery_id.as_deref(), Some("2"), "newest first");
        assert_eq!(s.requeue(&[id1]).unwrap(), 1);
        assert_eq!(s.next_pending("a").unwrap().unwrap().id, id1);
    }
}
