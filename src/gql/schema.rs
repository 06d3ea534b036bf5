//! The schema model: just enough of GraphQL's type system to validate documents, project results
//! and compare two schemas. Built from SDL (our hand-written emulator subsets) or from an
//! introspection result (the vendors' published contracts).

use std::collections::BTreeMap;
use std::fmt;

use graphql_parser::schema as sdl;
use serde_json::Value;

/// A type reference such as `[Order!]!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    Named(String),
    List(Box<TypeRef>),
    NonNull(Box<TypeRef>),
}

impl TypeRef {
    /// The innermost named type (`Order` for `[Order!]!`).
    pub fn base(&self) -> &str {
        match self {
            TypeRef::Named(n) => n,
            TypeRef::List(t) | TypeRef::NonNull(t) => t.base(),
        }
    }
    pub fn is_non_null(&self) -> bool {
        matches!(self, TypeRef::NonNull(_))
    }
    /// The type with one outer `!` removed, if any.
    pub fn nullable(&self) -> &TypeRef {
        match self {
            TypeRef::NonNull(t) => t,
            t => t,
        }
    }
    pub(crate) fn from_ast<'a>(t: &sdl::Type<'a, String>) -> TypeRef {
        match t {
            sdl::Type::NamedType(n) => TypeRef::Named(n.clone()),
            sdl::Type::ListType(t) => TypeRef::List(Box::new(TypeRef::from_ast(t))),
            sdl::Type::NonNullType(t) => TypeRef::NonNull(Box::new(TypeRef::from_ast(t))),
        }
    }
    fn from_introspection(v: &Value) -> Result<TypeRef, String> {
        let kind = v["kind"].as_str().unwrap_or_default();
        match kind {
            "NON_NULL" => Ok(TypeRef::NonNull(Box::new(Self::from_introspection(&v["ofType"])?))),
            "LIST" => Ok(TypeRef::List(Box::new(Self::from_introspection(&v["ofType"])?))),
            _ => v["name"]
                .as_str()
                .map(|n| TypeRef::Named(n.to_string()))
                .ok_or_else(|| format!("type reference without a name: {v}")),
        }
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Named(n) => f.write_str(n),
            TypeRef::List(t) => write!(f, "[{t}]"),
            TypeRef::NonNull(t) => write!(f, "{t}!"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    Interface,
    Enum,
    Scalar,
    InputObject,
    Union,
}

impl TypeKind {
    pub fn is_leaf(self) -> bool {
        matches!(self, TypeKind::Enum | TypeKind::Scalar)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            TypeKind::Object => "OBJECT",
            TypeKind::Interface => "INTERFACE",
            TypeKind::Enum => "ENUM",
            TypeKind::Scalar => "SCALAR",
            TypeKind::InputObject => "INPUT_OBJECT",
            TypeKind::Union => "UNION",
        }
    }
}

/// An argument or input-object field.
#[derive(Debug, Clone, PartialEq)]
pub struct InputValueDef {
    pub name: String,
    pub ty: TypeRef,
    pub has_default: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    pub name: String,
    pub args: Vec<InputValueDef>,
    pub ty: TypeRef,
}

impl FieldDef {
    pub fn arg(&self, name: &str) -> Option<&InputValueDef> {
        self.args.iter().find(|a| a.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    pub fields: Vec<FieldDef>,
    pub interfaces: Vec<String>,
    /// Members of a union, or implementors of an interface.
    pub possible_types: Vec<String>,
    pub enum_values: Vec<String>,
    pub input_fields: Vec<InputValueDef>,
}

impl TypeDef {
    fn new(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.to_string(),
            kind,
            fields: Vec::new(),
            interfaces: Vec::new(),
            possible_types: Vec::new(),
            enum_values: Vec::new(),
            input_fields: Vec::new(),
        }
    }
    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A directive the schema defines (beyond the built-in `@skip` / `@include`), e.g. Shopify's
/// `@idempotent(key: String!) on FIELD`.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectiveDef {
    pub name: String,
    pub args: Vec<InputValueDef>,
    /// Where it may appear: `FIELD`, `FRAGMENT_SPREAD`, `INLINE_FRAGMENT`, …
    pub locations: Vec<String>,
}

/// A GraphQL schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub query_type: String,
    pub mutation_type: Option<String>,
    pub types: BTreeMap<String, TypeDef>,
    /// Defined directives by name, without the built-in `skip` and `include`.
    pub directives: BTreeMap<String, DirectiveDef>,
}

