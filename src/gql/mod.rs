//! A small, vendor-neutral GraphQL toolkit.
//!
//! Why hand-written: the sandbox must answer GraphQL exactly the way a vendor does (graphql-ruby
//! style error messages and codes, Shopify's cost model, null where Shopify returns null), and the
//! contract tests must compare our schemas and responses against a vendor's published
//! introspection. Full GraphQL servers (async-graphql, juniper) generate their own schema from
//! Rust types and their own error wording, which is the opposite of what an emulator needs.
//!
//! The pieces:
//! - [`Schema`]: types, fields, arguments, type references; from SDL or from introspection JSON.
//! - [`validate`]: parse + validate a document against a schema, giving a [`ParsedOp`] with
//!   fragments flattened and variables substituted, or Shopify-shaped [`GqlError`]s.
//! - [`execute`]: apply the client's selection to JSON value trees that are already in GraphQL
//!   shape; a [`Resolver`] hook computes root fields and argument-dependent fields
//!   (connections, `first:` on lists). [`connection`] pages a list into Relay shape.
//! - [`cost`]: a Shopify-like requested query cost.
//! - [`subset_check`] and [`check_response`]: contract tests.

mod schema;
mod validate;

use serde_json::{Map, Value as Json, json};

pub use schema::{DirectiveDef, FieldDef, InputValueDef, Schema, TypeDef, TypeKind, TypeRef, subset_check};
pub use validate::{check_json_input, validate};

/// A GraphQL error as Shopify (graphql-ruby) sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct GqlError {
    pub message: String,
    /// (line, column), one-based.
    pub locations: Vec<(usize, usize)>,
    pub path: Vec<Json>,
    pub extensions: Map<String, Json>,
}

impl GqlError {
    pub fn new(message: impl Into<String>) -> GqlError {
        GqlError { message: message.into(), locations: Vec::new(), path: Vec::new(), extensions: Map::new() }
    }
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.locations.push((line, column));
        self
    }
    pub fn path(mut self, path: Vec<Json>) -> Self {
        self.path = path;
        self
    }
    pub fn code(self, code: &str) -> Self {
        self.ext("code", json!(code))
    }
    pub fn ext(mut self, key: &str, value: Json) -> Self {
        self.extensions.insert(key.to_string(), value);
        self
    }
    /// The `extensions.code`, if any.
    pub fn code_str(&self) -> Option<&str> {
        self.extensions.get("code").and_then(Json::as_str)
    }
    pub fn to_json(&self) -> Json {
        let mut o = Map::new();
        o.insert("message".into(), json!(self.message));
        if !self.locations.is_empty() {
            o.insert(
                "locations".into(),
                self.locations.iter().map(|(l, c)| json!({"line": l, "column": c})).collect(),
            );
        }
        if !self.path.is_empty() {
            o.insert("path".into(), Json::Array(self.path.clone()));
        }
        if !self.extensions.is_empty() {
            o.insert("extensions".into(), Json::Object(self.extensions.clone()));
        }
        Json::Object(o)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    Query,
    Mutation,
}

