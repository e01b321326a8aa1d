fn main() -> std::process::ExitCode {
    tandem_hub::cli::main()
}