/// Directives every schema has; validation evaluates them itself.
const BUILTIN_DIRECTIVES: [&str; 4] = ["skip", "include", "deprecated", "specifiedBy"];

const BUILTIN_SCALARS: [&str; 5] = ["Int", "Float", "String", "Boolean", "ID"];

impl Schema {
    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

    /// Whether `object_type` satisfies a fragment's type condition `cond`.
    pub fn type_applies(&self, cond: &str, object_type: &str) -> bool {
        if cond == object_type {
            return true;
        }
        match self.get(cond) {
            Some(t) => {
                t.possible_types.iter().any(|p| p == object_type)
                    || self.get(object_type).is_some_and(|o| o.interfaces.iter().any(|i| i == cond))
            }
            None => false,
        }
    }

    /// Parses SDL. Built-in scalars are added; `schema { query: … }` is honoured, otherwise the
    /// query root is `QueryRoot` if present, else `Query`.
    pub fn from_sdl(text: &str) -> Result<Schema, String> {
        let doc = sdl::parse_schema::<String>(text).map_err(|e| e.to_string())?;
        let mut types = BTreeMap::new();
        let mut query_type = None;
        let mut mutation_type = None;
        let mut directives = BTreeMap::new();
        let fields = |fs: &[sdl::Field<'_, String>]| -> Vec<FieldDef> {
            fs.iter()
                .map(|f| FieldDef {
                    name: f.name.clone(),
                    args: f.arguments.iter().map(input_value).collect(),
                    ty: TypeRef::from_ast(&f.field_type),
                })
                .collect()
        };
        for def in &doc.definitions {
            match def {
                sdl::Definition::SchemaDefinition(s) => {
                    query_type = s.query.clone();
                    mutation_type = s.mutation.clone();
                }
                sdl::Definition::TypeDefinition(td) => {
                    let t = match td {
                        sdl::TypeDefinition::Scalar(s) => TypeDef::new(&s.name, TypeKind::Scalar),
                        sdl::TypeDefinition::Object(o) => {
                            let mut t = TypeDef::new(&o.name, TypeKind::Object);
                            t.fields = fields(&o.fields);
                            t.interfaces = o.implements_interfaces.clone();
                            t
                        }
                        sdl::TypeDefinition::Interface(o) => {
                            let mut t = TypeDef::new(&o.name, TypeKind::Interface);
                            t.fields = fields(&o.fields);
                            t.interfaces = o.implements_interfaces.clone();
                            t
                        }
                        sdl::TypeDefinition::Union(u) => {
                            let mut t = TypeDef::new(&u.name, TypeKind::Union);
                            t.possible_types = u.types.clone();
                            t
                        }
                        sdl::TypeDefinition::Enum(e) => {
                            let mut t = TypeDef::new(&e.name, TypeKind::Enum);
                            t.enum_values = e.values.iter().map(|v| v.name.clone()).collect();
                            t
                        }
                        sdl::TypeDefinition::InputObject(i) => {
                            let mut t = TypeDef::new(&i.name, TypeKind::InputObject);
                            t.input_fields = i.fields.iter().map(input_value).collect();
                            t
                        }
                    };
                    types.insert(t.name.clone(), t);
                }
                sdl::Definition::DirectiveDefinition(d) if !BUILTIN_DIRECTIVES.contains(&d.name.as_str()) => {
                    directives.insert(
                        d.name.clone(),
                        DirectiveDef {
                            name: d.name.clone(),
                            args: d.arguments.iter().map(input_value).collect(),
                            locations: d.locations.iter().map(|l| l.as_str().to_string()).collect(),
                        },
                    );
                }
                _ => {}
            }
        }
        for s in BUILTIN_SCALARS {
            types.entry(s.to_string()).or_insert_with(|| TypeDef::new(s, TypeKind::Scalar));
        }
        // Interface implementors, so fragments on interfaces resolve.
        let impls: Vec<(String, String)> =
            types.values().flat_map(|t| t.interfaces.iter().map(|i| (i.clone(), t.name.clone()))).collect();
        for (iface, obj) in impls {
            if let Some(t) = types.get_mut(&iface) {
                t.possible_types.push(obj);
            }
        }
        let query_type = query_type.unwrap_or_else(|| {
            if types.contains_key("QueryRoot") { "QueryRoot" } else { "Query" }.to_string()
        });
        let mutation_type =
            mutation_type.or_else(|| types.contains_key("Mutation").then(|| "Mutation".to_string()));
        let schema = Schema { query_type, mutation_type, types, directives };
        schema.check_references()?;
        Ok(schema)
    }

