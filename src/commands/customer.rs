//! `customer get`: store customers by email or id, across stores with `--store all`.

use super::{Merged, each_store};
use crate::adapters::commerce::CustomerKey;
use crate::cli::CustomerCmd;
use crate::context::Ctx;
use crate::domain::Customer;
use crate::error::{Error, Result};
use crate::output::Row;

pub async fn run(ctx: &mut Ctx, cmd: CustomerCmd) -> Result<()> {
    match cmd {
        CustomerCmd::Sync { .. } => Err(Error::usage("customer sync is being built")),
        CustomerCmd::Get { key, orders: _ } => {
            let key = CustomerKey::parse(&key)?;
            let results = each_store(ctx, |shop| {
                let key = key.clone();
                async move { shop.customers(&key).await }
            })
            .await?;
            let merged = Merged::new(results)?;
            let found: Vec<&Customer> = merged.items.iter().flatten().collect();
            if found.is_empty() && merged.failures.is_empty() {
                let what = match &key {
                    CustomerKey::Email(e) => e.clone(),
                    CustomerKey::Id(i) => format!("id {i}"),
                };
                return Err(Error::not_found(format!("no customer {what}")).with_hint(
                    "guest checkouts have no customer record: try `shopdesk order search --email`",
                ));
            }
            let mut list = ctx.out.list::<Customer>();
            for c in found {
                list.push(c)?;
            }
            list.finish()?;
            merged.finish()
        }
    }
}

impl Row for Customer {
    fn headers() -> &'static [&'static str] {
        &["store", "id", "name", "email", "phone", "orders", "spent", "since"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.source.store.clone(),
            self.source.platform_id.clone(),
            self.name.clone().unwrap_or_default(),
            self.email.clone().unwrap_or_default(),
            self.phone.clone().unwrap_or_default(),
            self.orders_count.map(|n| n.to_string()).unwrap_or_default(),
            self.total_spent.as_ref().map(|m| m.to_string()).unwrap_or_default(),
            self.created_at.as_deref().map(super::order::short_date).unwrap_or_default(),
        ]
    }
}
