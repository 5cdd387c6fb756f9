//! What the tests of several commands share: where the xtask crate is, and the check that keeps
//! a table of `xtask/README.md` in step with the code it lists.

use std::path::PathBuf;

/// The xtask crate's folder: its fixtures and its README are below it.
pub(crate) fn xtask_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `xtask/README.md` holds `table` between `<!-- {marker}:start -->` and `<!-- {marker}:end -->`;
/// a stale table is rewritten and the test fails, to be committed. `what` names the table in the
/// messages (`rule`, `kind`).
#[track_caller]
pub(crate) fn assert_readme_table_fresh(marker: &str, what: &str, table: &str) {
    let path = xtask_dir().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_default();
    let (start, end) = (
        format!("<!-- {marker}:start -->\n"),
        format!("<!-- {marker}:end -->"),
    );
    let (Some(start_idx), Some(end_idx)) = (readme.find(&start), readme.find(&end)) else {
        panic!("{}: the {what} table markers are missing", path.display());
    };
    let fresh = format!(
        "{}{start}{table}{}",
        &readme[..start_idx],
        &readme[end_idx..]
    );
    if fresh != readme {
        std::fs::write(&path, &fresh).unwrap();
        panic!(
            "{} had a stale {what} table and was updated: review and commit it",
            path.display()
        );
    }
}