    /// Reads an introspection result: either `{"data":{"__schema":…}}` or the `__schema` object.
    pub fn from_introspection(v: &Value) -> Result<Schema, String> {
        let s = if v.get("data").is_some() { &v["data"]["__schema"] } else { v };
        let s = if s.get("__schema").is_some() { &s["__schema"] } else { s };
        let query_type = s["queryType"]["name"].as_str().ok_or("introspection has no queryType")?.to_string();
        let mutation_type = s["mutationType"]["name"].as_str().map(str::to_string);
        let mut types = BTreeMap::new();
        let iv = |a: &Value| -> Result<InputValueDef, String> {
            Ok(InputValueDef {
                name: a["name"].as_str().unwrap_or_default().to_string(),
                ty: TypeRef::from_introspection(&a["type"])?,
                has_default: !a["defaultValue"].is_null(),
            })
        };
        let names = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| a.iter().filter_map(|x| x["name"].as_str().map(str::to_string)).collect())
                .unwrap_or_default()
        };
        for t in s["types"].as_array().ok_or("introspection has no types")? {
            let name = t["name"].as_str().ok_or("type without a name")?;
            let kind = match t["kind"].as_str().unwrap_or_default() {
                "OBJECT" => TypeKind::Object,
                "INTERFACE" => TypeKind::Interface,
                "ENUM" => TypeKind::Enum,
                "SCALAR" => TypeKind::Scalar,
                "INPUT_OBJECT" => TypeKind::InputObject,
                "UNION" => TypeKind::Union,
                k => return Err(format!("type {name} has unknown kind {k}")),
            };
            let mut td = TypeDef::new(name, kind);
            for f in t["fields"].as_array().into_iter().flatten() {
                td.fields.push(FieldDef {
                    name: f["name"].as_str().unwrap_or_default().to_string(),
                    args: f["args"].as_array().into_iter().flatten().map(iv).collect::<Result<_, _>>()?,
                    ty: TypeRef::from_introspection(&f["type"])?,
                });
            }
            for a in t["inputFields"].as_array().into_iter().flatten() {
                td.input_fields.push(iv(a)?);
            }
            td.interfaces = names(&t["interfaces"]);
            td.possible_types = names(&t["possibleTypes"]);
            td.enum_values = names(&t["enumValues"]);
            types.insert(name.to_string(), td);
        }
        let mut directives = BTreeMap::new();
        for d in s["directives"].as_array().into_iter().flatten() {
            let name = d["name"].as_str().ok_or("directive without a name")?;
            if BUILTIN_DIRECTIVES.contains(&name) {
                continue;
            }
            let def = DirectiveDef {
                name: name.to_string(),
                args: d["args"].as_array().into_iter().flatten().map(iv).collect::<Result<_, _>>()?,
                locations: d["locations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l.as_str().map(str::to_string))
                    .collect(),
            };
            directives.insert(name.to_string(), def);
        }
        Ok(Schema { query_type, mutation_type, types, directives })
    }

    /// Every referenced type must be defined.
    fn check_references(&self) -> Result<(), String> {
        let mut missing = Vec::new();
        for t in self.types.values() {
            for f in &t.fields {
                if !self.types.contains_key(f.ty.base()) {
                    missing.push(format!("{}.{}: {}", t.name, f.name, f.ty));
                }
                for a in &f.args {
                    if !self.types.contains_key(a.ty.base()) {
                        missing.push(format!("{}.{}({}): {}", t.name, f.name, a.name, a.ty));
                    }
                }
            }
        }
        if !self.types.contains_key(&self.query_type) {
            missing.push(format!("query root {}", self.query_type));
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!("undefined types referenced: {}", missing.join(", ")))
        }
    }
}

