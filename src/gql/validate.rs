//! Document validation against a [`Schema`], producing a [`ParsedOp`] whose fragments are
//! flattened and whose argument values have variables substituted. Error messages and
//! `extensions.code` values follow graphql-ruby, which is what Shopify runs.

use std::collections::{HashMap, HashSet};

use graphql_parser::query as q;
use serde_json::{Map, Value as Json, json};

use super::schema::{Schema, TypeDef, TypeKind, TypeRef};
use super::{AppliedDirective, FieldSel, GqlError, OpKind, ParsedOp, Selection};

type QValue<'a> = q::Value<'a, String>;

/// Parses and validates `document` for the operation `operation_name` (or the only one).
pub fn validate(
    schema: &Schema,
    document: &str,
    variables: &Json,
    operation_name: Option<&str>,
) -> Result<ParsedOp, Vec<GqlError>> {
    let doc = q::parse_query::<String>(document).map_err(|e| {
        let text = e.to_string();
        let (line, column) = parse_error_position(&text);
        vec![
            GqlError::new(text.trim().replace("query parse error: ", "")).at(line, column).code("parseError"),
        ]
    })?;
    let mut fragments = HashMap::new();
    let mut ops = Vec::new();
    for d in &doc.definitions {
        match d {
            q::Definition::Fragment(f) => {
                fragments.insert(f.name.as_str(), f);
            }
            q::Definition::Operation(o) => ops.push(o),
        }
    }
    let op = match (operation_name, ops.len()) {
        (_, 0) => {
            return Err(vec![GqlError::new("No operations in query document").code("parseError")]);
        }
        (None, 1) => ops[0],
        (None, _) => {
            return Err(vec![GqlError::new("An operation name is required").code("operationNameRequired")]);
        }
        (Some(name), _) => match ops.iter().find(|o| op_parts(o).1 == operation_name) {
            Some(o) => *o,
            None => {
                return Err(vec![
                    GqlError::new(format!("No operation named \"{name}\"")).code("operationNotFound"),
                ]);
            }
        },
    };
    let (kind, name, var_defs, set, pos) = op_parts(op);
    let root_type = match kind {
        OpKind::Query => schema.query_type.clone(),
        OpKind::Mutation => match &schema.mutation_type {
            Some(m) => m.clone(),
            None => {
                return Err(vec![
                    GqlError::new("Schema is not configured for mutations").at(pos.line, pos.column),
                ]);
            }
        },
    };
    let empty = Map::new();
    let provided = variables.as_object().unwrap_or(&empty);
    let op_label = match (kind, name) {
        (OpKind::Query, None) => "query".to_string(),
        (OpKind::Query, Some(n)) => format!("query {n}"),
        (OpKind::Mutation, None) => "mutation".to_string(),
        (OpKind::Mutation, Some(n)) => format!("mutation {n}"),
    };
    let mut cx = Cx {
        schema,
        fragments,
        vars: HashMap::new(),
        used: HashSet::new(),
        errors: Vec::new(),
        op_label: op_label.clone(),
        spread_stack: Vec::new(),
        used_fragments: HashSet::new(),
    };
    for vd in var_defs {
        let ty = TypeRef::from_ast(&vd.var_type);
        let vpath = vec![json!(op_label)];
        match schema.get(ty.base()) {
            None => {
                cx.errors.push(
                    GqlError::new(format!("{} isn't a defined input type (on ${})", ty.base(), vd.name))
                        .at(vd.position.line, vd.position.column)
                        .path(vpath)
                        .code("variableRequiresValidType"),
                );
                continue;
            }
            Some(t) if !matches!(t.kind, TypeKind::Scalar | TypeKind::Enum | TypeKind::InputObject) => {
                cx.errors.push(
                    GqlError::new(format!("{} isn't a valid input type (on ${})", ty, vd.name))
                        .at(vd.position.line, vd.position.column)
                        .path(vpath)
                        .code("variableRequiresValidType"),
                );
                continue;
            }
            _ => {}
        }
        let value = match provided.get(&vd.name) {
            Some(v) => Some(v.clone()),
            None => match &vd.default_value {
                Some(d) => literal_to_json(d),
                None => None,
            },
        };
        let check = match &value {
            Some(v) => check_json_input(schema, &ty, v),
            None if ty.is_non_null() => Err("Expected value to not be null".to_string()),
            None => Ok(()),
        };
        if let Err(explanation) = check {
            cx.errors.push(
                GqlError::new(format!("Variable ${} of type {} was provided invalid value", vd.name, ty))
                    .at(vd.position.line, vd.position.column)
                    .ext("value", value.clone().unwrap_or(Json::Null))
                    .ext("problems", json!([{"path": [], "explanation": explanation}]))
                    .code("invalidVariable"),
            );
        }
        cx.vars.insert(
            vd.name.clone(),
            VarInfo { ty, has_default: vd.default_value.is_some(), value: value.unwrap_or(Json::Null) },
        );
    }
    let root = schema.get(&root_type).expect("root type exists (checked when the schema was built)");
    let mut path = vec![op_label.clone()];
    let selection = cx.selection_set(root, set, &mut path, None);
    let mut unused: Vec<_> = cx
        .fragments
        .iter()
        .filter(|(name, _)| !cx.used_fragments.contains(**name))
        .map(|(name, f)| (name.to_string(), f.position))
        .collect();
    unused.sort_by_key(|(_, p)| (p.line, p.column));
    for (name, pos) in unused {
        cx.errors.push(
            GqlError::new(format!("Fragment {name} was defined, but not used"))
                .at(pos.line, pos.column)
                .path(vec![json!(format!("fragment {name}"))])
                .code("useAndDefineFragment")
                .ext("fragmentName", json!(name)),
        );
    }
    for vd in var_defs {
        if !cx.used.contains(&vd.name) && cx.vars.contains_key(&vd.name) {
            cx.errors.push(
                GqlError::new(format!(
                    "Variable ${} is declared by {} but not used",
                    vd.name,
                    name.unwrap_or("anonymous query")
                ))
                .at(vd.position.line, vd.position.column)
                .path(vec![json!(op_label)])
                .code("variableNotUsed"),
            );
        }
    }
    if cx.errors.is_empty() {
        Ok(ParsedOp { kind, name: name.map(str::to_string), root_type, selection })
    } else {
        Err(cx.errors)
    }
}

