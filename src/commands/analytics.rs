//! `analytics flush | send | report | status` (being built: issue 7).

use crate::cli::AnalyticsCmd;
use crate::context::Ctx;
use crate::error::{Error, Result};

pub async fn run(_ctx: &mut Ctx, _cmd: AnalyticsCmd) -> Result<()> {
    Err(Error::usage("analytics commands are being built"))
}
