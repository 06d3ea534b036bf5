//! `webhook`: registration on the vendors ([`manage`]) and the receiving side ([`receive`]).

mod manage;
mod receive;
pub(crate) mod topics;
mod trigger;

use crate::cli::WebhookCmd;
use crate::context::Ctx;
use crate::error::Result;

pub async fn run(ctx: &mut Ctx, cmd: WebhookCmd) -> Result<()> {
    match cmd {
        WebhookCmd::Register(a) => manage::register(ctx, a).await,
        WebhookCmd::List(t) => manage::list(ctx, t).await,
        WebhookCmd::Delete { id, target, yes } => manage::delete(ctx, &id, target, yes).await,
        WebhookCmd::Sync { file, prune, dry_run, yes } => manage::sync(ctx, &file, prune, dry_run, yes).await,
        WebhookCmd::Trigger { target, topic } => manage::trigger(ctx, target, &topic).await,
        WebhookCmd::Listen(a) => receive::listen(ctx, a).await,
        WebhookCmd::Log(a) => receive::log(ctx, a).await,
        WebhookCmd::Replay(a) => receive::replay(ctx, a).await,
        WebhookCmd::Verify(a) => receive::verify(ctx, a).await,
    }
}
