//! docs-check against the pages of `xtask/fixtures/docs_check/`, compared with the spec
//! `spec.yaml` there. Each page's header lists every finding it must produce, exactly and in
//! order, as `# expect: <severity> <rule> line <n> <pointer>` (no line: no finding). Every page is
//! checked and every mismatch reported, not only the first.

use std::path::PathBuf;

use super::page::{parse, Bound, BoundOf};
use super::{check, output, Report, Severity};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs_check")
}

/// Checks the fixture pages `names` against the fixture spec.
fn run(names: &[&str]) -> Report {
    let spec_path = fixtures().join("spec.yaml");
    let spec = apipagos_codegen::load_spec(&spec_path).expect("the fixture spec loads");
    let spec_text = std::fs::read_to_string(&spec_path).expect("the fixture spec reads");
    let pages: Vec<(String, String)> = names
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(fixtures().join(name))
                .unwrap_or_else(|err| panic!("cannot read {name}: {err}"));
            ((*name).to_owned(), text)
        })
        .collect();
    check(&spec, &spec_text, "spec.yaml", &pages).expect("docs-check runs")
}

fn found(report: &Report) -> Vec<String> {
    report
        .pages
        .iter()
        .flat_map(|page| &page.findings)
        .map(|it| {
            let mut line = format!("{} {} line {}", it.severity.as_str(), it.rule, it.page_line);
            if !it.pointer.is_empty() {
                line.push(' ');
                line.push_str(&it.pointer);
            }
            line
        })
        .collect()
}

fn expectations(text: &str) -> Vec<String> {
    text.lines()
        .take_while(|line| line.starts_with('#'))
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_page_gives_the_findings_its_header_lists() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("the fixtures directory")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 19, "fixture pages: {names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(fixtures().join(name)).unwrap_or_default();
        let expected = expectations(&text);
        let actual = found(&run(&[name.as_str()]));
        if actual != expected {
            failures.push(format!("{name}: expected {expected:#?}\nfound {actual:#?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pages differ from their `# expect:` header:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

/// A seed of the same operation as another page: the deviation one page matches is not stale
/// for the other, and an unexplained disagreement fails the run.
#[test]
fn a_deviation_is_matched_across_the_pages_of_a_run() {
    let report = run(&["parameter-renamed.txt", "nested-fields.txt"]);
    assert_eq!(report.count(Severity::Note), 1);
    assert_eq!(report.count(Severity::Error), 1);
    let clean = run(&["sidebar-form-agrees.txt", "navigation-form-agrees.txt"]);
    assert_eq!(found(&clean), Vec::<String>::new());
    assert!(clean.pages.iter().all(|it| it.operation.is_some()));
}

#[test]
fn human_output() {
    let report = run(&["type-differs.txt", "parameter-renamed.txt", "fragment.txt"]);
    insta::assert_snapshot!("human_output", output::human(&report, true));
}

#[test]
fn json_output() {
    let report = run(&["pattern-differs.txt"]);
    insta::assert_snapshot!("json_output", output::json(&report));
}

/// The deviations declared in the real spec read (the shape `validate` checks).
#[test]
fn real_spec_deviations_read() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/apipagos.yaml");
    let spec = apipagos_codegen::load_spec(&path).expect("the spec loads");
    let declared: usize = spec
        .openapi
        .paths
        .paths
        .values()
        .filter_map(|item| item.as_item())
        .flat_map(|item| item.iter())
        .map(|(_, op)| super::deviations::declared(op).len())
        .sum();
    assert!(declared > 100, "{declared} deviations read");
}

#[test]
fn page_reads_titled_objects_cut_flags_and_the_code_block_rendering_after_a_gap() {
    let page = parse(
        "PATCH\n/users/{code}\nBody Params application/json\nstatus\nobject\nSystem Status\n\
         code\nstring\nrequired\nvalue\nstring\noptiona\n[... gap ...]\nCompany-Token: ****\n\
         {\n\"code\": \"a\"\n}\n",
    );
    let body = page.body.expect("a body");
    let names: Vec<(&str, Option<bool>)> = body
        .fields
        .iter()
        .map(|it| (it.name.as_str(), it.required))
        .collect();
    assert_eq!(
        names,
        [("status", None), ("code", Some(true)), ("value", None)]
    );
    assert!(!body.complete);
    let example = body
        .example
        .expect("the example of the code-block rendering");
    assert_eq!(example.value, Some(serde_json::json!({"code": "a"})));
    assert_eq!(example.line, 15);
}

#[test]
fn page_reads_bounds() {
    let page = parse(
        "POST\n/x\nBody Params application/json\nn\nnumber\noptional\n>= 0<= 10000\n\
         s\nstring\noptional\n>= 11 characters<= 11 characters\n",
    );
    let body = page.body.expect("a body");
    let bounds: Vec<Bound> = body.fields[0].bounds.iter().map(|it| it.value).collect();
    assert_eq!(bounds.len(), 2);
    assert_eq!((bounds[1].lower, bounds[1].limit), (false, 10000.0));
    assert!(body.fields[1]
        .bounds
        .iter()
        .all(|it| it.value.what == BoundOf::Length));
}
