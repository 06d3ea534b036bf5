//! `audit list|export`: the audit log kept in the journal file (see `crate::journal`).
//!
//! `list` is for a person (the newest records, a table by default); `export` is for whoever
//! audits refunds (every record or a time range, CSV by default with one column per field, the
//! file created 0600 because it names customers' orders and payments).

use crate::cli::AuditCmd;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::journal::AuditRecord;
use crate::output::{Format, Row};
use std::io::Write;

pub async fn run(ctx: &mut Ctx, cmd: AuditCmd) -> Result<()> {
    match cmd {
        AuditCmd::List { limit } => {
            let records = ctx.journal()?.audit_list(limit)?;
            let mut list = ctx.out.list::<AuditRecord>();
            for r in &records {
                list.push(r)?;
            }
            list.finish()?;
            Ok(())
        }
        AuditCmd::Export { since, until, output } => {
            let when = |s: Option<&String>, end| s.map(|s| super::order::parse_when(s, end)).transpose();
            let (since, until) = (when(since.as_ref(), false)?, when(until.as_ref(), true)?);
            if let (Some(s), Some(u)) = (since, until)
                && s > u
            {
                return Err(Error::usage("--since is after --until").with_hint("swap them"));
            }
            let records = ctx.journal()?.audit_range(
                since.map(|t| t.to_string()).as_deref(),
                until.map(|t| t.to_string()).as_deref(),
            )?;
            let bytes = render(&records, ctx.out.format)?;
            match output {
                Some(path) => {
                    write_private(&path, &bytes)?;
                    eprintln!("Wrote {} audit records to {}.", records.len(), path.display());
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(&bytes).and_then(|_| out.flush())?;
                }
            }
            Ok(())
        }
    }
}

/// CSV (the default, also for `table`), a JSON array, or NDJSON.
fn render(records: &[AuditRecord], format: Format) -> Result<Vec<u8>> {
    let err = |e: &dyn std::fmt::Display| Error::general(format!("cannot write the export: {e}"));
    Ok(match format {
        Format::Json => {
            let mut v = serde_json::to_vec_pretty(records).map_err(|e| err(&e))?;
            v.push(b'\n');
            v
        }
        Format::Ndjson => {
            let mut v = Vec::new();
            for r in records {
                serde_json::to_writer(&mut v, r).map_err(|e| err(&e))?;
                v.push(b'\n');
            }
            v
        }
        Format::Table | Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            if records.is_empty() {
                w.write_record([
                    "at",
                    "who",
                    "profile",
                    "service",
                    "action",
                    "target",
                    "amount",
                    "currency",
                    "key",
                    "vendor_ids",
                    "result",
                ])
                .map_err(|e| err(&e))?;
            }
            for r in records {
                w.serialize(r).map_err(|e| err(&e))?;
            }
            w.into_inner().map_err(|e| err(&e))?
        }
    })
}

/// Create (or replace) `path` with mode 0600 and write `bytes`.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path).map_err(|e| {
        Error::usage(format!("cannot write {}: {e}", path.display()))
            .with_hint("check the directory exists and is writable")
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(bytes)?;
    Ok(())
}

impl Row for AuditRecord {
    fn headers() -> &'static [&'static str] {
        &["at", "who", "profile", "service", "action", "target", "amount", "key", "vendor ids", "result"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.at.clone(),
            self.who.clone(),
            self.profile.clone(),
            self.service.clone(),
            self.action.clone(),
            self.target.clone(),
            match (&self.amount, &self.currency) {
                (Some(a), Some(c)) => format!("{a} {c}"),
                (Some(a), None) => a.clone(),
                _ => String::new(),
            },
            self.key.clone(),
            self.vendor_ids.clone().unwrap_or_default(),
            self.result.clone(),
        ]
    }
}
