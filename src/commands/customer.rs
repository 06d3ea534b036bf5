//! `customer get` and `customer sync`.
//!
//! `customer get EMAIL` is the one view a support agent wants of a person: their customer
//! records in every store of the profile, their recent orders across stores, the gateway
//! payments of those orders, the shipments still on their way (asked of the carriers), and
//! their CRM contact(s). Each source is asked concurrently and independently: one that fails
//! is named in `failures` (and on stderr) and the rest is still shown; the exit code is then 7.
//! `customer get ID` (a store's customer id) shows the store record only.
//!
//! `customer sync EMAIL --to CRM` writes what the stores know (name, phone, order count, total
//! spent, newest order) to the CRM contact with that email: plan first, then confirmation or
//! `--yes`, `--dry-run` sends nothing, and the audit log records it.

use super::{Merged, each_store};
use crate::adapters::commerce::{CustomerKey, OrderQuery, OrderRef};
use crate::cli::CustomerCmd;
use crate::context::Ctx;
use crate::domain::{
    ContactUpdate, CrmContact, Customer, FulfillmentStatus, Money, Order, OrderSummary, Payment, TrackResult,
};
use crate::error::{Error, Kind, Result};
use crate::journal::AuditRecord;
use crate::output::{Row, table};
use serde::Serialize;

pub async fn run(ctx: &mut Ctx, cmd: CustomerCmd) -> Result<()> {
    match cmd {
        CustomerCmd::Get { key, orders } => match CustomerKey::parse(&key)? {
            CustomerKey::Email(email) => view(ctx, &email, orders).await,
            id @ CustomerKey::Id(_) => by_id(ctx, id).await,
        },
        CustomerCmd::Sync { email, to, dry_run, yes } => sync(ctx, &email, &to, dry_run, yes).await,
    }
}

/// A store customer id: the selected store's record (every store's with `--store all`).
async fn by_id(ctx: &mut Ctx, key: CustomerKey) -> Result<()> {
    let results = each_store(ctx, |shop| {
        let key = key.clone();
        async move { shop.customers(&key).await }
    })
    .await?;
    let merged = Merged::new(results)?;
    let found: Vec<&Customer> = merged.items.iter().flatten().collect();
    if found.is_empty() && merged.failures.is_empty() {
        let CustomerKey::Id(id) = &key else { unreachable!("by_id takes ids") };
        return Err(Error::not_found(format!("no customer with id {id}"))
            .with_hint("look the customer up by email: `shopdesk customer get jane@example.com`"));
    }
    let mut list = ctx.out.list::<Customer>();
    for c in found {
        list.push(c)?;
    }
    list.finish()?;
    merged.finish()
}

/// The merged view (`--json`: this object).
#[derive(Debug, Serialize)]
struct View {
    email: String,
    customers: Vec<Customer>,
    /// The newest orders across stores.
    orders: Vec<OrderSummary>,
    /// Gateway payments of those orders.
    payments: Vec<Payment>,
    /// Tracking numbers of those orders that are not delivered, as the carriers see them.
    shipments: Vec<Shipment>,
    crm: Vec<CrmContact>,
    /// Sources that could not be asked; the rest is complete.
    failures: Vec<Failure>,
}

#[derive(Debug, Serialize)]
struct Shipment {
    store: String,
    order: String,
    #[serde(flatten)]
    tracking: TrackResult,
}

#[derive(Debug, Serialize)]
struct Failure {
    /// `store shopify`, `gateway stripe`, `carrier ups`, `crm hubspot`.
    source: String,
    error: String,
}

impl Failure {
    fn new(kind: &str, name: &str, e: &Error) -> Failure {
        Failure { source: format!("{kind} {name}"), error: e.message.clone() }
    }
}

/// What the stores know of a person: their customer records, their orders (newest first: the
/// first `limit` per store, or every one with `None`) and the stores that failed.
struct StoreSide {
    customers: Vec<Customer>,
    orders: Vec<OrderSummary>,
    failures: Vec<Failure>,
}

