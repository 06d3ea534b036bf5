//! FedEx tracking end to end: the built binary against the FedEx emulator started in-process,
//! on the seeded orders' FedEx numbers (OAuth client credentials in the form body, batches of
//! up to 30 numbers per track request, per-number errors inside a 200).

mod support;

use serde_json::{Value, json};
use shopdesk::sandbox::seed;
use shopdesk::sandbox::tracking::{self, Carrier, Parcel, Stage};
use shopdesk::sandbox::{Options, demo};
use support::{Env, Host, stderr, stdout};

const TRACK: &str = "/fedex/track/v1/trackingnumbers";
const TOKEN: &str = "/fedex/oauth/token";

fn config(host: &Host) -> String {
    format!(
        "default_profile = \"default\"\n[profiles.default]\nmax_retries = 2\n[profiles.default.carriers.fedex]\ncarrier = \"fedex\"\nurl = \"{}\"\nclient_id = \"{}\"\n",
        host.sb().fedex_url(),
        demo::FEDEX_CLIENT_ID
    )
}

fn run_secret(host: &Host, secret: &str, args: &[&str]) -> std::process::Output {
    let env = Env::new();
    env.write_config(&config(host));
    env.cmd().env("SHOPDESK_DEFAULT_FEDEX_CLIENT_SECRET", secret).args(args).output().expect("binary runs")
}

fn run(host: &Host, args: &[&str]) -> std::process::Output {
    run_secret(host, demo::FEDEX_CLIENT_SECRET, args)
}

fn json_out(o: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {} / {}", stdout(o), stderr(o)))
}

fn parcels() -> Vec<Parcel> {
    tracking::parcels(0, seed::DEFAULT_ORDERS, Carrier::FedEx)
}

fn count(host: &Host, path: &str) -> usize {
    host.requests().iter().filter(|r| r.path == path).count()
}

#[test]
fn fedex_numbers_of_the_seed_are_tracked_with_statuses_and_events() {
    let host = Host::default();
    let all = parcels();
    let ps: Vec<&Parcel> =
        [Stage::PreTransit, Stage::InTransit, Stage::OutForDelivery, Stage::Delivered, Stage::Exception]
            .iter()
            .map(|s| all.iter().find(|p| p.stage == *s).expect("every stage is seeded"))
            .collect();
    let mut args = vec!["track"];
    args.extend(ps.iter().map(|p| p.number.as_str()));
    args.extend(["--carrier", "fedex", "--json"]);
    let o = run(&host, &args);
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    let v = json_out(&o);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), ps.len());
    for (p, r) in ps.iter().zip(list) {
        let s = &r["shipment"];
        assert_eq!(r["number"], p.number.as_str());
        assert_eq!(r["carrier"], "fedex");
        assert!(r["error"].is_null(), "{r}");
        assert_eq!(s["status"], p.stage.name(), "{} {r}", p.number);
        assert!(s["raw_status"].is_string(), "the raw code is kept: {r}");
        let events = s["events"].as_array().unwrap();
        assert!(!events.is_empty());
        assert_eq!(events[0]["status"], s["status"], "newest event first: {r}");
        assert_eq!(events.last().unwrap()["status"], "pre_transit", "{r}");
        assert_eq!(events.last().unwrap()["code"], "OC", "{r}");
        for e in events {
            let at = e["at"].as_str().unwrap_or_else(|| panic!("{r}"));
            assert!(at.parse::<jiff::Timestamp>().is_ok(), "RFC 3339 with offset: {at}");
            assert!(e["code"].is_string() && e["location"].is_string(), "{r}");
        }
        if p.stage == Stage::Delivered {
            assert!(s["delivered_at"].is_string() && s["estimated_delivery"].is_null(), "{r}");
        } else {
            assert!(s["delivered_at"].is_null() && s["estimated_delivery"].is_string(), "{r}");
        }
    }
    let exception = &list[4]["shipment"]["events"][0]["description"];
    assert!(exception.as_str().unwrap().contains("Customer not available"), "{exception}");
    assert_eq!(count(&host, TOKEN), 1, "one token");
    assert_eq!(count(&host, TRACK), 1, "five numbers, one request");
    // Detected from the number when no --carrier is given; the table shows the last event.
    let o = run(&host, &["track", &ps[3].number]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("fedex") && stdout(&o).contains("Delivered"), "{}", stdout(&o));
}

