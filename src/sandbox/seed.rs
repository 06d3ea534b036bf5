//! Vendor-neutral, deterministic seed data: the same `seed` and order count give byte-identical
//! data on every machine and every run. Dates are relative to the fixed [`EPOCH`], never the wall
//! clock, so snapshots and tests stay stable.
//!
//! Every vendor emulator maps these records into its own wire shape. The random source is a
//! hand-written SplitMix64 ([`Rng`]) rather than `rand`'s `SmallRng`, whose algorithm is
//! documented as not portable across platforms and releases.
//!
//! Fixed examples the tests and docs rely on:
//! - order #1001 belongs to Jane Doe (`jane@example.com`), has 2 line items, one UPS fulfillment
//!   and a partial refund of one unit of its second item;
//! - `jane@example.com` has several orders.
//!
//! The default [`DEFAULT_ORDERS`] is what tests and snapshots are written against; a larger count
//! (`sandbox serve --orders 10000`, for benchmarks) draws a different data set from the same
//! seed, still numbered from #1001 in date order with #1001 the rich example above. Generation
//! is one pass and cheap (100,000 orders: about 0.6 s and 370 MB of records). Only the Shopify
//! emulator takes the larger count (`Options::orders`), and it renders vendor JSON on demand; the
//! other emulators always use [`DEFAULT_ORDERS`].

use jiff::{SignedDuration, Timestamp};
use rust_decimal::{Decimal, RoundingStrategy};

use super::tracking::Carrier;

/// Orders in the data set unless asked otherwise.
pub const DEFAULT_ORDERS: usize = 260;

/// Customers in the default data set; larger data sets get one customer per five orders.
const MIN_CUSTOMERS: usize = 64;

/// "Now" for the seed data: every date is at or before this instant.
pub const EPOCH: &str = "2026-11-01T00:00:00Z";

pub fn epoch() -> Timestamp {
    EPOCH.parse().expect("valid constant")
}

/// SplitMix64: tiny, fast, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub first_name: String,
    pub last_name: String,
    pub company: Option<String>,
    pub address1: String,
    pub address2: Option<String>,
    pub city: String,
    pub province: String,
    pub province_code: String,
    pub zip: String,
    pub country: String,
    pub country_code: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub created_at: Timestamp,
    pub address: Address,
    /// Shop currency for this customer's orders (by country).
    pub currency: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinancialStatus {
    Pending,
    Paid,
    PartiallyRefunded,
    Refunded,
    Voided,
}

