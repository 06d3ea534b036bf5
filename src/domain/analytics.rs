//! Analytics events and reports, vendor-neutral.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One event to send to an analytics service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyticsEvent {
    /// `order_lookup`, `refund`, `tracking_check`, or a name given to `analytics send`.
    pub name: String,
    /// Who did it: Mixpanel's `distinct_id`, GA4's `client_id` (the agent's install id, not a
    /// customer, unless the profile opts into PII).
    pub distinct_id: String,
    /// Unix milliseconds.
    pub time_ms: i64,
    /// Unique per event: Mixpanel's `$insert_id` (dedupe on retries); GA4 gets it as a param.
    pub insert_id: String,
    pub properties: BTreeMap<String, serde_json::Value>,
}

/// What a service did with a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendReport {
    pub accepted: usize,
    /// Events the service refused (their index in the batch, insert id and why); they are not
    /// retried, since sending them again would fail the same way.
    pub rejected: Vec<EventFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFailure {
    pub index: usize,
    pub insert_id: Option<String>,
    /// The offending field, when the service names one.
    pub field: Option<String>,
    pub message: String,
}

/// A validation message (GA4's `/debug/mp/collect`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationMessage {
    pub field: Option<String>,
    pub code: String,
    pub description: String,
}

/// `analytics report`: what to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQuery {
    pub metrics: Vec<String>,
    pub dimensions: Vec<String>,
    /// `YYYY-MM-DD`, `today`, `yesterday` or `NdaysAgo`.
    pub start_date: String,
    pub end_date: String,
    /// Most rows to return in total (`None`: all).
    pub limit: Option<u64>,
}

/// A report: named columns (dimensions, then metrics) and rows of values as the service sent
/// them (numbers stay strings so nothing is rounded).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub dimensions: Vec<String>,
    pub metrics: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Rows the service has in all (more than `rows` when limited).
    pub row_count: u64,
}
