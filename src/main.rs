use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    carebook::cli::run(carebook::cli::Cli::parse())
}