/// A validated operation: fragments flattened into [`Selection`]s carrying their type condition,
/// argument values resolved to JSON (variables substituted; enum literals become strings).
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedOp {
    pub kind: OpKind,
    pub name: Option<String>,
    pub root_type: String,
    pub selection: Vec<Selection>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// Set when the field came from a fragment: it applies only to objects of that type.
    pub type_condition: Option<String>,
    pub field: FieldSel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldSel {
    /// The alias, or the field name.
    pub response_key: String,
    pub name: String,
    pub args: Map<String, Json>,
    pub selection: Vec<Selection>,
    pub line: usize,
    pub column: usize,
    /// Schema-defined directives on the field (`@idempotent(key: …)`), arguments resolved.
    pub directives: Vec<AppliedDirective>,
}

/// A schema-defined directive applied to a field, with its argument values (variables
/// substituted). `@skip` / `@include` are evaluated during validation and never appear here.
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedDirective {
    pub name: String,
    pub args: Map<String, Json>,
}

impl FieldSel {
    /// The directive `name` on this field, if applied.
    pub fn directive(&self, name: &str) -> Option<&AppliedDirective> {
        self.directives.iter().find(|d| d.name == name)
    }
    pub fn arg(&self, name: &str) -> Option<&Json> {
        self.args.get(name).filter(|v| !v.is_null())
    }
    pub fn arg_i64(&self, name: &str) -> Option<i64> {
        self.arg(name).and_then(Json::as_i64)
    }
    pub fn arg_str(&self, name: &str) -> Option<&str> {
        self.arg(name).and_then(Json::as_str)
    }
    pub fn arg_bool(&self, name: &str) -> Option<bool> {
        self.arg(name).and_then(Json::as_bool)
    }
}

/// Computes fields whose value depends on arguments or on the server's state.
pub trait Resolver {
    /// Resolves `field` on an object of type `parent_type` whose raw value is `parent`. Return
    /// `None` to take `parent[field.name]` unchanged; `Some(Err(message))` records a field error
    /// and yields null.
    fn resolve(&self, parent_type: &str, field: &FieldSel, parent: &Json) -> Option<Result<Json, String>>;
}

/// The resolver that resolves nothing: plain projection.
pub struct NoResolver;
impl Resolver for NoResolver {
    fn resolve(&self, _: &str, _: &FieldSel, _: &Json) -> Option<Result<Json, String>> {
        None
    }
}

/// Applies `op`'s selection to `root` (the raw value of the root type), with null propagation
/// per the spec. Returns `data` and any field errors.
pub fn execute(
    schema: &Schema,
    op: &ParsedOp,
    root: &Json,
    resolver: &dyn Resolver,
) -> (Json, Vec<GqlError>) {
    let mut ex = Exec { schema, resolver, errors: Vec::new() };
    let mut path = Vec::new();
    let data = ex.object(&op.root_type, &op.selection, root, &mut path).unwrap_or(Json::Null);
    (data, ex.errors)
}

/// Marks a null already reported, travelling up to the nearest nullable position.
struct Bubble;

struct Exec<'a> {
    schema: &'a Schema,
    resolver: &'a dyn Resolver,
    errors: Vec<GqlError>,
}

impl Exec<'_> {
    fn object(
        &mut self,
        type_name: &str,
        sels: &[Selection],
        raw: &Json,
        path: &mut Vec<Json>,
    ) -> Result<Json, Bubble> {
        let concrete = match self.schema.get(type_name).map(|t| t.kind) {
            Some(TypeKind::Interface | TypeKind::Union) => {
                raw["__typename"].as_str().unwrap_or(type_name).to_string()
            }
            _ => type_name.to_string(),
        };
        let mut out = Map::new();
        for s in sels {
            if let Some(c) = &s.type_condition
                && !self.schema.type_applies(c, &concrete)
            {
                continue;
            }
            let f = &s.field;
            if f.name == "__typename" {
                out.insert(f.response_key.clone(), json!(concrete));
                continue;
            }
            let Some(def) = self.schema.get(&concrete).and_then(|t| t.field(&f.name)) else {
                continue;
            };
            path.push(json!(f.response_key));
            let value = match self.resolver.resolve(&concrete, f, raw) {
                None => raw.get(&f.name).cloned().unwrap_or(Json::Null),
                Some(Ok(v)) => v,
                Some(Err(message)) => {
                    self.errors.push(GqlError::new(message).at(f.line, f.column).path(path.clone()));
                    Json::Null
                }
            };
            let done = self.complete(&def.ty.clone(), f, &value, path);
            path.pop();
            let v = done?;
            match (out.get_mut(&f.response_key), v) {
                (Some(Json::Object(existing)), Json::Object(new)) => existing.extend(new),
                (_, v) => {
                    out.insert(f.response_key.clone(), v);
                }
            }
        }
        Ok(Json::Object(out))
    }

    fn complete(
        &mut self,
        ty: &TypeRef,
        f: &FieldSel,
        raw: &Json,
        path: &mut Vec<Json>,
    ) -> Result<Json, Bubble> {
        match ty {
            TypeRef::NonNull(inner) => match self.complete_inner(inner, f, raw, path)? {
                Json::Null => {
                    self.errors.push(
                        GqlError::new(format!("Cannot return null for non-nullable field {}", f.name))
                            .at(f.line, f.column)
                            .path(path.clone()),
                    );
                    Err(Bubble)
                }
                v => Ok(v),
            },
            t => Ok(self.complete_inner(t, f, raw, path).unwrap_or(Json::Null)),
        }
    }

    fn complete_inner(
        &mut self,
        ty: &TypeRef,
        f: &FieldSel,
        raw: &Json,
        path: &mut Vec<Json>,
    ) -> Result<Json, Bubble> {
        if raw.is_null() {
            return Ok(Json::Null);
        }
        match ty {
            TypeRef::NonNull(_) => self.complete(ty, f, raw, path),
            TypeRef::List(inner) => {
                let items = match raw {
                    Json::Array(a) => a.as_slice(),
                    other => std::slice::from_ref(other),
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    path.push(json!(i));
                    let r = self.complete(inner, f, item, path);
                    path.pop();
                    out.push(r?);
                }
                Ok(Json::Array(out))
            }
            TypeRef::Named(n) => match self.schema.get(n).map(|t| t.kind) {
                Some(TypeKind::Object | TypeKind::Interface | TypeKind::Union) => {
                    self.object(n, &f.selection, raw, path)
                }
                _ => Ok(raw.clone()),
            },
        }
    }
}

