use serde_json::json;

use super::*;

const SDL: &str = r#"
scalar Decimal
type QueryRoot {
  order(id: ID!): Order
  orders(first: Int, after: String, query: String, sortKey: OrderSortKeys = ID): OrderConnection!
  node(id: ID!): Node
}
interface Node { id: ID! }
type Order implements Node {
  id: ID!
  name: String!
  total: Decimal!
  status: Status
  lines(first: Int): [Line!]!
  customer: Customer
}
type Customer implements Node { id: ID! email: String }
type Line { sku: String qty: Int! }
type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! }
type OrderEdge { cursor: String! node: Order! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
enum Status { OPEN CLOSED }
enum OrderSortKeys { ID CREATED_AT }
input Filter { status: Status! note: String }
type Mutation { close(id: ID!, filter: Filter): Order }
"#;

fn schema() -> Schema {
    Schema::from_sdl(SDL).unwrap()
}

fn errors(doc: &str, vars: serde_json::Value) -> Vec<GqlError> {
    validate(&schema(), doc, &vars, None).unwrap_err()
}

fn codes(doc: &str) -> Vec<String> {
    errors(doc, json!({})).iter().map(|e| e.code_str().unwrap_or("-").to_string()).collect()
}

#[test]
fn valid_documents_pass() {
    let s = schema();
    let doc = r#"
      query Q($id: ID!, $n: Int = 5) {
        order(id: $id) { id ...F lines(first: $n) { sku } t: __typename }
        orders(first: 10, sortKey: CREATED_AT) { edges { cursor node { id } } pageInfo { hasNextPage } }
        node(id: "1") { id ... on Order { name } ... on Customer { email } }
      }
      fragment F on Order { name total status customer { email } }
    "#;
    let op = validate(&s, doc, &json!({"id": "gid://x/Order/1"}), None).unwrap();
    assert_eq!(op.selection.len(), 3);
    let order = &op.selection[0].field;
    assert_eq!(order.args["id"], json!("gid://x/Order/1"));
    let lines = order.selection.iter().find(|s| s.field.name == "lines").unwrap();
    assert_eq!(lines.field.args["first"], json!(5));
    assert!(
        order
            .selection
            .iter()
            .any(|s| s.field.name == "name" && s.type_condition.as_deref() == Some("Order"))
    );
    assert_eq!(op.selection[1].field.args["sortKey"], json!("CREATED_AT"));
}

#[test]
fn undefined_field_is_shaped_like_shopify() {
    let e = errors("{\n  order(id: \"1\") {\n    foo\n  }\n}", json!({}));
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].to_json(),
        json!({
            "message": "Field 'foo' doesn't exist on type 'Order'",
            "locations": [{"line": 3, "column": 5}],
            "path": ["query", "order", "foo"],
            "extensions": {"code": "undefinedField", "typeName": "Order", "fieldName": "foo"}
        })
    );
}

#[test]
fn argument_and_selection_rules() {
    assert_eq!(codes("{ order(id: \"1\", foo: 1) { id } }"), ["argumentNotAccepted"]);
    assert_eq!(codes("{ order { id } }"), ["missingRequiredArguments"]);
    assert_eq!(codes("{ order(id: \"1\") { customer } }"), ["selectionMismatch"]);
    assert_eq!(codes("{ order(id: \"1\") { id { x } } }"), ["selectionMismatch"]);
    assert_eq!(
        codes("{ orders(first: 1, sortKey: NAME) { nodes { id } } }"),
        ["argumentLiteralsIncompatible"]
    );
    assert_eq!(codes("{ orders(first: \"1\") { nodes { id } } }"), ["argumentLiteralsIncompatible"]);
    assert!(codes_ok("{ order(id: 12) { id } }").is_empty());
    assert_eq!(codes("{ order(id: \"1\") { ...Missing } }"), ["useAndDefineFragment"]);
    assert_eq!(codes("{ order(id: \"1\") { ... on Nope { id } } }"), ["undefinedType"]);
    assert_eq!(
        codes("{ order(id: \"1\") { ...A } } fragment A on Order { ...B } fragment B on Order { ...A }"),
        ["infiniteLoop"]
    );
    assert_eq!(codes("{ order(id: \"1\") { id } "), ["parseError"]);
    assert_eq!(codes("{ order(id: \"1\") { id } } fragment U on Order { id }"), ["useAndDefineFragment"]);
    assert_eq!(
        codes("mutation { close(id: \"1\", filter: {note: \"x\"}) { id } }"),
        ["argumentLiteralsIncompatible"]
    );
    assert!(
        validate(&schema(), "mutation { close(id: \"1\", filter: {status: OPEN}) { id } }", &json!({}), None)
            .is_ok()
    );
}

