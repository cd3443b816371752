//! The page parser on the real pages of the family: the seed page in `schemas/cli/` and the
//! pages in `../shared/aws-cli-pages/` (read from there, never copied), none of which it was
//! tuned on beyond GRAMMAR.md.

use codegen::cli_page::{self, CommandSpec, Shape, ValueType};
use codegen::{Diagnostics, SourceMap};
use std::path::{Path, PathBuf};

fn parse(path: &Path) -> (CommandSpec, Diagnostics) {
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = cli_page::parse(
        &mut sources,
        &path.display().to_string(),
        &bytes,
        &mut diags,
    );
    assert!(
        !diags.has_errors(),
        "{}",
        codegen::render::render(&sources, &diags)
    );
    (spec.expect("no errors, so a spec"), diags)
}

fn family_pages() -> Vec<PathBuf> {
    let dir = tests::root().join("../shared/aws-cli-pages");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (../shared must sit beside the repository)",
                dir.display()
            )
        })
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 6);
    pages
}

#[test]
fn the_seed_page_parses_completely() {
    let (spec, diags) = parse(&tests::root().join("schemas/cli/start-ml-data-processing-job.txt"));
    assert_eq!(diags.codes(), ["CLI_PAGE_ENCODING"]);
    insta::assert_json_snapshot!("start-ml-data-processing-job.spec", spec);
}

#[test]
fn every_family_page_parses_with_consistent_structure() {
    if tests::shared().is_none() {
        return;
    }
    for page in family_pages() {
        let (spec, diags) = parse(&page);
        let stem = page.file_stem().unwrap().to_str().unwrap();
        assert_eq!(spec.name, stem);
        assert!(spec.service.is_some() && spec.operation.is_some(), "{stem}");
        assert!(!spec.options.is_empty(), "{stem}");
        // The 18 global options, identical on every page of the family.
        let globals: Vec<_> = spec.globals.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(globals.len(), 18, "{stem}");
        assert_eq!(
            (globals[0], globals[17]),
            ("--debug", "--no-cli-auto-prompt")
        );
        let output = spec.globals.iter().find(|g| g.name == "--output").unwrap();
        assert_eq!(
            output.possible_values,
            ["json", "text", "table", "yaml", "yaml-stream"]
        );
        // No Synopsis/Options drift on real pages.
        assert!(
            diags.iter().all(|d| d.code == "CLI_PAGE_ENCODING"),
            "{stem}: {:?}",
            diags.codes()
        );
        for option in &spec.options {
            let shaped = matches!(
                option.ty,
                ValueType::List
                    | ValueType::Structure
                    | ValueType::Map
                    | ValueType::TaggedUnion
                    | ValueType::Document
            );
            assert_eq!(option.shape.is_some(), shaped, "{stem} {}", option.name);
        }
    }
}

#[test]
fn family_specifics_are_understood() {
    if tests::shared().is_none() {
        return;
    }
    let page =
        |name: &str| parse(&tests::root().join(format!("../shared/aws-cli-pages/{name}.txt"))).0;
    let opt = |spec: &CommandSpec, name: &str| {
        spec.options
            .iter()
            .find(|o| o.name == name)
            .cloned()
            .unwrap()
    };

    let acl = page("create-network-acl-entry");
    let egress = opt(&acl, "--egress");
    assert_eq!(
        (egress.negation.as_deref(), egress.required),
        (Some("--ingress"), true)
    );
    assert_eq!(
        opt(&acl, "--dry-run").negation.as_deref(),
        Some("--no-dry-run")
    );
    assert_eq!(acl.output, None);

    let invoke = page("invoke");
    assert_eq!(invoke.positionals[0].name, "outfile");
    assert!(!invoke.cli_input && !invoke.skeleton);
    assert_eq!(opt(&invoke, "--payload").ty, ValueType::Blob);

    let anomaly = page("update-anomaly-subscription");
    assert!(opt(&anomaly, "--threshold").deprecated);
    let Some(Shape::Structure { members }) = opt(&anomaly, "--threshold-expression").shape else {
        panic!()
    };
    let names: Vec<_> = members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["Or", "And", "Not", "Dimensions", "Tags", "CostCategories"]
    );
    // `Or` is a list of expressions: the item repeats the whole expression, recursion cut below.
    let Shape::List { item } = &members[0].shape else {
        panic!()
    };
    let Shape::Structure { members: inner } = &**item else {
        panic!()
    };
    assert_eq!(
        inner[0].shape,
        Shape::List {
            item: Box::new(Shape::Recursive)
        }
    );
    assert_eq!(inner[2].shape, Shape::Recursive);

    let put_item = page("put-item");
    let Some(Shape::Map { value }) = opt(&put_item, "--item").shape else {
        panic!()
    };
    let Shape::Structure { members } = *value else {
        panic!()
    };
    assert!(members
        .iter()
        .any(|m| m.name == "M" && matches!(m.shape, Shape::Map { .. })));
    assert_eq!(
        opt(&put_item, "--return-values").possible_values,
        ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"]
    );

    let put_object = page("put-object");
    assert_eq!(opt(&put_object, "--body").ty, ValueType::StreamingBlob);
    assert_eq!(
        opt(&put_object, "--bucket-key-enabled").negation.as_deref(),
        Some("--no-bucket-key-enabled")
    );
    assert_eq!(opt(&put_object, "--content-length").ty, ValueType::Long);

    let bedrock = page("start-async-invoke");
    assert_eq!(opt(&bedrock, "--model-input").shape, Some(Shape::Document));
    assert_eq!(
        opt(&bedrock, "--output-data-config").ty,
        ValueType::TaggedUnion
    );
}
