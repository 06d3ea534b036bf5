//! Output: tables for people, JSON/NDJSON/CSV for programs, `--jq` for both.
//!
//! Commands hand over domain values; this module decides how they look. Data goes to stdout and
//! nothing else does (progress, warnings and errors go to stderr), so `| jq` and `> file` always
//! see clean data. Lists are streamed: NDJSON and CSV rows are written as each page arrives, so
//! memory stays flat on `--all`; a table needs its column widths and is printed when complete.

pub mod jq;
pub mod table;

use crate::error::{Error, Result};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable tables (the default on a terminal).
    Table,
    /// One JSON document (lists as an array).
    Json,
    /// One JSON object per line, streamed.
    Ndjson,
    /// Comma-separated values with a header row.
    Csv,
}

/// A record that can be shown as a table or CSV row.
pub trait Row: Serialize {
    fn headers() -> &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

pub struct Output {
    pub format: Format,
    pub jq: Option<jq::Jq>,
    pub color: bool,
    pub tty: bool,
    out: Box<dyn Write + Send>,
}

impl Output {
    pub fn new(
        format: Format,
        jq: Option<jq::Jq>,
        color: bool,
        tty: bool,
        out: Box<dyn Write + Send>,
    ) -> Self {
        Output { format, jq, color, tty, out }
    }

    /// Write raw text to stdout.
    pub fn text(&mut self, s: &str) -> Result<()> {
        write_or_pipe(self.out.write_all(s.as_bytes()))?;
        if !s.ends_with('\n') {
            write_or_pipe(self.out.write_all(b"\n"))?;
        }
        Ok(())
    }

    fn json_doc(&mut self, v: &serde_json::Value, pretty: bool) -> Result<()> {
        if let Some(jq) = &self.jq {
            for line in jq.run(v)? {
                write_or_pipe(writeln!(self.out, "{line}"))?;
            }
            return Ok(());
        }
        let s = if pretty { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) }
            .map_err(|e| Error::general(e.to_string()))?;
        write_or_pipe(writeln!(self.out, "{s}"))
    }

    /// One value: `human` renders it for the table format.
    pub fn value<T: Serialize>(&mut self, v: &T, human: impl FnOnce(&T, bool, bool) -> String) -> Result<()> {
        let j = serde_json::to_value(v).map_err(|e| Error::general(e.to_string()))?;
        match self.format {
            Format::Table if self.jq.is_none() => {
                let s = human(v, self.color, self.tty);
                self.text(&s)
            }
            Format::Ndjson => self.json_doc(&j, false),
            _ => self.json_doc(&j, true),
        }
    }

    /// Start a streamed list of rows.
    pub fn list<R: Row>(&mut self) -> List<'_, R> {
        List {
            out: self,
            rows: Vec::new(),
            json: Vec::new(),
            started: false,
            count: 0,
            _row: std::marker::PhantomData,
        }
    }

    pub fn flush(&mut self) -> Result<()> {
        write_or_pipe(self.out.flush())
    }
}

/// A list being written, row by row.
pub struct List<'a, R: Row> {
    out: &'a mut Output,
    rows: Vec<Vec<String>>,
    json: Vec<serde_json::Value>,
    started: bool,
    pub count: usize,
    _row: std::marker::PhantomData<R>,
}

impl<R: Row> List<'_, R> {
    pub fn push(&mut self, r: &R) -> Result<()> {
        self.count += 1;
        let fmt = if self.out.jq.is_some() && self.out.format == Format::Table {
            Format::Json
        } else {
            self.out.format
        };
        match fmt {
            Format::Table => self.rows.push(r.cells()),
            Format::Json => {
                self.json.push(serde_json::to_value(r).map_err(|e| Error::general(e.to_string()))?)
            }
            Format::Ndjson => {
                let j = serde_json::to_value(r).map_err(|e| Error::general(e.to_string()))?;
                self.out.json_doc(&j, false)?;
            }
            Format::Csv => {
                let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
                if !self.started {
                    w.write_record(R::headers()).map_err(|e| Error::general(e.to_string()))?;
                    self.started = true;
                }
                w.write_record(r.cells()).map_err(|e| Error::general(e.to_string()))?;
                let bytes = w.into_inner().map_err(|e| Error::general(e.to_string()))?;
                write_or_pipe(self.out.out.write_all(&bytes))?;
            }
        }
        Ok(())
    }

    /// Flush what a page produced (NDJSON/CSV are already written; this makes them visible).
    pub fn page_done(&mut self) -> Result<()> {
        self.out.flush()
    }

    pub fn finish(self) -> Result<usize> {
        let fmt = if self.out.jq.is_some() && self.out.format == Format::Table {
            Format::Json
        } else {
            self.out.format
        };
        match fmt {
            Format::Table => {
                if self.rows.is_empty() {
                    eprintln!("no results");
                } else {
                    let t = table::grid(R::headers(), self.rows, self.out.color, self.out.tty);
                    self.out.text(&t)?;
                }
            }
            Format::Json => {
                let v = serde_json::Value::Array(self.json);
                self.out.json_doc(&v, true)?;
            }
            Format::Csv if !self.started => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(R::headers()).map_err(|e| Error::general(e.to_string()))?;
                let bytes = w.into_inner().map_err(|e| Error::general(e.to_string()))?;
                write_or_pipe(self.out.out.write_all(&bytes))?;
            }
            _ => {}
        }
        self.out.flush()?;
        Ok(self.count)
    }
}

/// A closed pipe (`| head`) is not an error: stop quietly, like ripgrep.
pub(crate) fn write_or_pipe(r: std::io::Result<()>) -> Result<()> {
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(e.into()),
    }
}