/// `codes` for a document that must validate: always empty.
fn codes_ok(doc: &str) -> Vec<String> {
    assert!(validate(&schema(), doc, &json!({}), None).is_ok(), "{doc} should validate");
    Vec::new()
}

#[test]
fn skip_and_include() {
    let s = schema();
    let doc = "query($a: Boolean!) { order(id: \"1\") { id name @skip(if: $a) total @include(if: $a) ... on Order @include(if: false) { status } } }";
    let op = validate(&s, doc, &json!({"a": true}), None).unwrap();
    let names: Vec<_> = op.selection[0].field.selection.iter().map(|s| s.field.name.as_str()).collect();
    assert_eq!(names, ["id", "total"]);
    assert_eq!(codes("{ order(id: \"1\") { id @deprecated } }"), ["undefinedDirective"]);
    assert_eq!(codes("{ order(id: \"1\") { id @skip(if: 1) } }"), ["argumentLiteralsIncompatible"]);
}

#[test]
fn variable_rules() {
    let c = |doc: &str, vars| -> Vec<String> {
        match validate(&schema(), doc, &vars, None) {
            Ok(_) => Vec::new(),
            Err(e) => e.iter().map(|e| e.code_str().unwrap_or("-").to_string()).collect(),
        }
    };
    assert_eq!(c("query($id: ID) { order(id: $id) { id } }", json!({"id": "1"})), ["variableMismatch"]);
    assert_eq!(
        c("query($n: String) { orders(first: $n) { nodes { id } } }", json!({})),
        ["variableMismatch"]
    );
    assert_eq!(c("{ order(id: $id) { id } }", json!({})), ["variableNotDefined"]);
    assert_eq!(
        c("query($id: ID!, $x: Int) { order(id: $id) { id } }", json!({"id": "1"})),
        ["variableNotUsed"]
    );
    assert_eq!(c("query($id: ID!) { order(id: $id) { id } }", json!({})), ["invalidVariable"]);
    assert_eq!(
        c("query($n: Int) { orders(first: $n) { nodes { id } } }", json!({"n": "x"})),
        ["invalidVariable"]
    );
    assert!(c("query($id: ID = \"1\") { order(id: $id) { id } }", json!({})).is_empty());
    let msg = errors("query($id: ID) { order(id: $id) { id } }", json!({}))[0].message.clone();
    assert_eq!(msg, "Nullability mismatch on variable $id and argument id (ID / ID!)");
}

struct Root;
impl Resolver for Root {
    fn resolve(
        &self,
        parent: &str,
        f: &FieldSel,
        raw: &serde_json::Value,
    ) -> Option<Result<serde_json::Value, String>> {
        match (parent, f.name.as_str()) {
            ("QueryRoot", "order") => Some(Ok(json!({
                "id": "o1", "name": "#1001", "total": "10.0", "status": "OPEN",
                "lines": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}],
                "customer": {"id": "c1", "email": "x@y"}
            }))),
            ("QueryRoot", "orders") => {
                let items: Vec<_> =
                    (1..=5).map(|i| json!({"id": format!("o{i}"), "name": format!("#{i}")})).collect();
                Some(connection(&items, f, 250, &|n| n["id"].as_str().unwrap().to_string()))
            }
            ("QueryRoot", "node") => Some(Ok(json!({"__typename": "Customer", "id": "c1", "email": "x@y"}))),
            ("Order", "lines") => {
                let n = f.arg_i64("first").unwrap_or(100) as usize;
                Some(Ok(json!(raw["lines"].as_array().unwrap().iter().take(n).cloned().collect::<Vec<_>>())))
            }
            ("Order", "customer") if f.args.is_empty() => None,
            _ => None,
        }
    }
}