/// Pages `items` into a Relay connection `{edges{cursor node}, nodes, pageInfo}` per the
/// arguments `first`/`after`/`last`/`before`/`reverse` of `field`. `cursor_of` gives each item's
/// opaque cursor. Like Shopify, one of `first`/`last` is required and neither may exceed `max`.
pub fn connection(
    items: &[Json],
    field: &FieldSel,
    max: i64,
    cursor_of: &dyn Fn(&Json) -> String,
) -> Result<Json, String> {
    let cursors: Vec<String> = items.iter().map(cursor_of).collect();
    connection_with(items.len(), field, max, &|i| cursors[i].clone(), &|i| items[i].clone(), &|c| {
        cursors.iter().position(|x| x == c)
    })
}

/// [`connection`] over a list that is not materialised: `len` items, the cursor and node of item
/// `i` made on demand (only for the page), and `find` locating the item a cursor names. For long
/// lists (the sandbox's 10,000-order stores) this keeps a page's cost near the page's size.
pub fn connection_with(
    len: usize,
    field: &FieldSel,
    max: i64,
    cursor_at: &dyn Fn(usize) -> String,
    node_at: &dyn Fn(usize) -> Json,
    find: &dyn Fn(&str) -> Option<usize>,
) -> Result<Json, String> {
    let first = field.arg_i64("first");
    let last = field.arg_i64("last");
    if first.is_none() && last.is_none() {
        return Err("you must provide one of first or last".to_string());
    }
    for (name, v) in [("first", first), ("last", last)] {
        if let Some(n) = v {
            if n > max {
                return Err(format!("The '{name}' argument cannot exceed {max}."));
            }
            if n < 0 {
                return Err(format!("The '{name}' argument must be non-negative."));
            }
        }
    }
    // Positions below are in the order served; `item` maps them to the caller's indices.
    let reverse = field.arg_bool("reverse") == Some(true);
    let item = |p: usize| if reverse { len - 1 - p } else { p };
    let mut start = 0usize;
    let mut end = len;
    if let Some(after) = field.arg_str("after") {
        start = find(after).map_or(len, |i| item(i) + 1);
    }
    if let Some(before) = field.arg_str("before") {
        end = find(before).map_or(end, item);
    }
    let end = end.max(start);
    let (mut lo, mut hi) = (start, end);
    if let Some(n) = first {
        hi = hi.min(lo + n as usize);
    }
    if let Some(n) = last {
        lo = lo.max(hi.saturating_sub(n as usize));
    }
    let cursors: Vec<String> = (lo..hi).map(|p| cursor_at(item(p))).collect();
    let nodes: Vec<Json> = (lo..hi).map(|p| node_at(item(p))).collect();
    // Built by hand, not with `json!`: the macro would re-serialise every node, which made a
    // page of 250 orders take half a second.
    let selected = |name: &str| field.selection.iter().any(|s| s.field.name == name);
    let mut out = Map::new();
    out.insert(
        "pageInfo".into(),
        json!({
            "hasNextPage": hi < len,
            "hasPreviousPage": lo > 0,
            "startCursor": cursors.first(),
            "endCursor": cursors.last(),
        }),
    );
    if selected("edges") {
        let edges = nodes.iter().zip(&cursors).map(|(n, c)| {
            let mut e = Map::new();
            e.insert("cursor".into(), Json::String(c.clone()));
            e.insert("node".into(), n.clone());
            Json::Object(e)
        });
        out.insert("edges".into(), Json::Array(edges.collect()));
    }
    if selected("nodes") {
        out.insert("nodes".into(), Json::Array(nodes));
    }
    Ok(Json::Object(out))
}

