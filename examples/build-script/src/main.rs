//! `create-order`, the command line build.rs generated from `pages/create-order.txt`: it builds
//! an `Order` from its options, checks it, and prints the request.

fn main() -> std::process::ExitCode {
    let code = build_script_example::orders::cli::run(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    std::process::ExitCode::from(code)
}