#[test]
fn execute_projects_aliases_fragments_and_typename() {
    let s = schema();
    let doc = r#"{
      o: order(id: "1") { __typename name ...F lines(first: 1) { sku } }
      node(id: "c1") { __typename id ... on Order { name } ... on Customer { email } }
    }
    fragment F on Order { customer { email } }"#;
    let op = validate(&s, doc, &json!({}), None).unwrap();
    let (data, errs) = execute(&s, &op, &json!({}), &Root);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(
        data,
        json!({
            "o": {"__typename": "Order", "name": "#1001", "customer": {"email": "x@y"}, "lines": [{"sku": "A"}]},
            "node": {"__typename": "Customer", "id": "c1", "email": "x@y"}
        })
    );
    assert!(check_response(&s, &op, &data).is_empty(), "{:?}", check_response(&s, &op, &data));
}

#[test]
fn connections_page_with_cursors() {
    let s = schema();
    let run = |doc: &str| {
        let op = validate(&s, doc, &json!({}), None).unwrap();
        execute(&s, &op, &json!({}), &Root)
    };
    let (d, _) = run("{ orders(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } } }");
    assert_eq!(d["orders"]["nodes"], json!([{"id": "o1"}, {"id": "o2"}]));
    assert_eq!(d["orders"]["pageInfo"], json!({"hasNextPage": true, "endCursor": "o2"}));
    let (d, _) = run(
        "{ orders(first: 10, after: \"o4\") { edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }",
    );
    assert_eq!(d["orders"]["edges"], json!([{"cursor": "o5"}]));
    assert_eq!(d["orders"]["pageInfo"], json!({"hasNextPage": false, "hasPreviousPage": true}));
    let (d, e) = run("{ orders(first: 251) { nodes { id } } }");
    assert_eq!(d, serde_json::Value::Null, "a non-null root field error nulls data");
    assert_eq!(e[0].message, "The 'first' argument cannot exceed 250.");
    assert_eq!(e[0].path, vec![json!("orders")]);
}

#[test]
fn null_propagates_to_the_nearest_nullable_parent() {
    struct Bad;
    impl Resolver for Bad {
        fn resolve(
            &self,
            parent: &str,
            f: &FieldSel,
            _: &serde_json::Value,
        ) -> Option<Result<serde_json::Value, String>> {
            (parent == "QueryRoot" && f.name == "order").then(|| Ok(json!({"id": "o1", "name": null})))
        }
    }
    let s = schema();
    let op = validate(&s, "{ order(id: \"1\") { id name } }", &json!({}), None).unwrap();
    let (d, e) = execute(&s, &op, &json!({}), &Bad);
    assert_eq!(d, json!({"order": null}));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].path, vec![json!("order"), json!("name")]);
    // And check_response notices a bad answer.
    let bad = json!({"order": {"id": "o1", "name": null, "extra": 1}});
    let v = check_response(&s, &op, &bad);
    assert_eq!(v.len(), 2, "{v:?}");
}

#[test]
fn cost_follows_the_documented_approximation() {
    let s = schema();
    let c = |doc: &str| cost(&s, &validate(&s, doc, &json!({}), None).unwrap());
    assert_eq!(c("{ order(id: \"1\") { id name } }"), 1);
    assert_eq!(c("{ order(id: \"1\") { id customer { email } } }"), 2);
    assert_eq!(c("{ orders(first: 10) { edges { node { id } } pageInfo { hasNextPage } } }"), 12);
    assert_eq!(c("{ orders(first: 10) { nodes { id customer { id } } } }"), 22);
    assert_eq!(c("{ order(id: \"1\") { lines(first: 5) { sku } } }"), 6);
    assert_eq!(c("mutation { close(id: \"1\") { id } }"), 10);
}