/// Ask every store (`--store` narrows) for the customer and their orders.
async fn store_side(ctx: &Ctx, email: &str, limit: Option<usize>) -> Result<StoreSide> {
    let names = if ctx.global.store.is_some() { ctx.selected_stores()? } else { ctx.store_names()? };
    let key = CustomerKey::Email(email.to_string());
    let query = OrderQuery { email: Some(email.to_string()), ..OrderQuery::default() };
    let asked = futures_util::future::join_all(names.iter().map(|name| {
        let (key, query) = (&key, &query);
        async move {
            let shop = ctx.open_store(name).await?;
            let customers = match shop.customers(key).await {
                Err(e) if e.kind == Kind::NotFound => Vec::new(),
                r => r?,
            };
            let size = limit.unwrap_or(100).clamp(1, 100) as u32;
            let mut orders = Vec::new();
            let mut cursor: Option<String> = None;
            loop {
                let page = shop.search_page(query, cursor.as_deref(), size).await?;
                orders.extend(page.items);
                match page.next {
                    Some(next) if limit.is_none_or(|l| orders.len() < l) => cursor = Some(next),
                    _ => break,
                }
            }
            if let Some(l) = limit {
                orders.truncate(l);
            }
            Ok::<_, Error>((customers, orders))
        }
    }))
    .await;
    let mut side = StoreSide { customers: Vec::new(), orders: Vec::new(), failures: Vec::new() };
    for (name, r) in names.iter().zip(asked) {
        match r {
            Ok((c, o)) => {
                side.customers.extend(c);
                side.orders.extend(o);
            }
            Err(e) => side.failures.push(Failure::new("store", name, &e)),
        }
    }
    side.orders.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    Ok(side)
}

async fn view(ctx: &mut Ctx, email: &str, limit: usize) -> Result<()> {
    let StoreSide { customers, mut orders, mut failures } = store_side(ctx, email, Some(limit)).await?;
    orders.truncate(limit);
    let ctx_ref = &*ctx;
    // Full orders (for their shipments: only those with something shipped), payments and CRM
    // records, all at once. Orders are fetched one at a time per store: a full order is an
    // expensive query (Shopify's cost bucket), and the stores run side by side anyway.
    let shipped: Vec<&OrderSummary> = orders
        .iter()
        .filter(|o| {
            !matches!(o.fulfillment_status, FulfillmentStatus::Unfulfilled | FulfillmentStatus::NotRequired)
        })
        .collect();
    let mut stores: Vec<&str> = shipped.iter().map(|o| o.source.store.as_str()).collect();
    stores.sort();
    stores.dedup();
    let full = futures_util::future::join_all(stores.into_iter().map(|store| {
        let mine: Vec<&OrderSummary> = shipped.iter().copied().filter(|o| o.source.store == store).collect();
        async move {
            let mut out = Vec::new();
            let shop = match ctx_ref.open_store(store).await {
                Ok(s) => s,
                Err(e) => return vec![(store, Err(e))],
            };
            for o in mine {
                let r = OrderRef::Number(o.number.trim_start_matches('#').to_string());
                out.push((store, shop.order(&r).await));
            }
            out
        }
    }));
    let (full, payments, crm) = tokio::join!(full, payments(ctx_ref, &orders), crm_records(ctx_ref, email));
    let mut details: Vec<&Order> = Vec::new();
    for (store, r) in full.iter().flatten() {
        match r {
            Ok(order) => details.push(order),
            Err(e) => failures.push(Failure::new("store", store, e)),
        }
    }
    let (payments, pay_failures) = payments;
    failures.extend(pay_failures);
    let (crm, crm_failures) = crm;
    failures.extend(crm_failures);
    let (shipments, ship_failures) = shipments(ctx_ref, &details).await;
    failures.extend(ship_failures);
    if customers.is_empty() && orders.is_empty() && crm.is_empty() && failures.is_empty() {
        return Err(Error::not_found(format!("no customer, order or CRM contact for {email}")).with_hint(
            "check the address; `shopdesk order search --email` finds guest orders by a part of it",
        ));
    }
    for f in &failures {
        eprintln!("shopdesk: {} failed: {}", f.source, f.error);
    }
    let failed = failures.len();
    let v = View { email: email.to_string(), customers, orders, payments, shipments, crm, failures };
    ctx.out.value(&v, render)?;
    if failed > 0 {
        return Err(Error::partial(format!("{failed} source(s) could not be asked; the rest is shown"))
            .with_hint("see the messages above; `shopdesk test-connection --all` checks every service"));
    }
    Ok(())
}

