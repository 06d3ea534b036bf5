//! Comment-preserving edits of the config file (`config set`, `config init`), via toml_edit.

use crate::error::{Error, Result};
use std::path::Path;
use toml_edit::{DocumentMut, Item, Table, value};

/// Set a dotted key (`profiles.default.stores.main.api_version`) to a value, keeping comments
/// and layout. The value is parsed as TOML when it can be (numbers, booleans, arrays), otherwise
/// taken as a string.
pub fn set_key(text: &str, key: &str, raw: &str) -> Result<String> {
    let mut doc: DocumentMut = text.parse().map_err(|e| {
        Error::usage(format!("the config file is not valid TOML: {e}"))
            .with_hint("fix it with `shopdesk config edit`")
    })?;
    let parts: Vec<&str> = key.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(Error::usage(format!("`{key}` is not a dotted key like profiles.default.log_file")));
    }
    let (last, tables) = parts.split_last().expect("non-empty");
    let mut cur: &mut Table = doc.as_table_mut();
    for t in tables {
        let entry = cur.entry(t).or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        });
        cur = entry
            .as_table_mut()
            .ok_or_else(|| Error::usage(format!("`{t}` in `{key}` is a value, not a table")))?;
    }
    let parsed: Item = match format!("v = {raw}").parse::<DocumentMut>() {
        Ok(d) => d["v"].clone(),
        Err(_) => value(raw),
    };
    cur[*last] = parsed;
    Ok(doc.to_string())
}

/// Write the file with mode 0600 (it names stores and accounts, though never secrets).
pub fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::general(format!("cannot create {}: {e}", dir.display())))?;
    }
    let tmp = path.with_extension("toml.tmp");
    {
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        let mut f =
            o.open(&tmp).map_err(|e| Error::general(format!("cannot write {}: {e}", tmp.display())))?;
        std::io::Write::write_all(&mut f, text.as_bytes())?;
    }
    std::fs::rename(&tmp, path).map_err(|e| Error::general(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_keeps_comments_and_types() {
        let t = "# top comment\n[profiles.default]\n# keep me\nenvironment = \"test\"\n";
        let out = set_key(t, "profiles.default.max_retries", "7").unwrap();
        assert!(out.contains("# top comment") && out.contains("# keep me"), "{out}");
        assert!(out.contains("max_retries = 7"), "{out}");
        let out = set_key(&out, "profiles.default.stores.x.url", "https://a.test").unwrap();
        assert!(out.contains("url = \"https://a.test\""), "{out}");
        assert!(set_key(&out, "profiles.default.environment.x", "1").is_err());
    }
}
