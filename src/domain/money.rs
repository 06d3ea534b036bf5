//! Money: a `Decimal` amount with an ISO 4217 currency. Never a float.
//!
//! Vendors send amounts as strings (`"598.94"`), as JSON numbers (`195.66`, Magento, some Shopify
//! refund fields) or as 4-decimal strings (BigCommerce v2). [`parse_decimal`] accepts all of them
//! without ever going through `f64`: a JSON number is parsed from its textual form.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An ISO 4217 currency code, upper case, three letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(String);

impl Currency {
    pub fn new(code: &str) -> Result<Self, String> {
        let up = code.trim().to_ascii_uppercase();
        if up.len() == 3 && up.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Currency(up))
        } else {
            Err(format!("`{code}` is not an ISO 4217 currency code (three letters, e.g. USD)"))
        }
    }
    pub fn code(&self) -> &str {
        &self.0
    }
    /// Number of minor-unit digits (ISO 4217 exponent) for formatting.
    pub fn exponent(&self) -> u32 {
        match self.0.as_str() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI"
            | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        }
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Currency::new(&s)
    }
}
impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.0
    }
}
impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An amount in a currency. Serializes as `{"amount":"12.30","currency":"USD"}`: the amount as
/// a string so no JSON consumer ever rounds it through a float, with at least the currency's
/// decimals (a vendor's `"1.0"` is written `"1.00"`, JPY `"1200"`; more precise vendor amounts
/// such as BigCommerce's `"69.8400"` keep their digits), so scripts can compare amounts as text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Money {
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut a = self.amount;
        if a.scale() < self.currency.exponent() {
            a.rescale(self.currency.exponent());
        }
        let mut st = s.serialize_struct("Money", 2)?;
        st.serialize_field("amount", &a.to_string())?;
        st.serialize_field("currency", &self.currency)?;
        st.end()
    }
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }
    pub fn zero(currency: Currency) -> Self {
        Money { amount: Decimal::ZERO, currency }
    }
    /// The amount in the currency's minor units (cents; yen as is; fils ×1000), as Stripe
    /// wants it. An error when the amount has more decimals than the currency has.
    pub fn to_minor(&self) -> Result<i64, String> {
        let exp = self.currency.exponent();
        let n = self.amount.normalize();
        if n.scale() > exp {
            return Err(format!("{} has more decimals than {} allows ({exp})", self.amount, self.currency));
        }
        let scaled = n * Decimal::from(10i64.pow(exp));
        i64::try_from(scaled.trunc()).map_err(|_| format!("{} is out of range", self.amount))
    }
    /// An amount given in minor units.
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Money { amount: Decimal::new(minor, currency.exponent()), currency }
    }
    /// Parse a vendor amount (string or number) in a currency.
    pub fn parse(amount: &serde_json::Value, currency: &str) -> Result<Self, String> {
        Ok(Money { amount: parse_decimal(amount)?, currency: Currency::new(currency)? })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = self.currency.exponent();
        let a = self.amount.round_dp(scale.max(self.amount.scale().min(4)));
        let mut a = a;
        if a.scale() < scale {
            a.rescale(scale);
        }
        write!(f, "{a} {}", self.currency)
    }
}

/// The largest magnitude a vendor amount may have: 10^15 units of a currency, beyond any real
/// order (a quadrillion dollars, yen or rupiah). Bounding amounts where they enter keeps every sum,
/// difference and product of them far from `Decimal`'s ±7.9e28, where its operators panic.
const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0); // 10^15