/// The payments of `orders` at every gateway that can search by order number. A payment is
/// matched to an order by number **and** amount, since order numbers repeat across stores.
async fn payments(ctx: &Ctx, orders: &[OrderSummary]) -> (Vec<Payment>, Vec<Failure>) {
    let mut out = Vec::new();
    let mut failures = Vec::new();
    if orders.is_empty() {
        return (out, failures);
    }
    for name in ctx.gateway_names().unwrap_or_default() {
        let gw = match ctx.open_gateway(&name).await {
            Ok(g) => g,
            Err(e) => {
                failures.push(Failure::new("gateway", &name, &e));
                continue;
            }
        };
        let found = futures_util::future::join_all(orders.iter().map(|o| {
            let gw = &gw;
            async move { (o, gw.payments_for_order(o.number.trim_start_matches('#')).await) }
        }))
        .await;
        for (o, r) in found {
            match r {
                Ok(list) => out.extend(list.into_iter().filter(|p| p.amount == o.total)),
                // This gateway cannot search by order (PayPal): not a failure of this view.
                Err(e) if e.kind == Kind::Usage => break,
                Err(e) => {
                    failures.push(Failure::new("gateway", &name, &e));
                    break;
                }
            }
        }
    }
    out.dedup_by(|a, b| a.id == b.id);
    (out, failures)
}

/// Tracking numbers of shipments not yet delivered, asked of the carriers once.
async fn shipments(ctx: &Ctx, orders: &[&Order]) -> (Vec<Shipment>, Vec<Failure>) {
    let mut wanted: Vec<(String, String, String)> = Vec::new();
    for o in orders {
        for f in &o.fulfillments {
            let open = f.delivered_at.is_none()
                && !matches!(
                    f.status,
                    crate::domain::ShipmentState::Cancelled | crate::domain::ShipmentState::Failure
                );
            for t in f.tracking.iter().filter(|_| open) {
                if let Some(n) = t.number.as_deref().map(crate::tracking::normalize).filter(|n| !n.is_empty())
                {
                    wanted.push((o.source.store.clone(), o.number.clone(), n));
                }
            }
        }
    }
    if wanted.is_empty() || ctx.carrier_names().unwrap_or_default().is_empty() {
        return (Vec::new(), Vec::new());
    }
    let numbers: Vec<String> = wanted.iter().map(|(_, _, n)| n.clone()).collect();
    let (mut by_number, failed) = match super::track::track_once(ctx, &numbers).await {
        Ok(r) => r,
        Err(e) => return (Vec::new(), vec![Failure::new("carriers", "", &e)]),
    };
    let failures = failed.iter().map(|(name, e)| Failure::new("carrier", name, e)).collect();
    let shipments = wanted
        .into_iter()
        .filter_map(|(store, order, n)| {
            by_number.remove(&n).map(|tracking| Shipment { store, order, tracking })
        })
        .filter(|s| {
            s.tracking.shipment.as_ref().is_none_or(|x| x.status != crate::domain::ShipmentStatus::Delivered)
        })
        .collect();
    (shipments, failures)
}

/// The contact with this email in every CRM of the profile.
async fn crm_records(ctx: &Ctx, email: &str) -> (Vec<CrmContact>, Vec<Failure>) {
    let names = ctx.crm_names().unwrap_or_default();
    let found = futures_util::future::join_all(names.iter().map(|name| async move {
        let crm = ctx.open_crm(name).await?;
        crm.find_contact(email).await
    }))
    .await;
    let mut out = Vec::new();
    let mut failures = Vec::new();
    for (name, r) in names.iter().zip(found) {
        match r {
            Ok(c) => out.extend(c),
            Err(e) => failures.push(Failure::new("crm", name, &e)),
        }
    }
    (out, failures)
}