/// Shopify-like requested query cost. Our approximation of Shopify's published rules:
/// - scalar and enum fields cost 0; `__typename` costs 0;
/// - an object field costs 1 plus its selection;
/// - a connection field (type name ending in `Connection`) costs 2 plus `first` (or `last`,
///   default 1) × the cost of one node: the node object's 1 plus its selection, taken from
///   `edges { node }` and `nodes` (whichever is larger); `pageInfo` and `edges` are free;
/// - a list of objects with a `first` argument costs `first` × the object's cost;
/// - each root field of a mutation costs 10 plus its selection.
pub fn cost(schema: &Schema, op: &ParsedOp) -> u32 {
    let root = op.root_type.as_str();
    op.selection
        .iter()
        .map(|s| {
            let c = field_cost(schema, root, &s.field);
            if op.kind == OpKind::Mutation { 10 + c.saturating_sub(1) } else { c }
        })
        .fold(0u32, u32::saturating_add)
}

fn field_cost(schema: &Schema, parent: &str, f: &FieldSel) -> u32 {
    let Some(def) = schema.get(parent).and_then(|t| t.field(&f.name)) else {
        return 0;
    };
    let Some(target) = schema.get(def.ty.base()) else {
        return 0;
    };
    if target.kind.is_leaf() {
        return 0;
    }
    let count = f.arg_i64("first").or_else(|| f.arg_i64("last")).unwrap_or(1).max(0) as u32;
    let sel_cost = |type_name: &str, sels: &[Selection]| -> u32 {
        sels.iter().map(|s| field_cost(schema, type_name, &s.field)).fold(0, u32::saturating_add)
    };
    if target.name.ends_with("Connection") {
        let mut node_cost = 0u32;
        for s in &f.selection {
            let sub = &s.field;
            match sub.name.as_str() {
                "edges" => {
                    let edge_type =
                        target.field("edges").map(|d| d.ty.base().to_string()).unwrap_or_default();
                    for e in &sub.selection {
                        if e.field.name == "node" {
                            let nt = schema
                                .get(&edge_type)
                                .and_then(|t| t.field("node"))
                                .map(|d| d.ty.base().to_string())
                                .unwrap_or_default();
                            node_cost = node_cost.max(1 + sel_cost(&nt, &e.field.selection));
                        }
                    }
                }
                "nodes" => {
                    let nt = target.field("nodes").map(|d| d.ty.base().to_string()).unwrap_or_default();
                    node_cost = node_cost.max(1 + sel_cost(&nt, &sub.selection));
                }
                _ => {}
            }
        }
        return 2u32.saturating_add(count.saturating_mul(node_cost));
    }
    let one = 1 + sel_cost(&target.name, &f.selection);
    if matches!(def.ty.nullable(), TypeRef::List(_)) && f.arg("first").is_some() {
        count.saturating_mul(one)
    } else {
        one
    }
}