fn parse_error_position(text: &str) -> (usize, usize) {
    // graphql-parser says "Parse error at LINE:COL".
    text.split("at ")
        .nth(1)
        .and_then(|rest| {
            let pos = rest.split_whitespace().next()?;
            let (l, c) = pos.split_once(':')?;
            Some((l.parse().ok()?, c.trim_end_matches(|ch: char| !ch.is_ascii_digit()).parse().ok()?))
        })
        .unwrap_or((1, 1))
}

type OpParts<'d, 'a> = (
    OpKind,
    Option<&'d str>,
    &'d [q::VariableDefinition<'a, String>],
    &'d q::SelectionSet<'a, String>,
    graphql_parser::Pos,
);

fn op_parts<'d, 'a>(o: &'d q::OperationDefinition<'a, String>) -> OpParts<'d, 'a> {
    match o {
        q::OperationDefinition::SelectionSet(s) => (OpKind::Query, None, &[], s, s.span.0),
        q::OperationDefinition::Query(x) => {
            (OpKind::Query, x.name.as_deref(), &x.variable_definitions, &x.selection_set, x.position)
        }
        q::OperationDefinition::Mutation(x) => {
            (OpKind::Mutation, x.name.as_deref(), &x.variable_definitions, &x.selection_set, x.position)
        }
        q::OperationDefinition::Subscription(x) => {
            (OpKind::Query, x.name.as_deref(), &x.variable_definitions, &x.selection_set, x.position)
        }
    }
}

