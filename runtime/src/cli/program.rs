//! The binary's whole behaviour over a generated command set.

use std::ffi::OsString;
use std::io::Write;

use super::{exit, CliError};

/// A generated command line: its clap parser, the globals the runtime reads, and the dispatch
/// to the command given.
pub trait Program: clap::Parser {
    /// The binary's name, as its messages say it.
    const BIN: &'static str;

    /// `--version` was given.
    fn version_requested(&self) -> bool;

    /// The global options given that this tool does not honour (refused, never silently
    /// ignored).
    fn unsupported(&self) -> Vec<&'static str>;

    /// Runs the command given, or `None` when none was.
    fn execute(&self, out: &mut dyn Write, err: &mut dyn Write) -> Option<Result<(), CliError>>;
}

/// Runs the command line `args` (program name first), writing to `out` and `err`; returns the
/// exit code, as the AWS CLI's.
pub fn run<P, I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    P: Program,
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match P::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let informational = matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                    | ErrorKind::DisplayVersion
            );
            return if informational {
                let _ = write!(out, "{}", e.render());
                exit::SUCCESS
            } else {
                let _ = write!(err, "{}", e.render());
                exit::USAGE
            };
        }
    };
    let bin = P::BIN;
    if cli.version_requested() {
        let version = P::command().get_version().unwrap_or("").to_owned();
        let _ = writeln!(out, "{bin} {version}");
        return exit::SUCCESS;
    }
    let unsupported = cli.unsupported();
    if !unsupported.is_empty() {
        let _ = writeln!(
            err,
            "{bin}: error: {} cannot be honoured by this tool",
            unsupported.join(", ")
        );
        return exit::CONFIG;
    }
    match cli.execute(out, err) {
        None => {
            let _ = writeln!(err, "{}", P::command().render_usage());
            let _ = writeln!(
                err,
                "{bin}: error: the following arguments are required: command"
            );
            exit::USAGE
        }
        Some(Ok(())) => exit::SUCCESS,
        Some(Err(e)) => {
            let _ = writeln!(err, "{}", e.render(bin));
            e.exit_code()
        }
    }
}
