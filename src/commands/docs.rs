//! `completions` and `man`: generated from the clap tree, committed under completions/ and man/
//! (a test fails when the committed files differ from what the binary makes).

use crate::cli::Cli;
use crate::error::{EXIT_CODES, Error, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "shopdesk", &mut std::io::stdout());
    Ok(())
}

/// Every man page: (file name, roff text).
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let root = Cli::command();
    let mut out = Vec::new();
    walk(&root, "shopdesk", &mut out)?;
    Ok(out)
}

fn walk(cmd: &clap::Command, name: &str, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let cmd = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render(&mut buf).map_err(|e| Error::general(e.to_string()))?;
    if name == "shopdesk" {
        extra_sections(&mut buf)?;
    }
    out.push((format!("{name}.1"), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        walk(sub, &format!("{name}-{}", sub.get_name()), out)?;
    }
    Ok(())
}

fn extra_sections(buf: &mut Vec<u8>) -> Result<()> {
    let mut s = String::from(".SH \"EXIT STATUS\"\n");
    for (code, what) in EXIT_CODES {
        s.push_str(&format!(".TP\n\\fB{code}\\fR\n{what}\n"));
    }
    s.push_str(".SH ENVIRONMENT\n");
    for (var, what) in [
        ("SHOPDESK_CONFIG", "Path of the config file (default: $XDG_CONFIG_HOME/shopdesk/config.toml)."),
        ("SHOPDESK_PROFILE", "Profile to use (like --profile)."),
        ("SHOPDESK_STORE", "Store to use (like --store)."),
        (
            "SHOPDESK_<PROFILE>_<STORE>_<FIELD>",
            "A secret for CI, e.g. SHOPDESK_DEFAULT_MAIN_ACCESS_TOKEN; takes precedence over the keyring.",
        ),
        ("SHOPDESK_KEYRING", "Force a keyring backend: secret-service or keyutils."),
        ("SHOPDESK_STATE_DIR", "Where non-secret state (secret set times) is kept."),
        ("SHOPDESK_CACHE_DIR", "Where cached read answers are kept (default: $XDG_CACHE_HOME/shopdesk)."),
        ("NO_COLOR", "Disable colours."),
    ] {
        s.push_str(&format!(".TP\n\\fB{}\\fR\n{what}\n", var.replace('-', "\\-")));
    }
    s.push_str(
        ".SH FILES\n.TP\n\\fI~/.config/shopdesk/config.toml\\fR\nProfiles and stores; never secrets.\n",
    );
    buf.write_all(s.as_bytes())?;
    Ok(())
}

pub fn man(out_dir: Option<&Path>) -> Result<()> {
    let pages = pages()?;
    match out_dir {
        None => {
            std::io::stdout().write_all(&pages[0].1)?;
            Ok(())
        }
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::general(format!("cannot create {}: {e}", dir.display())))?;
            for (name, text) in &pages {
                std::fs::write(dir.join(name), text)?;
            }
            eprintln!("wrote {} man pages to {}", pages.len(), dir.display());
            Ok(())
        }
    }
}