struct VarInfo {
    ty: TypeRef,
    has_default: bool,
    value: Json,
}

struct Cx<'s, 'd, 'a> {
    schema: &'s Schema,
    fragments: HashMap<&'d str, &'d q::FragmentDefinition<'a, String>>,
    vars: HashMap<String, VarInfo>,
    used: HashSet<String>,
    errors: Vec<GqlError>,
    op_label: String,
    spread_stack: Vec<String>,
    used_fragments: HashSet<String>,
}

impl<'s, 'd, 'a> Cx<'s, 'd, 'a> {
    fn selection_set(
        &mut self,
        parent: &'s TypeDef,
        set: &'d q::SelectionSet<'a, String>,
        path: &mut Vec<String>,
        cond: Option<&str>,
    ) -> Vec<Selection> {
        let mut out = Vec::new();
        for item in &set.items {
            let (directives, pos, location) = match item {
                q::Selection::Field(f) => (&f.directives, f.position, "FIELD"),
                q::Selection::InlineFragment(i) => (&i.directives, i.position, "INLINE_FRAGMENT"),
                q::Selection::FragmentSpread(s) => (&s.directives, s.position, "FRAGMENT_SPREAD"),
            };
            let (keep, applied) = self.included(directives, pos, location, path);
            if !keep {
                continue;
            }
            match item {
                q::Selection::Field(f) => {
                    path.push(f.alias.clone().unwrap_or_else(|| f.name.clone()));
                    if let Some(mut field) = self.field(parent, f, path) {
                        field.directives = applied;
                        out.push(Selection { type_condition: cond.map(str::to_string), field });
                    }
                    path.pop();
                }
                q::Selection::InlineFragment(i) => {
                    let target = match &i.type_condition {
                        Some(q::TypeCondition::On(t)) => {
                            match self.fragment_target(t, parent, i.position, path) {
                                Some(t) => t,
                                None => continue,
                            }
                        }
                        None => parent,
                    };
                    path.push(format!("... on {}", target.name));
                    let name = target.name.clone();
                    out.extend(self.selection_set(target, &i.selection_set, path, Some(&name)));
                    path.pop();
                }
                q::Selection::FragmentSpread(s) => {
                    self.used_fragments.insert(s.fragment_name.clone());
                    let Some(frag) = self.fragments.get(s.fragment_name.as_str()).copied() else {
                        self.errors.push(
                            GqlError::new(format!("Fragment {} was used, but not defined", s.fragment_name))
                                .at(s.position.line, s.position.column)
                                .path(path_json(path))
                                .code("useAndDefineFragment")
                                .ext("fragmentName", json!(s.fragment_name)),
                        );
                        continue;
                    };
                    if self.spread_stack.contains(&s.fragment_name) {
                        self.errors.push(
                            GqlError::new(format!("Fragment {} contains an infinite loop", s.fragment_name))
                                .at(s.position.line, s.position.column)
                                .path(path_json(path))
                                .code("infiniteLoop"),
                        );
                        continue;
                    }
                    let q::TypeCondition::On(t) = &frag.type_condition;
                    let Some(target) = self.fragment_target(t, parent, frag.position, path) else {
                        continue;
                    };
                    self.spread_stack.push(s.fragment_name.clone());
                    path.push(format!("... {}", s.fragment_name));
                    let name = target.name.clone();
                    out.extend(self.selection_set(target, &frag.selection_set, path, Some(&name)));
                    path.pop();
                    self.spread_stack.pop();
                }
            }
        }
        out
    }

