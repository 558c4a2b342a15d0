use std::process::ExitCode;

// Loading a large dataset makes millions of small allocations; mimalloc is
// several times faster at that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    shenyang_partners::cli::main()
}
