//! PLACEHOLDER (base branch only): registration helper replaces this file.

use crate::cli::{WebhookRegisterArgs, WebhookTargetArgs};
use crate::context::Ctx;
use crate::error::{Error, Result};
use std::path::Path;

pub async fn register(_: &mut Ctx, _: WebhookRegisterArgs) -> Result<()> {
    Err(Error::general("not implemented"))
}
pub async fn list(_: &mut Ctx, _: WebhookTargetArgs) -> Result<()> {
    Err(Error::general("not implemented"))
}
pub async fn delete(_: &mut Ctx, _: &str, _: WebhookTargetArgs, _: bool) -> Result<()> {
    Err(Error::general("not implemented"))
}
pub async fn sync(_: &mut Ctx, _: &Path, _: bool, _: bool, _: bool) -> Result<()> {
    Err(Error::general("not implemented"))
}
pub async fn trigger(ctx: &mut Ctx, target: WebhookTargetArgs, topic: &str) -> Result<()> {
    super::trigger::run(ctx, target, topic).await
}