impl FinancialStatus {
    pub fn snake(self) -> &'static str {
        match self {
            FinancialStatus::Pending => "pending",
            FinancialStatus::Paid => "paid",
            FinancialStatus::PartiallyRefunded => "partially_refunded",
            FinancialStatus::Refunded => "refunded",
            FinancialStatus::Voided => "voided",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    pub id: u64,
    pub sku: String,
    pub title: String,
    pub variant_title: Option<String>,
    pub quantity: u32,
    pub unit_price: Decimal,
}

impl LineItem {
    pub fn name(&self) -> String {
        match &self.variant_title {
            Some(v) => format!("{} - {}", self.title, v),
            None => self.title.clone(),
        }
    }
    pub fn total(&self) -> Decimal {
        self.unit_price * Decimal::from(self.quantity)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShippingLine {
    pub title: String,
    pub price: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FulfillmentLine {
    pub id: u64,
    /// Index into the order's `line_items`.
    pub line_item: usize,
    pub quantity: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fulfillment {
    pub id: u64,
    pub created_at: Timestamp,
    pub in_transit_at: Option<Timestamp>,
    pub delivered_at: Option<Timestamp>,
    pub estimated_delivery_at: Option<Timestamp>,
    pub carrier: Carrier,
    pub tracking_number: String,
    pub tracking_url: String,
    pub lines: Vec<FulfillmentLine>,
}

impl Fulfillment {
    pub fn updated_at(&self) -> Timestamp {
        self.delivered_at.or(self.in_transit_at).unwrap_or(self.created_at)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RefundLine {
    pub id: u64,
    pub line_item: usize,
    pub quantity: u32,
    pub subtotal: Decimal,
    pub tax: Decimal,
    /// `no_restock`, `return` or `cancel`.
    pub restock_type: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Refund {
    pub id: u64,
    pub created_at: Timestamp,
    pub note: Option<String>,
    pub lines: Vec<RefundLine>,
    pub shipping: Decimal,
}

impl Refund {
    pub fn total(&self) -> Decimal {
        self.lines.iter().map(|l| l.subtotal + l.tax).sum::<Decimal>() + self.shipping
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: u64,
    /// The human order number, 1001 upwards; the name is `#{number}`.
    pub number: u32,
    /// Index into [`SeedData::customers`].
    pub customer: usize,
    pub email: String,
    pub phone: Option<String>,
    pub created_at: Timestamp,
    pub currency: &'static str,
    pub line_items: Vec<LineItem>,
    pub shipping_line: ShippingLine,
    pub tax_rate: Decimal,
    pub discount: Decimal,
    pub financial_status: FinancialStatus,
    pub cancelled_at: Option<Timestamp>,
    pub cancel_reason: Option<&'static str>,
    pub closed_at: Option<Timestamp>,
    pub fulfillments: Vec<Fulfillment>,
    pub refunds: Vec<Refund>,
    pub note: Option<String>,
    pub tags: Vec<String>,
    pub gateway: &'static str,
    pub shipping_address: Address,
    pub test: bool,
}

fn money(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl Order {
    pub fn name(&self) -> String {
        format!("#{}", self.number)
    }
    pub fn subtotal(&self) -> Decimal {
        self.line_items.iter().map(LineItem::total).sum::<Decimal>() - self.discount
    }
    pub fn tax(&self) -> Decimal {
        money(self.subtotal() * self.tax_rate)
    }
    pub fn total(&self) -> Decimal {
        self.subtotal() + self.shipping_line.price + self.tax()
    }
    pub fn total_refunded(&self) -> Decimal {
        self.refunds.iter().map(Refund::total).sum()
    }
    pub fn current_total(&self) -> Decimal {
        self.total() - self.total_refunded()
    }
    pub fn outstanding(&self) -> Decimal {
        match self.financial_status {
            FinancialStatus::Pending => self.total(),
            _ => Decimal::ZERO,
        }
    }
    pub fn updated_at(&self) -> Timestamp {
        let mut t = self.created_at;
        for f in &self.fulfillments {
            t = t.max(f.updated_at());
        }
        for r in &self.refunds {
            t = t.max(r.created_at);
        }
        for x in [self.cancelled_at, self.closed_at].into_iter().flatten() {
            t = t.max(x);
        }
        t
    }
    /// Units of line item `idx` refunded so far.
    pub fn refunded_quantity(&self, idx: usize) -> u32 {
        self.refunds.iter().flat_map(|r| &r.lines).filter(|l| l.line_item == idx).map(|l| l.quantity).sum()
    }
    pub fn fulfilled_quantity(&self, idx: usize) -> u32 {
        self.fulfillments
            .iter()
            .flat_map(|f| &f.lines)
            .filter(|l| l.line_item == idx)
            .map(|l| l.quantity)
            .sum()
    }
    /// `fulfilled`, `partial` or `unfulfilled`.
    pub fn fulfillment_status(&self) -> &'static str {
        let ordered: u32 = self.line_items.iter().map(|l| l.quantity).sum();
        let shipped: u32 = (0..self.line_items.len()).map(|i| self.fulfilled_quantity(i)).sum();
        if shipped == 0 {
            "unfulfilled"
        } else if shipped >= ordered {
            "fulfilled"
        } else {
            "partial"
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedData {
    pub customers: Vec<Customer>,
    pub orders: Vec<Order>,
}

impl SeedData {
    pub fn customer_orders(&self, customer: usize) -> impl Iterator<Item = &Order> {
        self.orders.iter().filter(move |o| o.customer == customer)
    }
    pub fn order_by_number(&self, number: u32) -> Option<&Order> {
        self.orders.iter().find(|o| o.number == number)
    }
}

const FIRST: &[&str] = &[
    "Liam", "Olivia", "Noah", "Emma", "Oliver", "Ava", "Elijah", "Sophia", "Mateo", "Isabella", "Lucas",
    "Mia", "Levi", "Amelia", "Ezra", "Harper", "Asher", "Evelyn", "Leo", "Luna", "James", "Camila", "Luca",
    "Sofia", "Henry", "Aria", "Hudson", "Scarlett", "Ethan", "Layla", "Priya", "Kenji", "Fatima", "Diego",
    "Ingrid", "Tomasz",
];
const LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Nakamura",
    "Okafor",
    "Schmidt",
    "Dubois",
    "Novak",
    "Patel",
];

struct Place {
    city: &'static str,
    province: &'static str,
    province_code: &'static str,
    zip: &'static str,
    country: &'static str,
    country_code: &'static str,
    currency: &'static str,
}

const US: &[Place] = &[
    Place {
        city: "Louisville",
        province: "Kentucky",
        province_code: "KY",
        zip: "40202",
        country: "United States",
        country_code: "US",
        currency: "USD",
    },
    Place {
        city: "Portland",
        province: "Oregon",
        province_code: "OR",
        zip: "97205",
        country: "United States",
        country_code: "US",
        currency: "USD",
    },
    Place {
        city: "Austin",
        province: "Texas",
        province_code: "TX",
        zip: "78701",
        country: "United States",
        country_code: "US",
        currency: "USD",
    },
    Place {
        city: "Brooklyn",
        province: "New York",
        province_code: "NY",
        zip: "11201",
        country: "United States",
        country_code: "US",
        currency: "USD",
    },
    Place {
        city: "Denver",
        province: "Colorado",
        province_code: "CO",
        zip: "80202",
        country: "United States",
        country_code: "US",
        currency: "USD",
    },
    Place {
        city: "Chicago",
        province: "Illinois",
        province_code: "IL",
        zip: "60601",
        country: "United States",
        country_code: "US",
        currency: "USD",
    },
];
const ABROAD: &[Place] = &[
    Place {
        city: "Toronto",
        province: "Ontario",
        province_code: "ON",
        zip: "M5V 2T6",
        country: "Canada",
        country_code: "CA",
        currency: "CAD",
    },
    Place {
        city: "Vancouver",
        province: "British Columbia",
        province_code: "BC",
        zip: "V6B 1A1",
        country: "Canada",
        country_code: "CA",
        currency: "CAD",
    },
    Place {
        city: "Berlin",
        province: "Berlin",
        province_code: "BE",
        zip: "10115",
        country: "Germany",
        country_code: "DE",
        currency: "EUR",
    },
    Place {
        city: "Lyon",
        province: "Auvergne-Rhône-Alpes",
        province_code: "ARA",
        zip: "69002",
        country: "France",
        country_code: "FR",
        currency: "EUR",
    },
];
const STREETS: &[&str] = &[
    "Chestnut Street",
    "Oak Avenue",
    "Maple Drive",
    "Market Street",
    "Elm Road",
    "Harbor Way",
    "Cedar Lane",
];

/// (sku, title, variants, price in cents)
const CATALOG: &[(&str, &str, &[&str], i64)] = &[
    ("MUG-BLU-12", "Ceramic Mug", &["Blue", "White", "Sage"], 1800),
    ("TEE-ORG", "Organic Cotton Tee", &["S", "M", "L", "XL"], 2800),
    ("HOOD-GRY", "Heavyweight Hoodie", &["M", "L", "XL"], 6400),
    ("BTL-STL-750", "Steel Water Bottle", &["750 ml"], 3200),
    ("CAP-CNV", "Canvas Cap", &[], 2400),
    ("TOTE-NAT", "Natural Tote Bag", &[], 1500),
    ("NB-A5-DOT", "A5 Dotted Notebook", &["Black", "Kraft"], 1250),
    ("PEN-BRS", "Brass Pen", &[], 4500),
    ("SOCK-WL", "Wool Socks", &["S/M", "L/XL"], 1600),
    ("CANDLE-FIG", "Fig Candle", &["200 g"], 2900),
    ("BLNK-MRN", "Merino Blanket", &["Charcoal", "Oat"], 14900),
    ("LAMP-DSK", "Desk Lamp", &["Matte Black"], 8900),
];

const NOTES: &[&str] = &["Gift wrap please", "Leave at the back door", "Call on arrival"];
const REFUND_NOTES: &[&str] =
    &["Damaged in transit", "Wrong size", "Customer changed their mind", "Item arrived late"];

fn address(rng: &mut Rng, first: &str, last: &str, place: &Place) -> Address {
    Address {
        first_name: first.to_string(),
        last_name: last.to_string(),
        company: (rng.below(10) == 0).then(|| format!("{last} & Co")),
        address1: format!("{} {}", 1 + rng.below(980), rng.pick(STREETS)),
        address2: (rng.below(5) == 0).then(|| format!("Apt {}", 1 + rng.below(40))),
        city: place.city.to_string(),
        province: place.province.to_string(),
        province_code: place.province_code.to_string(),
        zip: place.zip.to_string(),
        country: place.country.to_string(),
        country_code: place.country_code.to_string(),
        phone: (rng.below(3) > 0).then(|| format!("+1-555-{:03}-{:04}", rng.below(1000), rng.below(10000))),
    }
}

/// The four store emulators. Each serves its own data set derived from the sandbox seed (so the
/// stores do not look like copies of each other); the carrier emulators track the parcels of all
/// of them, so `order track` works on every store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Shopify,
    WooCommerce,
    Magento,
    BigCommerce,
}

impl Store {
    pub const ALL: [Store; 4] = [Store::Shopify, Store::WooCommerce, Store::Magento, Store::BigCommerce];

    /// The platform name (as in a profile's `platform = "…"`).
    pub fn name(self) -> &'static str {
        match self {
            Store::Shopify => "shopify",
            Store::WooCommerce => "woocommerce",
            Store::Magento => "magento",
            Store::BigCommerce => "bigcommerce",
        }
    }

    /// The data this store's emulator serves; `orders` sizes the Shopify store only, the others
    /// always have [`DEFAULT_ORDERS`].
    pub fn data(self, seed: u64, orders: usize) -> SeedData {
        match self {
            Store::Shopify => generate(seed, orders),
            Store::WooCommerce => generate(seed ^ 0x0000_5700_C0EE_0000, DEFAULT_ORDERS),
            Store::Magento => generate(seed ^ 0x4D41_4745, DEFAULT_ORDERS),
            Store::BigCommerce => generate(seed.wrapping_add(0xB16C_0AAE), DEFAULT_ORDERS),
        }
    }
}

/// Builds the data set for `seed` with `n_orders` orders (#1001 upwards).
pub fn generate(seed: u64, n_orders: usize) -> SeedData {
    let mut rng = Rng::new(seed ^ 0x5EED_DA7A);
    let epoch = epoch();
    let day = SignedDuration::from_hours(24);

    // Customers.
    let mut customers = Vec::new();
    let mut cid = 6_812_304_000 + rng.below(100_000);
    // `MIN_CUSTOMERS` up to 320 orders, so the default data set is unchanged.
    let n_customers = (n_orders / 5).max(MIN_CUSTOMERS);
    for i in 0..n_customers {
        let (first, last) = if i == 0 { ("Jane", "Doe") } else { (*rng.pick(FIRST), *rng.pick(LAST)) };
        let place = if i > 0 && rng.below(100) < 12 { rng.pick(ABROAD) } else { rng.pick(US) };
        let email = if i == 0 {
            "jane@example.com".to_string()
        } else {
            format!("{}.{}{}@example.com", first.to_lowercase(), last.to_lowercase(), i)
        };
        let addr = address(&mut rng, first, last, place);
        cid += 1 + rng.below(50_000);
        customers.push(Customer {
            id: cid,
            first_name: first.to_string(),
            last_name: last.to_string(),
            email,
            phone: addr.phone.clone(),
            created_at: epoch - day * (150 + rng.below(600) as i32),
            address: addr,
            currency: place.currency,
        });
    }

    // Order dates: spread over the 120 days before the epoch, numbered in date order.
    let mut offsets: Vec<i64> = (0..n_orders).map(|_| rng.below(120 * 86_400) as i64).collect();
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    let mut oid = 5_407_894_000 + rng.below(1_000_000);
    let mut lid = 13_204_551_000 + rng.below(1_000_000);
    let mut fid = 4_930_118_000 + rng.below(1_000_000);
    let mut flid = 10_113_402_000 + rng.below(1_000_000);
    let mut rid = 915_882_000 + rng.below(1_000_000);
    let mut rlid = 480_551_000 + rng.below(1_000_000);
    let mut orders = Vec::with_capacity(n_orders);
    for (i, off) in offsets.into_iter().enumerate() {
        let rich = i == 0;
        let created_at = epoch - SignedDuration::from_secs(off + 3600);
        let customer = if rich || i % 23 == 7 { 0 } else { 1 + rng.below(n_customers as u64 - 1) as usize };
        let c = &customers[customer];
        let n_items = if rich { 2 } else { 1 + rng.below(4) as usize };
        let mut line_items = Vec::new();
        let mut used = Vec::new();
        while line_items.len() < n_items {
            let k = if rich { line_items.len() } else { rng.below(CATALOG.len() as u64) as usize };
            if used.contains(&k) {
                continue;
            }
            used.push(k);
            let (sku, title, variants, cents) = CATALOG[k];
            let variant = if variants.is_empty() { None } else { Some(rng.pick(variants).to_string()) };
            lid += 1 + rng.below(5000);
            let quantity = if rich && k == 1 { 2 } else { 1 + (rng.below(10) / 7) as u32 };
            line_items.push(LineItem {
                id: lid,
                sku: match &variant {
                    Some(v) if variants.len() > 1 => {
                        format!("{sku}-{}", v.to_uppercase().replace(['/', ' '], ""))
                    }
                    _ => sku.to_string(),
                },
                title: title.to_string(),
                variant_title: variant,
                quantity,
                unit_price: Decimal::new(cents, 2),
            });
        }
        let items_total: Decimal = line_items.iter().map(LineItem::total).sum();
        let discount =
            if !rich && rng.below(6) == 0 { money(items_total / Decimal::from(10)) } else { Decimal::ZERO };
        let shipping_line = if items_total >= Decimal::from(75) && c.currency == "USD" {
            ShippingLine { title: "Free Shipping".into(), price: Decimal::ZERO }
        } else if rng.below(4) == 0 {
            ShippingLine { title: "Express".into(), price: Decimal::new(1995, 2) }
        } else {
            ShippingLine { title: "Standard".into(), price: Decimal::new(795, 2) }
        };
        let tax_rate = match c.currency {
            "EUR" => Decimal::new(19, 2),
            "CAD" => Decimal::new(13, 2),
            _ => Decimal::new(rng.below(4) as i64 + 5, 2),
        };
        let roll = rng.below(100);
        let age_days = (epoch - created_at).as_secs() / 86_400;
        let (mut financial_status, cancelled) = if rich {
            (FinancialStatus::PartiallyRefunded, false)
        } else if roll < 5 {
            (if rng.below(2) == 0 { FinancialStatus::Voided } else { FinancialStatus::Refunded }, true)
        } else if roll < 15 || age_days < 1 {
            (FinancialStatus::Pending, false)
        } else if roll < 23 {
            (FinancialStatus::PartiallyRefunded, false)
        } else if roll < 28 {
            (FinancialStatus::Refunded, false)
        } else {
            (FinancialStatus::Paid, false)
        };
        let mut order = Order {
            id: {
                oid += 1000 + rng.below(90_000);
                oid
            },
            number: 1001 + i as u32,
            customer,
            email: c.email.clone(),
            phone: c.phone.clone(),
            created_at,
            currency: c.currency,
            line_items,
            shipping_line,
            tax_rate,
            discount,
            financial_status,
            cancelled_at: None,
            cancel_reason: None,
            closed_at: None,
            fulfillments: Vec::new(),
            refunds: Vec::new(),
            note: (rng.below(8) == 0).then(|| rng.pick(NOTES).to_string()),
            tags: if rng.below(5) == 0 { vec!["vip".to_string()] } else { Vec::new() },
            gateway: if rng.below(5) == 0 { "paypal" } else { "shopify_payments" },
            shipping_address: c.address.clone(),
            test: false,
        };
        if cancelled {
            let at = created_at + SignedDuration::from_hours(2 + rng.below(30) as i64);
            order.cancelled_at = Some(at);
            order.closed_at = Some(at);
            order.cancel_reason = Some(*rng.pick(&["CUSTOMER", "INVENTORY", "FRAUD", "DECLINED", "OTHER"]));
            if financial_status == FinancialStatus::Refunded {
                order.refunds.push(full_refund(&order, &mut rid, &mut rlid, at, "Order cancelled", "cancel"));
            }
            orders.push(order);
            continue;
        }
        // Fulfil most paid orders older than a day; some only partly.
        let shippable = !matches!(financial_status, FinancialStatus::Pending | FinancialStatus::Voided);
        if shippable && (rich || (age_days >= 1 && rng.below(100) < 88)) {
            let carrier = if rich {
                Carrier::Ups
            } else if c.currency != "USD" {
                Carrier::DhlExpress
            } else {
                *rng.pick(&[Carrier::Ups, Carrier::Ups, Carrier::Usps, Carrier::FedEx, Carrier::Usps])
            };
            let partial = !rich && order.line_items.len() > 1 && rng.below(8) == 0;
            let count = if partial { 1 } else { order.line_items.len() };
            let shipped_at = created_at + SignedDuration::from_hours(6 + rng.below(40) as i64);
            let transit = shipped_at + SignedDuration::from_hours(8);
            let delivered = shipped_at + day * (2 + rng.below(4) as i32);
            let number = carrier.generate(&mut rng);
            fid += 1 + rng.below(9000);
            let lines = (0..count)
                .map(|li| {
                    flid += 1 + rng.below(900);
                    FulfillmentLine { id: flid, line_item: li, quantity: order.line_items[li].quantity }
                })
                .collect();
            order.fulfillments.push(Fulfillment {
                id: fid,
                created_at: shipped_at,
                in_transit_at: (transit <= epoch).then_some(transit),
                delivered_at: (delivered <= epoch).then_some(delivered),
                estimated_delivery_at: Some(shipped_at + day * 5),
                carrier,
                tracking_url: carrier.tracking_url(&number),
                tracking_number: number,
                lines,
            });
        }
        // Refunding the only unit of a one-item order is a full refund.
        let units: u32 = order.line_items.iter().map(|l| l.quantity).sum();
        if financial_status == FinancialStatus::PartiallyRefunded && units == 1 {
            financial_status = FinancialStatus::Refunded;
            order.financial_status = financial_status;
        }
        match financial_status {
            FinancialStatus::PartiallyRefunded => {
                let idx = if rich { 1 } else { rng.below(order.line_items.len() as u64) as usize };
                let li = &order.line_items[idx];
                let subtotal = li.unit_price;
                let tax = money(subtotal * order.tax_rate);
                rlid += 1 + rng.below(900);
                rid += 1 + rng.below(90_000);
                let restock = if order.fulfilled_quantity(idx) > 0 { "return" } else { "cancel" };
                let at = order.fulfillments.first().map_or(created_at, |f| f.created_at) + day * 6;
                order.refunds.push(Refund {
                    id: rid,
                    created_at: at.min(epoch),
                    note: Some(if rich {
                        "Damaged in transit".to_string()
                    } else {
                        rng.pick(REFUND_NOTES).to_string()
                    }),
                    lines: vec![RefundLine {
                        id: rlid,
                        line_item: idx,
                        quantity: 1,
                        subtotal,
                        tax,
                        restock_type: restock,
                    }],
                    shipping: Decimal::ZERO,
                });
            }
            FinancialStatus::Refunded => {
                let at = (created_at + day * 3).min(epoch);
                let note = *rng.pick(REFUND_NOTES);
                let r = full_refund(&order, &mut rid, &mut rlid, at, note, "return");
                order.refunds.push(r);
            }
            _ => {}
        }
        if order.fulfillment_status() == "fulfilled"
            && age_days > 30
            && financial_status == FinancialStatus::Paid
        {
            order.closed_at = order.fulfillments.last().and_then(|f| f.delivered_at);
        }
        if financial_status == FinancialStatus::Refunded {
            order.closed_at = order.refunds.last().map(|r| r.created_at);
        }
        orders.push(order);
    }
    SeedData { customers, orders }
}

fn full_refund(
    order: &Order,
    rid: &mut u64,
    rlid: &mut u64,
    at: Timestamp,
    note: &str,
    restock: &'static str,
) -> Refund {
    *rid += 7 + (order.id % 97);
    let mut lines = Vec::new();
    let mut items_refunded = Decimal::ZERO;
    for (idx, li) in order.line_items.iter().enumerate() {
        *rlid += 3 + (li.id % 89);
        let subtotal = li.total();
        items_refunded += subtotal;
        lines.push(RefundLine {
            id: *rlid,
            line_item: idx,
            quantity: li.quantity,
            subtotal,
            tax: Decimal::ZERO,
            restock_type: if order.fulfilled_quantity(idx) > 0 { restock } else { "cancel" },
        });
    }
    // Put the order-level discount and tax on the lines so the refund totals the order's total.
    let _ = items_refunded;
    if let Some(first) = lines.first_mut() {
        first.subtotal -= order.discount;
        first.tax = order.tax();
    }
    Refund {
        id: *rid,
        created_at: at,
        note: Some(note.to_string()),
        lines,
        shipping: order.shipping_line.price,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        assert_eq!(generate(42, DEFAULT_ORDERS), generate(42, DEFAULT_ORDERS));
        assert_ne!(generate(42, DEFAULT_ORDERS).orders[5], generate(43, DEFAULT_ORDERS).orders[5]);
        assert_eq!(generate(42, 3000), generate(42, 3000));
    }

    #[test]
    fn volumes_and_invariants() {
        let d = generate(1, DEFAULT_ORDERS);
        assert!(d.customers.len() >= 60);
        assert!(d.orders.len() >= 250);
        let ep = epoch();
        for (i, o) in d.orders.iter().enumerate() {
            assert_eq!(o.number, 1001 + i as u32);
            assert!((1..=4).contains(&o.line_items.len()));
            assert!(o.created_at <= ep && o.created_at >= ep - SignedDuration::from_hours(24 * 121));
            assert!(o.total_refunded() <= o.total(), "order {} refunds more than its total", o.number);
            for f in &o.fulfillments {
                assert!(f.carrier.validate(&f.tracking_number), "{}", f.tracking_number);
            }
            if o.financial_status == FinancialStatus::Refunded {
                assert_eq!(o.total_refunded(), o.total(), "order {}", o.number);
            }
        }
        let cancelled = d.orders.iter().filter(|o| o.cancelled_at.is_some()).count();
        assert!((3..=30).contains(&cancelled), "{cancelled} cancelled");
        assert!(d.orders.iter().any(|o| o.currency == "CAD"));
        assert!(d.orders.iter().any(|o| o.currency == "EUR"));
        assert!(d.orders.iter().any(|o| o.financial_status == FinancialStatus::Pending));
        assert!(d.customer_orders(0).count() >= 5);
    }

    #[test]
    fn order_1001_is_the_rich_example() {
        for (seed, n) in [(0, DEFAULT_ORDERS), (1, 1), (42, DEFAULT_ORDERS), (u64::MAX, 5000)] {
            let d = generate(seed, n);
            let o = d.order_by_number(1001).unwrap();
            assert_eq!(o.email, "jane@example.com");
            assert!(o.line_items.len() >= 2);
            assert_eq!(o.fulfillments[0].carrier, Carrier::Ups);
            assert_eq!(o.financial_status, FinancialStatus::PartiallyRefunded);
            assert_eq!(o.refunds.len(), 1);
        }
    }

    #[test]
    fn large_data_sets_keep_the_invariants() {
        let d = generate(5, 20_000);
        assert_eq!(d.orders.len(), 20_000);
        assert_eq!(d.customers.len(), 4000);
        let ep = epoch();
        for (i, w) in d.orders.windows(2).enumerate() {
            assert_eq!(w[0].number, 1001 + i as u32);
            assert!(w[0].created_at <= w[1].created_at, "numbered in date order");
            assert!(w[1].created_at <= ep);
        }
        let ids: std::collections::HashSet<u64> = d.orders.iter().map(|o| o.id).collect();
        assert_eq!(ids.len(), d.orders.len(), "order ids are unique");
        assert!(d.customer_orders(0).count() >= 20_000 / 23);
    }
}
