//! `fulfillment list`.

use super::{Merged, each_store};
use crate::adapters::commerce::OrderRef;
use crate::cli::FulfillmentCmd;
use crate::context::Ctx;
use crate::domain::{Fulfillment, NewFulfillment};
use crate::error::{Error, Result};
use crate::output::Row;

pub async fn run(ctx: &mut Ctx, cmd: FulfillmentCmd) -> Result<()> {
    match cmd {
        FulfillmentCmd::List { reference } => {
            let r = OrderRef::parse(&reference)?;
            let results = each_store(ctx, |shop| {
                let r = r.clone();
                async move { shop.fulfillments(&r).await }
            })
            .await?;
            let merged = Merged::new(results)?;
            let mut list = ctx.out.list::<Fulfillment>();
            for f in merged.items.iter().flatten() {
                list.push(f)?;
            }
            list.finish()?;
            merged.finish()
        }
        FulfillmentCmd::Create { reference, tracking, carrier, url, notify } => {
            let r = OrderRef::parse(&reference)?;
            let number: String = tracking.chars().filter(|c| !c.is_whitespace()).collect();
            if number.is_empty() || !number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(Error::usage(format!("`{tracking}` is not a tracking number"))
                    .with_hint("letters and digits only, e.g. --tracking 1Z999AA10123456784"));
            }
            if let Some(u) = &url {
                url::Url::parse(u).map_err(|e| Error::usage(format!("--url `{u}` is not a URL: {e}")))?;
            }
            let store = ctx.selected_store()?;
            let shop = ctx.open_store(&store).await?;
            let req = NewFulfillment { tracking_number: number, carrier, tracking_url: url, notify };
            let f = shop.create_fulfillment(&r, &req).await?;
            ctx.out.value(&f, |f, color, tty| {
                format!(
                    "Created shipment {} for order {r} in store {store}.\n{}",
                    f.name.clone().unwrap_or_else(|| f.id.clone()),
                    crate::output::table::grid(Fulfillment::headers(), vec![f.cells()], color, tty)
                )
            })
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
