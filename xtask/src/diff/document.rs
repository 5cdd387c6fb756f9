//! The document-level comparisons: `info`, servers, security schemes and `security`
//! requirements (the document's, and each operation's effective one).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diff::kinds::{
    API_VERSION_CHANGED, DESCRIPTION_CHANGED, SECURITY_REQUIREMENT_ADDED,
    SECURITY_REQUIREMENT_REMOVED, SECURITY_SCHEME_CHANGED, SERVER_ADDED, SERVER_REMOVED,
};
use crate::diff::schemas::changed;
use crate::diff::{At, Bump, Ctx, Side, Wire};
use crate::spec::child;
use crate::validate::openapi::components;

/// The crate reason of a documentation change.
pub(crate) const DOCUMENTATION: &str = "documentation";

/// `info`: the API version, title and description.
pub(crate) fn info(ctx: &mut Ctx<'_>) {
    let (base, head) = (ctx.root(Side::Base), ctx.root(Side::Head));
    let version = |root: &Value| {
        root.pointer("/info/version")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let (old, new) = (version(base), version(head));
    if old != new {
        let show =
            |it: Option<String>| it.map_or_else(|| "none".to_owned(), |it| format!("`{it}`"));
        let message = format!("{} → {}", show(old), show(new));
        ctx.report(
            &API_VERSION_CHANGED,
            At::Head("/info/version".to_owned()),
            "info",
            message,
        )
        .krate((
            Bump::Patch,
            "`Client::api_version()` and the `api-version` header of every request change"
                .to_owned(),
        ));
    }
    for key in ["title", "description"] {
        let pointer = child("/info", key);
        if let Some(message) = changed(base.pointer(&pointer), head.pointer(&pointer), key) {
            ctx.report(&DESCRIPTION_CHANGED, At::Head(pointer), "info", message)
                .krate((Bump::Patch, DOCUMENTATION.to_owned()));
        }
    }
}

/// Server URLs, matched by URL.
pub(crate) fn servers(ctx: &mut Ctx<'_>) {
    let list = |root: &Value| -> Vec<(String, String, Value)> {
        root.get("servers")
            .and_then(Value::as_array)
            .map(|servers| {
                servers
                    .iter()
                    .enumerate()
                    .filter_map(|(idx, server)| {
                        let url = server.get("url")?.as_str()?.to_owned();
                        Some((child("/servers", &idx.to_string()), url, server.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (base, head) = (list(ctx.root(Side::Base)), list(ctx.root(Side::Head)));
    for (pointer, url, server) in &head {
        let subject = format!("server `{url}`");
        let Some((_, _, old)) = base.iter().find(|it| it.1 == *url) else {
            ctx.report(&SERVER_ADDED, At::Head(pointer.clone()), subject, "added")
                .krate((
                    Bump::Patch,
                    "the base URL is a run-time argument of `Client::new`".to_owned(),
                ));
            continue;
        };
        if let Some(message) = changed(
            old.get("description"),
            server.get("description"),
            "description",
        ) {
            ctx.report(
                &DESCRIPTION_CHANGED,
                At::Head(child(pointer, "description")),
                subject,
                message,
            )
            .krate((Bump::Patch, DOCUMENTATION.to_owned()));
        }
    }
    for (pointer, url, _) in &base {
        if head.iter().any(|it| it.1 == *url) {
            continue;
        }
        ctx.report(
            &SERVER_REMOVED,
            At::Base(pointer.clone()),
            format!("server `{url}`"),
            "removed",
        )
        .wire(Wire::Breaking)
        .krate((
            Bump::Patch,
            "the base URL is a run-time argument of `Client::new` (check `Environment`)".to_owned(),
        ));
    }
}

/// The crate reason of a security change.
pub(crate) const NO_SECURITY_CODE: &str = "security generates no code: check `src/auth.rs`";

/// The security schemes of `components`, matched by name.
pub(crate) fn security_schemes(ctx: &mut Ctx<'_>) {
    let (base, head) = (
        components(ctx.root(Side::Base), "securitySchemes"),
        components(ctx.root(Side::Head), "securitySchemes"),
    );
    for (name, scheme) in &head {
        let pointer = child("/components/securitySchemes", name);
        let subject = format!("security scheme `{name}`");
        let Some((_, old)) = base.iter().find(|it| it.0 == *name) else {
            ctx.report(
                &SECURITY_SCHEME_CHANGED,
                At::Head(pointer),
                subject,
                "added",
            )
            .wire(Wire::Compatible)
            .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
            continue;
        };
        for key in [
            "type",
            "in",
            "name",
            "scheme",
            "bearerFormat",
            "openIdConnectUrl",
            "flows",
        ] {
            let (old_value, new_value) = (old.get(key), scheme.get(key));
            if old_value == new_value {
                continue;
            }
            let show = |it: Option<&Value>| {
                it.map_or_else(|| "none".to_owned(), |it| format!("`{}`", plain(it)))
            };
            let message = format!("`{key}` {} → {}", show(old_value), show(new_value));
            ctx.report(
                &SECURITY_SCHEME_CHANGED,
                At::Head(child(&pointer, key)),
                subject.clone(),
                message,
            )
            .wire(Wire::Breaking)
            .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
        }
        if let Some(message) = changed(
            old.get("description"),
            scheme.get("description"),
            "description",
        ) {
            ctx.report(
                &DESCRIPTION_CHANGED,
                At::Head(child(&pointer, "description")),
                subject,
                message,
            )
            .krate((Bump::Patch, DOCUMENTATION.to_owned()));
        }
    }
    for (name, _) in &base {
        if head.iter().any(|it| it.0 == *name) {
            continue;
        }
        ctx.report(
            &SECURITY_SCHEME_CHANGED,
            At::Base(child("/components/securitySchemes", name)),
            format!("security scheme `{name}`"),
            "removed",
        )
        .wire(Wire::Compatible)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
    }
}

/// A string as is, anything else as JSON.
pub(crate) fn plain(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

/// The alternatives of a `security` list, each a set of scheme names (the empty set is
/// anonymous access; no list at all is anonymous access only).
pub(crate) fn alternatives(security: Option<&Value>) -> Vec<BTreeSet<String>> {
    let list = security
        .and_then(Value::as_array)
        .filter(|it| !it.is_empty());
    let Some(list) = list else {
        return vec![BTreeSet::new()];
    };
    list.iter()
        .map(|requirement| {
            requirement
                .as_object()
                .map(|it| it.keys().cloned().collect())
                .unwrap_or_default()
        })
        .collect()
}

/// Compares two `security` lists (the document's, or an operation's effective one).
pub(crate) fn security(
    ctx: &mut Ctx<'_>,
    (base, base_pointer): (Option<&Value>, &str),
    (head, head_pointer): (Option<&Value>, &str),
    subject: &str,
) {
    let (old, new) = (alternatives(base), alternatives(head));
    let (old_anonymous, new_anonymous) = (
        old.iter().any(BTreeSet::is_empty),
        new.iter().any(BTreeSet::is_empty),
    );
    let show = |it: &BTreeSet<String>| {
        it.iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let show_all = |list: &[BTreeSet<String>]| {
        list.iter()
            .filter(|it| !it.is_empty())
            .map(show)
            .collect::<Vec<_>>()
            .join(" or ")
    };
    if old_anonymous && !new_anonymous {
        let message = format!("{} required (no authentication was needed)", show_all(&new));
        ctx.report(
            &SECURITY_REQUIREMENT_ADDED,
            At::Head(head_pointer.to_owned()),
            subject,
            message,
        )
        .wire(Wire::Breaking)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
        return;
    }
    if !old_anonymous && new_anonymous {
        let message = format!("no authentication needed (was {})", show_all(&old));
        ctx.report(
            &SECURITY_REQUIREMENT_REMOVED,
            At::Head(head_pointer.to_owned()),
            subject,
            message,
        )
        .wire(Wire::Compatible)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
        return;
    }
    for (idx, alternative) in new.iter().enumerate() {
        if alternative.is_empty() || old.contains(alternative) {
            continue;
        }
        ctx.report(
            &SECURITY_REQUIREMENT_ADDED,
            At::Head(child(head_pointer, &idx.to_string())),
            subject,
            format!("{} added as an alternative", show(alternative)),
        )
        .wire(Wire::Compatible)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
    }
    for (idx, alternative) in old.iter().enumerate() {
        if alternative.is_empty() || new.contains(alternative) {
            continue;
        }
        // Clients that authenticate only this way lose access, unless anonymous access remains.
        let wire = if new_anonymous {
            Wire::Compatible
        } else {
            Wire::Breaking
        };
        ctx.report(
            &SECURITY_REQUIREMENT_REMOVED,
            At::Base(child(base_pointer, &idx.to_string())),
            subject,
            format!("{} removed", show(alternative)),
        )
        .wire(wire)
        .krate((Bump::Patch, NO_SECURITY_CODE.to_owned()));
    }
}
