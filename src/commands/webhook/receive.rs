//! PLACEHOLDER (base branch only): receiver helper replaces this file.

use crate::cli::{WebhookListenArgs, WebhookLogArgs, WebhookReplayArgs, WebhookVerifyArgs};
use crate::context::Ctx;
use crate::error::{Error, Result};

pub async fn listen(_: &mut Ctx, _: WebhookListenArgs) -> Result<()> {
    Err(Error::general("not implemented"))
}
pub async fn log(_: &mut Ctx, _: WebhookLogArgs) -> Result<()> {
    Err(Error::general("not implemented"))
}
pub async fn replay(_: &mut Ctx, _: WebhookReplayArgs) -> Result<()> {
    Err(Error::general("not implemented"))
}
pub async fn verify(_: &mut Ctx, _: WebhookVerifyArgs) -> Result<()> {
    Err(Error::general("not implemented"))
}