/// The terminal rendering: one titled section per source that has something.
fn render(v: &View, color: bool, tty: bool) -> String {
    let mut parts = vec![format!("Customer {}", v.email)];
    let mut section = |title: &str, headers: &[&str], rows: Vec<Vec<String>>| {
        if !rows.is_empty() {
            parts.push(format!("\n{title}\n{}", table::grid(headers, rows, color, tty)));
        }
    };
    section("Store customers", Customer::headers(), v.customers.iter().map(Row::cells).collect());
    section(
        "Recent orders",
        &["store", "order", "created", "payment", "shipping", "total"],
        v.orders
            .iter()
            .map(|o| {
                vec![
                    o.source.store.clone(),
                    o.number.clone(),
                    super::order::short_date(&o.created_at),
                    o.financial_status.to_string(),
                    o.fulfillment_status.to_string(),
                    o.total.to_string(),
                ]
            })
            .collect(),
    );
    section(
        "Payments",
        &["gateway", "id", "order", "status", "amount", "refunded"],
        v.payments
            .iter()
            .map(|p| {
                vec![
                    p.gateway.clone(),
                    p.id.clone(),
                    p.order_ref.clone().unwrap_or_default(),
                    p.status.clone(),
                    p.amount.to_string(),
                    p.refunded.to_string(),
                ]
            })
            .collect(),
    );
    section(
        "Open shipments",
        &["store", "order", "carrier", "number", "status", "expected"],
        v.shipments
            .iter()
            .map(|s| {
                let sh = s.tracking.shipment.as_ref();
                vec![
                    s.store.clone(),
                    s.order.clone(),
                    s.tracking.carrier.clone(),
                    s.tracking.number.clone(),
                    sh.map(|x| x.status.to_string())
                        .or_else(|| s.tracking.error.as_ref().map(|e| e.message.clone()))
                        .unwrap_or_default(),
                    sh.and_then(|x| x.estimated_delivery.clone()).unwrap_or_default(),
                ]
            })
            .collect(),
    );
    section(
        "CRM",
        &["crm", "id", "name", "company", "stage", "updated"],
        v.crm
            .iter()
            .map(|c| {
                vec![
                    format!("{} ({})", c.source.crm, c.source.kind),
                    c.source.id.clone(),
                    [c.first_name.as_deref(), c.last_name.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" "),
                    c.company.clone().unwrap_or_default(),
                    c.stage.clone().unwrap_or_default(),
                    c.updated_at.as_deref().map(super::order::short_date).unwrap_or_default(),
                ]
            })
            .collect(),
    );
    for f in &v.failures {
        parts.push(format!("\n{} failed: {}", f.source, f.error));
    }
    parts.join("\n")
}

/// `customer sync`: the contact as the stores know it, written to one CRM.
async fn sync(ctx: &mut Ctx, email: &str, to: &str, dry_run: bool, yes: bool) -> Result<()> {
    let CustomerKey::Email(email) = CustomerKey::parse(email)? else {
        return Err(Error::usage(format!("`{email}` is not an email address")).with_hint(
            "CRM contacts are matched by email: `shopdesk customer sync jane@example.com --to hubspot`",
        ));
    };
    let name = ctx.select_crm(to)?;
    let side = store_side(ctx, &email, None).await?;
    if let Some(f) = side.failures.first() {
        // A partial picture would write wrong totals into the CRM.
        return Err(Error::unavailable(format!(
            "{} failed: {}; nothing was sent to the CRM",
            f.source, f.error
        ))
        .with_hint("fix that store (`shopdesk test-connection --all`) or narrow with --store"));
    }
    if side.customers.is_empty() && side.orders.is_empty() {
        return Err(Error::not_found(format!("no store knows {email}; nothing to sync"))
            .with_hint("check the address with `shopdesk customer get`"));
    }
    let update = contact_update(&email, &side);
    let crm = ctx.open_crm(&name).await?;
    let current = crm.find_contact(&email).await?;
    let plan = Plan {
        crm: name.clone(),
        action: if current.is_some() { "update" } else { "create" },
        contact: update,
    };
    eprintln!("{}", plan_text(&plan, current.as_ref()));
    if dry_run {
        ctx.out.value(&plan, |_, _, _| "Dry run: nothing was sent.".into())?;
        return Ok(());
    }
    crate::safety::confirm_to(
        ctx,
        yes,
        ("write to the CRM", "check the plan above (or use --dry-run), then add --yes", "nothing was sent"),
        &format!("{} the {} contact {email}", plan.action, name),
        &email,
    )?;
    let result = crm.upsert_contact(&plan.contact).await;
    let record = |outcome: &str, id: Option<&str>| AuditRecord {
        at: jiff::Timestamp::now().to_string(),
        who: crate::journal::who(),
        profile: ctx.profile_name.clone(),
        service: name.clone(),
        action: "customer.sync".into(),
        target: email.clone(),
        amount: plan.contact.total_spent.as_ref().map(|m| m.amount.to_string()),
        currency: plan.contact.total_spent.as_ref().map(|m| m.currency.to_string()),
        key: crate::safety::derive_key(&[&ctx.profile_name, &name, "customer.sync", &email]),
        vendor_ids: id.map(str::to_string),
        result: outcome.to_string(),
    };
    let audit = match &result {
        Ok(u) => record(&u.action, Some(&u.source.id)),
        Err(e) => record(&format!("failed: {}", e.message), None),
    };
    let written = match ctx.journal() {
        Ok(j) => j.audit(&audit).await,
        Err(e) => Err(e),
    };
    if let Err(e) = written {
        eprintln!("warning: could not write the audit log: {}", e.message);
    }
    let done = result?;
    ctx.out.value(&done, |u, _, _| {
        format!("{} {} contact {} ({}).", capitalize(&u.action), u.source.kind, email, u.source.id)
    })
}

