//! `shopdesk api`: a raw call with the stored credentials, through the same transport (retries,
//! rate limits, logging, redaction) as every other command.

use crate::cli::ApiArgs;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::transport::{Body, Request};
use reqwest::Method;
use reqwest::header::{HeaderName, HeaderValue};
use std::io::Read;

pub async fn run(ctx: &mut Ctx, a: ApiArgs) -> Result<()> {
    let method: Method = a
        .method
        .to_ascii_uppercase()
        .parse()
        .map_err(|_| Error::usage(format!("`{}` is not an HTTP method", a.method)))?;
    let store = resolve_service(ctx, &a.service)?;
    let mut req = Request::new(method.clone(), "");
    for h in &a.headers {
        let (k, v) =
            h.split_once(':').ok_or_else(|| Error::usage(format!("header `{h}` is not `Name: value`")))?;
        let name = HeaderName::from_bytes(k.trim().as_bytes())
            .map_err(|_| Error::usage(format!("bad header name `{k}`")))?;
        let value = HeaderValue::from_str(v.trim())
            .map_err(|_| Error::usage(format!("bad header value in `{h}`")))?;
        req = req.header(name, value);
    }
    let mut fields = serde_json::Map::new();
    for f in &a.fields {
        let (k, v) =
            f.split_once('=').ok_or_else(|| Error::usage(format!("field `{f}` is not key=value")))?;
        fields.insert(k.to_string(), serde_json::Value::String(v.to_string()));
    }
    if let Some(path) = &a.input {
        let mut bytes = Vec::new();
        if path.as_os_str() == "-" {
            std::io::stdin().read_to_end(&mut bytes)?;
        } else {
            bytes = std::fs::read(path)
                .map_err(|e| Error::usage(format!("cannot read --input {}: {e}", path.display())))?;
        }
        req.body = match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(v) => Body::Json(v),
            Err(_) => Body::Raw { content_type: "application/octet-stream".into(), bytes: bytes.into() },
        };
    } else if !fields.is_empty() {
        if method == Method::GET {
            for (k, v) in &fields {
                req = req.query(k, v.as_str().unwrap_or_default());
            }
        } else {
            req.body = Body::Json(serde_json::Value::Object(fields));
        }
    }
    let shop = ctx.open_store(&store).await?;
    req.path = shop.api_path(&a.path);
    let client = &shop.store().client;
    let resp = client.send_any(req).await?;
    if a.include {
        let mut head = format!("HTTP {}\n", resp.status);
        for (k, v) in &resp.headers {
            head.push_str(&format!("{k}: {}\n", v.to_str().unwrap_or("<binary>")));
        }
        ctx.out.text(&head)?;
    }
    match serde_json::from_slice::<serde_json::Value>(&resp.body) {
        Ok(v) => ctx.out.value(&v, |v, _, _| serde_json::to_string_pretty(v).unwrap_or_default())?,
        Err(_) if !resp.body.is_empty() => ctx.out.text(&String::from_utf8_lossy(&resp.body))?,
        Err(_) => {}
    }
    if resp.status.is_success() { Ok(()) } else { Err(client.status_error(&resp)) }
}

/// A store name, or a platform name when the profile has exactly one store of it.
fn resolve_service(ctx: &Ctx, service: &str) -> Result<String> {
    let names = ctx.store_names()?;
    if names.iter().any(|n| n == service) {
        return Ok(service.to_string());
    }
    let of_platform: Vec<String> = names
        .iter()
        .filter(|n| ctx.store_config(n).map(|c| c.platform == service).unwrap_or(false))
        .cloned()
        .collect();
    match of_platform.as_slice() {
        [one] => Ok(one.clone()),
        [] => {
            Err(Error::usage(format!("no store or platform `{service}` in profile `{}`", ctx.profile_name))
                .with_hint(format!("stores: {}", names.join(", "))))
        }
        many => Err(Error::usage(format!("several {service} stores in the profile: {}", many.join(", ")))
            .with_hint("name the store instead of the platform")),
    }
}
