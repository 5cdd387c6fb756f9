//! Faults on demand: what a real server does on a bad day, injected into the mock's answers so an
//! application (and this crate's retry tests) can prove it copes. From Rust with
//! [`super::ApiMock::inject`], from a terminal with `cargo xtask mock --fault SPEC` (see
//! [`Fault`]'s `FromStr` for the syntax).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// What goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// The answer comes this late (on top of any other fault or the normal answer).
    Latency(Duration),
    /// The answer is this status with the API's JSON error body; `Retry-After` (whole seconds)
    /// when given. 429 and 503 are the usual ones.
    Status {
        /// The HTTP status.
        status: u16,
        /// The `Retry-After` to send, if any.
        retry_after: Option<Duration>,
    },
    /// A 500 with an HTML error page (`text/html`), as a proxy or a crashed PHP worker sends.
    HtmlError,
    /// A 200 whose JSON body is cut in half (with a matching `Content-Length`).
    TruncatedBody,
}

/// A fault, the operation it hits (all when `None`) and how many times (always when `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// What goes wrong.
    pub kind: FaultKind,
    /// The operationId it hits; every operation when `None`.
    pub operation: Option<String>,
    /// How many requests it hits; every request when `None`.
    pub times: Option<u32>,
}

impl Fault {
    /// Answers late by `delay`.
    pub fn latency(delay: Duration) -> Fault {
        Fault::of(FaultKind::Latency(delay))
    }

    /// 429 Too Many Requests with `Retry-After`.
    pub fn too_many_requests(retry_after: Duration) -> Fault {
        Fault::of(FaultKind::Status {
            status: 429,
            retry_after: Some(retry_after),
        })
    }

    /// 503 Service Unavailable with `Retry-After`.
    pub fn unavailable(retry_after: Duration) -> Fault {
        Fault::of(FaultKind::Status {
            status: 503,
            retry_after: Some(retry_after),
        })
    }

    /// Any status (502, 504, 500, ...) with the API's JSON error body and no `Retry-After`.
    pub fn status(status: u16) -> Fault {
        Fault::of(FaultKind::Status {
            status,
            retry_after: None,
        })
    }

    /// A 500 with an HTML page.
    pub fn html_error() -> Fault {
        Fault::of(FaultKind::HtmlError)
    }

    /// A 200 with half a JSON body.
    pub fn truncated_body() -> Fault {
        Fault::of(FaultKind::TruncatedBody)
    }

    /// Only requests of this operation (operationId) are hit.
    pub fn on(mut self, operation_id: &str) -> Fault {
        self.operation = Some(operation_id.to_owned());
        self
    }

    /// Only the next `n` requests it applies to are hit.
    pub fn times(mut self, n: u32) -> Fault {
        self.times = Some(n);
        self
    }

    fn of(kind: FaultKind) -> Fault {
        Fault {
            kind,
            operation: None,
            times: None,
        }
    }
}

/// The active faults of one mock, in the order they were injected.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    active: Vec<Fault>,
}

/// What the faults decide for one request.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Wait this long before answering.
    pub(crate) delay: Duration,
    /// Answer this instead of the normal answer (a `Latency` never lands here).
    pub(crate) replace: Option<FaultKind>,
}

impl Faults {
    pub(crate) fn add(&mut self, fault: Fault) {
        self.active.push(fault);
    }

    pub(crate) fn clear(&mut self) {
        self.active.clear();
    }

    /// Decides for one request of `operation_id`, using up one of each fault's `times`.
    pub(crate) fn decide(&mut self, operation_id: &str) -> Decision {
        let mut decision = Decision::default();
        for fault in &mut self.active {
            if fault
                .operation
                .as_deref()
                .is_some_and(|op| op != operation_id)
                || fault.times == Some(0)
            {
                continue;
            }
            let applies = match &fault.kind {
                FaultKind::Latency(delay) => {
                    decision.delay += *delay;
                    true
                }
                other if decision.replace.is_none() => {
                    decision.replace = Some(other.clone());
                    true
                }
                _ => false,
            };
            if applies {
                if let Some(times) = &mut fault.times {
                    *times -= 1;
                }
            }
        }
        self.active.retain(|f| f.times != Some(0));
        decision
    }
}

/// Why a `--fault` text does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("fault `{text}`: {reason} (expected KIND[:OPERATION][*TIMES], KIND one of latency=250ms, 429[=SECONDS], 503[=SECONDS], STATUS, html500, truncated)")]
pub struct FaultParseError {
    text: String,
    reason: &'static str,
}