/// Parse a decimal from a JSON string or number, never via `f64`; an amount of 10^15 or more
/// (either sign) is refused as out of range.
pub fn parse_decimal(v: &serde_json::Value) -> Result<Decimal, String> {
    let text = match v {
        serde_json::Value::String(s) => s.trim().to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Null => return Err("amount is null".into()),
        other => return Err(format!("amount `{other}` is neither a string nor a number")),
    };
    let d = Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| format!("`{text}` is not a decimal amount"))?;
    if d.abs() >= MAX_AMOUNT {
        return Err(format!("`{text}` is out of range for an amount (at most 10^15)"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {

    #[test]
    fn json_amounts_have_at_least_the_currency_decimals() {
        let m = |a: &str, c: &str| {
            serde_json::to_value(Money::new(a.parse().unwrap(), Currency::new(c).unwrap())).unwrap()
        };
        assert_eq!(m("1.0", "USD")["amount"], "1.00");
        assert_eq!(m("5", "EUR")["amount"], "5.00");
        assert_eq!(m("1200", "JPY")["amount"], "1200");
        assert_eq!(m("12.345", "KWD")["amount"], "12.345");
        assert_eq!(m("69.8400", "USD")["amount"], "69.8400");
        let back: Money = serde_json::from_value(m("1.0", "USD")).unwrap();
        assert_eq!(back.amount, "1".parse::<Decimal>().unwrap());
    }

    use super::*;
    use serde_json::json;

    #[test]
    fn amounts_of_ten_to_the_fifteen_or_more_are_out_of_range() {
        assert_eq!(MAX_AMOUNT.to_string(), "1000000000000000");
        assert_eq!(parse_decimal(&json!("999999999999999.99")).unwrap().to_string(), "999999999999999.99");
        for v in
            [json!("1000000000000000"), json!("-1e15"), json!("79228162514264337593543950335"), json!(1e20)]
        {
            let e = parse_decimal(&v).unwrap_err();
            assert!(e.contains("out of range"), "{v}: {e}");
        }
    }

    #[test]
    fn parses_strings_and_numbers_exactly() {
        assert_eq!(parse_decimal(&json!("598.94")).unwrap().to_string(), "598.94");
        assert_eq!(parse_decimal(&json!(195.66)).unwrap().to_string(), "195.66");
        assert_eq!(parse_decimal(&json!("12.5000")).unwrap().to_string(), "12.5000");
        assert_eq!(parse_decimal(&json!(0.1)).unwrap().to_string(), "0.1");
        assert!(parse_decimal(&json!("abc")).is_err());
        assert!(parse_decimal(&json!(null)).is_err());
        assert!(parse_decimal(&json!(true)).is_err());
    }

    #[test]
    fn currency_validation_and_exponent() {
        assert_eq!(Currency::new("usd").unwrap().code(), "USD");
        assert!(Currency::new("US").is_err());
        assert_eq!(Currency::new("JPY").unwrap().exponent(), 0);
        assert_eq!(Currency::new("KWD").unwrap().exponent(), 3);
    }

    #[test]
    fn display_uses_currency_scale() {
        let m = Money::parse(&json!("12.5"), "USD").unwrap();
        assert_eq!(m.to_string(), "12.50 USD");
        let y = Money::parse(&json!("1200"), "JPY").unwrap();
        assert_eq!(y.to_string(), "1200 JPY");
    }

    #[test]
    fn minor_units_follow_the_currency_exponent() {
        let m = |a: &str, c: &str| Money::parse(&json!(a), c).unwrap();
        assert_eq!(m("10.99", "USD").to_minor().unwrap(), 1099);
        assert_eq!(m("10.90", "USD").to_minor().unwrap(), 1090);
        assert_eq!(m("1200", "JPY").to_minor().unwrap(), 1200);
        assert_eq!(m("1.234", "KWD").to_minor().unwrap(), 1234);
        assert!(m("1.5", "JPY").to_minor().is_err());
        assert!(m("1.001", "USD").to_minor().is_err());
        assert_eq!(Money::from_minor(1234, Currency::new("KWD").unwrap()).to_string(), "1.234 KWD");
        assert_eq!(Money::from_minor(500, Currency::new("JPY").unwrap()).to_string(), "500 JPY");
        assert_eq!(Money::from_minor(1099, Currency::new("usd").unwrap()).amount.to_string(), "10.99");
    }

    #[test]
    fn serializes_amount_as_string() {
        let m = Money::parse(&json!(3.1), "EUR").unwrap();
        assert_eq!(serde_json::to_value(&m).unwrap(), json!({"amount":"3.10","currency":"EUR"}));
    }
}