#[test]
fn subset_check_reports_differences() {
    let full = schema();
    let sub =
        Schema::from_sdl("type QueryRoot { order(id: ID!): Order } type Order { id: ID! name: String! } ")
            .unwrap();
    assert!(subset_check(&sub, &full).is_empty(), "{:?}", subset_check(&sub, &full));
    let bad = Schema::from_sdl(
        "type QueryRoot { order(id: ID, x: Int): Order } type Order { id: ID name: String! nope: Int } enum Status { OPEN WEIRD }",
    )
    .unwrap();
    let v = subset_check(&bad, &full);
    assert!(v.iter().any(|m| m.contains("order(id)") && m.contains("ID!")), "{v:?}");
    assert!(v.iter().any(|m| m.contains("order(x) does not exist")), "{v:?}");
    assert!(v.iter().any(|m| m.contains("Order.id is ID but ID!")), "{v:?}");
    assert!(v.iter().any(|m| m.contains("Order.nope does not exist")), "{v:?}");
    assert!(v.iter().any(|m| m.contains("Status.WEIRD")), "{v:?}");
}

#[test]
fn introspection_round_trip() {
    let intro = json!({"data": {"__schema": {
    "queryType": {"name": "QueryRoot"}, "mutationType": null,
    "types": [
        {"kind": "OBJECT", "name": "QueryRoot", "fields": [
            {"name": "order", "args": [{"name": "id", "type": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "name": "ID"}}, "defaultValue": null}],
             "type": {"kind": "OBJECT", "name": "Order"}}]},
        {"kind": "OBJECT", "name": "Order", "fields": [
            {"name": "id", "args": [], "type": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "name": "ID"}}},
            {"name": "tags", "args": [], "type": {"kind": "NON_NULL", "ofType": {"kind": "LIST", "ofType": {"kind": "NON_NULL", "ofType": {"kind": "SCALAR", "name": "String"}}}}}]},
        {"kind": "SCALAR", "name": "ID"}, {"kind": "SCALAR", "name": "String"}
    ]}}});
    let s = Schema::from_introspection(&intro).unwrap();
    assert_eq!(s.get("Order").unwrap().field("tags").unwrap().ty.to_string(), "[String!]!");
    let sub =
        Schema::from_sdl("type QueryRoot { order(id: ID!): Order } type Order { tags: [String!]! }").unwrap();
    assert!(subset_check(&sub, &s).is_empty());
}

#[test]
fn schema_directives_are_checked_and_handed_to_the_field() {
    let sdl = format!("{SDL}\ndirective @idempotent(key: String!) on FIELD\n");
    let s = Schema::from_sdl(&sdl).unwrap();
    assert!(s.directives.contains_key("idempotent") && !s.directives.contains_key("skip"));
    let doc = "mutation($k: String!) { close(id: \"1\") @idempotent(key: $k) { id } }";
    let op = validate(&s, doc, &json!({"k": "abc"}), None).unwrap();
    let d = op.selection[0].field.directive("idempotent").unwrap();
    assert_eq!(d.args["key"], json!("abc"));
    let c = |doc: &str| -> Vec<String> {
        validate(&s, doc, &json!({}), None)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.code_str().unwrap_or("-").to_string())
            .collect()
    };
    assert!(c("mutation { close(id: \"1\") @idempotent(key: \"k\") { id } }").is_empty());
    assert_eq!(c("mutation { close(id: \"1\") @idempotent { id } }"), ["missingRequiredArguments"]);
    assert_eq!(
        c("mutation { close(id: \"1\") @idempotent(key: 1) { id } }"),
        ["argumentLiteralsIncompatible"]
    );
    assert_eq!(
        c("mutation { close(id: \"1\") @idempotent(key: \"k\", x: 1) { id } }"),
        ["argumentNotAccepted"]
    );
    assert_eq!(
        c("mutation { close(id: \"1\") { ... on Order @idempotent(key: \"k\") { id } } }"),
        ["directiveCannotBeApplied"]
    );
    // A schema without it still refuses it; a subset check sees a directive the full one lacks.
    assert_eq!(codes("{ order(id: \"1\") { id @idempotent(key: \"k\") } }"), ["undefinedDirective"]);
    assert_eq!(subset_check(&s, &schema()), ["directive @idempotent does not exist"]);
    assert!(subset_check(&schema(), &s).is_empty());
}
