//! The journal and the audit log: a local SQLite file that makes money movements safe to rerun.
//!
//! # Why
//! A refund whose answer is lost (crash, Ctrl-C, dropped connection) leaves the operator not
//! knowing whether money moved. The journal records every mutating request — idempotency key,
//! profile, service, target, amount, state `pending` — **before** it is sent, and marks it
//! `done` (with the vendor's id) or `failed` after. A rerun with the same key finds the entry:
//! `done` is reconciled with the vendor (its refunds are listed) instead of sent again;
//! `pending`/`failed` is sent again with the same key, which the gateway's own idempotency turns
//! into a replay if the first one did land.
//!
//! The audit log is an append-only table in the same file: who, when, profile, service, action,
//! target, amount, currency, key, vendor ids and result of every mutation (`shopdesk audit list`).
//! The file is created with mode 0600: it names customers' payments.
//!
//! Writes go through one writer thread ([`GroupCommit`]): the rows of a batch that write at the
//! same time share a transaction and its fsync, and a write is answered only once committed,
//! so "recorded before it is sent" still means on disk. Reads use their own connection.

use crate::error::{Error, Result};
use crate::group_commit::GroupCommit;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where a journal entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Recorded, sent or about to be; outcome unknown.
    Pending,
    Done,
    /// The vendor refused it (nothing moved).
    Failed,
}

impl State {
    fn as_str(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Done => "done",
            State::Failed => "failed",
        }
    }
    fn parse(s: &str) -> State {
        match s {
            "done" => State::Done,
            "failed" => State::Failed,
            _ => State::Pending,
        }
    }
}

/// One mutating request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub key: String,
    pub profile: String,
    /// The store or gateway name in the profile.
    pub service: String,
    /// `refund`, …
    pub action: String,
    /// What the request acts on (payment or order id).
    pub target: String,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub state: State,
    pub vendor_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub at: String,
    pub who: String,
    pub profile: String,
    pub service: String,
    pub action: String,
    pub target: String,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub key: String,
    pub vendor_ids: Option<String>,
    /// `done`, `replayed`, `reconciled`, `failed: …`, `unknown: …`.
    pub result: String,
}

/// What [`Journal::begin`] found.
#[derive(Debug)]
pub enum Begin {
    /// No entry: one was recorded as pending; send the request.
    New,
    /// An entry with this key exists.
    Existing(Box<Entry>),
}

pub struct Journal {
    /// For reads, behind a mutex so one journal serves a batch's concurrent rows.
    conn: std::sync::Mutex<Connection>,
    /// Started by the first write: a journal opened only to read needs no thread or connection.
    writer: std::sync::OnceLock<GroupCommit<Write, Written>>,
    pub path: PathBuf,
}

/// A write the writer thread is asked for.
enum Write {
    Begin(Entry),
    Finish { key: String, state: State, vendor_id: Option<String> },
    Audit(AuditRecord),
}

/// Its answer.
enum Written {
    Begin(Begin),
    Done,
}

const ENTRY_COLUMNS: &str =
    "key, profile, service, action, target, amount, currency, state, vendor_id, created_at, updated_at";

fn entry_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        key: r.get(0)?,
        profile: r.get(1)?,
        service: r.get(2)?,
        action: r.get(3)?,
        target: r.get(4)?,
        amount: r.get(5)?,
        currency: r.get(6)?,
        state: State::parse(&r.get::<_, String>(7)?),
        vendor_id: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// One batch of writes in one transaction.
