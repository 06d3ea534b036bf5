//! Table rendering with comfy-table: full borders on a terminal, plain aligned columns off it.

use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};

/// A grid with a header row.
pub fn grid(headers: &[&str], rows: Vec<Vec<String>>, color: bool, tty: bool) -> String {
    let mut t = Table::new();
    if tty {
        t.load_style(presets::UTF8_HORIZONTAL_ONLY);
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.load_style(presets::NOTHING);
    }
    if !color {
        t.force_no_tty();
    }
    t.set_header(headers.iter().map(|h| {
        let c = Cell::new(h.to_uppercase());
        if color { c.add_attribute(Attribute::Bold) } else { c }
    }));
    for r in rows {
        t.add_row(r);
    }
    let s = t.to_string();
    // Borderless tables pad the first column with a leading space; trim it for scripts.
    if tty { s } else { s.lines().map(|l| l.trim_start().trim_end()).collect::<Vec<_>>().join("\n") }
}

/// Key/value pairs as an aligned block (`Status:  open`).
pub fn pairs(rows: &[(&str, String)]) -> String {
    let w = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    rows.iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k:<w$}  {v}", w = w + 1, k = format!("{k}:")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_grid_is_aligned_and_trimmed() {
        let s = grid(
            &["a", "bb"],
            vec![vec!["1".into(), "2".into()], vec!["333".into(), "4".into()]],
            false,
            false,
        );
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with('A') && lines[0].contains("BB"), "{s}");
        assert!(lines[2].starts_with("333"), "{s}");
    }

    #[test]
    fn pairs_skip_empty_values() {
        let s = pairs(&[("Status", "open".into()), ("Note", String::new())]);
        assert_eq!(s, "Status:  open");
    }
}
