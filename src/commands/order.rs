//! `order get` and `order search`.

use crate::adapters::commerce::{OrderQuery, OrderRef};
use crate::cli::{OrderCmd, SearchArgs};
use crate::context::Ctx;
use crate::domain::{Order, OrderSummary};
use crate::error::{Error, Result};
use crate::output::{Row, table};

pub async fn run(ctx: &mut Ctx, cmd: OrderCmd) -> Result<()> {
    match cmd {
        OrderCmd::Get { reference } => get(ctx, &reference).await,
        OrderCmd::Search(args) => search(ctx, args).await,
    }
}

async fn get(ctx: &mut Ctx, reference: &str) -> Result<()> {
    let r = OrderRef::parse(reference)?;
    let store = ctx.selected_store()?;
    let shop = ctx.open_store(&store).await?;
    let order = shop.order(&r).await?;
    ctx.out.value(&order, render_order)
}

async fn search(ctx: &mut Ctx, a: SearchArgs) -> Result<()> {
    let q = OrderQuery {
        email: a.email,
        status: a.status,
        financial_status: a.financial_status,
        fulfillment_status: a.fulfillment_status,
        since: a.since.as_deref().map(|s| parse_when(s, false)).transpose()?,
        until: a.until.as_deref().map(|s| parse_when(s, true)).transpose()?,
    };
    if let (Some(s), Some(u)) = (q.since, q.until)
        && s > u
    {
        return Err(Error::usage("--since is after --until").with_hint("swap them"));
    }
    if !a.all && a.limit == 0 {
        return Err(Error::usage("--limit must be at least 1").with_hint("or use --all"));
    }
    let store = ctx.selected_store()?;
    let shop = ctx.open_store(&store).await?;
    let max_page = shop.info().max_page_size as usize;
    let mut remaining = if a.all { usize::MAX } else { a.limit };
    let mut cursor: Option<String> = None;
    let mut list = ctx.out.list::<OrderSummary>();
    loop {
        let size = remaining.min(max_page) as u32;
        let page = shop.search_page(&q, cursor.as_deref(), size).await?;
        for o in page.items.iter().take(remaining) {
            list.push(o)?;
        }
        remaining = remaining.saturating_sub(page.items.len());
        list.page_done()?;
        match page.next {
            Some(next) if remaining > 0 => cursor = Some(next),
            _ => break,
        }
    }
    list.finish()?;
    Ok(())
}

/// `YYYY-MM-DD`, an RFC 3339 time, or an age (`7d`, `12h`, `30m`).
pub fn parse_when(s: &str, end_of_day: bool) -> Result<jiff::Timestamp> {
    let t = s.trim();
    let bad = || {
        Error::usage(format!("`{s}` is not a date"))
            .with_hint("use YYYY-MM-DD, an RFC 3339 time like 2026-11-01T09:00:00Z, or an age like 7d, 12h")
    };
    if let Some(num) = t.strip_suffix(['d', 'h', 'm'])
        && let Ok(n) = num.parse::<i64>()
    {
        let secs = match t.chars().last() {
            Some('d') => n * 86_400,
            Some('h') => n * 3_600,
            _ => n * 60,
        };
        return jiff::Timestamp::now().checked_sub(jiff::SignedDuration::from_secs(secs)).map_err(|_| bad());
    }
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Ok(ts);
    }
    if let Ok(d) = t.parse::<jiff::civil::Date>() {
        let time = if end_of_day { jiff::civil::time(23, 59, 59, 0) } else { jiff::civil::time(0, 0, 0, 0) };
        return d
            .to_datetime(time)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .map_err(|_| bad());
    }
    Err(bad())
}

impl Row for OrderSummary {
    fn headers() -> &'static [&'static str] {
        &["store", "order", "created", "status", "payment", "shipping", "customer", "email", "items", "total"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.source.store.clone(),
            self.number.clone(),
            short_date(&self.created_at),
            self.status.to_string(),
            self.financial_status.to_string(),
            self.fulfillment_status.to_string(),
            self.customer_name.clone().unwrap_or_default(),
            self.email.clone().unwrap_or_default(),
            self.items.to_string(),
            self.total.to_string(),
        ]
    }
}

pub fn short_date(s: &str) -> String {
    s.get(..10).unwrap_or(s).to_string()
}