#[test]
fn numbers_go_out_thirty_per_request() {
    // A larger seed, for more FedEx parcels than two full batches.
    let host = Host::start(Options { orders: 1000, ..Options::default() });
    let ps = tracking::parcels(0, 1000, Carrier::FedEx);
    assert!(ps.len() >= 61, "{} parcels", ps.len());
    let numbers: Vec<&str> = ps.iter().take(61).map(|p| p.number.as_str()).collect();
    let mut args = vec!["track", "--carrier", "fedex", "--format", "ndjson"];
    args.extend(&numbers);
    let o = run(&host, &args);
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(&o));
    let rows: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 61);
    for (n, r) in numbers.iter().zip(&rows) {
        assert_eq!(r["number"], *n, "in the order given");
        assert!(r["shipment"].is_object(), "{r}");
    }
    assert_eq!(count(&host, TRACK), 61usize.div_ceil(30), "ceil(61/30) track requests");
    assert_eq!(count(&host, TOKEN), 1);

    // The emulator itself refuses more than 30 numbers, the FedEx way.
    let base = host.sb().fedex_url();
    let (status, body) = host.rt.block_on(async {
        let http = reqwest::Client::new();
        let tok: Value = http
            .post(format!("{base}/oauth/token"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", demo::FEDEX_CLIENT_ID),
                ("client_secret", demo::FEDEX_CLIENT_SECRET),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(tok["expires_in"].is_u64(), "{tok}");
        let info: Vec<Value> =
            numbers[..31].iter().map(|n| json!({"trackingNumberInfo": {"trackingNumber": n}})).collect();
        let r = http
            .post(format!("{base}/track/v1/trackingnumbers"))
            .bearer_auth(tok["access_token"].as_str().unwrap())
            .json(&json!({"includeDetailedScans": true, "trackingInfo": info}))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json::<Value>().await.unwrap())
    });
    assert_eq!(status, 400, "{body}");
    assert!(body["transactionId"].is_string(), "{body}");
    assert!(body["errors"][0]["code"].as_str().unwrap().starts_with("TRACKING."), "{body}");
}