/// What `customer sync` will write.
#[derive(Debug, Serialize)]
struct Plan {
    crm: String,
    /// `create` or `update`.
    action: &'static str,
    contact: ContactUpdate,
}

fn plan_text(p: &Plan, current: Option<&CrmContact>) -> String {
    let c = &p.contact;
    let now = |f: fn(&CrmContact) -> Option<String>| current.and_then(f).unwrap_or_default();
    let mut lines = vec![format!("Plan: {} the contact {} in {}", p.action, c.email, p.crm)];
    let mut field = |label: &str, new: Option<String>, old: String| {
        if let Some(new) = new {
            let change = if current.is_none() || old.is_empty() || old == new {
                String::new()
            } else {
                format!("  (now: {old})")
            };
            lines.push(format!("  {label:<12} {new}{change}"));
        }
    };
    field("first name", c.first_name.clone(), now(|x| x.first_name.clone()));
    field("last name", c.last_name.clone(), now(|x| x.last_name.clone()));
    field("phone", c.phone.clone(), now(|x| x.phone.clone()));
    field("orders", c.orders_count.map(|n| n.to_string()), String::new());
    field("total spent", c.total_spent.as_ref().map(|m| m.to_string()), String::new());
    field("last order", c.last_order.clone(), String::new());
    lines.join("\n")
}

/// The contact from the stores: the newest customer record's name and phone, orders counted
/// across stores, the total only when every order is in one currency (amounts in different
/// currencies do not add up).
fn contact_update(email: &str, side: &StoreSide) -> ContactUpdate {
    let newest = side.customers.iter().max_by(|a, b| a.created_at.cmp(&b.created_at));
    let name = newest.and_then(|c| c.name.clone()).unwrap_or_default();
    let (first, last) = match name.split_once(' ') {
        Some((f, l)) => (Some(f.to_string()), Some(l.to_string())),
        None if !name.is_empty() => (Some(name.clone()), None),
        None => (None, None),
    };
    let mut total: Option<Money> = None;
    let mut mixed = false;
    for o in &side.orders {
        total = match total {
            None => Some(o.total.clone()),
            Some(t) if t.currency == o.total.currency => {
                Some(Money { amount: t.amount + o.total.amount, currency: t.currency })
            }
            Some(t) => {
                mixed = true;
                Some(t)
            }
        };
    }
    let last_order = side.orders.first();
    ContactUpdate {
        email: email.to_string(),
        first_name: first,
        last_name: last,
        phone: side.customers.iter().find_map(|c| c.phone.clone()),
        orders_count: Some(side.orders.len() as u64),
        total_spent: if mixed { None } else { total },
        last_order: last_order.map(|o| format!("{}/{}", o.source.store, o.number.trim_start_matches('#'))),
        last_order_at: last_order.map(|o| o.created_at.clone()),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
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