/// `KIND[:OPERATION][*TIMES]`: `503`, `503=2:get_transaction*3`, `429=1`, `502`,
/// `latency=250ms`, `html500`, `truncated:list_refunds`.
impl FromStr for Fault {
    type Err = FaultParseError;

    fn from_str(text: &str) -> Result<Fault, FaultParseError> {
        let err = |reason| FaultParseError {
            text: text.to_owned(),
            reason,
        };
        let (rest, times) = match text.rsplit_once('*') {
            Some((rest, n)) => (
                rest,
                Some(n.parse().map_err(|_| err("TIMES is not a number"))?),
            ),
            None => (text, None),
        };
        let (kind, operation) = match rest.split_once(':') {
            Some((kind, op)) if !op.is_empty() => (kind, Some(op.to_owned())),
            Some(_) => return Err(err("empty OPERATION")),
            None => (rest, None),
        };
        let (name, value) = kind
            .split_once('=')
            .map_or((kind, None), |(n, v)| (n, Some(v)));
        let seconds = |value: Option<&str>| -> Result<Duration, FaultParseError> {
            value.map_or(Ok(Duration::from_secs(1)), |v| {
                v.parse()
                    .map(Duration::from_secs)
                    .map_err(|_| err("SECONDS is not a number"))
            })
        };
        let kind = match name {
            "latency" => {
                let ms = value
                    .and_then(|v| v.strip_suffix("ms"))
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| err("latency needs =MILLISECONDSms, e.g. latency=250ms"))?;
                FaultKind::Latency(Duration::from_millis(ms))
            }
            "html500" => FaultKind::HtmlError,
            "truncated" => FaultKind::TruncatedBody,
            "429" | "503" => FaultKind::Status {
                status: name.parse().unwrap_or(503),
                retry_after: Some(seconds(value)?),
            },
            status => match status.parse::<u16>() {
                Ok(status @ 400..=599) if value.is_none() => FaultKind::Status {
                    status,
                    retry_after: None,
                },
                _ => return Err(err("unknown KIND")),
            },
        };
        Ok(Fault {
            kind,
            operation,
            times,
        })
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            FaultKind::Latency(delay) => write!(f, "latency={}ms", delay.as_millis())?,
            FaultKind::Status {
                status,
                retry_after: Some(after),
            } => write!(f, "{status}={}", after.as_secs())?,
            FaultKind::Status { status, .. } => write!(f, "{status}")?,
            FaultKind::HtmlError => f.write_str("html500")?,
            FaultKind::TruncatedBody => f.write_str("truncated")?,
        }
        if let Some(op) = &self.operation {
            write!(f, ":{op}")?;
        }
        if let Some(n) = self.times {
            write!(f, "*{n}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_texts_parse_and_print_back() {
        for text in [
            "503=1",
            "429=2:get_transaction*3",
            "502",
            "latency=250ms",
            "html500*1",
            "truncated:list_refunds",
        ] {
            let fault: Fault = text.parse().unwrap();
            assert_eq!(fault.to_string(), text);
        }
        assert_eq!(
            "503".parse::<Fault>().unwrap(),
            Fault::unavailable(Duration::from_secs(1))
        );
        for bad in ["", "teapot", "latency=fast", "503:", "200", "503*x"] {
            assert!(bad.parse::<Fault>().is_err(), "{bad}");
        }
    }

    #[test]
    fn faults_are_used_up_and_scoped_to_their_operation() {
        let mut faults = Faults::default();
        faults.add(Fault::status(502).on("get_transaction").times(2));
        faults.add(Fault::latency(Duration::from_millis(5)));
        faults.add(Fault::html_error().times(1));
        let replaced = |faults: &mut Faults, op| faults.decide(op).replace;
        assert_eq!(
            replaced(&mut faults, "list_refunds"),
            Some(FaultKind::HtmlError)
        );
        assert_eq!(replaced(&mut faults, "list_refunds"), None);
        let first = faults.decide("get_transaction");
        assert_eq!(first.delay, Duration::from_millis(5));
        assert!(matches!(
            first.replace,
            Some(FaultKind::Status { status: 502, .. })
        ));
        assert!(replaced(&mut faults, "get_transaction").is_some());
        assert_eq!(replaced(&mut faults, "get_transaction"), None);
    }
}