#[test]
fn an_unknown_number_among_known_ones_is_its_own_error_row_and_exit_7() {
    let host = Host::default();
    let ps = parcels();
    // Valid FedEx check digit (services.md §3e test number), not a seeded parcel.
    let unknown = "986578788855";
    let o = run(&host, &["track", &ps[0].number, unknown, &ps[1].number, "--carrier", "fedex", "--json"]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    let v = json_out(&o);
    assert!(v[0]["shipment"].is_object() && v[2]["shipment"].is_object(), "{v}");
    assert_eq!(v[1]["number"], unknown);
    assert_eq!(v[1]["error"]["kind"], "not_found");
    assert!(v[1]["error"]["message"].as_str().unwrap().contains("TRACKING.TRACKINGNUMBER.NOTFOUND"), "{v}");
    assert!(stderr(&o).contains(unknown), "{}", stderr(&o));
    assert_eq!(count(&host, TRACK), 1, "one request for the three numbers");
}

#[test]
fn an_expired_token_is_renewed_once() {
    let host = Host::default();
    let fedex =
        support::carrier("fedex", &host.sb().fedex_url(), demo::FEDEX_CLIENT_ID, demo::FEDEX_CLIENT_SECRET);
    let ps = parcels();
    host.rt.block_on(async {
        let r = fedex.track(std::slice::from_ref(&ps[0].number)).await.unwrap();
        assert!(r[0].shipment.is_some(), "{r:?}");
        let r = fedex.track(std::slice::from_ref(&ps[1].number)).await.unwrap();
        assert!(r[0].shipment.is_some(), "{r:?}");
        assert_eq!(count(&host, TOKEN), 1, "the token is cached while it is valid");
        host.sb().expire_fedex_tokens();
        let r = fedex.track(std::slice::from_ref(&ps[2].number)).await.unwrap();
        assert!(r[0].shipment.is_some(), "{r:?}");
    });
    let log = host.requests();
    assert_eq!(count(&host, TOKEN), 2, "exactly one renewal: {log:?}");
    assert_eq!(log.iter().filter(|r| r.status == Some(401)).count(), 1, "{log:?}");
    assert_eq!(log.iter().filter(|r| r.path == TRACK && r.status == Some(200)).count(), 3, "{log:?}");
}

#[test]
fn a_wrong_secret_is_an_auth_error() {
    let host = Host::default();
    let o = run_secret(&host, "not-the-secret", &["track", &parcels()[0].number, "--carrier", "fedex"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("not-the-secret"), "the secret never shows: {err}");
    assert!(err.contains("client credentials were not valid"), "FedEx's words: {err}");
    assert_eq!(count(&host, TRACK), 0, "no track request without a token");
}

#[test]
fn an_injected_503_on_the_track_request_is_retried() {
    let host = Host::default();
    host.control(json!({"status": 503, "path": "/fedex/track/"}));
    let p = &parcels()[0];
    let o = run(&host, &["track", &p.number, "--carrier", "fedex", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json_out(&o)[0]["shipment"]["status"], p.stage.name());
    let track: Vec<_> = host.requests().into_iter().filter(|r| r.path == TRACK).collect();
    assert_eq!(track.len(), 2, "{track:?}");
    assert_eq!((track[0].status, track[0].fault.as_deref()), (Some(503), Some("503")));
    assert_eq!(track[1].status, Some(200));

    // When it does not go away: the command fails as unavailable (exit 8), not a per-number row.
    host.control(json!({"status": 503, "path": "/fedex/track/", "forever": true}));
    let o = run(&host, &["track", &p.number, "--carrier", "fedex"]);
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    assert!(stderr(&o).contains("carrier fedex") && stderr(&o).contains("503"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn sandbox_flag_tracks_fedex_without_setup() {
    let env = Env::new();
    let p = &parcels()[0];
    let o = env.cmd().args(["--sandbox", "track", &p.number, "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json_out(&o);
    assert_eq!(v[0]["carrier"], "fedex", "detected from the number: {v}");
    assert_eq!(v[0]["shipment"]["status"], p.stage.name());
}

#[test]
fn order_track_follows_an_order_to_fedex() {
    let p = &parcels()[0];
    let order =
        seed::generate(0, seed::DEFAULT_ORDERS).orders.into_iter().find(|o| o.number == p.order).unwrap();
    let env = Env::new();
    let o = env
        .cmd()
        .args(["--sandbox", "--store", "shopify", "order", "track", &p.order.to_string(), "--json"])
        .output()
        .unwrap();
    let v: Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {} {}", stdout(&o), stderr(&o)));
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), order.fulfillments.len(), "one row per tracking number: {v}");
    let row = rows.iter().find(|r| r["number"] == p.number.as_str()).unwrap_or_else(|| panic!("{v}"));
    assert_eq!(row["carrier"], "fedex");
    assert_eq!(row["shipment"]["status"], p.stage.name(), "{row}");
    assert!(row["shipment"]["events"].as_array().is_some_and(|e| !e.is_empty()), "{row}");
    // USPS (not emulated yet) is the only carrier that can leave a row with an error.
    let others =
        rows.iter().filter(|r| !matches!(r["carrier"].as_str(), Some("ups" | "dhl" | "fedex"))).count();
    assert_eq!(o.status.code(), Some(if others > 0 { 7 } else { 0 }), "{}", stderr(&o));
}
