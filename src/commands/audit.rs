//! `audit list`: the audit log kept in the journal file (see `crate::journal`).

use crate::cli::AuditCmd;
use crate::context::Ctx;
use crate::error::Result;
use crate::journal::AuditRecord;
use crate::output::Row;

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
    }
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