fn input_value(a: &sdl::InputValue<'_, String>) -> InputValueDef {
    InputValueDef {
        name: a.name.clone(),
        ty: TypeRef::from_ast(&a.value_type),
        has_default: a.default_value.is_some(),
    }
}

/// Checks that `sub` is a strict subset of `full`: every type exists with the same kind, and every
/// field, argument, input field and enum value declared in `sub` exists in `full` with the
/// identical type reference. Returns the violations (empty = strict subset).
pub fn subset_check(sub: &Schema, full: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    if sub.query_type != full.query_type {
        out.push(format!("query root is {} but the full schema's is {}", sub.query_type, full.query_type));
    }
    for d in sub.directives.values() {
        let Some(fd) = full.directives.get(&d.name) else {
            out.push(format!("directive @{} does not exist", d.name));
            continue;
        };
        for a in &d.args {
            match fd.args.iter().find(|x| x.name == a.name) {
                None => out.push(format!("argument @{}({}) does not exist", d.name, a.name)),
                Some(fa) if fa.ty != a.ty => out.push(format!(
                    "argument @{}({}) is {} but {} in the full schema",
                    d.name, a.name, a.ty, fa.ty
                )),
                _ => {}
            }
        }
        for l in &d.locations {
            if !fd.locations.contains(l) {
                out.push(format!("directive @{} is not allowed on {l} in the full schema", d.name));
            }
        }
    }
    for t in sub.types.values() {
        // Built-in scalars exist in every schema, declared or not.
        if t.kind == TypeKind::Scalar && BUILTIN_SCALARS.contains(&t.name.as_str()) {
            continue;
        }
        let Some(ft) = full.get(&t.name) else {
            out.push(format!("type {} does not exist", t.name));
            continue;
        };
        if ft.kind != t.kind {
            out.push(format!(
                "type {} is {} but {} in the full schema",
                t.name,
                t.kind.as_str(),
                ft.kind.as_str()
            ));
            continue;
        }
        for f in &t.fields {
            let Some(ff) = ft.field(&f.name) else {
                out.push(format!("field {}.{} does not exist", t.name, f.name));
                continue;
            };
            if ff.ty != f.ty {
                out.push(format!("field {}.{} is {} but {} in the full schema", t.name, f.name, f.ty, ff.ty));
            }
            for a in &f.args {
                match ff.arg(&a.name) {
                    None => out.push(format!("argument {}.{}({}) does not exist", t.name, f.name, a.name)),
                    Some(fa) if fa.ty != a.ty => out.push(format!(
                        "argument {}.{}({}) is {} but {} in the full schema",
                        t.name, f.name, a.name, a.ty, fa.ty
                    )),
                    _ => {}
                }
            }
        }
        for a in &t.input_fields {
            match ft.input_fields.iter().find(|x| x.name == a.name) {
                None => out.push(format!("input field {}.{} does not exist", t.name, a.name)),
                Some(fa) if fa.ty != a.ty => out.push(format!(
                    "input field {}.{} is {} but {} in the full schema",
                    t.name, a.name, a.ty, fa.ty
                )),
                _ => {}
            }
        }
        for v in &t.enum_values {
            if !ft.enum_values.contains(v) {
                out.push(format!("enum value {}.{} does not exist", t.name, v));
            }
        }
        for i in &t.interfaces {
            if !ft.interfaces.contains(i) {
                out.push(format!("type {} does not implement {} in the full schema", t.name, i));
            }
        }
        if t.kind == TypeKind::Union {
            for p in &t.possible_types {
                if !ft.possible_types.contains(p) {
                    out.push(format!("union {} has no member {} in the full schema", t.name, p));
                }
            }
        }
    }
    out
}
