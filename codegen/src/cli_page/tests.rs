//! The page parser on pages written for these tests (the real family pages are exercised by
//! `tests/tests/cli_pages.rs`).

use super::*;

const PAGE: &str = "# make-widget\u{c2}\u{b6}

*Source: [https://example.com/reference/widgets/make-widget.html](https://example.com/reference/widgets/make-widget.html)*

[ [aws](https://example.com/index.html#cli-aws) . [widgets](https://example.com/widgets/index.html#cli-aws-widgets) ]

# make-widget

## Description

Makes a widget\u{e2}s day.

### Note

Widgets are small.

See also: [AWS API Documentation](https://docs.aws.amazon.com/goto/WebAPI/widgets-2020-01-01/MakeWidget)

## Synopsis

```
make-widget
--name <value>
[--size <value>]
[--dry-run | --no-dry-run]
--left | --right
[--colors <value>]
[--shape <value>]
[--legacy <value>]
[--cli-input-json | --cli-input-yaml]
[--generate-cli-skeleton <value>]
[--starting-token <value>]
[--page-size <value>]
[--max-items <value>]
<outfile>
[--debug]
[--output <value>]
```

## Options

`--name` (string)

The widget's name.

Possible values:

- `small-one`
- `big/one`

`--size` (integer)

The size. The default is 86,400.

`--dry-run` | `--no-dry-run` (boolean)

Checks permissions.

`--left` | `--right` (boolean)

Which side.

`--colors` (list)

The colors.

(string)

Syntax:

```
\"string\" \"string\" ...

Where valid values are:
  red
  blue
```

`--shape` (structure)

The shape.

Kind -> (string)

What kind.

Parts -> (list)

The parts.

( \u{e2}\u{a6} recursive \u{e2}\u{a6} )Weight -> (double)

How heavy.

JSON Syntax:

```
{
  \"Kind\": \"round\"|\"square\",
  \"Parts\": [
    { ... recursive ... }
    ...
  ],
  \"Weight\": double
}
```

`--legacy` (string)

(deprecated)

Do not use.

`--cli-input-json` | `--cli-input-yaml` (string)
Reads arguments from the JSON string provided.

`--generate-cli-skeleton` (string)
Prints a JSON skeleton.

`--starting-token` (string)

A token.

`--page-size` (integer)

The size of each page.

`--max-items` (integer)

The total number of items.

`outfile` (string)
Filename where the content will be saved

## Global Options

`--debug` (boolean)

Turn on debug logging.

`--output` (string)

The formatting style for command output.

- json
- text

## Output

Widget -> (structure)

The widget.

Id -> (string)

Its id.";

fn parse_page(text: &str) -> (Option<CommandSpec>, Diagnostics, SourceMap) {
    let mut sources = SourceMap::default();
    let mut diags = Diagnostics::default();
    let spec = parse(&mut sources, "page.md", text.as_bytes(), &mut diags);
    (spec, diags, sources)
}

#[test]
fn reads_every_part_of_a_page() {
    let (spec, diags, _) = parse_page(PAGE);
    let spec = spec.unwrap();
    assert_eq!(diags.codes(), ["CLI_PAGE_ENCODING"]);
    assert_eq!(spec.name, "make-widget");
    assert_eq!(spec.service.as_deref(), Some("widgets"));
    assert_eq!(spec.operation.as_deref(), Some("MakeWidget"));
    assert_eq!(spec.description, "Makes a widget’s day.\n\nNote\n\nWidgets are small.\n\nSee also: [AWS API Documentation](https://docs.aws.amazon.com/goto/WebAPI/widgets-2020-01-01/MakeWidget)");
    assert!(spec.cli_input && spec.skeleton);
    let names: Vec<_> = spec.options.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "--name",
            "--size",
            "--dry-run",
            "--left",
            "--colors",
            "--shape",
            "--legacy"
        ]
    );
    let o = |n: &str| spec.options.iter().find(|o| o.name == n).unwrap();
    assert!(o("--name").required && !o("--size").required);
    assert_eq!(o("--name").possible_values, ["small-one", "big/one"]);
    assert_eq!(o("--size").ty, ValueType::Integer);
    assert_eq!(
        (o("--dry-run").negation.as_deref(), o("--dry-run").required),
        (Some("--no-dry-run"), false)
    );
    assert_eq!(
        (
            o("--left").negation.as_deref(),
            o("--left").required,
            o("--left").takes_value
        ),
        (Some("--right"), true, false)
    );
    assert_eq!(
        o("--colors").shape,
        Some(Shape::List {
            item: Box::new(Shape::Scalar {
                ty: ValueType::String,
                values: vec!["red".into(), "blue".into()]
            })
        })
    );
    let Some(Shape::Structure { members }) = &o("--shape").shape else {
        panic!()
    };
    assert_eq!(
        members[0].shape,
        Shape::Scalar {
            ty: ValueType::String,
            values: vec!["round".into(), "square".into()]
        }
    );
    assert_eq!(members[0].description, "What kind.");
    assert_eq!(
        members[1].shape,
        Shape::List {
            item: Box::new(Shape::Recursive)
        }
    );
    assert_eq!(members[2].description, "How heavy.");
    assert!(o("--legacy").deprecated);
    assert_eq!(o("--legacy").description, "Do not use.");
    let pagination: Vec<_> = spec.pagination.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        pagination,
        ["--starting-token", "--page-size", "--max-items"]
    );
    assert_eq!(spec.positionals[0].name, "outfile");
    assert_eq!(spec.globals.len(), 2);
    assert_eq!(spec.globals[1].possible_values, ["json", "text"]);
    let output = spec.output.unwrap();
    assert_eq!(output.len(), 2);
    assert_eq!(
        (output[1].name.as_deref(), output[1].description.as_str()),
        (Some("Id"), "Its id.")
    );
}

#[test]
fn max_items_is_an_api_option_without_a_starting_token() {
    let page = PAGE
        .replace("[--starting-token <value>]\n", "")
        .replace("`--starting-token` (string)\n\nA token.\n\n", "");
    let spec = parse_page(&page).0.unwrap();
    assert!(spec.pagination.is_empty());
    assert!(spec.options.iter().any(|o| o.name == "--max-items"));
}

#[test]
fn output_none_means_no_output() {
    let page = PAGE[..PAGE.find("## Output").unwrap()].to_string() + "## Output\n\nNone";
    assert_eq!(parse_page(&page).0.unwrap().output, None);
}

#[test]
fn malformed_pages_are_diagnosed_with_their_line() {
    let line_of = |(_, diags, sources): (Option<CommandSpec>, Diagnostics, SourceMap)| {
        let d = diags
            .iter()
            .find(|d| d.is_error())
            .cloned()
            .expect("an error");
        let loc = d.location.unwrap();
        (d.code, sources.get(loc.file).line_col(loc.span.start).0)
    };
    let no_synopsis = PAGE.replace("## Synopsis", "## Synopses");
    assert_eq!(line_of(parse_page(&no_synopsis)).0, "CLI_PAGE_MALFORMED");
    let unclosed = format!("{PAGE}\n```\nunclosed");
    assert_eq!(
        line_of(parse_page(&unclosed)),
        ("CLI_PAGE_MALFORMED", PAGE.lines().count() + 1)
    );
    let bad_line = PAGE.replace("[--size <value>]", "size please");
    assert_eq!(line_of(parse_page(&bad_line)), ("CLI_PAGE_MALFORMED", 24));
    assert!(parse_page("\u{ff}").0.is_none());
}

#[test]
fn synopsis_and_options_drift_is_reported() {
    let page = PAGE.replace("[--size <value>]\n", "");
    let (spec, diags, _) = parse_page(&page);
    assert!(spec.is_some());
    assert!(diags
        .iter()
        .any(|d| d.code == "CLI_PAGE_MISMATCH" && d.message.contains("`--size` is documented")));
}

/// Found by `cargo xtask fuzz` (seed 1, case 5214): a page whose Options section documents
/// none of the Synopsis options panicked while comparing their order.
#[test]
fn a_page_documenting_no_synopsis_option_is_diagnosed() {
    let page = "# do-thing\n\n## Description\n\nDoes a thing.\n\n## Synopsis\n\n```\ndo-thing\n--name <value>\n[--size <value>]\n```\n\n## Options\n\nNothing here.\n";
    let (_, diags, _) = parse_page(page);
    assert!(
        diags.codes().contains(&"CLI_PAGE_MISMATCH"),
        "{:?}",
        diags.codes()
    );
}
