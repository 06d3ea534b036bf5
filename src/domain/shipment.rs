//! Shipments as a carrier tracks them: a status every carrier's codes map onto, the raw vendor
//! code kept beside it, and the scan history newest first.
//!
//! Times are strings because carriers do not all give an offset: an event time is RFC 3339 with
//! an offset (`2026-04-02T13:27:00-04:00`) when the carrier sends one, and the carrier's *local*
//! time without an offset (`2026-04-02T13:27:00`) otherwise — the absence of the offset is how a
//! reader tells them apart. Dates without a time (UPS delivery dates) are `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};

/// Where a shipment is, in words every carrier's codes map onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    /// Label created / manifest received; the carrier does not have the parcel yet.
    PreTransit,
    InTransit,
    OutForDelivery,
    Delivered,
    /// Delayed, damaged, delivery attempt failed, held: someone may need to act.
    Exception,
    /// On its way back to the sender (or back there).
    Returned,
    /// A code shopdesk does not know; the raw code is kept next to it.
    Unknown,
}

impl ShipmentStatus {
    /// The `--json` spelling, for tables.
    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentStatus::PreTransit => "pre_transit",
            ShipmentStatus::InTransit => "in_transit",
            ShipmentStatus::OutForDelivery => "out_for_delivery",
            ShipmentStatus::Delivered => "delivered",
            ShipmentStatus::Exception => "exception",
            ShipmentStatus::Returned => "returned",
            ShipmentStatus::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for ShipmentStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One scan or status change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingEvent {
    /// RFC 3339 with offset when the carrier gives one, else the carrier's local time without
    /// an offset (see the module docs).
    pub at: Option<String>,
    pub status: ShipmentStatus,
    /// The carrier's own code for the event (UPS `currentStatus.code`, DHL `statusCode`).
    pub code: Option<String>,
    pub description: String,
    /// "City, ST, CC" as far as the carrier says.
    pub location: Option<String>,
}

/// A tracked shipment (one piece/package for carriers that track per package).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shipment {
    /// The carrier's registry name (`ups`, `dhl`).
    pub carrier: String,
    pub number: String,
    pub status: ShipmentStatus,
    /// The carrier's raw status code the status was mapped from.
    pub raw_status: Option<String>,
    /// The carrier's own words for the current status.
    pub status_text: Option<String>,
    /// Service or product name (UPS Ground, EXPRESS WORLDWIDE).
    pub service: Option<String>,
    /// The promised or scheduled delivery (date or time), when not yet delivered.
    pub estimated_delivery: Option<String>,
    pub delivered_at: Option<String>,
    /// Newest first.
    pub events: Vec<TrackingEvent>,
}

impl Shipment {
    /// The newest event, if any.
    pub fn last_event(&self) -> Option<&TrackingEvent> {
        self.events.first()
    }
}

/// Why one number could not be tracked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackErrorKind {
    /// The carrier has no record of the number (yet).
    NotFound,
    /// The carrier (or shopdesk) says the number is malformed.
    Invalid,
    /// Not answered: the carrier failed as a whole (quota, credentials, network) before or
    /// while asking for it. Worth asking again later.
    NotTracked,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackError {
    pub kind: TrackErrorKind,
    pub message: String,
}

/// The answer for one tracking number: a shipment, or a per-number error. A per-number failure
/// is a result, not an `Err`: the other numbers of the request still have answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackResult {
    pub number: String,
    pub carrier: String,
    pub shipment: Option<Shipment>,
    pub error: Option<TrackError>,
}

impl TrackResult {
    pub fn found(s: Shipment) -> TrackResult {
        TrackResult { number: s.number.clone(), carrier: s.carrier.clone(), shipment: Some(s), error: None }
    }

    pub fn failed(
        carrier: &str,
        number: &str,
        kind: TrackErrorKind,
        message: impl Into<String>,
    ) -> TrackResult {
        TrackResult {
            number: number.to_string(),
            carrier: carrier.to_string(),
            shipment: None,
            error: Some(TrackError { kind, message: message.into() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_serialize_snake_case() {
        for s in [
            ShipmentStatus::PreTransit,
            ShipmentStatus::InTransit,
            ShipmentStatus::OutForDelivery,
            ShipmentStatus::Delivered,
            ShipmentStatus::Exception,
            ShipmentStatus::Returned,
            ShipmentStatus::Unknown,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), serde_json::json!(s.as_str()));
        }
        let r = TrackResult::failed("ups", "1Z", TrackErrorKind::NotFound, "no record");
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["error"]["kind"], "not_found");
        assert!(v["shipment"].is_null());
    }
}