/// Contract check: does `data` conform to `schema` for `op`? Every selected key must be present,
/// no others; nulls only where nullable; lists are arrays; scalars have their JSON type (custom
/// scalars such as `Decimal`, `DateTime`, `UnsignedInt64`, `URL`, `Money` are strings, as Shopify
/// serialises them); enum values are declared. Returns the violations with their JSON paths.
pub fn check_response(schema: &Schema, op: &ParsedOp, data: &Json) -> Vec<String> {
    let mut out = Vec::new();
    check_object(schema, &op.root_type, &op.selection, data, "data", &mut out);
    out
}

fn check_object(
    schema: &Schema,
    type_name: &str,
    sels: &[Selection],
    v: &Json,
    path: &str,
    out: &mut Vec<String>,
) {
    let Some(obj) = v.as_object() else {
        out.push(format!("{path}: expected an object of type {type_name}, got {v}"));
        return;
    };
    let concrete = match schema.get(type_name).map(|t| t.kind) {
        Some(TypeKind::Interface | TypeKind::Union) => match obj.get("__typename").and_then(Json::as_str) {
            Some(t) => t.to_string(),
            None => type_name.to_string(),
        },
        _ => type_name.to_string(),
    };
    let mut expected = std::collections::BTreeSet::new();
    for s in sels {
        if let Some(c) = &s.type_condition
            && !schema.type_applies(c, &concrete)
        {
            continue;
        }
        let f = &s.field;
        expected.insert(f.response_key.clone());
        let p = format!("{path}.{}", f.response_key);
        let Some(val) = obj.get(&f.response_key) else {
            out.push(format!("{p}: missing"));
            continue;
        };
        if f.name == "__typename" {
            if val.as_str() != Some(concrete.as_str()) {
                out.push(format!("{p}: __typename should be {concrete}, got {val}"));
            }
            continue;
        }
        match schema.get(&concrete).and_then(|t| t.field(&f.name)) {
            Some(def) => check_value(schema, &def.ty, f, val, &p, out),
            None => out.push(format!("{p}: field {} is not defined on {concrete}", f.name)),
        }
    }
    for k in obj.keys() {
        if !expected.contains(k) {
            out.push(format!("{path}.{k}: not selected"));
        }
    }
}

fn check_value(schema: &Schema, ty: &TypeRef, f: &FieldSel, v: &Json, path: &str, out: &mut Vec<String>) {
    match ty {
        TypeRef::NonNull(inner) => {
            if v.is_null() {
                out.push(format!("{path}: null for non-null type {ty}"));
            } else {
                check_value(schema, inner, f, v, path, out);
            }
        }
        _ if v.is_null() => {}
        TypeRef::List(inner) => match v.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_value(schema, inner, f, item, &format!("{path}[{i}]"), out);
                }
            }
            None => out.push(format!("{path}: expected a list {ty}, got {v}")),
        },
        TypeRef::Named(n) => {
            let Some(td) = schema.get(n) else {
                out.push(format!("{path}: unknown type {n}"));
                return;
            };
            let ok = match td.kind {
                TypeKind::Object | TypeKind::Interface | TypeKind::Union => {
                    check_object(schema, n, &f.selection, v, path, out);
                    return;
                }
                TypeKind::Enum => v.as_str().is_some_and(|s| td.enum_values.iter().any(|e| e == s)),
                TypeKind::Scalar => match n.as_str() {
                    "Int" => v.as_i64().is_some_and(|i| i32::try_from(i).is_ok()),
                    "Float" => v.is_number(),
                    "Boolean" => v.is_boolean(),
                    "JSON" => true,
                    _ => v.is_string(),
                },
                TypeKind::InputObject => false,
            };
            if !ok {
                out.push(format!("{path}: {v} is not a valid {n}"));
            }
        }
    }
}

#[cfg(test)]
mod tests;
