//! `fulfillment list`.

use crate::adapters::commerce::OrderRef;
use crate::cli::FulfillmentCmd;
use crate::context::Ctx;
use crate::domain::Fulfillment;
use crate::error::Result;
use crate::output::Row;

pub async fn run(ctx: &mut Ctx, cmd: FulfillmentCmd) -> Result<()> {
    match cmd {
        FulfillmentCmd::List { reference } => {
            let r = OrderRef::parse(&reference)?;
            let store = ctx.selected_store()?;
            let shop = ctx.open_store(&store).await?;
            let fs = shop.fulfillments(&r).await?;
            let mut list = ctx.out.list::<Fulfillment>();
            for f in &fs {
                list.push(f)?;
            }
            list.finish()?;
            Ok(())
        }
    }
}

impl Row for Fulfillment {
    fn headers() -> &'static [&'static str] {
        &["shipment", "status", "carrier", "tracking", "url", "items"]
    }
    fn cells(&self) -> Vec<String> {
        let join = |f: &dyn Fn(&crate::domain::Tracking) -> Option<String>| {
            self.tracking.iter().filter_map(f).collect::<Vec<_>>().join("\n")
        };
        vec![
            self.name.clone().unwrap_or_else(|| self.id.clone()),
            self.display_status
                .clone()
                .map(|s| s.to_ascii_lowercase())
                .unwrap_or_else(|| self.status.to_string()),
            join(&|t| t.carrier.clone()),
            join(&|t| t.number.clone()),
            join(&|t| t.url.clone()),
            self.items
                .iter()
                .map(|i| format!("{}× {}", i.quantity, i.sku.clone().unwrap_or_else(|| i.title.clone())))
                .collect::<Vec<_>>()
                .join(", "),
        ]
    }
}