/// The readable summary `order get` prints on a terminal.
pub fn render_order(o: &Order, color: bool, tty: bool) -> String {
    let mut s = String::new();
    let title = format!("Order {}  ·  {} ({})", o.number, o.source.store, o.source.platform);
    s.push_str(&if color { format!("\x1b[1m{title}\x1b[0m") } else { title });
    s.push('\n');
    let customer = match &o.customer {
        Some(c) => {
            let email = c.email.clone().or(o.email.clone()).map(|e| format!(" <{e}>")).unwrap_or_default();
            format!("{}{email}", c.name.clone().unwrap_or_default())
        }
        None => o.email.clone().unwrap_or_default(),
    };
    let t = &o.totals;
    let mut rows = vec![
        ("Id", o.source.platform_id.clone()),
        ("Created", o.created_at.clone()),
        (
            "Status",
            format!("{} · payment {} · shipping {}", o.status, o.financial_status, o.fulfillment_status),
        ),
        ("Cancelled", o.cancel_reason.clone().map(|r| format!("reason: {r}")).unwrap_or_default()),
        ("Customer", customer),
        ("Phone", o.phone.clone().unwrap_or_default()),
        ("Ship to", o.shipping_address.as_ref().map(|a| a.one_line()).unwrap_or_default()),
        ("Subtotal", t.subtotal.to_string()),
        ("Shipping", t.shipping.to_string()),
        ("Tax", t.tax.to_string()),
    ];
    if !t.discounts.amount.is_zero() {
        rows.push(("Discounts", format!("-{}", t.discounts)));
    }
    rows.push(("Total", t.total.to_string()));
    if !t.refunded.amount.is_zero() {
        rows.push(("Refunded", t.refunded.to_string()));
    }
    if !t.outstanding.amount.is_zero() {
        rows.push(("Outstanding", t.outstanding.to_string()));
    }
    rows.push(("Gateways", o.gateways.join(", ")));
    rows.push(("Tags", o.tags.join(", ")));
    rows.push(("Note", o.note.clone().unwrap_or_default()));
    s.push_str(&table::pairs(&rows));
    s.push_str("\n\nItems\n");
    let items = o
        .line_items
        .iter()
        .map(|l| {
            vec![
                l.sku.clone().unwrap_or_default(),
                match &l.variant {
                    Some(v) => format!("{} – {v}", l.title),
                    None => l.title.clone(),
                },
                l.quantity.to_string(),
                l.unit_price.to_string(),
                l.total.to_string(),
            ]
        })
        .collect();
    s.push_str(&table::grid(&["sku", "item", "qty", "unit", "total"], items, color, true));
    if !o.fulfillments.is_empty() {
        s.push_str("\n\nShipments\n");
        s.push_str(&table::grid(
            crate::domain::Fulfillment::headers(),
            o.fulfillments.iter().map(Row::cells).collect(),
            color,
            tty,
        ));
    }
    if !o.refunds.is_empty() {
        s.push_str("\n\nRefunds\n");
        let rows = o
            .refunds
            .iter()
            .map(|r| {
                vec![
                    r.created_at.as_deref().map(short_date).unwrap_or_default(),
                    r.amount.to_string(),
                    r.lines
                        .iter()
                        .map(|l| format!("{}× {}", l.quantity, l.title))
                        .collect::<Vec<_>>()
                        .join(", "),
                    r.note.clone().unwrap_or_default(),
                ]
            })
            .collect();
        s.push_str(&table::grid(&["date", "amount", "items", "note"], rows, color, tty));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_ages_and_errors() {
        let d = parse_when("2026-01-02", false).unwrap();
        assert_eq!(d.to_string(), "2026-01-02T00:00:00Z");
        let d = parse_when("2026-01-02", true).unwrap();
        assert_eq!(d.to_string(), "2026-01-02T23:59:59Z");
        assert_eq!(parse_when("2026-01-02T10:00:00Z", false).unwrap().to_string(), "2026-01-02T10:00:00Z");
        let week = parse_when("7d", false).unwrap();
        let diff = jiff::Timestamp::now().duration_since(week).as_secs();
        assert!((7 * 86_400 - 5..=7 * 86_400 + 5).contains(&diff));
        assert_eq!(parse_when("yesterday", false).unwrap_err().exit_code(), 2);
    }
}