    /// Evaluates `@skip(if:)` / `@include(if:)`, and checks the schema's own directives (where
    /// they may appear, their arguments), returning those with their argument values; an
    /// undefined directive is an error.
    fn included(
        &mut self,
        directives: &[q::Directive<'a, String>],
        pos: graphql_parser::Pos,
        location: &str,
        path: &[String],
    ) -> (bool, Vec<AppliedDirective>) {
        let mut keep = true;
        let mut applied = Vec::new();
        for d in directives {
            let skip = match d.name.as_str() {
                "skip" => true,
                "include" => false,
                other if self.schema.directives.contains_key(other) => {
                    if let Some(a) = self.schema_directive(d, location, path) {
                        applied.push(a);
                    }
                    continue;
                }
                other => {
                    self.errors.push(
                        GqlError::new(format!("Directive @{other} is not defined"))
                            .at(d.position.line, d.position.column)
                            .path(path_json(path))
                            .code("undefinedDirective")
                            .ext("directiveName", json!(other)),
                    );
                    continue;
                }
            };
            let cond = match d.arguments.iter().find(|(n, _)| n == "if") {
                Some((_, v)) => {
                    let ty = TypeRef::NonNull(Box::new(TypeRef::Named("Boolean".into())));
                    self.input_literal(
                        v,
                        &ty,
                        false,
                        "if",
                        &format!("@{}", d.name),
                        pos.line,
                        pos.column,
                        path,
                    )
                }
                None => {
                    self.errors.push(
                        GqlError::new(format!("Directive '{}' is missing required arguments: if", d.name))
                            .at(d.position.line, d.position.column)
                            .path(path_json(path))
                            .code("missingRequiredArguments"),
                    );
                    None
                }
            };
            if let Some(Json::Bool(b)) = cond {
                keep &= b != skip;
            }
        }
        (keep, applied)
    }

    /// A directive the schema defines: allowed at `location`, arguments known and typed,
    /// required ones present (graphql-ruby's wording).
    fn schema_directive(
        &mut self,
        d: &q::Directive<'a, String>,
        location: &str,
        path: &[String],
    ) -> Option<AppliedDirective> {
        let def = self.schema.directives.get(&d.name)?;
        let (line, column) = (d.position.line, d.position.column);
        if !def.locations.iter().any(|l| l == location) {
            let place = match location {
                "FIELD" => "fields",
                "INLINE_FRAGMENT" => "inline fragments",
                _ => "fragment spreads",
            };
            self.errors.push(
                GqlError::new(format!(
                    "'@{}' can't be applied to {place} (allowed: {})",
                    d.name,
                    def.locations
                        .iter()
                        .map(|l| l.to_lowercase().replace('_', " ") + "s")
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .at(line, column)
                .path(path_json(path))
                .code("directiveCannotBeApplied")
                .ext("targetName", json!(place))
                .ext("name", json!(d.name)),
            );
            return None;
        }
        let mut args = Map::new();
        let mut ok = true;
        for (name, value) in &d.arguments {
            let Some(adef) = def.args.iter().find(|a| &a.name == name) else {
                self.errors.push(
                    GqlError::new(format!("Directive '{}' doesn't accept argument '{}'", d.name, name))
                        .at(line, column)
                        .path(path_json(path))
                        .code("argumentNotAccepted")
                        .ext("name", json!(d.name))
                        .ext("typeName", json!("Directive"))
                        .ext("argumentName", json!(name)),
                );
                ok = false;
                continue;
            };
            let label = format!("@{}", d.name);
            match self.input_literal(value, &adef.ty, adef.has_default, name, &label, line, column, path) {
                Some(v) => {
                    args.insert(name.clone(), v);
                }
                None => ok = false,
            }
        }
        let missing: Vec<String> = def
            .args
            .iter()
            .filter(|a| {
                a.ty.is_non_null() && !a.has_default && !d.arguments.iter().any(|(n, _)| n == &a.name)
            })
            .map(|a| a.name.clone())
            .collect();
        if !missing.is_empty() {
            self.errors.push(
                GqlError::new(format!(
                    "Directive '{}' is missing required arguments: {}",
                    d.name,
                    missing.join(", ")
                ))
                .at(line, column)
                .path(path_json(path))
                .code("missingRequiredArguments")
                .ext("className", json!("Directive"))
                .ext("name", json!(d.name))
                .ext("arguments", json!(missing.join(", "))),
            );
            ok = false;
        }
        ok.then(|| AppliedDirective { name: d.name.clone(), args })
    }

    fn fragment_target(
        &mut self,
        t: &str,
        parent: &TypeDef,
        pos: graphql_parser::Pos,
        path: &[String],
    ) -> Option<&'s TypeDef> {
        match self.schema.get(t) {
            None => {
                self.errors.push(
                    GqlError::new(format!("No such type {t}, so it can't be a fragment condition"))
                        .at(pos.line, pos.column)
                        .path(path_json(path))
                        .code("undefinedType")
                        .ext("typeName", json!(t)),
                );
                None
            }
            Some(td) if td.kind.is_leaf() || td.kind == TypeKind::InputObject => {
                self.errors.push(
                    GqlError::new(format!(
                        "Invalid fragment on type {t} (must be Union, Interface or Object)"
                    ))
                    .at(pos.line, pos.column)
                    .path(path_json(path))
                    .code("fragmentOnNonCompositeType"),
                );
                None
            }
            Some(td) => {
                let overlap = td.name == parent.name
                    || self.schema.type_applies(&td.name, &parent.name)
                    || self.schema.type_applies(&parent.name, &td.name)
                    || td.possible_types.iter().any(|p| parent.possible_types.contains(p));
                if !overlap {
                    self.errors.push(
                        GqlError::new(format!(
                            "Fragment on {} can't be spread inside {}",
                            td.name, parent.name
                        ))
                        .at(pos.line, pos.column)
                        .path(path_json(path))
                        .code("cannotSpreadFragment"),
                    );
                    return None;
                }
                Some(td)
            }
        }
    }

    fn field(
        &mut self,
        parent: &'s TypeDef,
        f: &'d q::Field<'a, String>,
        path: &mut Vec<String>,
    ) -> Option<FieldSel> {
        let key = f.alias.clone().unwrap_or_else(|| f.name.clone());
        let (line, column) = (f.position.line, f.position.column);
        if f.name == "__typename" {
            if !f.selection_set.items.is_empty() {
                self.errors.push(
                    GqlError::new("Selections can't be made on scalars (field '__typename' returns String! but has selections)")
                        .at(line, column)
                        .path(path_json(path))
                        .code("selectionMismatch"),
                );
            }
            return Some(FieldSel {
                response_key: key,
                name: f.name.clone(),
                args: Map::new(),
                selection: Vec::new(),
                line,
                column,
                directives: Vec::new(),
            });
        }
        let Some(def) = parent.field(&f.name) else {
            self.errors.push(
                GqlError::new(format!("Field '{}' doesn't exist on type '{}'", f.name, parent.name))
                    .at(line, column)
                    .path(path_json(path))
                    .code("undefinedField")
                    .ext("typeName", json!(parent.name))
                    .ext("fieldName", json!(f.name)),
            );
            return None;
        };
        let mut args = Map::new();
        for (name, value) in &f.arguments {
            let Some(adef) = def.arg(name) else {
                self.errors.push(
                    GqlError::new(format!("Field '{}' doesn't accept argument '{}'", f.name, name))
                        .at(line, column)
                        .path(path_json(path))
                        .code("argumentNotAccepted")
                        .ext("name", json!(f.name))
                        .ext("typeName", json!("Field"))
                        .ext("argumentName", json!(name)),
                );
                continue;
            };
            match self.input_literal(value, &adef.ty, adef.has_default, name, &f.name, line, column, path) {
                Some(v) => {
                    args.insert(name.clone(), v);
                }
                None => continue,
            }
        }
        let missing: Vec<&str> = def
            .args
            .iter()
            .filter(|a| {
                a.ty.is_non_null() && !a.has_default && !f.arguments.iter().any(|(n, _)| n == &a.name)
            })
            .map(|a| a.name.as_str())
            .collect();
        if !missing.is_empty() {
            self.errors.push(
                GqlError::new(format!(
                    "Field '{}' is missing required arguments: {}",
                    f.name,
                    missing.join(", ")
                ))
                .at(line, column)
                .path(path_json(path))
                .code("missingRequiredArguments")
                .ext("className", json!("Field"))
                .ext("name", json!(f.name))
                .ext("arguments", json!(missing.join(", "))),
            );
        }
        let target = self.schema.get(def.ty.base())?;
        let has_sel = !f.selection_set.items.is_empty();
        let mut selection = Vec::new();
        if target.kind.is_leaf() && has_sel {
            self.errors.push(
                GqlError::new(format!(
                    "Selections can't be made on {} (field '{}' returns {} but has selections [{}])",
                    if target.kind == TypeKind::Enum { "enums" } else { "scalars" },
                    f.name,
                    def.ty,
                    f.selection_set
                        .items
                        .iter()
                        .filter_map(|s| match s {
                            q::Selection::Field(x) => Some(x.name.as_str()),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .at(line, column)
                .path(path_json(path))
                .code("selectionMismatch")
                .ext("nodeName", json!(format!("field '{}'", f.name)))
                .ext("typeName", json!(def.ty.to_string())),
            );
        } else if !target.kind.is_leaf() && !has_sel {
            self.errors.push(
                GqlError::new(format!(
                    "Field must have selections (field '{}' returns {} but has no selections. Did you mean '{} {{ ... }}'?)",
                    f.name, def.ty, f.name
                ))
                .at(line, column)
                .path(path_json(path))
                .code("selectionMismatch")
                .ext("nodeName", json!(format!("field '{}'", f.name)))
                .ext("typeName", json!(def.ty.to_string())),
            );
        } else if has_sel {
            selection = self.selection_set(target, &f.selection_set, path, None);
        }
        Some(FieldSel {
            response_key: key,
            name: f.name.clone(),
            args,
            selection,
            line,
            column,
            directives: Vec::new(),
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn input_literal(
        &mut self,
        value: &QValue<'a>,
        ty: &TypeRef,
        loc_has_default: bool,
        arg: &str,
        field: &str,
        line: usize,
        column: usize,
        path: &[String],
    ) -> Option<Json> {
        // Variables anywhere in the literal are checked for declaration and type compatibility.
        if let q::Value::Variable(v) = value {
            self.used.insert(v.clone());
            let Some(info) = self.vars.get(v) else {
                self.errors.push(
                    GqlError::new(format!("Variable ${} is used by {} but not declared", v, self.op_label))
                        .at(line, column)
                        .path(path_json(path))
                        .code("variableNotDefined")
                        .ext("variableName", json!(v)),
                );
                return None;
            };
            if !var_compatible(&info.ty, ty, info.has_default || loc_has_default) {
                let nullability_only = strip_non_null(&info.ty) == strip_non_null(ty);
                self.errors.push(
                    GqlError::new(format!(
                        "{} mismatch on variable ${} and argument {} ({} / {})",
                        if nullability_only { "Nullability" } else { "Type" },
                        v,
                        arg,
                        info.ty,
                        ty
                    ))
                    .at(line, column)
                    .path(path_json(path))
                    .code("variableMismatch")
                    .ext("variableName", json!(v))
                    .ext("typeName", json!(info.ty.to_string()))
                    .ext("argumentName", json!(arg))
                    .ext(
                        "errorMessage",
                        json!(if nullability_only { "Nullability mismatch" } else { "Type mismatch" }),
                    ),
                );
                return None;
            }
            return Some(info.value.clone());
        }
        match self.literal(value, ty) {
            Ok(v) => Some(v),
            Err(()) => {
                self.errors.push(
                    GqlError::new(format!(
                        "Argument '{}' on Field '{}' has an invalid value ({}). Expected type '{}'.",
                        arg, field, value, ty
                    ))
                    .at(line, column)
                    .path(path_json(path))
                    .code("argumentLiteralsIncompatible")
                    .ext("typeName", json!("Field"))
                    .ext("argumentName", json!(arg)),
                );
                None
            }
        }
    }

    /// Checks a literal (with any nested variables substituted) against an input type.
    fn literal(&mut self, v: &QValue<'a>, ty: &TypeRef) -> Result<Json, ()> {
        if let q::Value::Variable(name) = v {
            self.used.insert(name.clone());
            let info = self.vars.get(name).ok_or(())?;
            if !var_compatible(&info.ty, ty, info.has_default) {
                return Err(());
            }
            return Ok(info.value.clone());
        }
        match ty {
            TypeRef::NonNull(inner) => {
                if matches!(v, q::Value::Null) {
                    return Err(());
                }
                self.literal(v, inner)
            }
            TypeRef::List(inner) => match v {
                q::Value::Null => Ok(Json::Null),
                q::Value::List(items) => items
                    .iter()
                    .map(|i| self.literal(i, inner))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Json::Array),
                single => Ok(Json::Array(vec![self.literal(single, inner)?])),
            },
            TypeRef::Named(n) => {
                if matches!(v, q::Value::Null) {
                    return Ok(Json::Null);
                }
                let td = self.schema.get(n).ok_or(())?;
                match td.kind {
                    TypeKind::Enum => match v {
                        q::Value::Enum(e) if td.enum_values.contains(e) => Ok(json!(e)),
                        _ => Err(()),
                    },
                    TypeKind::InputObject => {
                        let q::Value::Object(fields) = v else {
                            return Err(());
                        };
                        let mut out = Map::new();
                        for (k, fv) in fields {
                            let def = td.input_fields.iter().find(|f| &f.name == k).ok_or(())?;
                            out.insert(k.clone(), self.literal(fv, &def.ty)?);
                        }
                        for req in td.input_fields.iter().filter(|f| f.ty.is_non_null() && !f.has_default) {
                            if !fields.contains_key(&req.name) {
                                return Err(());
                            }
                        }
                        Ok(Json::Object(out))
                    }
                    TypeKind::Scalar => scalar_literal(n, v),
                    _ => Err(()),
                }
            }
        }
    }
}

fn scalar_literal(name: &str, v: &QValue<'_>) -> Result<Json, ()> {
    match (name, v) {
        ("Int", q::Value::Int(i)) => {
            let i = i.as_i64().ok_or(())?;
            if i32::try_from(i).is_ok() { Ok(json!(i)) } else { Err(()) }
        }
        ("Float", q::Value::Int(i)) => Ok(json!(i.as_i64().ok_or(())? as f64)),
        ("Float", q::Value::Float(f)) => Ok(json!(f)),
        ("String", q::Value::String(s)) => Ok(json!(s)),
        ("Boolean", q::Value::Boolean(b)) => Ok(json!(b)),
        ("ID", q::Value::String(s)) => Ok(json!(s)),
        ("ID", q::Value::Int(i)) => Ok(json!(i.as_i64().ok_or(())?.to_string())),
        ("Int" | "Float" | "String" | "Boolean" | "ID", _) => Err(()),
        // Custom scalars accept any non-composite literal.
        (_, q::Value::String(s)) => Ok(json!(s)),
        (_, q::Value::Int(i)) => Ok(json!(i.as_i64().ok_or(())?)),
        (_, q::Value::Float(f)) => Ok(json!(f)),
        (_, q::Value::Boolean(b)) => Ok(json!(b)),
        _ => Err(()),
    }
}

fn literal_to_json(v: &QValue<'_>) -> Option<Json> {
    Some(match v {
        q::Value::Variable(_) => return None,
        q::Value::Int(i) => json!(i.as_i64()?),
        q::Value::Float(f) => json!(f),
        q::Value::String(s) => json!(s),
        q::Value::Boolean(b) => json!(b),
        q::Value::Null => Json::Null,
        q::Value::Enum(e) => json!(e),
        q::Value::List(l) => Json::Array(l.iter().map(literal_to_json).collect::<Option<_>>()?),
        q::Value::Object(o) => Json::Object(
            o.iter().map(|(k, v)| Some((k.clone(), literal_to_json(v)?))).collect::<Option<_>>()?,
        ),
    })
}

fn strip_non_null(t: &TypeRef) -> String {
    t.to_string().replace('!', "")
}

/// The spec's "IsVariableUsageAllowed" / "AreTypesCompatible".
fn var_compatible(var: &TypeRef, loc: &TypeRef, has_default: bool) -> bool {
    match (var, loc) {
        (TypeRef::NonNull(v), TypeRef::NonNull(l)) => types_compatible(v, l),
        (v, TypeRef::NonNull(l)) if has_default => types_compatible(v, l),
        (_, TypeRef::NonNull(_)) => false,
        (v, l) => types_compatible(v, l),
    }
}

fn types_compatible(var: &TypeRef, loc: &TypeRef) -> bool {
    match (var, loc) {
        (TypeRef::NonNull(v), TypeRef::NonNull(l)) => types_compatible(v, l),
        (_, TypeRef::NonNull(_)) => false,
        (TypeRef::NonNull(v), l) => types_compatible(v, l),
        (TypeRef::List(v), TypeRef::List(l)) => types_compatible(v, l),
        (TypeRef::List(_), _) | (_, TypeRef::List(_)) => false,
        (TypeRef::Named(a), TypeRef::Named(b)) => a == b,
    }
}

/// Checks a JSON variable value against an input type (with list coercion of single values).
pub fn check_json_input(schema: &Schema, ty: &TypeRef, v: &Json) -> Result<(), String> {
    match ty {
        TypeRef::NonNull(inner) => {
            if v.is_null() {
                Err("Expected value to not be null".to_string())
            } else {
                check_json_input(schema, inner, v)
            }
        }
        _ if v.is_null() => Ok(()),
        TypeRef::List(inner) => match v {
            Json::Array(items) => items.iter().try_for_each(|i| check_json_input(schema, inner, i)),
            single => check_json_input(schema, inner, single),
        },
        TypeRef::Named(n) => {
            let td = schema.get(n).ok_or_else(|| format!("unknown type {n}"))?;
            let bad = || Err(format!("Could not coerce value {v} to {n}"));
            match td.kind {
                TypeKind::Enum => match v.as_str() {
                    Some(s) if td.enum_values.iter().any(|e| e == s) => Ok(()),
                    _ => Err(format!("Expected \"{v}\" to be one of: {}", td.enum_values.join(", "))),
                },
                TypeKind::InputObject => {
                    let Some(o) = v.as_object() else { return bad() };
                    for (k, fv) in o {
                        let def = td
                            .input_fields
                            .iter()
                            .find(|f| &f.name == k)
                            .ok_or_else(|| format!("Field is not defined on {n}: {k}"))?;
                        check_json_input(schema, &def.ty, fv)?;
                    }
                    for req in td.input_fields.iter().filter(|f| f.ty.is_non_null() && !f.has_default) {
                        if !o.contains_key(&req.name) {
                            return Err(format!("Expected value to not be null ({}.{})", n, req.name));
                        }
                    }
                    Ok(())
                }
                TypeKind::Scalar => match (n.as_str(), v) {
                    ("Int", Json::Number(x)) if x.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => {
                        Ok(())
                    }
                    ("Float", Json::Number(_)) | ("String", Json::String(_)) | ("Boolean", Json::Bool(_)) => {
                        Ok(())
                    }
                    ("ID", Json::String(_)) => Ok(()),
                    ("ID", Json::Number(x)) if x.is_i64() => Ok(()),
                    ("Int" | "Float" | "String" | "Boolean" | "ID", _) => bad(),
                    (_, Json::Object(_) | Json::Array(_)) => bad(),
                    _ => Ok(()),
                },
                _ => Err(format!("{n} is not an input type")),
            }
        }
    }
}

fn path_json(path: &[String]) -> Vec<Json> {
    path.iter().map(|s| json!(s)).collect()
}
