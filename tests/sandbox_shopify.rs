//! Black-box tests of the Shopify emulator over loopback HTTP, plus the contract tests against
//! the official Admin GraphQL 2026-10 schema in `shared/specs/` (skipped when that folder is
//! absent).

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Value, json};
use shopdesk::gql::{self, Schema};
use shopdesk::sandbox::{self, Options, Sandbox, ThrottleSpec, demo};

async fn start(opts: Options) -> Sandbox {
    Sandbox::start(opts).await.expect("sandbox starts")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap()
}

fn gql_url(sb: &Sandbox, version: &str) -> String {
    format!("{}/admin/api/{version}/graphql.json", sb.shopify_store_url())
}

async fn post_gql(sb: &Sandbox, token: &str, query: &str, variables: Value) -> reqwest::Response {
    client()
        .post(gql_url(sb, "2026-10"))
        .header("X-Shopify-Access-Token", token)
        .json(&json!({"query": query, "variables": variables}))
        .send()
        .await
        .expect("request completes")
}

async fn gql_json(sb: &Sandbox, query: &str, variables: Value) -> Value {
    let r = post_gql(sb, demo::SHOPIFY_STATIC_TOKEN, query, variables).await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn control(sb: &Sandbox, body: Value) {
    let r = client().post(format!("{}/_sandbox/faults", sb.base_url())).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

const SHOP_QUERY: &str = "{ shop { name myshopifyDomain } }";

#[tokio::test]
async fn client_credentials_grant_expiry_and_renewal() {
    let sb = start(Options { token_ttl: Duration::from_millis(1500), ..Options::default() }).await;
    let url = format!("{}/admin/oauth/access_token", sb.shopify_store_url());
    let grant = || async {
        let r = client()
            .post(&url)
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", demo::SHOPIFY_CLIENT_ID),
                ("client_secret", demo::SHOPIFY_CLIENT_SECRET),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.json::<Value>().await.unwrap()
    };
    let body = grant().await;
    let token = body["access_token"].as_str().unwrap().to_string();
    assert!(token.starts_with("shpat_"), "{token}");
    assert!(body["scope"].as_str().unwrap().split(',').any(|s| s == "read_orders"));
    assert_eq!(body["expires_in"], json!(1));
    assert_eq!(post_gql(&sb, &token, SHOP_QUERY, Value::Null).await.status(), 200);

    tokio::time::sleep(Duration::from_millis(1700)).await;
    let r = post_gql(&sb, &token, SHOP_QUERY, Value::Null).await;
    assert_eq!(r.status(), 401, "the token has expired");

    let renewed = grant().await["access_token"].as_str().unwrap().to_string();
    assert_ne!(renewed, token);
    assert_eq!(post_gql(&sb, &renewed, SHOP_QUERY, Value::Null).await.status(), 200);

    // JSON body, as the official Node library sends it.
    let r = client()
        .post(&url)
        .json(&json!({"grant_type": "client_credentials", "client_id": demo::SHOPIFY_CLIENT_ID, "client_secret": demo::SHOPIFY_CLIENT_SECRET}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    // Wrong secret.
    let r = client()
        .post(&url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", demo::SHOPIFY_CLIENT_ID),
            ("client_secret", "nope"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.json::<Value>().await.unwrap()["error"], "invalid_client");
    sb.shutdown().await;
}

#[tokio::test]
async fn missing_or_bad_token_is_401_with_shopifys_body() {
    let sb = start(Options::default()).await;
    for token in ["", "shpat_wrong"] {
        let r = post_gql(&sb, token, SHOP_QUERY, Value::Null).await;
        assert_eq!(r.status(), 401);
        assert!(r.headers().contains_key("x-request-id"));
        assert_eq!(
            r.json::<Value>().await.unwrap(),
            json!({"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})
        );
    }
    let r = client()
        .post(format!("{}/shopify/other-store/admin/api/2026-10/graphql.json", sb.base_url()))
        .header("X-Shopify-Access-Token", demo::SHOPIFY_STATIC_TOKEN)
        .json(&json!({"query": SHOP_QUERY}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = client().get(format!("{}/nowhere", sb.base_url())).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.headers().contains_key("x-request-id"));
    assert_eq!(r.json::<Value>().await.unwrap(), json!({"errors": "Not Found"}));
    sb.shutdown().await;
}

#[tokio::test]
async fn versions_fall_forward_and_are_reported() {
    let sb = start(Options::default()).await;
    for (asked, served) in
        [("2024-01", "2026-01"), ("2026-07", "2026-07"), ("2026-10", "2026-10"), ("unstable", "unstable")]
    {
        let r = client()
            .post(gql_url(&sb, asked))
            .header("X-Shopify-Access-Token", demo::SHOPIFY_STATIC_TOKEN)
            .json(&json!({"query": SHOP_QUERY}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["x-shopify-api-version"], served, "asked {asked}");
        assert!(r.headers().contains_key("x-request-id"));
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["data"]["shop"]["myshopifyDomain"], "demo-store.myshopify.com");
        assert!(body["extensions"]["cost"]["throttleStatus"]["maximumAvailable"].is_number());
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn paging_walks_every_order_once() {
    let sb = start(Options { seed: 11, ..Options::default() }).await;
    let q = "query($after: String) { orders(first: 50, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }";
    let mut after = Value::Null;
    let mut names = Vec::new();
    let mut pages = 0;
    loop {
        let body = gql_json(&sb, q, json!({"after": after})).await;
        let conn = &body["data"]["orders"];
        assert!(body.get("errors").is_none(), "{body}");
        for e in conn["edges"].as_array().unwrap() {
            names.push(e["node"]["name"].as_str().unwrap().to_string());
        }
        pages += 1;
        if conn["pageInfo"]["hasNextPage"] == json!(false) {
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
        assert!(pages < 20, "paging does not end");
    }
    assert!(names.len() >= 250, "{} orders", names.len());
    let unique: HashSet<_> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "duplicates while paging");
    assert_eq!(names[0], "#1001");

    // Reverse, and the 250 cap.
    let body = gql_json(&sb, "{ orders(first: 1, reverse: true) { nodes { name } } }", Value::Null).await;
    assert_eq!(body["data"]["orders"]["nodes"][0]["name"], json!(names.last().unwrap()));
    let body = gql_json(&sb, "{ orders(first: 251) { nodes { id } } }", Value::Null).await;
    assert_eq!(body["errors"][0]["message"], "The 'first' argument cannot exceed 250.");
    sb.shutdown().await;
}

#[tokio::test]
async fn search_by_email_name_and_status() {
    let sb = start(Options::default()).await;
    let q = "query($q: String) { orders(first: 100, query: $q) { nodes { name email displayFinancialStatus cancelledAt } } }";
    let body = gql_json(&sb, q, json!({"q": "email:jane@example.com"})).await;
    let nodes = body["data"]["orders"]["nodes"].as_array().unwrap().clone();
    assert!(nodes.len() >= 5, "{}", nodes.len());
    assert!(nodes.iter().all(|n| n["email"] == "jane@example.com"));

    for q in ["name:#1001", "name:1001", "name:1001 email:jane@example.com"] {
        let body = gql_json(
            &sb,
            "query($q: String) { orders(first: 5, query: $q) { nodes { name } } }",
            json!({"q": q}),
        )
        .await;
        assert_eq!(body["data"]["orders"]["nodes"], json!([{"name": "#1001"}]), "{q}");
    }
    let body = gql_json(&sb, q, json!({"q": "financial_status:refunded"})).await;
    let nodes = body["data"]["orders"]["nodes"].as_array().unwrap().clone();
    assert!(!nodes.is_empty() && nodes.iter().all(|n| n["displayFinancialStatus"] == "REFUNDED"));
    let body = gql_json(&sb, q, json!({"q": "status:cancelled"})).await;
    let nodes = body["data"]["orders"]["nodes"].as_array().unwrap().clone();
    assert!(!nodes.is_empty() && nodes.iter().all(|n| !n["cancelledAt"].is_null()));

    // By id: present and absent.
    let body = gql_json(&sb, "{ orders(first: 1) { nodes { id } } }", Value::Null).await;
    let id = body["data"]["orders"]["nodes"][0]["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("gid://shopify/Order/"));
    let body = gql_json(&sb, "query($id: ID!) { order(id: $id) { name } }", json!({"id": id})).await;
    assert_eq!(body["data"]["order"]["name"], "#1001");
    let body = gql_json(&sb, "{ order(id: \"gid://shopify/Order/1\") { name } }", Value::Null).await;
    assert_eq!(body["data"], json!({"order": null}));
    assert!(body.get("errors").is_none());
    sb.shutdown().await;
}

#[tokio::test]
async fn validation_errors_are_shopify_shaped() {
    let sb = start(Options::default()).await;
    let body = gql_json(&sb, "{ order(id: \"gid://shopify/Order/1\") { id foo } }", Value::Null).await;
    assert_eq!(
        body["errors"][0],
        json!({
            "message": "Field 'foo' doesn't exist on type 'Order'",
            "locations": [{"line": 1, "column": 43}],
            "path": ["query", "order", "foo"],
            "extensions": {"code": "undefinedField", "typeName": "Order", "fieldName": "foo"}
        })
    );
    assert!(body.get("data").is_none());
    sb.shutdown().await;
}

#[tokio::test]
async fn a_tiny_bucket_throttles() {
    let sb = start(Options {
        throttle: ThrottleSpec { maximum_available: 60.0, restore_rate: 1.0 },
        ..Options::default()
    })
    .await;
    let q = "{ orders(first: 50) { nodes { id } } }"; // cost 52
    let body = gql_json(&sb, q, Value::Null).await;
    assert_eq!(body["extensions"]["cost"]["requestedQueryCost"], 52);
    assert_eq!(body["extensions"]["cost"]["actualQueryCost"], 52);
    let body = gql_json(&sb, q, Value::Null).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "THROTTLED");
    assert_eq!(body["errors"][0]["message"], "Throttled");
    let cost = &body["extensions"]["cost"];
    assert_eq!(cost["actualQueryCost"], Value::Null);
    assert_eq!(cost["throttleStatus"]["maximumAvailable"], 60.0);
    assert_eq!(cost["throttleStatus"]["restoreRate"], 1.0);
    assert!(cost["throttleStatus"]["currentlyAvailable"].as_f64().unwrap() < 52.0);
    sb.shutdown().await;
}

/// Shopify refuses single queries above 1000 points, so a document shopdesk sends must stay
/// under it at the largest page the adapter asks for (an `--all` page), as the sandbox prices it.
#[test]
fn adapter_documents_fit_the_single_query_cost_limit_at_full_page_size() {
    use shopdesk::adapters::commerce::shopify as adapter;
    let schema = sandbox::shopify::schema();
    let page = adapter::SEARCH_PAGE_MAX;
    for (name, _) in adapter::DOCUMENTS {
        let doc = adapter::wire_document(name).unwrap();
        let input = if *name == "RefundCreate" {
            json!({"orderId": "gid://shopify/Order/1", "note": "n"})
        } else {
            json!({"id": "gid://shopify/Order/1", "note": "n"})
        };
        let vars = json!({
            "first": page, "after": null, "query": "name:#1001", "id": "gid://shopify/Order/1",
            "input": input, "key": "k",
            "fulfillment": {"lineItemsByFulfillmentOrder": [{"fulfillmentOrderId": "gid://shopify/FulfillmentOrder/1"}]},
            "message": null,
            "topic": "ORDERS_CREATE", "sub": {"uri": "https://hooks.example.com/h", "format": "JSON"},
        });
        let op = gql::validate(&schema, &doc, &vars, Some(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let cost = gql::cost(&schema, &op);
        assert!(cost <= sandbox::shopify::MAX_QUERY_COST, "{name} costs {cost} at page size {page}");
    }
}

#[tokio::test]
async fn forced_faults() {
    let sb = start(Options { faults: "retry-after=0.05".parse().unwrap(), ..Options::default() }).await;

    // 429 until retries run out, then fine.
    control(&sb, json!({"status": 429, "count": 3})).await;
    for _ in 0..3 {
        let r = post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await;
        assert_eq!(r.status(), 429);
        assert_eq!(r.headers()["retry-after"], "0.05");
        assert_eq!(
            r.json::<Value>().await.unwrap(),
            json!({"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."})
        );
    }
    assert_eq!(post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await.status(), 200);

    // 503 once then OK.
    control(&sb, json!({"status": 503})).await;
    assert_eq!(post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await.status(), 503);
    assert_eq!(post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await.status(), 200);

    // HTML instead of JSON.
    control(&sb, json!({"html": true})).await;
    let r = post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await;
    assert_eq!(r.status(), 502);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(r.text().await.unwrap().starts_with("<!DOCTYPE html>"));

    // Truncated JSON.
    control(&sb, json!({"truncate": true})).await;
    let r = post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");

    // Oversize body.
    control(&sb, json!({"oversize_bytes": 20_000_000})).await;
    let r = post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await;
    assert!(r.bytes().await.unwrap().len() >= 20_000_000);

    // Connection reset: the client sees a transport error, not a response.
    control(&sb, json!({"reset": true})).await;
    let err = client()
        .post(gql_url(&sb, "2026-10"))
        .header("X-Shopify-Access-Token", demo::SHOPIFY_STATIC_TOKEN)
        .json(&json!({"query": SHOP_QUERY}))
        .send()
        .await
        .expect_err("the connection is dropped");
    assert!(err.status().is_none());
    assert_eq!(post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await.status(), 200);

    // Processed, then dropped: the client cannot tell whether it happened.
    control(&sb, json!({"drop_after_commit": true})).await;
    let r = client()
        .post(gql_url(&sb, "2026-10"))
        .header("X-Shopify-Access-Token", demo::SHOPIFY_STATIC_TOKEN)
        .json(&json!({"query": SHOP_QUERY}))
        .send()
        .await;
    assert!(r.is_err());

    // Forced latency.
    control(&sb, json!({"latency_ms": 120})).await;
    let t = std::time::Instant::now();
    assert_eq!(post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await.status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(120));

    // Scope denial names the scope.
    control(&sb, json!({"deny_scope": "read_orders"})).await;
    let body = gql_json(&sb, "{ orders(first: 1) { nodes { id } } }", Value::Null).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "ACCESS_DENIED");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("`read_orders`"));
    assert_eq!(gql_json(&sb, SHOP_QUERY, Value::Null).await["data"]["shop"]["name"], "Demo Store");
    control(&sb, json!({"allow_scope": "read_orders"})).await;
    assert!(
        gql_json(&sb, "{ orders(first: 1) { nodes { id } } }", Value::Null).await.get("errors").is_none()
    );

    // THROTTLED forever, until cleared.
    control(&sb, json!({"throttle_forever": true})).await;
    for _ in 0..3 {
        let body = gql_json(&sb, SHOP_QUERY, Value::Null).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "THROTTLED");
    }
    let r = client().delete(format!("{}/_sandbox/faults", sb.base_url())).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(gql_json(&sb, SHOP_QUERY, Value::Null).await.get("errors").is_none());

    // Bad control requests say what is expected.
    let r = client()
        .post(format!("{}/_sandbox/faults", sb.base_url()))
        .json(&json!({"bogus": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("status"));

    // The request log, both ways.
    let log = sb.requests();
    assert!(log.iter().any(|r| r.fault.as_deref() == Some("reset") && r.status.is_none()));
    assert!(log.iter().filter(|r| r.status == Some(429)).count() >= 3);
    let served: Vec<sandbox::RequestRecord> = client()
        .get(format!("{}/_sandbox/requests", sb.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(served.len(), log.len());
    sb.shutdown().await;
}

#[tokio::test]
async fn random_faults_from_the_spec() {
    let sb = start(Options { faults: "reset=100%".parse().unwrap(), ..Options::default() }).await;
    let r = client().post(gql_url(&sb, "2026-10")).json(&json!({"query": SHOP_QUERY})).send().await;
    assert!(r.is_err());
    // The control API is never faulted.
    let r = client().get(format!("{}/_sandbox/health", sb.base_url())).send().await.unwrap();
    assert_eq!(r.status(), 200);
    sb.shutdown().await;

    let sb = start(Options { faults: "latency=150ms".parse().unwrap(), ..Options::default() }).await;
    let t = std::time::Instant::now();
    assert_eq!(post_gql(&sb, demo::SHOPIFY_STATIC_TOKEN, SHOP_QUERY, Value::Null).await.status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(150));
    sb.shutdown().await;
}

const FULL_ORDER: &str = r#"
query Full($id: ID!) {
  order(id: $id) {
    __typename id legacyResourceId name number email phone createdAt updatedAt processedAt closed closedAt
    cancelledAt cancelReason displayFinancialStatus displayFulfillmentStatus currencyCode note tags test
    paymentGatewayNames
    customer { id firstName lastName displayName email phone numberOfOrders amountSpent { amount currencyCode } createdAt }
    shippingAddress { ...Addr }
    billingAddress { ...Addr }
    subtotalPriceSet { ...Bag } totalPriceSet { ...Bag } totalTaxSet { ...Bag } totalDiscountsSet { ...Bag }
    totalShippingPriceSet { ...Bag } totalRefundedSet { ...Bag } totalOutstandingSet { ...Bag } currentTotalPriceSet { ...Bag }
    lineItems(first: 10) {
      edges { cursor node { ...Line } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
    fulfillments(first: 3) {
      id name status displayStatus createdAt updatedAt deliveredAt estimatedDeliveryAt inTransitAt
      trackingInfo(first: 3) { company number url }
      fulfillmentLineItems(first: 5) { nodes { id quantity lineItem { id sku } } }
    }
    refunds(first: 3) {
      id createdAt note totalRefundedSet { ...Bag }
      refundLineItems(first: 5) {
        nodes { id quantity restockType restocked lineItem { id } priceSet { ...Bag } subtotalSet { ...Bag } totalTaxSet { ...Bag } }
      }
    }
  }
}
fragment Addr on MailingAddress { id address1 address2 city company country countryCodeV2 firstName lastName name phone province provinceCode zip }
fragment Bag on MoneyBag { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
fragment Line on LineItem {
  id name title variantTitle sku quantity currentQuantity refundableQuantity unfulfilledQuantity
  originalUnitPriceSet { ...Bag } originalTotalSet { ...Bag } discountedTotalSet { ...Bag }
}
"#;

async fn order_1001(sb: &Sandbox) -> Value {
    let body = gql_json(sb, "{ orders(first: 1, query: \"name:1001\") { nodes { id } } }", Value::Null).await;
    let id = body["data"]["orders"]["nodes"][0]["id"].clone();
    gql_json(sb, FULL_ORDER, json!({"id": id})).await
}

#[tokio::test]
async fn same_seed_same_answers() {
    let a = start(Options { seed: 99, ..Options::default() }).await;
    let b = start(Options { seed: 99, ..Options::default() }).await;
    let c = start(Options { seed: 100, ..Options::default() }).await;
    let (ja, jb, jc) = (order_1001(&a).await, order_1001(&b).await, order_1001(&c).await);
    assert!(ja.get("errors").is_none(), "{ja}");
    assert_eq!(ja["data"], jb["data"]);
    assert_ne!(ja["data"], jc["data"]);
    let o = &ja["data"]["order"];
    assert_eq!(o["name"], "#1001");
    assert!(o["lineItems"]["edges"].as_array().unwrap().len() >= 2);
    assert_eq!(o["fulfillments"][0]["trackingInfo"][0]["company"], "UPS");
    assert!(sandbox::tracking::ups_valid(
        o["fulfillments"][0]["trackingInfo"][0]["number"].as_str().unwrap()
    ));
    assert_eq!(o["displayFinancialStatus"], "PARTIALLY_REFUNDED");
    assert_eq!(o["refunds"].as_array().unwrap().len(), 1);
    for sb in [a, b, c] {
        sb.shutdown().await;
    }
}

// ---- contract tests against the official schema ----

fn specs_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/specs");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIPPED: vendor specs not found at {} (contract tests need shared/specs)", dir.display());
        None
    }
}

fn official_schema() -> Option<Schema> {
    use std::io::Read;
    let path = specs_dir()?.join("shopify/admin-graphql-2026-10.introspection.json.gz");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    Some(Schema::from_introspection(&json).expect("official introspection loads"))
}

#[test]
fn contract_sandbox_schema_is_a_strict_subset_of_the_official_one() {
    let Some(official) = official_schema() else {
        return;
    };
    let ours = sandbox::shopify::schema();
    let violations = gql::subset_check(&ours, &official);
    assert!(
        violations.is_empty(),
        "sandbox schema is not a subset of Shopify 2026-10:\n{}",
        violations.join("\n")
    );
}

#[tokio::test]
async fn contract_sandbox_responses_conform_to_the_official_schema() {
    let Some(official) = official_schema() else {
        return;
    };
    let sb = start(Options {
        throttle: ThrottleSpec { maximum_available: 1e9, restore_rate: 1e9 },
        ..Options::default()
    })
    .await;
    // A rich single order.
    let body = order_1001(&sb).await;
    let op = gql::validate(&official, FULL_ORDER, &json!({"id": "gid://shopify/Order/1"}), None)
        .expect("the query is valid against the official schema");
    let v = gql::check_response(&official, &op, &body["data"]);
    assert!(v.is_empty(), "order #1001 violates the official schema:\n{}", v.join("\n"));

    // Every order, through the list query, so every status and enum value is exercised.
    let q = r#"query($after: String) { orders(first: 25, after: $after) {
        edges { cursor node {
          id name number email createdAt closed closedAt cancelledAt cancelReason displayFinancialStatus
          displayFulfillmentStatus currencyCode tags test
          totalPriceSet { shopMoney { amount currencyCode } } totalRefundedSet { shopMoney { amount currencyCode } }
          customer { id email numberOfOrders }
          fulfillments(first: 2) { status displayStatus trackingInfo { company number url } }
          refunds(first: 2) { id note refundLineItems(first: 4) { nodes { quantity restockType } } }
        } }
        pageInfo { hasNextPage endCursor } } }"#;
    let op = gql::validate(&official, q, &json!({}), None).expect("valid against the official schema");
    let mut after = Value::Null;
    let mut seen = 0;
    loop {
        let body = gql_json(&sb, q, json!({"after": after})).await;
        assert!(body.get("errors").is_none(), "{body}");
        let v = gql::check_response(&official, &op, &body["data"]);
        assert!(v.is_empty(), "orders page violates the official schema:\n{}", v.join("\n"));
        let conn = &body["data"]["orders"];
        seen += conn["edges"].as_array().unwrap().len();
        if conn["pageInfo"]["hasNextPage"] == json!(false) {
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
    assert!(seen >= 250);

    // Shop, app installation and customers.
    let q = "{ shop { id name myshopifyDomain email currencyCode ianaTimezone } currentAppInstallation { id accessScopes { handle description } } customers(first: 100) { nodes { id firstName lastName displayName email phone numberOfOrders amountSpent { amount currencyCode } createdAt } } }";
    let op = gql::validate(&official, q, &json!({}), None).unwrap();
    let body = gql_json(&sb, q, Value::Null).await;
    let v = gql::check_response(&official, &op, &body["data"]);
    assert!(v.is_empty(), "{}", v.join("\n"));
    sb.shutdown().await;
}

const FULFILLMENT_ORDERS_Q: &str = r#"query($id: ID!) { order(id: $id) {
  id name displayFulfillmentStatus note updatedAt
  lineItems(first: 10) { nodes { id quantity unfulfilledQuantity } }
  fulfillments(first: 10) { id name status displayStatus createdAt trackingInfo { company number url }
    fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id } } } }
  fulfillmentOrders(first: 5) { nodes { id status orderId orderName createdAt updatedAt
    lineItems(first: 10) { nodes { id totalQuantity remainingQuantity sku productTitle variantTitle lineItem { id } } } } }
} }"#;

const CREATE: &str = r#"mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f, message: "shipped") {
  fulfillment { id name status displayStatus trackingInfo { company number url } fulfillmentLineItems(first: 10) { nodes { quantity } } }
  userErrors { field message }
} }"#;

const UPDATE: &str = r#"mutation($input: OrderInput!) { orderUpdate(input: $input) {
  order { id note updatedAt } userErrors { field message } } }"#;

/// The ids of an open order with nothing shipped and at least two units.
async fn unshipped_order(sb: &Sandbox) -> Value {
    let body = gql_json(
        sb,
        "{ orders(first: 100, query: \"fulfillment_status:unshipped status:open\") { nodes { id subtotalLineItemsQuantity } } }",
        Value::Null,
    )
    .await;
    let nodes = body["data"]["orders"]["nodes"].as_array().unwrap();
    let o = nodes.iter().find(|o| o["subtotalLineItemsQuantity"].as_u64() >= Some(2)).expect("such an order");
    o["id"].clone()
}

#[tokio::test]
async fn writes_are_stateful_and_fulfillment_orders_follow() {
    let sb = start(Options {
        throttle: ThrottleSpec { maximum_available: 1e9, restore_rate: 1e9 },
        ..Options::default()
    })
    .await;
    let official = official_schema();
    let conforms = |q: &str, vars: &Value, body: &Value| {
        if let Some(s) = &official {
            let op = gql::validate(s, q, vars, None).expect("valid against the official schema");
            let v = gql::check_response(s, &op, &body["data"]);
            assert!(v.is_empty(), "violates the official schema:\n{}", v.join("\n"));
        }
    };

    // A fully shipped seed order has a CLOSED fulfillment order.
    let shipped = gql_json(
        &sb,
        "{ orders(first: 1, query: \"fulfillment_status:shipped status:open\") { nodes { id } } }",
        Value::Null,
    )
    .await;
    let shipped_id = shipped["data"]["orders"]["nodes"][0]["id"].clone();
    let body = gql_json(&sb, FULFILLMENT_ORDERS_Q, json!({"id": shipped_id})).await;
    conforms(FULFILLMENT_ORDERS_Q, &json!({"id": shipped_id}), &body);
    assert_eq!(body["data"]["order"]["fulfillmentOrders"]["nodes"][0]["status"], "CLOSED");

    // An unshipped one: OPEN, every unit remaining.
    let id = unshipped_order(&sb).await;
    let vars = json!({"id": id});
    let body = gql_json(&sb, FULFILLMENT_ORDERS_Q, vars.clone()).await;
    conforms(FULFILLMENT_ORDERS_Q, &vars, &body);
    let order = &body["data"]["order"];
    assert_eq!(order["displayFulfillmentStatus"], "UNFULFILLED");
    let fo = &order["fulfillmentOrders"]["nodes"][0];
    assert_eq!(fo["status"], "OPEN");
    assert_eq!(fo["orderId"], id);
    let fo_id = fo["id"].as_str().unwrap().to_string();
    let first_line = fo["lineItems"]["nodes"][0].clone();

    // Note: replaced, costs 10 + its selection, and shows on later reads.
    let uvars = json!({"input": {"id": id, "note": "first line\nsecond line"}});
    let body = gql_json(&sb, UPDATE, uvars.clone()).await;
    conforms(UPDATE, &uvars, &body);
    assert_eq!(body["data"]["orderUpdate"]["userErrors"], json!([]));
    assert_eq!(
        body["extensions"]["cost"]["requestedQueryCost"], 12,
        "10 for the mutation + payload, order, userErrors - 1"
    );
    let again = gql_json(&sb, FULFILLMENT_ORDERS_Q, vars.clone()).await;
    assert_eq!(again["data"]["order"]["note"], "first line\nsecond line");
    let bad = gql_json(&sb, UPDATE, json!({"input": {"id": "gid://shopify/Order/1", "note": "x"}})).await;
    assert_eq!(bad["data"]["orderUpdate"]["order"], Value::Null);
    assert_eq!(bad["data"]["orderUpdate"]["userErrors"][0]["field"], json!(["id"]));

    // Ship one unit of the first line: IN_PROGRESS, PARTIALLY_FULFILLED, tracking verbatim.
    let one = json!({"f": {
        "lineItemsByFulfillmentOrder": [{"fulfillmentOrderId": fo_id, "fulfillmentOrderLineItems": [{"id": first_line["id"], "quantity": 1}]}],
        "trackingInfo": {"number": "my-own-number 42", "company": "Acme Freight"},
        "notifyCustomer": true,
    }});
    let body = gql_json(&sb, CREATE, one.clone()).await;
    conforms(CREATE, &one, &body);
    let p = &body["data"]["fulfillmentCreate"];
    assert_eq!(p["userErrors"], json!([]), "{body}");
    assert_eq!(
        p["fulfillment"]["trackingInfo"],
        json!([{"company": "Acme Freight", "number": "my-own-number 42", "url": null}])
    );
    assert_eq!(p["fulfillment"]["fulfillmentLineItems"]["nodes"], json!([{"quantity": 1}]));
    let after = gql_json(&sb, FULFILLMENT_ORDERS_Q, vars.clone()).await;
    conforms(FULFILLMENT_ORDERS_Q, &vars, &after);
    let order = &after["data"]["order"];
    assert_eq!(order["displayFulfillmentStatus"], "PARTIALLY_FULFILLED");
    assert_eq!(order["fulfillmentOrders"]["nodes"][0]["status"], "IN_PROGRESS");
    assert_eq!(order["fulfillments"].as_array().unwrap().len(), 1);
    let rem = order["fulfillmentOrders"]["nodes"][0]["lineItems"]["nodes"][0]["remainingQuantity"]
        .as_u64()
        .unwrap();
    assert_eq!(rem, first_line["remainingQuantity"].as_u64().unwrap() - 1);

    // Too many units: a userError, nothing changes.
    let too_many = json!({"f": {"lineItemsByFulfillmentOrder": [{"fulfillmentOrderId": fo_id,
        "fulfillmentOrderLineItems": [{"id": first_line["id"], "quantity": 99}]}]}});
    let body = gql_json(&sb, CREATE, too_many).await;
    assert_eq!(body["data"]["fulfillmentCreate"]["fulfillment"], Value::Null);
    assert!(!body["data"]["fulfillmentCreate"]["userErrors"].as_array().unwrap().is_empty());

    // The rest: CLOSED, FULFILLED; the search sees it.
    let rest = json!({"f": {"lineItemsByFulfillmentOrder": [{"fulfillmentOrderId": fo_id}]}});
    let body = gql_json(&sb, CREATE, rest.clone()).await;
    assert_eq!(body["data"]["fulfillmentCreate"]["userErrors"], json!([]));
    assert_eq!(body["data"]["fulfillmentCreate"]["fulfillment"]["trackingInfo"], json!([]));
    let after = gql_json(&sb, FULFILLMENT_ORDERS_Q, vars.clone()).await;
    let order = &after["data"]["order"];
    assert_eq!(order["displayFulfillmentStatus"], "FULFILLED");
    assert_eq!(order["fulfillmentOrders"]["nodes"][0]["status"], "CLOSED");
    assert!(order["lineItems"]["nodes"].as_array().unwrap().iter().all(|l| l["unfulfilledQuantity"] == 0));
    let legacy = id.as_str().unwrap().rsplit('/').next().unwrap();
    let found = gql_json(
        &sb,
        &format!(
            "{{ orders(first: 5, query: \"id:{legacy} fulfillment_status:shipped\") {{ nodes {{ id }} }} }}"
        ),
        Value::Null,
    )
    .await;
    assert_eq!(found["data"]["orders"]["nodes"][0]["id"], id);

    // Once more: the fulfillment order is closed.
    let body = gql_json(&sb, CREATE, rest).await;
    let msg = body["data"]["fulfillmentCreate"]["userErrors"][0]["message"].as_str().unwrap();
    assert_eq!(msg, format!("Fulfillment order {fo_id} has an unfulfillable status= closed."));

    // Writes need the write scopes.
    control(&sb, json!({"deny_scope": "write_orders"})).await;
    let body = gql_json(&sb, UPDATE, uvars).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "ACCESS_DENIED");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("`write_orders`"));
    sb.shutdown().await;
}

/// `--orders 10000`: every order is reachable by paging, once, in number order, and the data is
/// the same for the same seed and size.
#[tokio::test]
async fn ten_thousand_orders_page_completely_and_deterministically() {
    let opts = Options {
        seed: 8,
        orders: 10_000,
        throttle: ThrottleSpec { maximum_available: 1e9, restore_rate: 1e9 },
        ..Options::default()
    };
    let (a, b) = (start(opts.clone()).await, start(opts).await);
    let q = "query($after: String) { orders(first: 250, after: $after) { nodes { id name createdAt } pageInfo { hasNextPage endCursor } } }";
    let mut after = Value::Null;
    let mut names = Vec::new();
    for page in 1.. {
        let body = gql_json(&a, q, json!({"after": after})).await;
        assert!(body.get("errors").is_none(), "{body}");
        let conn = &body["data"]["orders"];
        names.extend(
            conn["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap().to_string()),
        );
        if conn["pageInfo"]["hasNextPage"] == json!(false) {
            assert_eq!(page, 40);
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
        assert!(page < 41, "paging does not end");
    }
    let expected: Vec<String> = (1001..11_001).map(|n| format!("#{n}")).collect();
    assert_eq!(names, expected, "every order once, oldest first");

    // Same seed and size, same answers; #1001 is still the rich example.
    let ja = order_1001(&a).await;
    assert!(ja.get("errors").is_none(), "{ja}");
    assert_eq!(ja["data"], order_1001(&b).await["data"]);
    assert_eq!(ja["data"]["order"]["displayFinancialStatus"], "PARTIALLY_REFUNDED");
    let last = "{ orders(first: 1, query: \"name:#11000\") { nodes { id email totalPriceSet { shopMoney { amount } } customer { numberOfOrders } } } }";
    let (la, lb) = (gql_json(&a, last, Value::Null).await, gql_json(&b, last, Value::Null).await);
    assert_eq!(la["data"]["orders"]["nodes"].as_array().unwrap().len(), 1, "{la}");
    assert_eq!(la, lb);
    a.shutdown().await;
    b.shutdown().await;
}

/// Orders are rendered on demand from the seed, except those a write touched: lists, search,
/// sorting and cursors read the written state too, at any store size.
#[tokio::test]
async fn writes_show_in_lists_search_and_sorting_of_a_large_store() {
    let sb = start(Options {
        orders: 2000,
        throttle: ThrottleSpec { maximum_available: 1e9, restore_rate: 1e9 },
        ..Options::default()
    })
    .await;
    let id = unshipped_order(&sb).await;
    let legacy = id.as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let search = |q: &str| {
        format!(
            "{{ orders(first: 5, query: \"id:{legacy} {q}\") {{ nodes {{ id note updatedAt displayFulfillmentStatus fulfillmentOrders(first: 1) {{ nodes {{ id }} }} }} }} }}"
        )
    };
    let before = gql_json(&sb, &search(""), Value::Null).await;
    let order = before["data"]["orders"]["nodes"][0].clone();
    assert_eq!(order["id"], id, "{before}");
    assert_eq!(order["displayFulfillmentStatus"], "UNFULFILLED");

    let uvars = json!({"input": {"id": id, "note": "called the customer"}});
    let body = gql_json(&sb, UPDATE, uvars).await;
    assert_eq!(body["data"]["orderUpdate"]["userErrors"], json!([]), "{body}");
    assert_ne!(body["data"]["orderUpdate"]["order"]["updatedAt"], order["updatedAt"]);

    // The same order in a list read, and first when sorted by last update.
    let after = gql_json(&sb, &search(""), Value::Null).await;
    assert_eq!(after["data"]["orders"]["nodes"][0]["note"], "called the customer");
    let newest = gql_json(
        &sb,
        "{ orders(first: 2, sortKey: UPDATED_AT, reverse: true) { edges { cursor node { id note } } } }",
        Value::Null,
    )
    .await;
    let edges = newest["data"]["orders"]["edges"].as_array().unwrap();
    assert_eq!(edges[0]["node"]["id"], id, "{newest}");
    assert_eq!(edges[0]["node"]["note"], "called the customer");
    // Its cursor carries the written updatedAt and pages on from it.
    let next = gql_json(
        &sb,
        "query($a: String) { orders(first: 1, sortKey: UPDATED_AT, reverse: true, after: $a) { nodes { id } } }",
        json!({"a": edges[0]["cursor"]}),
    )
    .await;
    assert_eq!(next["data"]["orders"]["nodes"][0]["id"], edges[1]["node"]["id"], "{next}");
    let found = gql_json(&sb, &search("updated_at:>2026-11-02"), Value::Null).await;
    assert_eq!(found["data"]["orders"]["nodes"][0]["id"], id, "search reads the written updatedAt");

    // Ship everything: the list read and the fulfillment search follow, and the note stays.
    let fo_id = order["fulfillmentOrders"]["nodes"][0]["id"].clone();
    let ship = json!({"f": {"lineItemsByFulfillmentOrder": [{"fulfillmentOrderId": fo_id}]}});
    let body = gql_json(&sb, CREATE, ship).await;
    assert_eq!(body["data"]["fulfillmentCreate"]["userErrors"], json!([]), "{body}");
    let shipped = gql_json(&sb, &search("fulfillment_status:shipped"), Value::Null).await;
    let node = &shipped["data"]["orders"]["nodes"][0];
    assert_eq!(node["id"], id, "{shipped}");
    assert_eq!(node["displayFulfillmentStatus"], "FULFILLED");
    assert_eq!(node["note"], "called the customer");
    let unshipped = gql_json(&sb, &search("fulfillment_status:unshipped"), Value::Null).await;
    assert_eq!(unshipped["data"]["orders"]["nodes"], json!([]));
    sb.shutdown().await;
}