fn write_batch(conn: &mut Connection, path: &Path, jobs: &[Write]) -> Result<Vec<Written>> {
    let err = db_err(path);
    let tx = conn.transaction().map_err(&err)?;
    let mut out = Vec::with_capacity(jobs.len());
    for job in jobs {
        let t = now();
        out.push(match job {
            Write::Begin(e) => {
                let n = tx
                    .execute(
                        "INSERT OR IGNORE INTO entries (key, profile, service, action, target, amount, currency, state, vendor_id, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', NULL, ?8, ?8)",
                        params![e.key, e.profile, e.service, e.action, e.target, e.amount, e.currency, t],
                    )
                    .map_err(&err)?;
                Written::Begin(if n == 1 {
                    Begin::New
                } else {
                    let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE key = ?1");
                    Begin::Existing(Box::new(tx.query_row(&sql, params![e.key], entry_row).map_err(&err)?))
                })
            }
            Write::Finish { key, state, vendor_id } => {
                tx.execute(
                    "UPDATE entries SET state = ?2, vendor_id = COALESCE(?3, vendor_id), updated_at = ?4 WHERE key = ?1",
                    params![key, state.as_str(), vendor_id, t],
                )
                .map_err(&err)?;
                Written::Done
            }
            Write::Audit(a) => {
                tx.execute(
                    "INSERT INTO audit (at, who, profile, service, action, target, amount, currency, key, vendor_ids, result)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    params![a.at, a.who, a.profile, a.service, a.action, a.target, a.amount, a.currency, a.key, a.vendor_ids, a.result],
                )
                .map_err(&err)?;
                Written::Done
            }
        });
    }
    tx.commit().map_err(&err)?;
    Ok(out)
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

fn db_err(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| {
        Error::general(format!("journal {}: {e}", path.display()))
            .with_hint("check the state directory's permissions (SHOPDESK_STATE_DIR); nothing was sent")
    }
}

/// The current user, for the audit log.
pub fn who() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into())
}

