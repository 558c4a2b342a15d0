use std::process::ExitCode;

fn main() -> ExitCode {
    shenyang_partners::cli::main()
}
