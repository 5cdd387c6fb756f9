//! Snapshots of the generated public surface, so a pull request that edits the spec shows its effect
//! on the Rust API as a reviewable diff. Accept an intended change with `cargo insta review`.

/// The compact surface: one line per operation, one block per type.
#[test]
fn compact_public_surface() {
    let surface = include_str!(concat!(env!("OUT_DIR"), "/surface.txt"));
    insta::assert_snapshot!("surface", surface);
}

/// The full formatted client, for reviewers who need the details: as the `cli` feature builds it
/// (its types then also derive `JsonSchema`).
#[cfg(feature = "cli")]
#[test]
fn full_generated_client() {
    let code = include_str!(concat!(env!("OUT_DIR"), "/codegen.rs"));
    insta::assert_snapshot!("generated_client", code);
}

/// Without `cli` the full snapshot cannot be compared: say so rather than skip it silently.
#[cfg(not(feature = "cli"))]
#[test]
fn full_generated_client_needs_the_cli_feature() {
    panic!(
        "the full generated-client snapshot is taken with the `cli` feature: \
         run `cargo test --workspace --all-features` (the README's test command)"
    );
}
