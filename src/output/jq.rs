//! `--jq EXPR`: jq filters run in-process with jaq, so no external `jq` is needed.
//!
//! The filter is compiled once, before any request is sent, so a typo is a usage error (exit 2)
//! that costs no API call. Like `gh --jq`, string results print raw and everything else prints
//! as compact JSON, one result per line.

use crate::error::{Error, Result};
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

pub struct Jq {
    filter: jaq_core::compile::Filter<jaq_core::Native<data::JustLut<Val>>>,
}

impl Jq {
    pub fn compile(expr: &str) -> Result<Jq> {
        let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
        let funs = jaq_core::funs().chain(jaq_std::funs()).chain(jaq_json::funs());
        let loader = Loader::new(defs);
        let arena = Arena::default();
        let bad = |what: &str| {
            Error::usage(format!("--jq `{expr}` is not a valid jq filter ({what})"))
                .with_hint("check the syntax, e.g. --jq '.line_items[] | .sku'")
        };
        let modules = loader.load(&arena, File { code: expr, path: () }).map_err(|errs| {
            let what = errs
                .into_iter()
                .map(|(_, e)| match e {
                    jaq_core::load::Error::Io(_) => "cannot load a module".to_string(),
                    jaq_core::load::Error::Lex(l) => format!("{} lexing error(s)", l.len()),
                    jaq_core::load::Error::Parse(p) => format!("{} parse error(s)", p.len()),
                })
                .collect::<Vec<_>>()
                .join(", ");
            bad(&what)
        })?;
        let filter = Compiler::default().with_funs(funs).compile(modules).map_err(|errs| {
            let names = errs
                .into_iter()
                .flat_map(|(_, es)| es.into_iter().map(|(name, _)| name.to_string()))
                .collect::<Vec<_>>()
                .join(", ");
            bad(&format!("undefined: {names}"))
        })?;
        Ok(Jq { filter })
    }

    /// Run on one JSON document; each result is one output line.
    pub fn run(&self, input: &serde_json::Value) -> Result<Vec<String>> {
        let bytes = serde_json::to_vec(input).map_err(|e| Error::general(e.to_string()))?;
        let val =
            jaq_json::read::parse_single(&bytes).map_err(|e| Error::general(format!("jq input: {e}")))?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        let mut out = Vec::new();
        for r in self.filter.id.run((ctx, val)).map(unwrap_valr) {
            match r {
                Ok(Val::TStr(s)) => out.push(String::from_utf8_lossy(&s).into_owned()),
                Ok(v) => out.push(v.to_string()),
                Err(e) => {
                    return Err(Error::usage(format!("--jq failed: {e}"))
                        .with_hint("check the filter against the --json output"));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_raw_values_json() {
        let jq = Jq::compile(".items[] | select(.n > 1) | .name").unwrap();
        let out = jq.run(&json!({"items":[{"n":1,"name":"a"},{"n":2,"name":"b"}]})).unwrap();
        assert_eq!(out, vec!["b"]);
        let jq = Jq::compile("{n: .items | length}").unwrap();
        assert_eq!(jq.run(&json!({"items":[1,2]})).unwrap(), vec![r#"{"n":2}"#]);
    }

    #[test]
    fn bad_filters_are_usage_errors() {
        assert_eq!(Jq::compile(".[").err().unwrap().exit_code(), 2);
        assert_eq!(Jq::compile("nosuchfn").err().unwrap().exit_code(), 2);
    }
}