impl Journal {
    /// Open (creating with mode 0600) the journal at `path`.
    pub fn open(path: &Path) -> Result<Journal> {
        let err = db_err(path);
        crate::config::create_private(path)?;
        let conn = Connection::open(path).map_err(&err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(&err)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE IF NOT EXISTS entries (
               key TEXT PRIMARY KEY, profile TEXT NOT NULL, service TEXT NOT NULL, action TEXT NOT NULL,
               target TEXT NOT NULL, amount TEXT, currency TEXT, state TEXT NOT NULL, vendor_id TEXT,
               created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS audit (
               id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL,
               profile TEXT NOT NULL, service TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
               amount TEXT, currency TEXT, key TEXT NOT NULL, vendor_ids TEXT, result TEXT NOT NULL);",
        )
        .map_err(&err)?;
        Ok(Journal {
            conn: std::sync::Mutex::new(conn),
            writer: std::sync::OnceLock::new(),
            path: path.to_path_buf(),
        })
    }

    /// The writer thread, started on first use with its own connection.
    fn writer(&self) -> Result<&GroupCommit<Write, Written>> {
        if let Some(w) = self.writer.get() {
            return Ok(w);
        }
        let err = db_err(&self.path);
        let conn = Connection::open(&self.path).map_err(&err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(&err)?;
        let path = self.path.clone();
        let (w, _) = GroupCommit::spawn("refund journal", conn, move |c: &mut Connection, jobs: &[Write]| {
            write_batch(c, &path, jobs)
        });
        // Two first writes at once may both start one; the loser's thread ends when it is dropped.
        Ok(self.writer.get_or_init(|| w))
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The entry recorded under `key`, if any.
    pub fn get(&self, key: &str) -> Result<Option<Entry>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE key = ?1");
        self.db().query_row(&sql, params![key], entry_row).optional().map_err(db_err(&self.path))
    }

    /// Record `e` as pending unless its key is already there (atomically); returns once on disk.
    pub async fn begin(&self, e: &Entry) -> Result<Begin> {
        match self.writer()?.submit(Write::Begin(e.clone())).await? {
            Written::Begin(b) => Ok(b),
            Written::Done => Err(Error::general("the journal answered a begin with nothing")),
        }
    }

    /// Mark an entry done or failed.
    pub async fn finish(&self, key: &str, state: State, vendor_id: Option<&str>) -> Result<()> {
        let w = Write::Finish { key: key.to_string(), state, vendor_id: vendor_id.map(str::to_string) };
        self.writer()?.submit(w).await.map(|_| ())
    }

    /// Forget every entry (not the audit log): the built-in sandbox starts from fresh vendor
    /// state on every run, so old entries would name refunds it never made.
    pub fn clear_entries(&self) -> Result<()> {
        self.db().execute("DELETE FROM entries", []).map_err(db_err(&self.path))?;
        Ok(())
    }

    /// Append to the audit log.
    pub async fn audit(&self, a: &AuditRecord) -> Result<()> {
        self.writer()?.submit(Write::Audit(a.clone())).await.map(|_| ())
    }

    /// The newest `limit` audit records, oldest first.
    pub fn audit_list(&self, limit: usize) -> Result<Vec<AuditRecord>> {
        self.audit_query(
            "SELECT * FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ?1) ORDER BY id ASC",
            params![limit as i64],
        )
    }

    /// Every audit record from `since` up to (not including) `until`, oldest first. Times are
    /// RFC 3339 in UTC, so they compare as text.
    pub fn audit_range(&self, since: Option<&str>, until: Option<&str>) -> Result<Vec<AuditRecord>> {
        self.audit_query(
            "SELECT * FROM audit WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) ORDER BY id ASC",
            params![since, until],
        )
    }

    fn audit_query(&self, sql: &str, args: impl rusqlite::Params) -> Result<Vec<AuditRecord>> {
        let err = db_err(&self.path);
        let db = self.db();
        let mut st = db.prepare(sql).map_err(&err)?;
        let rows = st
            .query_map(args, |r| {
                Ok(AuditRecord {
                    at: r.get("at")?,
                    who: r.get("who")?,
                    profile: r.get("profile")?,
                    service: r.get("service")?,
                    action: r.get("action")?,
                    target: r.get("target")?,
                    amount: r.get("amount")?,
                    currency: r.get("currency")?,
                    key: r.get("key")?,
                    vendor_ids: r.get("vendor_ids")?,
                    result: r.get("result")?,
                })
            })
            .map_err(&err)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str) -> Entry {
        Entry {
            key: key.into(),
            profile: "p".into(),
            service: "stripe".into(),
            action: "refund".into(),
            target: "pi_1".into(),
            amount: Some("5.00".into()),
            currency: Some("USD".into()),
            state: State::Pending,
            vendor_id: None,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[tokio::test]
    async fn begin_is_recorded_once_then_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        let j = Journal::open(&path).unwrap();
        assert!(matches!(j.begin(&entry("k")).await.unwrap(), Begin::New));
        match j.begin(&entry("k")).await.unwrap() {
            Begin::Existing(e) => assert_eq!(e.state, State::Pending),
            b => panic!("{b:?}"),
        }
        j.finish("k", State::Done, Some("re_1")).await.unwrap();
        drop(j);
        let j = Journal::open(&path).unwrap();
        let e = j.get("k").unwrap().unwrap();
        assert_eq!((e.state, e.vendor_id.as_deref()), (State::Done, Some("re_1")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[tokio::test]
    async fn concurrent_writes_share_commits_and_one_key_begins_once() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(&dir.path().join("j.sqlite3")).unwrap();
        let keys: Vec<String> = (0..20).map(|i| format!("k{}", i % 10)).collect();
        let entries: Vec<Entry> = keys.iter().map(|k| entry(k)).collect();
        let begun = futures_util::future::join_all(entries.iter().map(|e| j.begin(e))).await;
        let new = begun.iter().filter(|b| matches!(b, Ok(Begin::New))).count();
        let existing = begun.iter().filter(|b| matches!(b, Ok(Begin::Existing(_)))).count();
        assert_eq!((new, existing), (10, 10), "each of the 10 keys begins once");
        futures_util::future::join_all((0..10).map(|i| j.finish(&keys[i], State::Done, Some("re")))).await;
        assert!((0..10).all(|i| j.get(&keys[i]).unwrap().unwrap().state == State::Done));
    }

    #[tokio::test]
    async fn audit_lists_newest_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(&dir.path().join("j.sqlite3")).unwrap();
        for i in 0..5 {
            j.audit(&AuditRecord {
                at: format!("t{i}"),
                who: "me".into(),
                profile: "p".into(),
                service: "stripe".into(),
                action: "refund".into(),
                target: "pi_1".into(),
                amount: None,
                currency: None,
                key: format!("k{i}"),
                vendor_ids: None,
                result: "done".into(),
            })
            .await
            .unwrap();
        }
        let l = j.audit_list(2).unwrap();
        assert_eq!(l.iter().map(|a| a.key.as_str()).collect::<Vec<_>>(), ["k3", "k4"]);
    }
}
